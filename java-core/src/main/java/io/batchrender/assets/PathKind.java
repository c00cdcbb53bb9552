package io.batchrender.assets;

/** What kind of path a scene wrote, whatever the operating system reading it. */
public enum PathKind {
    /** {@code C:/proj/a.png} or {@code C:\proj\a.png}. */
    WINDOWS_DRIVE,
    /** {@code //server/share/a.png} or {@code \\server\share\a.png}. */
    UNC,
    /** {@code /Users/ana/a.png}. */
    POSIX_ABSOLUTE,
    /** {@code sourceimages/a.png}, {@code ./a.png}, {@code ../tex/a.png}. */
    RELATIVE;

    public boolean isAbsolute() {
        return this != RELATIVE;
    }
}
