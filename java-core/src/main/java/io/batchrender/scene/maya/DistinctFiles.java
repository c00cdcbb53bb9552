package io.batchrender.scene.maya;

import io.batchrender.assets.AssetReference;
import io.batchrender.assets.TilingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The file references of a scene, one per distinct file: the path as written with what resolving it depends on
 * (node type, tiling mode, frame sequence), how many nodes name it and the first {@link #NAMES_KEPT} of them.
 *
 * <p>Memory follows the number of distinct files, not of nodes, and stays small per file: paths and names are
 * kept as UTF-8 bytes in blocks of {@value #BLOCK} bytes (no copy of everything when it grows), the rest in int
 * arrays, in first-seen order. 200,000 distinct paths of about 60 characters take about 25 MB.
 */
public final class DistinctFiles {

    /** How many node names each file keeps (the count is exact whatever it is). */
    public static final int NAMES_KEPT = 5;

    private static final int BLOCK = 1 << 20;

    /** One distinct file: the reference (named after the first node that names it), the node count and names. */
    public record DistinctFile(AssetReference ref, int nodeCount, List<String> firstNodes) {
        public DistinctFile {
            firstNodes = List.copyOf(firstNodes);
        }
    }

    // the node types and attributes seen: few distinct values, kept once
    private final List<String> types = new ArrayList<>();
    private final Map<String, Integer> typeIds = new HashMap<>();
    private final List<String> attributes = new ArrayList<>();
    private final Map<String, Integer> attributeIds = new HashMap<>();

    // the byte blocks: a string is at a global offset (block * BLOCK + index), never split across blocks
    private final List<byte[]> blocks = new ArrayList<>();
    private int used = BLOCK;

    // per group
    private int size;
    private long[] pathAt = new long[64];      // offset << 16 | length of the path bytes
    private int[] meta = new int[64];          // type id << 16 | attribute id << 4 | tiling << 1 | frame sequence
    private int[] hashes = new int[64];
    private int[] counts = new int[64];
    private int[] firstName = new int[64];     // index into the name records
    private int[] lastName = new int[64];
    // the hash table: group index + 1, 0 = empty; open addressing, linear probing, at most half full
    private int[] table = new int[128];

    // name records (at most NAMES_KEPT per group)
    private int names;
    private long[] nameAt = new long[64];
    private int[] nextName = new int[64];

    /** Adds one node's reference to a file. Paths or names longer than 64 KiB bytes are cut there. */
    public void add(String node, String nodeType, String attribute, String path, TilingMode tiling,
            boolean frameSequence) {
        byte[] pathBytes = path.getBytes(StandardCharsets.UTF_8);
        int m = (id(types, typeIds, nodeType) << 16) | (id(attributes, attributeIds, attribute) << 4)
                | (tiling.ordinal() << 1) | (frameSequence ? 1 : 0);
        int hash = 31 * Arrays.hashCode(pathBytes) + m;
        int mask = table.length - 1;
        int slot = mix(hash) & mask;
        while (table[slot] != 0) {
            int g = table[slot] - 1;
            if (hashes[g] == hash && meta[g] == m && equalsAt(pathAt[g], pathBytes)) {
                counts[g]++;
                if (counts[g] <= NAMES_KEPT) {
                    int rec = addName(node);
                    nextName[lastName[g]] = rec;
                    lastName[g] = rec;
                }
                return;
            }
            slot = (slot + 1) & mask;
        }
        int g = size++;
        if (g == hashes.length) {
            int n = g * 2;
            pathAt = Arrays.copyOf(pathAt, n);
            meta = Arrays.copyOf(meta, n);
            hashes = Arrays.copyOf(hashes, n);
            counts = Arrays.copyOf(counts, n);
            firstName = Arrays.copyOf(firstName, n);
            lastName = Arrays.copyOf(lastName, n);
        }
        pathAt[g] = store(pathBytes);
        meta[g] = m;
        hashes[g] = hash;
        counts[g] = 1;
        int rec = addName(node);
        firstName[g] = rec;
        lastName[g] = rec;
        table[slot] = g + 1;
        if (size * 2 > table.length) {
            rehash();
        }
    }

    /** How many distinct files. */
    public int size() {
        return size;
    }

    /** The i-th distinct file, in the order the scene first names them. */
    public DistinctFile get(int i) {
        List<String> nodes = new ArrayList<>();
        for (int r = firstName[i]; r >= 0; r = nextName[r]) {
            nodes.add(string(nameAt[r]));
        }
        int m = meta[i];
        AssetReference ref = new AssetReference(nodes.get(0), types.get(m >>> 16), attributes.get((m >>> 4) & 0xFFF),
                string(pathAt[i]), TilingMode.values()[(m >>> 1) & 7], (m & 1) == 1);
        return new DistinctFile(ref, counts[i], nodes);
    }

    private int addName(String node) {
        int r = names++;
        if (r == nameAt.length) {
            nameAt = Arrays.copyOf(nameAt, r * 2);
            nextName = Arrays.copyOf(nextName, r * 2);
        }
        nameAt[r] = store(node.getBytes(StandardCharsets.UTF_8));
        nextName[r] = -1;
        return r;
    }

    private static int id(List<String> values, Map<String, Integer> ids, String value) {
        Integer id = ids.get(value);
        if (id == null) {
            if (values.size() == 0xFFF) {
                throw new IllegalStateException("more than 4095 distinct node types or attributes naming files");
            }
            id = values.size();
            values.add(value);
            ids.put(value, id);
        }
        return id;
    }

    private long store(byte[] bytes) {
        int length = Math.min(bytes.length, 0xFFFF);
        if (used + length > BLOCK) {
            blocks.add(new byte[BLOCK]);
            used = 0;
        }
        System.arraycopy(bytes, 0, blocks.get(blocks.size() - 1), used, length);
        long offset = (long) (blocks.size() - 1) * BLOCK + used;
        used += length;
        return offset << 16 | length;
    }

    private boolean equalsAt(long at, byte[] bytes) {
        int length = (int) (at & 0xFFFF);
        if (length != Math.min(bytes.length, 0xFFFF)) {
            return false;
        }
        long offset = at >>> 16;
        byte[] block = blocks.get((int) (offset / BLOCK));
        int from = (int) (offset % BLOCK);
        return Arrays.equals(block, from, from + length, bytes, 0, length);
    }

    private String string(long at) {
        long offset = at >>> 16;
        return new String(blocks.get((int) (offset / BLOCK)), (int) (offset % BLOCK), (int) (at & 0xFFFF),
                StandardCharsets.UTF_8);
    }

    private void rehash() {
        int[] bigger = new int[table.length * 2];
        int mask = bigger.length - 1;
        for (int g = 0; g < size; g++) {
            int slot = mix(hashes[g]) & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = g + 1;
        }
        table = bigger;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
