package io.batchrender.scene.maya;

/** The one rule for backslashes in MEL strings, shared by the character and the byte tokenizers. */
final class MelEscapes {

    /** Returned by {@link #undo} for a backslash that escapes nothing: it stays, with the character after it. */
    static final int KEEP_BACKSLASH = -1;

    private MelEscapes() {
    }

    /** The character {@code \e} stands for ({@code \" \\ \n \t \r}), or {@link #KEEP_BACKSLASH}. */
    static int undo(int e) {
        return switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '"', '\\' -> e;
            default -> KEEP_BACKSLASH;
        };
    }
}
