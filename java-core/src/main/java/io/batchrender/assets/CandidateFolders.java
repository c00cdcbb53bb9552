package io.batchrender.assets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The folders a reference's files may be in, in the order they are tried, each with how it is named. */
final class CandidateFolders {

    /** A folder to look in, and the {@code foundBy} label a match there gets. */
    record Candidate(String foundBy, Path dir) {
    }

    private final ResolveContext ctx;

    CandidateFolders(ResolveContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The folder of the path as written: itself when absolute and local; when relative, under the
     * node type's project rule, the project root, then the scene's folder, never climbing out of the
     * project (or of the base folder when it is outside any project). Refusals go to {@code problems}.
     */
    List<Candidate> asWritten(ScenePath path, String nodeType, Collection<String> problems) {
        List<Candidate> out = new ArrayList<>();
        if (path.isAbsolute()) {
            path.asLocal().map(Path::getParent).ifPresent(dir -> out.add(new Candidate("as-written", dir)));
            return out;
        }
        for (String rule : WorkspaceMel.rulesFor(nodeType)) {
            ruleDir(rule).ifPresent(base -> addWithin(out, "project-rule:" + rule, path, base, problems));
        }
        ctx.projectRoot().ifPresent(root -> addWithin(out, "project-root", path, root, problems));
        addWithin(out, "scene-folder", path, ctx.sceneDir(), problems);
        return out;
    }

    /** The folders searched for the file name alone: scene folder, project root, its sourceimages, cwd. */
    List<Candidate> byName() {
        List<Candidate> out = new ArrayList<>();
        out.add(new Candidate("scene-folder", ctx.sceneDir()));
        ctx.projectRoot().ifPresent(root -> {
            out.add(new Candidate("project-root", root));
            Path images = ruleDir("sourceImages").orElse(root.resolve("sourceimages"));
            out.add(new Candidate("sourceimages", images));
        });
        out.add(new Candidate("cwd", ctx.cwd()));
        return out;
    }

    /** A project rule's folder: absolute and local, or under the project root. */
    private Optional<Path> ruleDir(String rule) {
        String value = ctx.workspaceRules().get(rule);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        ScenePath dir = ScenePath.parse(value);
        if (dir.isAbsolute()) {
            return dir.asLocal();
        }
        return ctx.projectRoot().map(root -> root.resolve(dir.normalized()).normalize());
    }

    private void addWithin(List<Candidate> out, String foundBy, ScenePath path, Path base,
            Collection<String> problems) {
        Path root = ctx.projectRoot().filter(base::startsWith).orElse(base);
        Optional<Path> file = path.resolveWithin(base, root);
        if (file.isPresent()) {
            out.add(new Candidate(foundBy, file.get().getParent()));
        } else {
            problems.add(path.normalized() + " climbs out of " + root);
        }
    }
}
