package io.batchrender.storage;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** MD5 digests, in the Base64 form that {@code Content-MD5} uses. */
public final class Md5 {

    private Md5() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no MD5", e);
        }
    }

    public static String of(byte[] bytes) {
        return Base64.getEncoder().encodeToString(digest().digest(bytes));
    }

    public static String of(byte[] bytes, int offset, int length) {
        MessageDigest d = digest();
        d.update(bytes, offset, length);
        return Base64.getEncoder().encodeToString(d.digest());
    }

    /** Guava's MD5, for hashing streams. */
    @SuppressWarnings("deprecation") // MD5 because Content-MD5 is MD5; it proves integrity, not trust
    public static HashFunction function() {
        return Hashing.md5();
    }

    /** Reads the whole file. */
    public static String ofFile(Path file) throws IOException {
        return encode(MoreFiles.asByteSource(file).hash(function()).asBytes());
    }

    public static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64);
    }

    public static String encode(byte[] raw) {
        return Base64.getEncoder().encodeToString(raw);
    }
}
