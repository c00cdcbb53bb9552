package io.batchrender.farm.local;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/** Job ids people can read and Azure Batch accepts: {@code name-20261127-143015-3fa2} (letters, digits, hyphens, at most 64). */
final class JobIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private JobIds() {
    }

    static String next(String name, Instant now) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        byte[] b = new byte[2];
        RANDOM.nextBytes(b);
        return (slug.isEmpty() ? "job" : slug) + "-" + STAMP.format(now) + "-" + HexFormat.of().formatHex(b);
    }
}
