package io.batchrender.scene.maya;

import java.util.List;

/**
 * One MEL statement: its command and its arguments, with {@code ( "a" + "b" )} already joined into one string.
 *
 * @param command the command word: {@code setAttr}, {@code createNode}, ...
 * @param args    the tokens after the command, without the closing {@code ;}
 * @param line    the line the statement starts on
 */
record MelStatement(String command, List<MelToken> args, int line) {
}
