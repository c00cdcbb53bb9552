package io.batchrender.scene.maya;

/**
 * One token of a MEL statement in a Maya ASCII file.
 *
 * @param kind what it is
 * @param text a word as written, or a string's decoded content (escapes undone); empty when the tokenizer
 *             was told not to keep text
 * @param line the line it starts on (1-based)
 */
record MelToken(Kind kind, String text, int line) {

    enum Kind {
        /** A bare word: command, flag ({@code -type}), number, {@code on}/{@code off}, {@code +}, node name. */
        WORD,
        /** A double-quoted string. */
        STRING,
        /** {@code ;} outside a string: the end of a statement. */
        SEMICOLON,
        /** {@code (} outside a string. */
        OPEN,
        /** {@code )} outside a string. */
        CLOSE
    }

    /** A flag such as {@code -type} or {@code -k}: a bare word of a dash and a letter; {@code -5} and {@code "-k"} are values. */
    boolean isFlag() {
        return kind == Kind.WORD && text.length() > 1 && text.charAt(0) == '-' && Character.isLetter(text.charAt(1));
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equals(word);
    }

    /** The token a {@code ;}, {@code (} or {@code )} outside a string makes, or null for any other character. */
    static MelToken punctuation(int c, int line) {
        return switch (c) {
            case ';' -> new MelToken(Kind.SEMICOLON, ";", line);
            case '(' -> new MelToken(Kind.OPEN, "(", line);
            case ')' -> new MelToken(Kind.CLOSE, ")", line);
            default -> null;
        };
    }
}
