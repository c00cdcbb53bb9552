package io.batchrender.scene.maya;

import io.batchrender.scene.maya.MelToken.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Groups tokens into statements that end at the first {@code ;} outside a string.
 *
 * <p>Only statements whose command {@code commands} accepts are kept; the others ({@code relationship},
 * {@code addAttr}, {@code rename}, ...) are scanned to their {@code ;} without keeping any text, so they cost
 * no memory however long they are. A kept statement may hold at most {@code limit} characters (each token
 * also counts {@link ReadLimit#TOKEN_OVERHEAD}); beyond that the reader stops with a clear error.
 */
final class MelStatementReader {

    private final MelTokens tokens;
    private final Predicate<String> commands;
    private final long limit;

    MelStatementReader(MelTokens tokens, Predicate<String> commands, long limit) {
        this.tokens = tokens;
        this.commands = commands;
        this.limit = limit;
    }

    /** The next kept statement, or null at the end of the file. */
    MelStatement next() throws IOException {
        while (true) {
            MelToken first = tokens.next(true);
            if (first == null) {
                return null;
            }
            if (first.kind() == Kind.SEMICOLON) {
                continue;
            }
            if (first.kind() == Kind.WORD && commands.test(first.text())) {
                return new MelStatement(first.text(), arguments(), first.line());
            }
            skipToEnd();
        }
    }

    private void skipToEnd() throws IOException {
        MelToken t;
        while ((t = tokens.next(false)) != null) {
            if (t.kind() == Kind.SEMICOLON) {
                return;
            }
        }
        throw tokens.truncated();
    }

    private List<MelToken> arguments() throws IOException {
        List<MelToken> args = new ArrayList<>();
        long used = 0;
        StringBuilder joined = null; // inside ( "a" + "b" )
        int joinedLine = 0;
        boolean joinedAny = false;
        MelToken t;
        while ((t = tokens.next(true)) != null) {
            used += t.text().length() + ReadLimit.TOKEN_OVERHEAD;
            if (used > limit) {
                throw tokens.tooLong(limit);
            }
            if (t.kind() == Kind.SEMICOLON) {
                if (joined != null && joinedAny) { // an unclosed ( "a" + "b": keep what it joined
                    args.add(new MelToken(Kind.STRING, joined.toString(), joinedLine));
                }
                return args;
            }
            if (joined == null) {
                if (t.kind() == Kind.OPEN) {
                    joined = new StringBuilder();
                    joinedLine = t.line();
                    joinedAny = false;
                } else {
                    args.add(t);
                }
            } else if (t.kind() == Kind.STRING) {
                joined.append(t.text());
                joinedAny = true;
            } else if (t.kind() == Kind.CLOSE) {
                if (joinedAny) {
                    args.add(new MelToken(Kind.STRING, joined.toString(), joinedLine));
                }
                joined = null;
            } else if (!t.isWord("+")) {
                args.add(t); // not a string concatenation after all: keep what is there
            }
        }
        throw tokens.truncated();
    }
}
