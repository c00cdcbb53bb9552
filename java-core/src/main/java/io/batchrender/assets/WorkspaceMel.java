package io.batchrender.assets;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file rules of a Maya project's {@code workspace.mel}: lines such as
 * {@code workspace -fr "sourceImages" "sourceimages";} map a rule name to a folder, relative to
 * the project root unless absolute.
 */
public final class WorkspaceMel {

    public static final String FILE_NAME = "workspace.mel";

    private static final String STRING = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern FILE_RULE = Pattern.compile(
            "(?m)^\\s*workspace\\s+-(?:fr|fileRule)\\s+" + STRING + "\\s+" + STRING + "\\s*;");

    private static final Map<String, List<String>> RULES_BY_NODE_TYPE = Map.of(
            "cachefile", List.of("fileCache"),
            "diskcache", List.of("diskCache"),
            "particle", List.of("particles"),
            "reference", List.of("scene", "mayaAscii", "mayaBinary"),
            "audio", List.of("sound", "audio"),
            "alembicnode", List.of("alembicCache", "Alembic"),
            "gpucache", List.of("alembicCache", "Alembic"));

    private WorkspaceMel() {
    }

    /** The rules in file order; a rule written twice keeps its last folder, as MEL would. */
    public static Map<String, String> parse(String mel) {
        Map<String, String> rules = new LinkedHashMap<>();
        Matcher m = FILE_RULE.matcher(mel);
        while (m.find()) {
            String name = unescape(m.group(1));
            rules.remove(name);
            rules.put(name, unescape(m.group(2)));
        }
        return ImmutableMap.copyOf(rules);
    }

    /** The rules of a {@code workspace.mel} file (text decoded as UTF-8, bad bytes replaced). */
    public static Map<String, String> read(Path workspaceMel) throws IOException {
        return parse(new String(Files.readAllBytes(workspaceMel), StandardCharsets.UTF_8));
    }

    /**
     * The rules under which Maya files a node type's files: {@code fileCache} for
     * {@code cacheFile}, {@code scene} for references, ... and {@code sourceImages} for textures
     * and any type not listed.
     */
    public static List<String> rulesFor(String nodeType) {
        return RULES_BY_NODE_TYPE.getOrDefault(nodeType.toLowerCase(Locale.ROOT), List.of("sourceImages"));
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
