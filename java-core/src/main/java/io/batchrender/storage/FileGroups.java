package io.batchrender.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Asset projects are the "file groups" of the Azure Batch CLI extensions: one Storage container
 * per project, named by their rule so that projects made by other Batch tools (the Batch plug-in
 * for Maya, Batch Explorer, {@code az batch file upload}) are the same containers.
 */
public final class FileGroups {

    /** Every file-group container starts with this. */
    public static final String PREFIX = "fgrp-";
    /** The longest project part of a container name (63 minus the prefix). */
    static final int MAX_NAME = 58;
    private static final Pattern VALID = Pattern.compile("^[a-z0-9][-a-z0-9]*$");
    private static final Pattern RUNS = Pattern.compile("[_-]+");

    private FileGroups() {
    }

    /**
     * The container of an asset project: {@code fgrp-} + the name lower-cased, runs of {@code _}
     * and {@code -} made one {@code -}, a trailing {@code -} dropped; when that changed the name or
     * it is longer than 58 characters, {@code -<sha1 of the lower-cased name>} is appended (after
     * only the first 15 characters when the whole would still be too long).
     *
     * @throws IllegalArgumentException when the name holds anything but letters, digits, {@code _} and {@code -}
     */
    public static String containerName(String projectName) {
        String lower = projectName.toLowerCase(Locale.ROOT);
        String clean = RUNS.matcher(lower).replaceAll("-");
        while (clean.endsWith("-")) {
            clean = clean.substring(0, clean.length() - 1);
        }
        if (!VALID.matcher(clean).matches()) {
            throw new IllegalArgumentException("project name '" + projectName + "' may only hold letters, digits, '_' and '-'"
                    + " and must start with a letter or digit");
        }
        if (clean.equals(lower) && lower.length() <= MAX_NAME) {
            return PREFIX + lower;
        }
        String hash = sha1Hex(lower);
        String name = clean + "-" + hash;
        if (name.length() > MAX_NAME) {
            name = clean.substring(0, Math.min(15, clean.length())) + "-" + hash;
        }
        return PREFIX + name;
    }

    /** The project part of a file-group container ({@code fgrp-shot010} → {@code shot010}), if it is one. */
    public static Optional<String> projectOf(String container) {
        return container.startsWith(PREFIX) && container.length() > PREFIX.length()
                ? Optional.of(container.substring(PREFIX.length())) : Optional.empty();
    }

    private static String sha1Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
