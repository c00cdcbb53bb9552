package io.batchrender.assets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands environment variables in a path from a given environment (never the process's own, so
 * a scan is reproducible): {@code $VAR}, {@code ${VAR}}, {@code %VAR%} (looked up case-blind as on
 * Windows when the exact name is absent), {@code <VAR>} unless it is a file token such as
 * {@code <UDIM>} or {@code <f>}, and a leading {@code ~} (from {@code HOME}). Frame tokens
 * {@code $F}, {@code $F4} and {@code $(F4)} are left alone. An unknown variable stays in place and
 * is reported. One pass: a value is not expanded again.
 */
public final class EnvExpander {

    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\{([A-Za-z_][A-Za-z0-9_]*)}"
            + "|\\$([A-Za-z_][A-Za-z0-9_]*)"
            + "|%([A-Za-z_][A-Za-z0-9_]*)%"
            + "|<([A-Za-z_][A-Za-z0-9_]*)>");
    private static final Pattern FRAME_VARIABLE = Pattern.compile("F\\d*");
    private static final Set<String> FILE_TOKENS = Set.of("udim", "uvtile", "tile", "u", "v", "f", "frame",
            "utile", "vtile", "shapename", "shapepath");
    private static final Pattern PADDED_FRAME_TOKEN = Pattern.compile("f\\d+", Pattern.CASE_INSENSITIVE);

    private final Map<String, String> env;

    public EnvExpander(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The text with every known variable replaced, and the unknown ones as written. */
    public record Expansion(String value, List<String> unknown) {
        public Expansion {
            unknown = List.copyOf(unknown);
        }
    }

    public Expansion expand(String text) {
        List<String> unknown = new ArrayList<>();
        String s = expandHome(text, unknown);
        Matcher m = VARIABLE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group();
            String value = valueOf(m);
            if (value == null) {
                if (!isFileToken(m)) {
                    unknown.add(token);
                }
                value = token;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new Expansion(out.toString(), unknown);
    }

    private String valueOf(Matcher m) {
        if (m.group(1) != null) {
            return env.get(m.group(1));
        }
        if (m.group(2) != null) {
            return FRAME_VARIABLE.matcher(m.group(2)).matches() ? null : env.get(m.group(2));
        }
        if (m.group(3) != null) {
            return lookupIgnoringCase(m.group(3));
        }
        return isFileToken(m) ? null : env.get(m.group(4));
    }

    private static boolean isFileToken(Matcher m) {
        if (m.group(2) != null) {
            return FRAME_VARIABLE.matcher(m.group(2)).matches();
        }
        if (m.group(4) != null) {
            String name = m.group(4);
            return FILE_TOKENS.contains(name.toLowerCase(Locale.ROOT)) || PADDED_FRAME_TOKEN.matcher(name).matches();
        }
        return false;
    }

    private String lookupIgnoringCase(String name) {
        String exact = env.get(name);
        if (exact != null) {
            return exact;
        }
        return env.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .sorted()
                .findFirst()
                .orElse(null);
    }

    private String expandHome(String text, List<String> unknown) {
        if (!text.equals("~") && !text.startsWith("~/") && !text.startsWith("~\\")) {
            return text;
        }
        String home = env.get("HOME");
        if (home == null) {
            unknown.add("~");
            return text;
        }
        return home + text.substring(1);
    }
}
