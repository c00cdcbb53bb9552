package io.batchrender.scene.maya;

import java.io.IOException;

/** Where a {@link MelStatementReader} takes its tokens from: a character stream, or the bytes of one statement. */
interface MelTokens {

    /** The next token, or null at the end; with {@code keep} false its text may be left empty. */
    MelToken next(boolean keep) throws IOException;

    /** The error for a statement longer than {@code limit}. */
    MayaSceneException tooLong(long limit);

    /** The error for text that ends before the statement's {@code ;}. */
    MayaSceneException truncated();
}
