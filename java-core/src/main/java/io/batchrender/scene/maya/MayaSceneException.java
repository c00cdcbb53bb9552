package io.batchrender.scene.maya;

/** A scene that cannot be read; the message is one line that names the file, says what is wrong and what to do. */
public final class MayaSceneException extends RuntimeException {

    public MayaSceneException(String message) {
        super(oneLine(message));
    }

    public MayaSceneException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
