package io.batchrender.scene.maya;

import io.batchrender.assets.AssetReference;
import io.batchrender.assets.TilingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Collects the files a scene names through {@link FileAttributeTable}: textures (with their
 * tiling mode and frame extension), caches, proxies, stages and the referenced scenes. Remembers
 * only the node being read and one entry per distinct file ({@link DistinctFiles}), so memory follows the number of
 * distinct files, not of nodes or the scene's size.
 */
public final class MayaAssetCollector implements MayaSceneHandler {

    /** Default nodes every scene has without creating them, and their types. */
    private static final Map<String, String> DEFAULT_NODES = Map.of("defaultColorMgtGlobals", "colorManagementGlobals");

    /** Files under Maya's own install ({@code <MAYA_RESOURCES>/OCIO-configs/...}) come with Maya on every node. */
    private static final String MAYA_RESOURCES = "<MAYA_RESOURCES>";

    /** A cacheFile node: its folder and base name, resolved together into the xml and data files. */
    public record CacheFileNode(String node, String cachePath, String cacheName) {
    }

    private static final class FileNode {
        final String type;
        final Map<String, String> paths = new LinkedHashMap<>();
        int tiling;
        boolean frameExtension;
        boolean configEnabled;

        FileNode(String type) {
            this.type = type;
        }
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /** Every file-holding node's files, folded in when its block ends: one entry per distinct file. */
    private final DistinctFiles groups = new DistinctFiles();
    /** cacheFile nodes and the color management globals: few, kept whole until the end. */
    private final Map<String, FileNode> kept = new LinkedHashMap<>();
    private final List<MayaFileReference> references = new ArrayList<>();
    /** The node whose block is being read, when its type holds files (else null), and what it names so far. */
    private String currentNode;
    private String currentType;
    private FileNode current;

    @Override
    public void createNode(String type, String name, Optional<String> parent) {
        enter(MayaRenderSettingsCollector.plain(name), FileAttributeTable.hasFiles(type) ? type : null);
    }

    /** {@code select -ne}: a default node's block (the color management globals), or any other node's. */
    @Override
    public void select(String node) {
        String plain = MayaRenderSettingsCollector.plain(node);
        enter(plain, DEFAULT_NODES.get(plain));
    }

    /**
     * A new node block starts: the previous node's files are folded into {@link #groups}. Maya writes a node's
     * attributes in its own block (relative {@code setAttr}s); a later {@code select} of a file node created
     * earlier in the file, which Maya does not write, would be read as a node of unknown type.
     */
    private void enter(String node, String type) {
        fold();
        currentNode = type == null ? null : node;
        currentType = type;
        current = type == null ? null : kept.get(node);
    }

    private void fold() {
        FileNode n = current;
        if (n == null) {
            return;
        }
        current = null;
        if (isKept(n.type)) {
            kept.put(currentNode, n);
            return;
        }
        TilingMode tiling = TilingMode.fromMaya(n.tiling);
        n.paths.forEach((attribute, path) -> groups.add(currentNode, n.type, attribute, path, tiling, n.frameExtension));
    }

    private static boolean isKept(String type) {
        return type.equals("cacheFile") || type.equals("colorManagementGlobals");
    }

    @Override
    public boolean wantsAttributes(Optional<String> nodeType, String node) {
        return currentNode != null && currentNode.equals(MayaRenderSettingsCollector.plain(node));
    }

    /** The file attributes of the node's type, and the tiling, frame-extension and config switches. */
    @Override
    public Optional<Set<String>> attributesOf(Optional<String> nodeType, String node) {
        if (!wantsAttributes(nodeType, node)) {
            return Optional.of(Set.of());
        }
        return Optional.of(ATTRIBUTES.computeIfAbsent(currentType, type -> {
            Set<String> names = new HashSet<>(FileAttributeTable.attributeNames(type));
            names.addAll(SWITCHES);
            return Set.copyOf(names);
        }));
    }

    private static final Map<String, Set<String>> ATTRIBUTES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The attributes besides the table's that {@link #setAttr} reads, in lower case. */
    private static final Set<String> SWITCHES = Set.of("uvt", "uvtilingmode", "cfe", "configfileenabled", "ufe",
            "useframeextension");

    @Override
    public void setAttr(MayaSetAttr attr) {
        if (currentNode == null || attr.values().isEmpty()
                || !currentNode.equals(MayaRenderSettingsCollector.plain(attr.node()))) {
            return;
        }
        String type = currentType;
        String attribute = attr.attribute();
        if (attribute.equals("uvt") || attribute.equals("uvTilingMode")) {
            fileNode(type).tiling = integer(attr.values().get(0));
            return;
        }
        if (attribute.equals("cfe") || attribute.equals("configFileEnabled")) {
            fileNode(type).configEnabled = MayaRenderSettingsCollector.isOn(attr.values().get(0));
            return;
        }
        if (attribute.equals("ufe") || attribute.equals("useFrameExtension")) {
            fileNode(type).frameExtension = MayaRenderSettingsCollector.isOn(attr.values().get(0));
            return;
        }
        FileAttributeTable.lookup(type, attribute).ifPresent(row -> {
            List<String> values = attr.values();
            for (int i = 0; i < values.size(); i++) {
                String path = values.get(i);
                if (!path.isBlank() && !looksLikeNumber(path) && !path.startsWith(MAYA_RESOURCES)) {
                    fileNode(type).paths.put(values.size() == 1 ? attribute : attribute + "[" + i + "]", path);
                }
            }
        });
    }

    @Override
    public void fileReference(MayaFileReference reference) {
        references.add(reference);
    }

    private FileNode fileNode(String type) {
        if (current == null) {
            current = new FileNode(type);
        }
        return current;
    }

    /**
     * The files the scene names, one entry per distinct file with the nodes naming it, once the scene has been
     * read: every node's but cacheFile nodes' (see {@link #caches()}) and an OCIO config that is not enabled.
     */
    public DistinctFiles distinctFiles() {
        fold();
        currentNode = null;
        kept.forEach((node, n) -> {
            if (n.type.equals("colorManagementGlobals") && n.configEnabled) {
                n.paths.forEach((attribute, path) -> groups.add(node, n.type, attribute, path, TilingMode.OFF, false));
            }
        });
        kept.values().removeIf(n -> n.type.equals("colorManagementGlobals"));
        return groups;
    }

    /** The file references, one per distinct file, named after the first node naming it. */
    public List<AssetReference> assets() {
        DistinctFiles g = distinctFiles();
        List<AssetReference> assets = new ArrayList<>();
        for (int i = 0; i < g.size(); i++) {
            assets.add(g.get(i).ref());
        }
        return assets;
    }

    /** The cacheFile nodes with both a folder and a name. */
    public List<CacheFileNode> caches() {
        fold();
        currentNode = null;
        List<CacheFileNode> caches = new ArrayList<>();
        kept.forEach((node, n) -> {
            if (n.type.equals("cacheFile")) {
                String folder = value(n, "cp", "cachePath");
                String name = value(n, "cn", "cacheName");
                if (folder != null && name != null) {
                    caches.add(new CacheFileNode(node, folder, name));
                }
            }
        });
        return caches;
    }

    /**
     * The scenes (and Alembic, USD, FBX files) this scene references, each once, top-level lines first, each
     * {@link MayaFileReference#deferred() deferred} when Maya does not load it.
     *
     * <p>Maya writes every {@code file -r} line with {@code -dr 1} (it creates each reference deferred, then loads
     * what the {@code file -rdi} lines say), so whether a reference is loaded is read from its {@code -rdi} line:
     * {@code -dr 1} there means unloaded, and so is everything below an unloaded reference (the {@code -rdi} lines
     * list the reference tree depth first). A file without {@code -rdi} lines is taken at its {@code -r} lines' word.
     */
    public List<MayaFileReference> references() {
        Set<String> described = new HashSet<>();
        Set<String> loaded = new HashSet<>();
        List<Boolean> unloadedAtDepth = new ArrayList<>();
        for (MayaFileReference r : references) {
            if (r.topLevel() || r.depth() < 1) {
                continue;
            }
            boolean parentUnloaded = r.depth() > 1 && r.depth() - 2 < unloadedAtDepth.size()
                    && unloadedAtDepth.get(r.depth() - 2);
            boolean off = r.deferred() || parentUnloaded;
            while (unloadedAtDepth.size() >= r.depth()) {
                unloadedAtDepth.remove(unloadedAtDepth.size() - 1);
            }
            while (unloadedAtDepth.size() < r.depth() - 1) {
                unloadedAtDepth.add(false);
            }
            unloadedAtDepth.add(off);
            described.add(fileOf(r));
            if (!off) {
                loaded.add(fileOf(r));
            }
        }
        // one entry per file: the same file referenced twice (a second copy is written "path{1}") is one file to
        // send, and it is needed when any copy is loaded, even if another copy is unloaded
        Map<String, MayaFileReference> unique = new LinkedHashMap<>();
        references.stream().filter(MayaFileReference::topLevel).forEach(r -> unique.putIfAbsent(fileOf(r), r));
        references.forEach(r -> unique.putIfAbsent(fileOf(r), r));
        Set<String> loadedTopLevel = new HashSet<>();
        references.stream().filter(r -> !r.deferred()).forEach(r -> loadedTopLevel.add(fileOf(r)));
        List<MayaFileReference> result = new ArrayList<>();
        for (Map.Entry<String, MayaFileReference> e : unique.entrySet()) {
            MayaFileReference r = e.getValue();
            boolean off = described.contains(e.getKey()) ? !loaded.contains(e.getKey()) : !loadedTopLevel.contains(e.getKey());
            result.add(new MayaFileReference(e.getKey(), r.type(), r.namespace(), r.referenceNode(), r.depth(), off,
                    r.topLevel()));
        }
        return List.copyOf(result);
    }

    /** The referenced file without Maya's copy number ({@code ball.ma{1}} is the second copy of {@code ball.ma}). */
    private static String fileOf(MayaFileReference r) {
        return COPY_NUMBER.matcher(r.path()).replaceFirst("");
    }

    private static final java.util.regex.Pattern COPY_NUMBER = java.util.regex.Pattern.compile("\\{\\d+}$");

    private static String value(FileNode n, String shortName, String longName) {
        String v = n.paths.get(shortName);
        return v != null ? v : n.paths.get(longName);
    }

    private static boolean looksLikeNumber(String s) {
        return NUMBER.matcher(s).matches();
    }

    private static int integer(String s) {
        try {
            return (int) Math.round(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
