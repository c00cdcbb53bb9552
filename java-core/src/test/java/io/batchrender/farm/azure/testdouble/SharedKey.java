package io.batchrender.farm.azure.testdouble;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Batch service's SharedKey scheme, as the service checks it: the string to sign built from
 * the verb, the standard headers, every {@code ocp-*} header and the canonicalized resource, signed
 * with HMAC-SHA256 under the Base64-decoded account key.
 */
public final class SharedKey {

    private static final List<String> STANDARD = List.of("Content-Encoding", "Content-Language", "Content-Length",
            "Content-MD5", "Content-Type", "Date", "If-Modified-Since", "If-Match", "If-None-Match",
            "If-Unmodified-Since", "Range");

    private SharedKey() {
    }

    /**
     * The string to sign.
     *
     * @param method   the HTTP verb
     * @param rawPath  the request path, still percent-encoded, without the query
     * @param rawQuery the query, still percent-encoded (may be null)
     * @param header   a header's value by name, case-insensitive; null when absent
     * @param headerNames every header name the request carries
     */
    public static String stringToSign(String account, String method, String rawPath, String rawQuery,
                                      Function<String, String> header, Iterable<String> headerNames) {
        StringBuilder sb = new StringBuilder(method).append('\n');
        for (String h : STANDARD) {
            String v = header.apply(h);
            sb.append(v == null ? "" : v).append('\n');
        }
        TreeMap<String, String> ocp = new TreeMap<>();
        for (String name : headerNames) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("ocp-")) {
                ocp.put(lower, header.apply(name));
            }
        }
        ocp.forEach((k, v) -> sb.append(k).append(':').append(v).append('\n'));
        sb.append('/').append(account).append(decode(rawPath));
        TreeMap<String, List<String>> params = new TreeMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            sb.append('\n').append(e.getKey()).append(':').append(String.join(",", e.getValue()));
        }
        return sb.toString();
    }

    /** The Base64 HMAC-SHA256 of {@code stringToSign} under the Base64 {@code key}. */
    public static String sign(String key, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code authorization} is {@code SharedKey account:signature} with the right signature. */
    public static boolean verify(String account, String key, String authorization, String stringToSign) {
        if (authorization == null || !authorization.startsWith("SharedKey ")) {
            return false;
        }
        String expected = "SharedKey " + account + ":" + sign(key, stringToSign);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                authorization.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
