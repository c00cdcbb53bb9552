package io.batchrender.scene.maya;

import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The text encoding of a Maya ASCII file, named by its {@code //Codeset:} header line.
 *
 * <p>Maya writes the code page of the machine that saved the scene: {@code UTF-8}, or a Windows code page
 * number ({@code 1252}, {@code 936}, {@code 1251}, {@code 932}, ...). A name we do not know, or a file without
 * the line, is read as UTF-8; bytes that do not decode become U+FFFD rather than an error.
 */
final class MayaCodeset {

    private static final Map<String, String> CODE_PAGES = Map.ofEntries(
            Map.entry("1250", "windows-1250"),
            Map.entry("1251", "windows-1251"),
            Map.entry("1252", "windows-1252"),
            Map.entry("1253", "windows-1253"),
            Map.entry("1254", "windows-1254"),
            Map.entry("1255", "windows-1255"),
            Map.entry("1256", "windows-1256"),
            Map.entry("1257", "windows-1257"),
            Map.entry("1258", "windows-1258"),
            Map.entry("874", "x-windows-874"),
            Map.entry("932", "Shift_JIS"),
            Map.entry("936", "GBK"),
            Map.entry("949", "x-windows-949"),
            Map.entry("950", "Big5"),
            Map.entry("65001", "UTF-8"));

    private MayaCodeset() {
    }

    /** The {@code //Codeset:} value among the header comment lines at the start of {@code head}, if any. */
    static Optional<String> find(byte[] head, int length) {
        int start = 0;
        while (start + 1 < length && head[start] == '/' && head[start + 1] == '/') {
            int end = start;
            while (end < length && head[end] != '\n') {
                end++;
            }
            String line = new String(head, start, end - start, StandardCharsets.ISO_8859_1).trim();
            if (line.regionMatches(true, 0, "//Codeset:", 0, 10)) {
                return Optional.of(line.substring(10).trim());
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    /** The charset for a {@code //Codeset:} value; UTF-8 for one we do not know. */
    static Charset charset(String codeset) {
        String name = codeset.trim();
        String mapped = CODE_PAGES.get(name);
        if (mapped == null && name.toLowerCase(Locale.ROOT).matches("(cp|windows-?)\\d+")) {
            mapped = CODE_PAGES.get(name.replaceAll("\\D", ""));
        }
        try {
            Charset cs = Charset.forName(mapped != null ? mapped : name);
            // A Linux Maya in the C locale writes "ANSI_X3.4-1968" yet stores whatever bytes the names have:
            // UTF-8 reads the same ASCII and keeps the rest.
            return cs.equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : cs;
        } catch (IllegalCharsetNameException | java.nio.charset.UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** A decoder that replaces what it cannot decode instead of failing. */
    static CharsetDecoder decoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }
}
