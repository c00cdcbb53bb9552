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
 * only nodes of types that hold files, so memory follows the number of such nodes, not the scene's size.
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

    private final Map<String, FileNode> nodes = new LinkedHashMap<>();
    private final Map<String, String> currentTypes = new HashMap<>(DEFAULT_NODES);
    private final List<MayaFileReference> references = new ArrayList<>();

    @Override
    public void createNode(String type, String name, Optional<String> parent) {
        String node = MayaRenderSettingsCollector.plain(name);
        if (FileAttributeTable.hasFiles(type)) {
            currentTypes.put(node, type);
        }
    }

    @Override
    public boolean wantsAttributes(Optional<String> nodeType, String node) {
        return currentTypes.containsKey(MayaRenderSettingsCollector.plain(node));
    }

    /** The file attributes of the node's type, and the tiling, frame-extension and config switches. */
    @Override
    public Optional<Set<String>> attributesOf(Optional<String> nodeType, String node) {
        String type = currentTypes.get(MayaRenderSettingsCollector.plain(node));
        if (type == null) {
            return Optional.of(Set.of());
        }
        Set<String> names = new HashSet<>(FileAttributeTable.attributeNames(type));
        names.addAll(SWITCHES);
        return Optional.of(Set.copyOf(names));
    }

    /** The attributes besides the table's that {@link #setAttr} reads, in lower case. */
    private static final Set<String> SWITCHES = Set.of("uvt", "uvtilingmode", "cfe", "configfileenabled", "ufe",
            "useframeextension");

    @Override
    public void setAttr(MayaSetAttr attr) {
        String node = MayaRenderSettingsCollector.plain(attr.node());
        String type = currentTypes.get(node);
        if (type == null || attr.values().isEmpty()) {
            return;
        }
        String attribute = attr.attribute();
        if (attribute.equals("uvt") || attribute.equals("uvTilingMode")) {
            fileNode(node, type).tiling = integer(attr.values().get(0));
            return;
        }
        if (attribute.equals("cfe") || attribute.equals("configFileEnabled")) {
            fileNode(node, type).configEnabled = MayaRenderSettingsCollector.isOn(attr.values().get(0));
            return;
        }
        if (attribute.equals("ufe") || attribute.equals("useFrameExtension")) {
            fileNode(node, type).frameExtension = MayaRenderSettingsCollector.isOn(attr.values().get(0));
            return;
        }
        FileAttributeTable.lookup(type, attribute).ifPresent(row -> {
            List<String> values = attr.values();
            for (int i = 0; i < values.size(); i++) {
                String path = values.get(i);
                if (!path.isBlank() && !looksLikeNumber(path) && !path.startsWith(MAYA_RESOURCES)) {
                    fileNode(node, type).paths.put(values.size() == 1 ? attribute : attribute + "[" + i + "]", path);
                }
            }
        });
    }

    @Override
    public void fileReference(MayaFileReference reference) {
        references.add(reference);
    }

    private FileNode fileNode(String node, String type) {
        return nodes.computeIfAbsent(node, n -> new FileNode(type));
    }

    /** The file references of every node except cacheFile nodes, once the scene has been read. */
    public List<AssetReference> assets() {
        List<AssetReference> assets = new ArrayList<>();
        nodes.forEach((node, n) -> {
            if (n.type.equals("cacheFile") || (n.type.equals("colorManagementGlobals") && !n.configEnabled)) {
                return; // a cache is resolved with its data files; an OCIO config is used only when enabled
            }
            n.paths.forEach((attribute, path) -> assets.add(new AssetReference(node, n.type, attribute, path,
                    TilingMode.fromMaya(n.tiling), n.frameExtension)));
        });
        return assets;
    }

    /** The cacheFile nodes with both a folder and a name. */
    public List<CacheFileNode> caches() {
        List<CacheFileNode> caches = new ArrayList<>();
        nodes.forEach((node, n) -> {
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
