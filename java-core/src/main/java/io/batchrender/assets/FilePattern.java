package io.batchrender.assets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file name that may stand for several files: UDIM and UV-tile tokens, frame tokens, or a
 * literal name that the {@code file} node's tiling mode or frame extension turns into a sequence.
 * Matching is against the names in one folder, with every literal part quoted.
 *
 * <p>Tokens: {@code <UDIM>} (1001 and up), {@code <UVTILE>} ({@code u1_v1}, 1-based),
 * {@code <U>}/{@code <V>} (0-based, as in {@code u<U>_v<V>}), {@code <tile>} (Mudbox
 * {@code _u1_v1}), {@code <f>}/{@code <frame>} (a frame of any padding), {@code <f4>},
 * {@code ####} (padding = count of {@code #}), {@code $F4}, {@code $(F4)}, {@code %04d}, and
 * {@code *} (any text). Arnold's per-shape tokens {@code <attr:NAME>}, {@code <shapeName>} and
 * {@code <shapePath>} match any text (the files every shape could name), {@code <utile>}/{@code <vtile>}
 * a 0-based tile. Angle tokens are case-blind. A padded frame has at least that many digits.
 */
public final class FilePattern {

    private static final Pattern TOKEN = Pattern.compile(
            "(?i:<udim>)|(?i:<uvtile>)|(?i:<tile>)|(?i:<[uv]>)|(?i:<[uv]tile>)|(?i:<attr:[^<>]+>)|(?i:<shape(?:name|path)>)"
            + "|(?i:<f(?:rame)?>)|(?i:<f(\\d+)>)"
            + "|\\$\\(F(\\d*)\\)|\\$F(\\d*)(?![A-Za-z_])|%0*(\\d*)d|(#+)|\\*");
    private static final Pattern TILE_TOKEN = Pattern.compile("(?i)<(?:udim|uvtile|tile|u|v)>");
    private static final Pattern UV_SUFFIX = Pattern.compile("_u\\d+_v\\d+");
    private static final Pattern UDIM_NUMBER = Pattern.compile("(?<!\\d)(?:1(?!000)\\d{3}|[2-9]\\d{3})(?!\\d)");
    private static final Pattern FRAME_NUMBER = Pattern.compile("^(.*?)(\\d+)(\\.[A-Za-z][A-Za-z0-9]*)?$");

    private final String text;
    private final Pattern regex;
    private final Pattern regexIgnoringCase;
    private final boolean isPattern;
    private final String literalPrefix;

    private FilePattern(String text) {
        this.text = text;
        StringBuilder re = new StringBuilder();
        Matcher m = TOKEN.matcher(text);
        int last = 0;
        String prefix = null;
        while (m.find()) {
            if (prefix == null) {
                prefix = text.substring(0, m.start());
            }
            re.append(quote(text.substring(last, m.start()))).append(tokenRegex(m));
            last = m.end();
        }
        re.append(quote(text.substring(last)));
        this.regex = Pattern.compile(re.toString());
        this.regexIgnoringCase = Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.isPattern = prefix != null;
        this.literalPrefix = prefix == null ? text : prefix;
    }

    /** A file name as written, tokens and all. */
    public static FilePattern of(String fileName) {
        return new FilePattern(fileName);
    }

    /**
     * The files a {@code file} node's name stands for: with {@code frameSequence}
     * ({@code useFrameExtension}) the frame number before the extension becomes {@code <f>};
     * with a tiling mode the tile in a plain name ({@code _u0_v0}, {@code _u1_v1}, {@code 1001})
     * becomes its token. Names that already hold tokens, or hold no number to replace, stay as written.
     */
    public static FilePattern forReference(String fileName, TilingMode tiling, boolean frameSequence) {
        String name = fileName;
        if (frameSequence && !hasFrameToken(name)) {
            Matcher m = FRAME_NUMBER.matcher(name);
            if (m.matches()) {
                name = m.group(1) + "<f>" + (m.group(3) == null ? "" : m.group(3));
            }
        }
        if (!TILE_TOKEN.matcher(name).find()) {
            name = switch (tiling) {
                case ZBRUSH -> replaceLast(name, UV_SUFFIX, "_u<U>_v<V>");
                case MUDBOX -> replaceLast(name, UV_SUFFIX, "<tile>");
                case UDIM -> replaceLast(name, UDIM_NUMBER, "<UDIM>");
                case OFF, EXPLICIT -> name;
            };
        }
        return new FilePattern(name);
    }

    /** The pattern text, e.g. {@code UdimTest_<UDIM>_color.png}. */
    public String text() {
        return text;
    }

    /** True when the name holds a token, so it stands for any number of files (even none). */
    public boolean isPattern() {
        return isPattern;
    }

    /** The text before the first token: every match starts with it. */
    public String literalPrefix() {
        return literalPrefix;
    }

    public boolean matches(String fileName) {
        return regex.matcher(fileName).matches();
    }

    /** True when the name matches but for upper and lower case (a scene saved on Windows or macOS). */
    public boolean matchesIgnoringCase(String fileName) {
        return regexIgnoringCase.matcher(fileName).matches();
    }

    /** The names that match, in sequence order ({@link NaturalOrder}). */
    public List<String> select(Collection<String> fileNames) {
        List<String> out = new ArrayList<>();
        for (String name : fileNames) {
            if (matches(name)) {
                out.add(name);
            }
        }
        out.sort(NaturalOrder.INSTANCE);
        return out;
    }

    @Override
    public String toString() {
        return text;
    }

    private static String tokenRegex(Matcher m) {
        String token = m.group().toLowerCase(Locale.ROOT);
        if (token.equals("<udim>")) {
            return "(?:1(?!000)\\d{3}|[2-9]\\d{3})";
        } else if (token.equals("<uvtile>")) {
            return "u[1-9]\\d*_v[1-9]\\d*";
        } else if (token.equals("<tile>")) {
            return "_u[1-9]\\d*_v[1-9]\\d*";
        } else if (token.equals("<u>") || token.equals("<v>")) {
            return "(?:0|[1-9]\\d*)";
        } else if (token.equals("<utile>") || token.equals("<vtile>")) {
            return "(?:0|[1-9]\\d*)";
        } else if (token.startsWith("<attr:") || token.equals("<shapename>") || token.equals("<shapepath>")) {
            return ".+"; // Arnold fills these per shape at render time: every file they could name travels
        } else if (token.equals("<f>") || token.equals("<frame>")) {
            return "-?\\d+";
        } else if (token.equals("*")) {
            return ".*";
        }
        for (int g = 1; g <= 5; g++) {
            if (m.group(g) != null) {
                return padded(g == 5 ? m.group(g).length() : m.group(g).isEmpty() ? 1 : Integer.parseInt(m.group(g)));
            }
        }
        throw new IllegalStateException("unhandled token " + m.group());
    }

    /** A frame number printed with at least {@code width} digits. */
    private static String padded(int width) {
        if (width <= 1) {
            return "-?\\d+";
        }
        return "-?(?:\\d{" + width + "}|[1-9]\\d{" + width + ",})";
    }

    private static boolean hasFrameToken(String name) {
        Matcher m = TOKEN.matcher(name);
        while (m.find()) {
            String t = m.group().toLowerCase(Locale.ROOT);
            if (!TILE_TOKEN.matcher(t).matches() && !t.equals("*")) {
                return true;
            }
        }
        return false;
    }

    private static String replaceLast(String name, Pattern what, String token) {
        Matcher m = what.matcher(name);
        int start = -1;
        int end = -1;
        while (m.find()) {
            start = m.start();
            end = m.end();
        }
        return start < 0 ? name : name.substring(0, start) + token + name.substring(end);
    }

    private static String quote(String literal) {
        return literal.isEmpty() ? "" : Pattern.quote(literal);
    }
}
