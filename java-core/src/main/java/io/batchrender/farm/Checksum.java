package io.batchrender.farm;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * A file's checksum as the farm knows it: {@code SHA-256} (the local farm) or {@code MD5} (Azure
 * Blob Storage's {@code Content-MD5}), lower-case hex.
 */
public record Checksum(String algorithm, String hex) {

    public static final String SHA256 = "SHA-256";
    public static final String MD5 = "MD5";
    private static final Set<String> KNOWN = Set.of(SHA256, MD5);

    public Checksum {
        if (!KNOWN.contains(algorithm)) {
            throw new IllegalArgumentException("unknown checksum algorithm " + algorithm);
        }
        hex = hex.toLowerCase(Locale.ROOT);
        HexFormat.of().parseHex(hex); // refuses anything that is not hex
    }

    public static Checksum sha256(byte[] digest) {
        return new Checksum(SHA256, HexFormat.of().formatHex(digest));
    }

    /** Guava's hash function for this checksum's algorithm. */
    public HashFunction hashFunction() {
        return hashFunction(algorithm);
    }

    /** True when {@code digest} (of this algorithm) is this checksum. */
    public boolean matches(byte[] digest) {
        return hex.equals(HexFormat.of().formatHex(digest));
    }

    /** Guava's hash function for {@link #SHA256} or {@link #MD5}. */
    @SuppressWarnings("deprecation") // MD5 because Blob Storage's Content-MD5 is MD5; it proves integrity, not trust
    public static HashFunction hashFunction(String algorithm) {
        return switch (algorithm) {
            case SHA256 -> Hashing.sha256();
            case MD5 -> Hashing.md5();
            default -> throw new IllegalArgumentException("unknown checksum algorithm " + algorithm);
        };
    }
}
