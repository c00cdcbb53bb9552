package io.batchrender.assets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the files behind each reference of a scene, in the order the Batch plug-in for Maya used:
 * <ol>
 * <li>the path as written: absolute (when it is a path of this OS), or relative under the node
 * type's project rule, the project root, then the scene's folder ({@code ..} never leaves the project);</li>
 * <li>the file name alone in the scene's folder, the project root, the project's sourceimages, the
 * current directory;</li>
 * <li>the file name anywhere under each search path, in order (indexed once, within the limits).</li>
 * </ol>
 * The first folder holding a match wins; a pattern takes every match in that folder. Deterministic,
 * and no folder is listed or walked twice by one resolver (so results reflect the disk as first seen).
 */
public final class AssetResolver {

    private final ResolveContext ctx;
    private final SearchLimits limits;
    private final DirectoryReader reader;
    private final EnvExpander env;
    private final CandidateFolders candidates;
    private final FolderListings listings;
    private List<SearchIndex> indexes;

    public AssetResolver(ResolveContext ctx) {
        this(ctx, SearchLimits.DEFAULT, DirectoryReader.local());
    }

    public AssetResolver(ResolveContext ctx, SearchLimits limits, DirectoryReader reader) {
        this.ctx = ctx;
        this.limits = limits;
        this.reader = reader;
        this.env = new EnvExpander(ctx.env());
        this.candidates = new CandidateFolders(ctx);
        this.listings = new FolderListings(reader);
    }

    public List<ResolvedAsset> resolveAll(Collection<AssetReference> refs) {
        return refs.stream().map(this::resolve).toList();
    }

    public ResolvedAsset resolve(AssetReference ref) {
        Set<String> problems = new LinkedHashSet<>();
        EnvExpander.Expansion expanded = env.expand(ref.path());
        if (!expanded.unknown().isEmpty()) {
            problems.add("unknown variable " + String.join(", ", expanded.unknown()));
        }
        ScenePath path = ScenePath.parse(expanded.value());
        if (path.fileName().isEmpty()) {
            problems.add("no file name in \"" + ref.path() + "\"");
            return notFound(ref, false, problems);
        }
        FilePattern pattern = FilePattern.forReference(path.fileName(), ref.tiling(), ref.frameSequence());
        Set<Path> tried = new LinkedHashSet<>();

        for (CandidateFolders.Candidate c : candidates.asWritten(path, ref.nodeType(), problems)) {
            Optional<ResolvedAsset> hit = lookIn(ref, c, pattern, tried, problems);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        boolean hasFolders = path.isAbsolute() || !path.folders().isEmpty();
        if (hasFolders) {
            problems.add((path.isAbsolute() && path.asLocal().isEmpty() ? "written for another OS: " : "not found as written: ")
                    + path.normalized() + "; searched by file name");
        }
        for (CandidateFolders.Candidate c : candidates.byName()) {
            Optional<ResolvedAsset> hit = lookIn(ref, c, pattern, tried, problems);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        for (SearchIndex index : indexes()) {
            List<List<Path>> groups = index.matchesByFolder(pattern);
            if (!groups.isEmpty()) {
                if (groups.size() > 1) {
                    problems.add("also matched in " + (groups.size() - 1) + " other folder(s) under " + index.root());
                }
                return found(ref, groups.get(0), "search-path:" + index.root(), problems);
            }
            if (index.truncated()) {
                problems.add("search path " + index.root() + " only partly indexed (" + index.size()
                        + " files, depth " + limits.maxDepth() + ")");
            }
        }
        problems.add((pattern.isPattern() ? "no file matches " : "not found: ") + pattern.text() + " (looked in "
                + tried.size() + " folder(s) and " + ctx.searchPaths().size() + " search path(s))");
        for (Path dir : tried) {
            List<Path> near = listings.caseMismatches(dir, pattern);
            if (!near.isEmpty()) {
                // a Linux render node will not open it under the name the scene gives: say so, do not paper over it
                problems.add(near.get(0) + " differs only in upper/lower case: rename the file or fix the path in the scene");
                break;
            }
        }
        return notFound(ref, pattern.isPattern(), problems);
    }

    private Optional<ResolvedAsset> lookIn(AssetReference ref, CandidateFolders.Candidate c, FilePattern pattern,
            Set<Path> tried, Set<String> problems) {
        if (!tried.add(c.dir())) {
            return Optional.empty();
        }
        List<Path> files = listings.matches(c.dir(), pattern);
        return files.isEmpty() ? Optional.empty() : Optional.of(found(ref, files, c.foundBy(), problems));
    }

    /** The search path indexes, each walked once, on first need. */
    private synchronized List<SearchIndex> indexes() {
        if (indexes == null) {
            indexes = ctx.searchPaths().stream().map(p -> SearchIndex.build(p, reader, limits)).toList();
        }
        return indexes;
    }

    private static ResolvedAsset found(AssetReference ref, List<Path> files, String foundBy, Set<String> problems) {
        return new ResolvedAsset(ref, ResolvedAsset.Status.FOUND, files, Optional.of(foundBy), joined(problems));
    }

    private static ResolvedAsset notFound(AssetReference ref, boolean pattern, Set<String> problems) {
        ResolvedAsset.Status status = pattern ? ResolvedAsset.Status.EMPTY_PATTERN : ResolvedAsset.Status.MISSING;
        return new ResolvedAsset(ref, status, List.of(), Optional.empty(), joined(problems));
    }

    private static Optional<String> joined(Set<String> problems) {
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
