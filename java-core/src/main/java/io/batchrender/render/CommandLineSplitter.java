package io.batchrender.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command typed as one string into arguments the way a POSIX shell splits words
 * (single quotes, double quotes, backslash), and does nothing else a shell does: no variables,
 * no globbing, no pipes. The result is run as an argument list, never through a shell.
 */
public final class CommandLineSplitter {

    private CommandLineSplitter() {
    }

    public static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                    cur.append(line.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    args.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\') {
                    if (i + 1 == line.length()) {
                        throw new RenderSetupException("The command ends with a lone backslash: remove it or quote it.");
                    }
                    char next = line.charAt(++i);
                    if (next != '\n') { // backslash-newline continues the line, as in a shell
                        cur.append(next);
                    } else if (cur.length() == 0) {
                        inWord = false;
                    }
                } else {
                    cur.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new RenderSetupException("The command has an unclosed " + (quote == '"' ? "double" : "single")
                    + " quote: close it or remove it.");
        }
        if (inWord) {
            args.add(cur.toString());
        }
        return args;
    }
}
