package io.batchrender.assets;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a scene's references are looked for. Relative paths given here are taken relative to
 * {@code cwd}; all are stored absolute and normalized.
 *
 * @param sceneDir       the folder of the scene file
 * @param projectRoot    the Maya project (folder of {@code workspace.mel}), if any
 * @param workspaceRules the project's file rules, rule name to folder
 * @param searchPaths    folders the user added, searched recursively, in order
 * @param cwd            the current directory to search and to resolve relative settings against
 * @param env            the environment variables paths may use
 */
public record ResolveContext(Path sceneDir, Optional<Path> projectRoot, Map<String, String> workspaceRules,
        List<Path> searchPaths, Path cwd, Map<String, String> env) {

    public ResolveContext {
        Path here = cwd.toAbsolutePath().normalize();
        cwd = here;
        sceneDir = here.resolve(sceneDir).normalize();
        projectRoot = projectRoot.map(p -> here.resolve(p).normalize());
        workspaceRules = Map.copyOf(workspaceRules);
        searchPaths = searchPaths.stream().map(p -> here.resolve(p).normalize()).toList();
        env = Map.copyOf(env);
    }

    /**
     * The context of a scene file: its folder, and the project found by walking up from it to the
     * first {@code workspace.mel} (reads the disk).
     */
    public static ResolveContext forScene(Path sceneFile, List<Path> searchPaths, Path cwd, Map<String, String> env) {
        Path sceneDir = cwd.toAbsolutePath().resolve(sceneFile).normalize().getParent();
        Optional<MayaProject> project = MayaProject.find(sceneDir);
        return new ResolveContext(sceneDir, project.map(MayaProject::root),
                project.map(MayaProject::rules).orElse(Map.of()), searchPaths, cwd, env);
    }
}
