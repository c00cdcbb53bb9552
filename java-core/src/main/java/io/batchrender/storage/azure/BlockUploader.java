package io.batchrender.storage.azure;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.models.Block;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobStageBlockOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.Md5;
import io.batchrender.storage.StorageException;
import io.batchrender.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;

/**
 * Uploads a large file as parallel blocks. Each block is sent with its own MD5 (the service
 * refuses a block whose bytes do not match) and named after its index and that MD5, so an upload
 * that was interrupted resumes by skipping the blocks the service already holds uncommitted.
 * The committed blob carries the whole file's MD5. Blocks read ahead count against the store's
 * {@link MemoryBudget}.
 */
final class BlockUploader {

    private final ExecutorService blockPool;
    private final int blockSize;
    private final MemoryBudget memory;

    BlockUploader(ExecutorService blockPool, int blockSize, MemoryBudget memory) {
        this.blockPool = blockPool;
        this.blockSize = blockSize;
        this.memory = memory;
    }

    /** Sends the blocks, commits them, and returns the whole file's MD5 (checked against {@code contentMd5} when given). */
    String upload(BlockBlobClient blob, Path file, long size, String contentMd5, LongConsumer progress, Cancellation cancel) {
        // which blocks an interrupted upload left staged: asked while the first blocks are read and hashed, so its
        // round trip (and, for a new blob, the service's "not found") does not delay the first block
        CompletableFuture<Set<String>> staged = CompletableFuture.supplyAsync(() -> uncommittedBlocks(blob), blockPool);
        int blocks = (int) ((size + blockSize - 1) / blockSize);
        List<CompletableFuture<String>> ids = new ArrayList<>(blocks);
        try {
            return send(blob, file, size, contentMd5, progress, cancel, staged, blocks, ids);
        } catch (RuntimeException e) {
            settle(ids); // a cancelled or failed upload returns only when none of its blocks is still on the wire
            throw e;
        }
    }

    private String send(BlockBlobClient blob, Path file, long size, String contentMd5, LongConsumer progress,
            Cancellation cancel, CompletableFuture<Set<String>> staged, int blocks, List<CompletableFuture<String>> ids) {
        MessageDigest[] whole = {Md5.digest()};
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int i = 0; i < blocks; i++) {
                cancel.check();
                long offset = (long) i * blockSize;
                int length = (int) Math.min(blockSize, size - offset);
                MemoryBudget.Held held = memory.hold(length, cancel);
                byte[] bytes;
                try {
                    bytes = new byte[length];
                    ByteBuffer buf = ByteBuffer.wrap(bytes);
                    while (buf.hasRemaining()) {
                        if (ch.read(buf, offset + buf.position()) < 0) {
                            throw new StorageException(Kind.INTEGRITY, file + " became shorter during the upload");
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    held.close();
                    throw e;
                }
                int index = i;
                // the block's own MD5 is computed on the block thread, beside the next block's read
                ids.add(submit(held, () -> {
                    try (held) {
                        cancel.check();
                        byte[] md5 = Md5.digest().digest(bytes);
                        String id = Base64.getEncoder().encodeToString(
                                String.format("%08d-%s", index, HexFormat.of().formatHex(md5)).getBytes(StandardCharsets.US_ASCII));
                        if (!staged.join().contains(id)) {
                            blob.stageBlockWithResponse(new BlockBlobStageBlockOptions(id, BinaryData.fromBytes(bytes))
                                    .setContentMd5(md5), null, Context.NONE);
                        }
                        progress.accept(length);
                        return id;
                    }
                }));
                // the whole file's MD5 once the block is on its way, not before
                whole[0].update(bytes);
                // keep at most a few blocks read ahead per file, so memory stays bounded
                waitWhileMoreThan(ids, 4);
            }
        } catch (IOException e) {
            throw new StorageException(Kind.OTHER, "cannot read " + file + ": " + e.getMessage(), e);
        }
        String sentMd5 = Base64.getEncoder().encodeToString(whole[0].digest());
        if (contentMd5 != null && !sentMd5.equals(contentMd5)) {
            throw new StorageException(Kind.INTEGRITY, file + " changed since it was hashed");
        }
        List<String> order = new ArrayList<>(blocks);
        for (CompletableFuture<String> f : ids) {
            order.add(join(f));
        }
        cancel.check();
        blob.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(order)
                .setHeaders(new BlobHttpHeaders().setContentMd5(Md5.decode(sentMd5))), null, Context.NONE);
        return sentMd5;
    }

    /** Runs a block's upload on the block pool; its memory is given back if the pool refuses it. */
    private CompletableFuture<String> submit(MemoryBudget.Held held, java.util.function.Supplier<String> block) {
        try {
            return CompletableFuture.supplyAsync(block, blockPool);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /** Waits for every started block, whatever its outcome. */
    private static void settle(List<CompletableFuture<String>> ids) {
        for (CompletableFuture<String> f : ids) {
            try {
                f.join();
            } catch (RuntimeException ignored) {
                // its failure, or the cancellation, is already what the caller reports
            }
        }
    }

    private static Set<String> uncommittedBlocks(BlockBlobClient blob) {
        try {
            Set<String> out = new HashSet<>();
            for (Block b : blob.listBlocks(BlockListType.UNCOMMITTED).getUncommittedBlocks()) {
                out.add(b.getName());
            }
            return out;
        } catch (RuntimeException noBlobYet) {
            return Set.of();
        }
    }

    private static void waitWhileMoreThan(List<CompletableFuture<String>> ids, int inFlight) {
        long pending = ids.stream().filter(f -> !f.isDone()).count();
        for (CompletableFuture<String> f : ids) {
            if (pending <= inFlight) {
                return;
            }
            if (!f.isDone()) {
                join(f);
                pending--;
            }
        }
    }

    private static String join(CompletableFuture<String> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(Kind.CANCELLED, "cancelled");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new StorageException(Kind.OTHER, "block upload failed: " + e.getCause(), e.getCause());
        }
    }
}
