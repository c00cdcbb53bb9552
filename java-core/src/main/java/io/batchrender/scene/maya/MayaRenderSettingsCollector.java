package io.batchrender.scene.maya;

import io.batchrender.frames.FrameSet;
import io.batchrender.scene.RenderLayer;
import io.batchrender.scene.RenderSettings;
import io.batchrender.scene.Resolution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Collects a scene's render settings as Maya would apply them: the render globals (with Maya's
 * defaults for what the file leaves out: only non-default values are written), the renderable
 * cameras, and each render layer with its Render Setup overrides of frames, prefix and size.
 * Keeps only the nodes that matter, so it reads scenes of any size in little memory.
 */
public final class MayaRenderSettingsCollector implements MayaSceneHandler {

    static final String DEFAULT_RENDERER = "mayaSoftware";
    static final Resolution DEFAULT_RESOLUTION = new Resolution(960, 540);
    static final String DEFAULT_PREFIX = "<Scene>";

    private static final Map<Integer, String> IMAGE_FORMATS = Map.ofEntries(
            Map.entry(0, "gif"), Map.entry(3, "tif"), Map.entry(4, "tif"), Map.entry(7, "iff"), Map.entry(8, "jpg"),
            Map.entry(10, "cin"), Map.entry(19, "tga"), Map.entry(20, "bmp"), Map.entry(31, "psd"), Map.entry(32, "png"),
            Map.entry(40, "exr"), Map.entry(50, "sgi"), Map.entry(60, "swf"));

    /** The render-global attributes a layer override can change, by long name. */
    private static final Map<String, String> LONG_NAMES = Map.ofEntries(
            Map.entry("ren", "currentRenderer"), Map.entry("an", "animation"), Map.entry("fs", "startFrame"),
            Map.entry("ef", "endFrame"), Map.entry("bfs", "byFrameStep"), Map.entry("ifp", "imageFilePrefix"),
            Map.entry("imfkey", "imfPluginKey"), Map.entry("outf", "imageFormat"), Map.entry("pad", "extensionPadding"),
            Map.entry("w", "width"), Map.entry("h", "height"), Map.entry("o", "outTime"),
            Map.entry("pff", "putFrameBeforeExt"), Map.entry("peie", "periodInExt"), Map.entry("rv", "renderVersion"));

    /** Maya's values for what a scene leaves unwritten, where a relative override needs a base. */
    private static final Map<String, String> DEFAULTS = Map.of("startFrame", "1", "endFrame", "10", "byFrameStep", "1",
            "width", Integer.toString(DEFAULT_RESOLUTION.width()), "height", Integer.toString(DEFAULT_RESOLUTION.height()));

    private static final java.util.regex.Pattern ADJUSTMENT_VALUE = java.util.regex.Pattern.compile("adjs\\[(\\d+)]\\.val");
    private static final java.util.regex.Pattern ADJUSTMENT_PLUG =
            java.util.regex.Pattern.compile("(.+)\\.adjs\\[(\\d+)]\\.plg");
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]*)?|-?\\.[0-9]+");
    private static final java.util.Set<String> GLOBAL_NODES =
            java.util.Set.of("defaultRenderGlobals", "defaultResolution", "time1", "defaultArnoldDriver",
                    RendererOwnSettings.VRAY_NODE, RendererOwnSettings.REDSHIFT_NODE, RendererOwnSettings.RENDERMAN_NODE);

    private final Map<String, String> globals = new HashMap<>();
    private final Map<String, String> resolution = new HashMap<>();
    private String currentTime = "1";
    private String arnoldTranslator = "";
    private final RendererOwnSettings own = new RendererOwnSettings();
    private final Map<String, Boolean> cameras = new LinkedHashMap<>();
    /** A camera shape's transform, which names it in -cam, <Camera> and image folders. */
    private final Map<String, String> cameraTransforms = new HashMap<>();
    private final Map<String, Boolean> legacyLayers = new LinkedHashMap<>();
    private final Map<String, String> setupLayerOfLegacy = new HashMap<>();
    private final Map<String, LayerOverride> overrides = new LinkedHashMap<>();
    private final Map<String, String> parentOf = new HashMap<>();
    /** Legacy layer adjustments: layer -> index -> value, and layer -> index -> the plug it adjusts. */
    private final Map<String, Map<Integer, String>> adjustmentValues = new HashMap<>();
    private final Map<String, Map<Integer, String>> adjustmentPlugs = new HashMap<>();
    /** Render Setup: a collection's selector, and a selector's static selection (DAG paths). */
    private final Map<String, String> selectorOf = new HashMap<>();
    private final Map<String, String> staticSelection = new HashMap<>();
    private final Map<String, String> typeOf = new HashMap<>();

    /** An absolute override sets a value; a relative one multiplies and offsets the value beneath it. */
    private static final class LayerOverride {
        final boolean relative;
        String attribute = "";
        String target = "";
        String value;
        double multiply = 1;
        double offset;
        boolean enabled = true;

        LayerOverride(boolean relative) {
            this.relative = relative;
        }

        String applyTo(String base) {
            if (!relative) {
                return value;
            }
            double b = base == null ? 0 : Double.parseDouble(base);
            return Double.toString(b * multiply + offset);
        }
    }

    @Override
    public void createNode(String type, String name, Optional<String> parent) {
        String node = plain(name);
        switch (type) {
            case "camera" -> {
                cameras.put(node, true);
                parent.ifPresent(p -> cameraTransforms.put(node, p.substring(p.lastIndexOf('|') + 1)));
            }
            case "renderLayer" -> legacyLayers.put(node, true);
            case "absOverride", "absUniqueOverride" -> overrides.put(node, new LayerOverride(false));
            case "relOverride", "relUniqueOverride" -> overrides.put(node, new LayerOverride(true));
            case "renderSetupLayer", "collection", "renderSettingsCollection" -> typeOf.put(node, type);
            case "simpleSelector" -> staticSelection.put(node, "");
            default -> {
            }
        }
    }

    @Override
    public boolean wantsAttributes(Optional<String> nodeType, String node) {
        String n = plain(node);
        return GLOBAL_NODES.contains(n) || cameras.containsKey(n) || legacyLayers.containsKey(n) || overrides.containsKey(n)
                || staticSelection.containsKey(n);
    }

    /**
     * The render globals are read whole; of the other nodes only what {@link #setAttr} looks at, so that a camera's
     * or a layer's other setAttrs are stepped over unread. Lower case, without index, as {@link MayaSceneHandler}
     * asks.
     */
    @Override
    public Optional<java.util.Set<String>> attributesOf(Optional<String> nodeType, String node) {
        String n = plain(node);
        switch (n) {
            case "defaultRenderGlobals", "defaultResolution" -> {
                return Optional.empty();
            }
            case "time1" -> {
                return Optional.of(TIME_ATTRIBUTES);
            }
            case "defaultArnoldDriver" -> {
                return Optional.of(ARNOLD_DRIVER_ATTRIBUTES);
            }
            default -> {
            }
        }
        if (RendererOwnSettings.NODES.contains(n)) {
            return Optional.of(RendererOwnSettings.ATTRIBUTES);
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        if (cameras.containsKey(n)) {
            names.addAll(CAMERA_ATTRIBUTES);
        }
        if (legacyLayers.containsKey(n)) {
            names.addAll(LEGACY_LAYER_ATTRIBUTES);
        }
        if (staticSelection.containsKey(n)) {
            names.addAll(SELECTOR_ATTRIBUTES);
        }
        if (overrides.containsKey(n)) {
            names.addAll(OVERRIDE_ATTRIBUTES);
        }
        return Optional.of(java.util.Set.copyOf(names));
    }

    private static final java.util.Set<String> TIME_ATTRIBUTES = java.util.Set.of("o", "outtime");
    private static final java.util.Set<String> ARNOLD_DRIVER_ATTRIBUTES = java.util.Set.of("ai_translator");
    private static final java.util.Set<String> CAMERA_ATTRIBUTES = java.util.Set.of("rnd", "renderable");
    private static final java.util.Set<String> LEGACY_LAYER_ATTRIBUTES = java.util.Set.of("rndr", "renderable", "adjs");
    private static final java.util.Set<String> SELECTOR_ATTRIBUTES = java.util.Set.of("ssl", "staticselection");
    private static final java.util.Set<String> OVERRIDE_ATTRIBUTES = java.util.Set.of("atr", "attribute", "tgname",
            "targetnodename", "atv", "attrvalue", "en", "enabled", "mul", "multiply", "ofs", "offset");

    @Override
    public void setAttr(MayaSetAttr attr) {
        String node = plain(attr.node());
        String name = longName(attr.attribute());
        Optional<String> value = attr.values().isEmpty() ? Optional.empty() : Optional.of(attr.values().get(0));
        if (value.isEmpty()) {
            return;
        }
        switch (node) {
            case "defaultRenderGlobals" -> globals.put(name, value.get());
            case "defaultResolution" -> resolution.put(name, value.get());
            case "time1" -> {
                if (name.equals("outTime")) {
                    currentTime = value.get();
                }
            }
            case "defaultArnoldDriver" -> {
                if (attr.attribute().equals("ai_translator")) {
                    arnoldTranslator = value.get();
                }
            }
            default -> {
                if (RendererOwnSettings.NODES.contains(node)) {
                    own.set(node, attr.attribute(), value.get());
                } else {
                    setOnTrackedNode(node, attr.attribute(), value.get());
                }
            }
        }
    }

    private void setOnTrackedNode(String node, String attribute, String value) {
        if (cameras.containsKey(node) && (attribute.equals("rnd") || attribute.equals("renderable"))) {
            cameras.put(node, isOn(value));
        } else if (legacyLayers.containsKey(node) && (attribute.equals("rndr") || attribute.equals("renderable"))) {
            legacyLayers.put(node, isOn(value));
        } else if (legacyLayers.containsKey(node) && ADJUSTMENT_VALUE.matcher(attribute).matches()) {
            var m = ADJUSTMENT_VALUE.matcher(attribute);
            m.matches();
            adjustmentValues.computeIfAbsent(node, k -> new HashMap<>()).put(Integer.parseInt(m.group(1)), value);
        } else if (staticSelection.containsKey(node) && (attribute.equals("ssl") || attribute.equals("staticSelection"))) {
            staticSelection.put(node, value);
        } else if (overrides.containsKey(node)) {
            LayerOverride o = overrides.get(node);
            switch (attribute) {
                case "atr", "attribute" -> o.attribute = value;
                case "tgName", "targetNodeName" -> o.target = plain(value);
                case "atv", "attrValue" -> o.value = value;
                case "en", "enabled" -> o.enabled = isOn(value);
                case "mul", "multiply" -> o.multiply = number(value, 1);
                case "ofs", "offset" -> o.offset = number(value, 0);
                default -> {
                }
            }
        }
    }

    @Override
    public void connectAttr(String source, String destination) {
        // Render Setup: a child's .pls (parent list) is fed by its parent's .lit (list item)
        if (source.endsWith(".lit") && destination.endsWith(".pls")) {
            parentOf.put(plain(nodeOf(destination)), plain(nodeOf(source)));
        }
        // a legacy layer adjustment: connectAttr "cameraShape1.rnd" "layer.adjs[0].plg"
        java.util.regex.Matcher adj = ADJUSTMENT_PLUG.matcher(destination);
        if (adj.matches()) {
            adjustmentPlugs.computeIfAbsent(plain(adj.group(1)), k -> new HashMap<>())
                    .put(Integer.parseInt(adj.group(2)), plain(source));
        }
        // a collection's selector: connectAttr "sel.c" "collection.sel"
        if (source.endsWith(".c") && destination.endsWith(".sel")) {
            selectorOf.put(plain(nodeOf(destination)), plain(nodeOf(source)));
        }
        // a Render Setup layer's legacy layer: connectAttr "rs_X.msg" "X.lrl"
        if (source.endsWith(".msg") && destination.endsWith(".lrl")) {
            setupLayerOfLegacy.put(plain(nodeOf(source)), plain(nodeOf(destination)));
        }
    }

    /** Whether the scene names its renderer (else Maya's default applies). */
    public boolean rendererWritten() {
        return globals.containsKey("currentRenderer");
    }

    /** The settings, once the whole scene has been read, with images named for a scene called {@code <Scene>}. */
    public RenderSettings settings() {
        return settings(DEFAULT_PREFIX);
    }

    /** The settings, once the whole scene has been read; {@code sceneName} is the file's name without extension. */
    public RenderSettings settings(String sceneName) {
        boolean animation = isOn(globals.getOrDefault("animation", "0"));
        String frames = frames(globals, animation);
        String renderer = globals.getOrDefault("currentRenderer", DEFAULT_RENDERER);
        Resolution size = own.resolution(renderer).orElse(size(resolution));
        String prefix = own.prefix(renderer).orElse(prefix(globals.get("imageFilePrefix")));
        List<String> renderable = camerasOf("defaultRenderLayer");
        List<RenderLayer> layers = new ArrayList<>();
        Map<String, String> folders = new HashMap<>();
        for (Map.Entry<String, Boolean> layer : legacyLayers.entrySet()) {
            RenderLayer l = layer(layer.getKey(), layer.getValue(), camerasOf(layer.getKey()));
            layers.add(l);
            folders.put(l.name(), layer.getKey().equals("defaultRenderLayer") ? "masterLayer" : layer.getKey());
        }
        layers.sort((a, b) -> a.name().equals("masterLayer") ? -1 : b.name().equals("masterLayer") ? 1 : 0);
        List<MayaImagePaths.Layer> rendered = layers.stream().filter(RenderLayer::renderable)
                .map(l -> new MayaImagePaths.Layer(l.name(), folders.get(l.name()), l.outputPrefix(),
                        l.cameras().stream().map(c -> cameraTransforms.getOrDefault(c, c)).toList()))
                .toList();
        MayaImagePaths.FrameNaming naming = new MayaImagePaths.FrameNaming(animation,
                isOn(globals.getOrDefault("putFrameBeforeExt", "0")), integer(globals.get("periodInExt"), 1), padding());
        String format = imageFormat();
        return new RenderSettings(renderer, animation, frames, prefix, format, padding(), size, renderable, layers,
                MayaImagePaths.of(renderer, sceneName, format, globals.getOrDefault("renderVersion", ""), naming, rendered));
    }

    private RenderLayer layer(String legacy, boolean renderable, List<String> cameraList) {
        String setupLayer = setupLayerOfLegacy.get(legacy);
        String name = legacy.equals("defaultRenderLayer") ? "masterLayer" : setupLayer != null ? setupLayer : legacy;
        Map<String, String> layerGlobals = new HashMap<>(globals);
        Map<String, String> layerResolution = new HashMap<>(resolution);
        if (setupLayer != null) {
            for (Map.Entry<String, LayerOverride> e : overrides.entrySet()) {
                LayerOverride o = e.getValue();
                if (!o.enabled || (!o.relative && o.value == null) || !setupLayer.equals(layerOf(e.getKey()))) {
                    continue;
                }
                if (o.target.equals("defaultRenderGlobals")) {
                    layerGlobals.put(o.attribute, o.applyTo(layerGlobals.getOrDefault(o.attribute, DEFAULTS.get(o.attribute))));
                } else if (o.target.equals("defaultResolution")) {
                    layerResolution.put(o.attribute, o.applyTo(layerResolution.getOrDefault(o.attribute,
                            DEFAULTS.get(o.attribute))));
                }
            }
        }
        boolean animation = isOn(layerGlobals.getOrDefault("animation", "0"));
        String renderer = layerGlobals.getOrDefault("currentRenderer", DEFAULT_RENDERER);
        return new RenderLayer(name, renderable, frames(layerGlobals, animation),
                own.prefix(renderer).orElse(prefix(layerGlobals.get("imageFilePrefix"))),
                own.resolution(renderer).orElse(size(layerResolution)), cameraList);
    }

    /**
     * The cameras a layer renders. A camera's value on the default layer is its adjustment there,
     * else the camera's own .rnd; another legacy layer may adjust it; a Render Setup layer may
     * override it through a collection that selects the camera.
     */
    private List<String> camerasOf(String legacyLayer) {
        String setupLayer = setupLayerOfLegacy.get(legacyLayer);
        Map<String, Boolean> setupOverrides = setupLayer == null ? Map.of() : cameraOverrides(setupLayer);
        List<String> renderable = new ArrayList<>();
        for (Map.Entry<String, Boolean> camera : cameras.entrySet()) {
            String cam = camera.getKey();
            Optional<Boolean> base = adjustment("defaultRenderLayer", cam);
            boolean on = base.orElse(camera.getValue());
            if (setupLayer != null) {
                on = setupOverrides.getOrDefault(cam, on);
            } else if (!legacyLayer.equals("defaultRenderLayer")) {
                on = adjustment(legacyLayer, cam).orElse(on);
            }
            if (on) {
                renderable.add(cam);
            }
        }
        return renderable;
    }

    private Optional<Boolean> adjustment(String layer, String camera) {
        Map<Integer, String> plugs = adjustmentPlugs.getOrDefault(layer, Map.of());
        Map<Integer, String> values = adjustmentValues.getOrDefault(layer, Map.of());
        for (Map.Entry<Integer, String> e : plugs.entrySet()) {
            if ((e.getValue().equals(camera + ".rnd") || e.getValue().equals(camera + ".renderable"))
                    && values.containsKey(e.getKey())) {
                return Optional.of(isOn(values.get(e.getKey())));
            }
        }
        return Optional.empty();
    }

    /** Render Setup "renderable" overrides in a layer, by the camera shapes their collections select. */
    private Map<String, Boolean> cameraOverrides(String setupLayer) {
        Map<String, Boolean> result = new HashMap<>();
        for (Map.Entry<String, LayerOverride> e : overrides.entrySet()) {
            LayerOverride o = e.getValue();
            if (!o.enabled || !o.attribute.equals("renderable") || !setupLayer.equals(layerOf(e.getKey()))) {
                continue;
            }
            String selector = selectorOf.get(parentOf.get(e.getKey()));
            for (String path : staticSelection.getOrDefault(selector, "").split("\n")) {
                String shape = path.substring(path.lastIndexOf('|') + 1);
                if (cameras.containsKey(shape)) {
                    result.put(shape, isOn(o.value == null ? "0" : o.value));
                }
            }
        }
        return result;
    }

    /** The Render Setup layer an override belongs to, walking up its collections. */
    private String layerOf(String node) {
        String at = parentOf.get(node);
        for (int guard = 0; at != null && guard < 64; guard++) {
            if ("renderSetupLayer".equals(typeOf.get(at))) {
                return at;
            }
            at = parentOf.get(at);
        }
        return null;
    }

    private String frames(Map<String, String> g, boolean animation) {
        if (!animation) {
            return Integer.toString(frame(currentTime));
        }
        int start = frame(g.getOrDefault("startFrame", "1"));
        int end = frame(g.getOrDefault("endFrame", "10"));
        int by = Math.max(1, frame(g.getOrDefault("byFrameStep", "1")));
        if (end < start) {
            return Integer.toString(start);
        }
        return FrameSet.parse(start == end ? Integer.toString(start) : start + "-" + end + (by == 1 ? "" : "x" + by)).toString();
    }

    private static Resolution size(Map<String, String> r) {
        return new Resolution(integer(r.get("width"), DEFAULT_RESOLUTION.width()),
                integer(r.get("height"), DEFAULT_RESOLUTION.height()));
    }

    private static String prefix(String written) {
        return written == null || written.isBlank() ? DEFAULT_PREFIX : written;
    }

    private String imageFormat() {
        String renderer = globals.getOrDefault("currentRenderer", DEFAULT_RENDERER);
        if (renderer.equals("arnold")) {
            return arnoldTranslator.isEmpty() ? "exr" : arnoldTranslator;
        }
        Optional<String> rendererFormat = own.imageFormat(renderer);
        if (rendererFormat.isPresent()) {
            return rendererFormat.get();
        }
        String key = globals.get("imfPluginKey");
        if (key != null && !key.isBlank()) {
            return key;
        }
        return IMAGE_FORMATS.getOrDefault(integer(globals.get("imageFormat"), 7), "iff");
    }

    private int padding() {
        return integer(globals.get("extensionPadding"), 1);
    }

    static String longName(String attribute) {
        return LONG_NAMES.getOrDefault(attribute, attribute);
    }

    static String plain(String node) {
        return node.startsWith(":") ? node.substring(1) : node;
    }

    private static String nodeOf(String plug) {
        int dot = plug.indexOf('.');
        return dot < 0 ? plug : plug.substring(0, dot);
    }

    static boolean isOn(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.equals("yes") || v.equals("on") || v.equals("true") || (NUMBER.matcher(v).matches() && Double.parseDouble(v) != 0);
    }

    private static double number(String value, double fallback) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int frame(String value) {
        try {
            return (int) Math.round(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** An attribute's value as a whole number (Maya writes some as decimals), {@code fallback} when unset or unreadable. */
    static int integer(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return (int) Math.round(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
