package io.batchrender.templates;

/**
 * A file a {@code taskPerFile} factory makes a task for.
 *
 * @param name the blob name in its container ({@code first_pass/img_001.png}): the {@code {filePath}} placeholder
 * @param url  where a node fetches it: the {@code {url}} placeholder (an Azure blob URL with a read
 *             SAS, or a {@code file:} URI on the local farm)
 */
public record SourceFile(String name, String url) {

    /** The part after the last {@code /}: the {@code {fileName}} placeholder. */
    public String fileName() {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /**
     * The file name without its last extension ({@code img.001.png} → {@code img.001}; a name that
     * only starts with a dot, {@code .hidden}, keeps it): the {@code {fileNameWithoutExtension}} placeholder.
     */
    public String fileNameWithoutExtension() {
        String f = fileName();
        int firstNonDot = 0;
        while (firstNonDot < f.length() && f.charAt(firstNonDot) == '.') {
            firstNonDot++;
        }
        int dot = f.lastIndexOf('.');
        return dot > firstNonDot ? f.substring(0, dot) : f;
    }
}
