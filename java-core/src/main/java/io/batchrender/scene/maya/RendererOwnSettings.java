package io.batchrender.scene.maya;

import io.batchrender.scene.Resolution;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a renderer keeps on its own settings node instead of the render globals, and which of it wins over the globals
 * when that renderer renders.
 *
 * <ul>
 *   <li>V-Ray ({@code vraySettings}, a {@code VRaySettingsNode}): the file name prefix ({@code fnprx} /
 *       {@code fileNamePrefix}), the format ({@code imgfs} / {@code imageFormatStr}) and the size ({@code wi} /
 *       {@code width}, {@code he} / {@code height}). V-Ray never reads the globals' prefix; an empty prefix names the
 *       images after the scene. Short names as V-Ray 5-7 write them, seen in real scenes (deadline-cloud-for-maya's
 *       {@code test/integ/test_scripts/vray_test/scene/test.ma}: {@code .wi 960}, {@code .he 540}).</li>
 *   <li>Redshift ({@code redshiftOptions}): {@code imageFilePrefix} (long names: Redshift writes no short ones) when
 *       not empty. Its format is not read here: Redshift keeps {@code defaultRenderGlobals.imfPluginKey} in step
 *       (the Redshift test scene writes {@code .imageFormat 2} and {@code .imfkey "png"}).</li>
 *   <li>RenderMan ({@code rmanGlobals}): images go to {@code imageOutputDir} and are named by
 *       {@code imageFileFormat}, in RenderMan's own tokens ({@code <ws>}, {@code <scene>}, {@code <layer>},
 *       {@code <camera>}, {@code <aov>}, {@code <f4>}, {@code <ext>}, {@code <version>}, {@code <take>}).</li>
 *   <li>Arnold keeps the prefix on the globals; its format ({@code defaultArnoldDriver.ai_translator}) is read by
 *       {@link MayaRenderSettingsCollector}.</li>
 * </ul>
 */
final class RendererOwnSettings {

    static final String VRAY_NODE = "vraySettings";
    static final String REDSHIFT_NODE = "redshiftOptions";
    static final String RENDERMAN_NODE = "rmanGlobals";
    static final Set<String> NODES = Set.of(VRAY_NODE, REDSHIFT_NODE, RENDERMAN_NODE);

    /** V-Ray's image format when the scene leaves {@code imageFormatStr} unwritten. */
    static final String VRAY_DEFAULT_FORMAT = "png";

    /** Every attribute read, short and long names, lower case as {@link MayaSceneHandler#attributesOf} wants them. */
    static final Set<String> ATTRIBUTES = Set.of("fnprx", "filenameprefix", "imgfs", "imageformatstr", "wi", "width",
            "he", "height", "imagefileprefix", "imagefileformat", "imageoutputdir");

    private static final Map<String, String> VRAY_LONG = Map.of("fnprx", "fileNamePrefix", "imgfs", "imageFormatStr",
            "wi", "width", "he", "height");

    private final Map<String, String> vray = new HashMap<>();
    private final Map<String, String> redshift = new HashMap<>();
    private final Map<String, String> renderman = new HashMap<>();

    void set(String node, String attribute, String value) {
        switch (node) {
            case VRAY_NODE -> vray.put(VRAY_LONG.getOrDefault(attribute, attribute), value);
            case REDSHIFT_NODE -> redshift.put(attribute, value);
            case RENDERMAN_NODE -> renderman.put(attribute, value);
            default -> {
            }
        }
    }

    /** The prefix the renderer uses instead of the globals', if it has its own. */
    Optional<String> prefix(String renderer) {
        switch (renderer) {
            case "vray" -> {
                String p = vray.getOrDefault("fileNamePrefix", "");
                return Optional.of(p.isBlank() ? MayaRenderSettingsCollector.DEFAULT_PREFIX : p);
            }
            case "redshift" -> {
                String p = redshift.getOrDefault("imageFilePrefix", "");
                return p.isBlank() ? Optional.empty() : Optional.of(p);
            }
            case "renderman" -> {
                String name = renderman.getOrDefault("imageFileFormat", "");
                if (name.isBlank()) {
                    return Optional.empty();
                }
                String dir = renderman.getOrDefault("imageOutputDir", "");
                return Optional.of(dir.isBlank() ? name : dir + "/" + name);
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** The image format's extension the renderer uses instead of the globals', if it has its own. */
    Optional<String> imageFormat(String renderer) {
        if (renderer.equals("vray")) {
            String f = vray.getOrDefault("imageFormatStr", "");
            return Optional.of(f.isBlank() ? VRAY_DEFAULT_FORMAT : f);
        }
        return Optional.empty();
    }

    /** The image size the renderer uses instead of {@code defaultResolution}, when the scene writes one. */
    Optional<Resolution> resolution(String renderer) {
        if (!renderer.equals("vray") || !vray.containsKey("width") && !vray.containsKey("height")) {
            return Optional.empty();
        }
        Resolution fallback = MayaRenderSettingsCollector.DEFAULT_RESOLUTION;
        return Optional.of(new Resolution(MayaRenderSettingsCollector.integer(vray.get("width"), fallback.width()),
                MayaRenderSettingsCollector.integer(vray.get("height"), fallback.height())));
    }
}
