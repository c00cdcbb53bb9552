package io.batchrender.scene.maya;

import io.batchrender.scene.ImageOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Maya writes each layer's and camera's images, as Autodesk documents the image file prefix
 * ("Subfolders and names of rendered images", Maya Help,
 * https://help.autodesk.com/cloudhelp/2016/ENU/Maya/files/GUID-F6C6AE73-F484-4534-B992-2E599D4AE91E.htm):
 *
 * <ul>
 *   <li>when more than one render layer renders, each layer's images go to a folder named after it; when a layer
 *       renders more than one camera, each camera's go to a folder named after the camera ({@code layer1/camera1/},
 *       layer first); with one layer and one camera there is no folder;</li>
 *   <li>a prefix that names the layer ({@code <RenderLayer>}, {@code <Layer>}) or the camera ({@code <Camera>})
 *       itself gets no such folder ("If you include the &lt;RenderLayer&gt; token ... your rendered images are not
 *       saved to individual folders", GUID-B0D4A0D5-25BF-4C1E-831A-8EB00B9BC672);</li>
 *   <li>the default layer's folder is {@code masterLayer}, a Render Setup layer's is its legacy layer
 *       ({@code rs_character}, same page);</li>
 *   <li>tokens: {@code <Scene>} the scene file's name without extension, {@code <RenderLayer>}/{@code <Layer>}
 *       the layer's folder name, {@code <Camera>} the camera's transform, {@code <Version>} the globals'
 *       {@code renderVersion}, {@code <Extension>} the image format; others ({@code <RenderPass>}, ...) stay as
 *       written. Tokens match in any case.</li>
 *   <li>frame numbers per the globals' "Frame/Animation ext": animation off writes {@code name.ext};
 *       {@code putFrameBeforeExt} on writes {@code name.#.ext} (the separator per {@code periodInExt}: 1 a
 *       period, 2 an underscore, 0 none), off {@code name.ext.#}; {@code #} repeated to the padding.</li>
 * </ul>
 * RenderMan names its images itself ({@code rmanGlobals.imageFileFormat}, lower-case tokens, see
 * {@link RendererOwnSettings}): its {@code <scene>}, {@code <layer>}, {@code <camera>}, {@code <ext>} and
 * {@code <fN>} are filled in, the rest kept, and no folder is added.
 */
public final class MayaImagePaths {

    private static final Pattern LAYER_TOKEN = Pattern.compile("(?i)<(render)?layer>");
    private static final Pattern CAMERA_TOKEN = Pattern.compile("(?i)<camera>");
    private static final Pattern RMAN_FRAME = Pattern.compile("<f(\\d*)>");

    /** How frame numbers are written into file names (the globals' Frame/Animation ext). */
    public record FrameNaming(boolean animation, boolean frameBeforeExtension, int periodInExtension, int padding) {

        String name(String base, String extension) {
            if (!animation) {
                return base + "." + extension;
            }
            String frame = "#".repeat(Math.max(1, padding));
            if (!frameBeforeExtension) {
                return base + "." + extension + "." + frame;
            }
            String separator = switch (periodInExtension) {
                case 0 -> "";
                case 2 -> "_";
                default -> ".";
            };
            return base + separator + frame + "." + extension;
        }
    }

    /** A render layer that renders: its name, its folder name, its prefix and cameras (transforms). */
    public record Layer(String name, String folder, String prefix, List<String> cameras) {
    }

    private MayaImagePaths() {
    }

    /**
     * Every image sequence the renderable {@code layers} write, in layer then camera order.
     *
     * @param renderer  the renderer ({@code renderman} names files itself)
     * @param scene     the scene file's name without extension
     * @param extension the image format's extension
     * @param version   the globals' renderVersion ({@code <Version>})
     */
    public static List<ImageOutput> of(String renderer, String scene, String extension, String version,
                                       FrameNaming naming, List<Layer> layers) {
        boolean layerFolders = layers.size() > 1;
        List<ImageOutput> outputs = new ArrayList<>();
        for (Layer layer : layers) {
            boolean cameraFolders = layer.cameras().size() > 1;
            for (String camera : layer.cameras()) {
                String path = renderer.equals("renderman")
                        ? renderMan(layer.prefix(), scene, layer.folder(), camera, extension, naming.padding())
                        : maya(layer, camera, scene, extension, version, naming, layerFolders, cameraFolders);
                outputs.add(new ImageOutput(layer.name(), camera, path));
            }
        }
        return List.copyOf(outputs);
    }

    private static String maya(Layer layer, String camera, String scene, String extension, String version,
                               FrameNaming naming, boolean layerFolders, boolean cameraFolders) {
        String prefix = layer.prefix();
        StringBuilder path = new StringBuilder();
        if (layerFolders && !LAYER_TOKEN.matcher(prefix).find()) {
            path.append(layer.folder()).append('/');
        }
        if (cameraFolders && !CAMERA_TOKEN.matcher(prefix).find()) {
            path.append(camera).append('/');
        }
        String base = replace(prefix, "(?i)<scene>", scene);
        base = LAYER_TOKEN.matcher(base).replaceAll(Matcher.quoteReplacement(layer.folder()));
        base = CAMERA_TOKEN.matcher(base).replaceAll(Matcher.quoteReplacement(camera));
        base = replace(base, "(?i)<version>", version);
        base = replace(base, "(?i)<extension>", extension);
        return path.append(naming.name(base, extension)).toString();
    }

    private static String renderMan(String pattern, String scene, String layer, String camera, String extension,
                                    int padding) {
        String p = pattern.replace("<scene>", scene).replace("<layer>", layer).replace("<camera>", camera)
                .replace("<ext>", extension);
        Matcher m = RMAN_FRAME.matcher(p);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int digits = m.group(1).isEmpty() ? padding : Integer.parseInt(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement("#".repeat(Math.max(1, digits))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String replace(String text, String regex, String value) {
        return text.replaceAll(regex, Matcher.quoteReplacement(value));
    }

    /** The scene's name for {@code <Scene>}: its file name without the extension. */
    public static String sceneName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
