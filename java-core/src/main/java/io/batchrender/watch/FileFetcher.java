package io.batchrender.watch;

import io.batchrender.storage.RateLimit;
import com.google.common.hash.HashCode;
import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import com.google.common.hash.HashingInputStream;
import com.google.common.io.MoreFiles;
import io.batchrender.farm.Checksum;
import io.batchrender.farm.OutputFile;
import io.batchrender.farm.TaskOutputs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Copies one output into the destination so that its final name only ever holds a whole,
 * verified file: bytes go to a hidden {@code .NAME.batchrender-partial} beside it, are forced to
 * disk, checked against the farm's size and checksum, then renamed over the final name.
 */
final class FileFetcher {

    /** The suffix of a file still being written; a restarted watcher removes the ones it finds. */
    static final String PARTIAL_SUFFIX = ".batchrender-partial";

    private final TaskOutputs outputs;
    private final long bytesPerSecond;

    FileFetcher(TaskOutputs outputs, long bytesPerSecond) {
        this.outputs = outputs;
        this.bytesPerSecond = bytesPerSecond;
    }

    static Path partialOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + PARTIAL_SUFFIX);
    }

    /** Fetches {@code file} of {@code jobId} to {@code target}; returns the SHA-256 of what landed. */
    String fetch(String jobId, OutputFile file, Path target) throws IOException, InterruptedException {
        Files.createDirectories(target.getParent());
        Path temp = partialOf(target);
        // the farm's checksum when it has one, and always the SHA-256 the journal keeps (the same hash when it is SHA-256)
        HashFunction farmHash = file.checksum().map(Checksum::hashFunction).orElse(Hashing.sha256());
        RateLimit limit = new RateLimit(bytesPerSecond);
        long size = 0;
        HashCode farmSum;
        HashCode shaSum;
        try {
            try (HashingInputStream farm = new HashingInputStream(farmHash, outputs.open(jobId, file));
                 HashingInputStream in = new HashingInputStream(Hashing.sha256(), farm);
                 FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(ch);
                byte[] buf = new byte[bytesPerSecond > 0 && bytesPerSecond < 65536 ? (int) Math.max(1024, bytesPerSecond / 4) : 65536];
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    size += n;
                    limit.took(n);
                }
                out.flush();
                ch.force(true);
                farmSum = farm.hash();
                shaSum = in.hash();
            }
            if (size != file.size()) {
                throw new IOException(file.name() + ": got " + size + " bytes of " + file.size());
            }
            byte[] shaDigest = shaSum.asBytes();
            if (file.checksum().isPresent()) {
                Checksum want = file.checksum().get();
                byte[] got = farmSum.asBytes();
                if (!want.matches(got)) {
                    throw new IOException(file.name() + ": " + want.algorithm() + " " + HexFormat.of().formatHex(got)
                            + " does not match the farm's " + want.hex());
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return HexFormat.of().formatHex(shaDigest);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The SHA-256 (and, when the farm's checksum is another algorithm, whether it matches) of a file on disk. */
    static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(digest(file, Checksum.SHA256));
    }

    static byte[] digest(Path file, String algorithm) throws IOException {
        return MoreFiles.asByteSource(file).hash(Checksum.hashFunction(algorithm)).asBytes();
    }
}
