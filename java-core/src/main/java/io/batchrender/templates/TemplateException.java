package io.batchrender.templates;

/**
 * A template, a parameters file or a parameter value is wrong. The message is one line that names
 * the file and line ({@code job.json:42: parameter 'frameEnd' needs an int, got "ten": ...}) and
 * says what to do; it never holds the value of a {@code secureString} parameter.
 */
public class TemplateException extends RuntimeException {

    private final String file;
    private final int line;

    /**
     * @param file    the template or parameters file as the user named it
     * @param line    the 1-based line, or 0 when the problem is with the file as a whole
     * @param message what is wrong and what to do, without the {@code file:line:} prefix
     */
    public TemplateException(String file, int line, String message) {
        super((line > 0 ? file + ":" + line : file) + ": " + message);
        this.file = file;
        this.line = line;
    }

    public TemplateException(String file, int line, String message, Throwable cause) {
        super((line > 0 ? file + ":" + line : file) + ": " + message, cause);
        this.file = file;
        this.line = line;
    }

    /** The file the message names. */
    public String file() {
        return file;
    }

    /** The 1-based line the message names, 0 when it is about the whole file. */
    public int line() {
        return line;
    }
}
