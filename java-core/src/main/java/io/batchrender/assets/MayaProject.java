package io.batchrender.assets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A Maya project: the folder holding {@code workspace.mel}, and its file rules.
 *
 * @param root  the project root, absolute
 * @param rules rule name to folder, as written in {@code workspace.mel}
 */
public record MayaProject(Path root, Map<String, String> rules) {

    public MayaProject {
        root = root.toAbsolutePath().normalize();
        rules = Map.copyOf(rules);
    }

    /**
     * The project of a scene: the first folder holding {@code workspace.mel}, walking up from the
     * scene's folder (itself included) to the file system root.
     */
    public static Optional<MayaProject> find(Path sceneDir) {
        for (Path dir = sceneDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path mel = dir.resolve(WorkspaceMel.FILE_NAME);
            if (Files.isRegularFile(mel)) {
                try {
                    return Optional.of(new MayaProject(dir, WorkspaceMel.read(mel)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + mel, e);
                }
            }
        }
        return Optional.empty();
    }
}
