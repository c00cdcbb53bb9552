package io.batchrender.farm.azure;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/** Job ids Batch accepts (letters, digits, - and _, at most 64) that say what the job is and when it came. */
final class AzureJobIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private AzureJobIds() {
    }

    static String next(String name) {
        String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        if (clean.isEmpty()) {
            clean = "job";
        }
        if (clean.length() > 40) {
            clean = clean.substring(0, 40);
        }
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        return clean + "-" + STAMP.format(Instant.now()) + "-" + HexFormat.of().formatHex(b);
    }
}
