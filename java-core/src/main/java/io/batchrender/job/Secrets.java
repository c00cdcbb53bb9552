package io.batchrender.job;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** What never leaves this machine in a message or a preview: SAS tokens in URLs, secret-looking variables. */
public final class Secrets {

    public static final String MASK = "***";
    private static final Pattern SECRET_NAME = Pattern.compile(".*(KEY|SECRET|TOKEN|PASSWORD|PASSWD|SAS|CREDENTIAL|CONNECTION_STRING).*");
    private static final Pattern SAS_SIGNATURE = Pattern.compile("([?&]sig=)[^&\\s\"']+", Pattern.CASE_INSENSITIVE);

    private Secrets() {
    }

    /** The URL without its query, where a SAS lives. */
    public static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** {@code text} with every SAS signature ({@code sig=...}) replaced by {@link #MASK}. */
    public static String maskSignatures(String text) {
        return SAS_SIGNATURE.matcher(text).replaceAll("$1" + MASK);
    }

    /** True for a variable whose name says it holds a secret ({@code AZURE_STORAGE_KEY}, {@code ..._TOKEN}). */
    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name.toUpperCase(Locale.ROOT)).matches();
    }

    /** The environment with secret variables' values masked and SAS signatures cut, in the same order. */
    public static Map<String, String> masked(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> out.put(k, isSecretName(k) ? MASK : maskSignatures(v)));
        return out;
    }
}
