package io.batchrender.assets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a Maya {@code cacheFile} node (nCache, geometry cache): its {@code .cachePath}
 * folder holds a description {@code <cacheName>.xml} whose {@code cacheType} says where the data is:
 * {@code OneFile} is {@code <cacheName>.mcx} (or {@code .mc}), {@code OneFilePerFrame} is
 * {@code <cacheName>Frame<n>[Tick<t>].mcx} per frame.
 */
public final class MayaCacheFiles {

    private static final Pattern CACHE_TYPE = Pattern.compile("<cacheType\\b([^>]*)>");
    private static final Pattern TYPE = Pattern.compile("\\bType\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern FORMAT = Pattern.compile("\\bFormat\\s*=\\s*\"([^\"]*)\"");

    private MayaCacheFiles() {
    }

    /** The reference to the description file of a cache: {@code cachePath/cacheName.xml}. */
    public static AssetReference description(String node, String cachePath, String cacheName) {
        String folder = cachePath.isEmpty() || cachePath.endsWith("/") || cachePath.endsWith("\\")
                ? cachePath : cachePath + "/";
        return AssetReference.of(node, "cacheFile", "cachePath", folder + cacheName + ".xml");
    }

    /**
     * The data file name, or pattern, of a cache from its description's text; empty when the
     * description names no cache type it knows. Format {@code mcc} files end in {@code .mc}.
     */
    public static Optional<String> dataFileName(String descriptionXml, String cacheName) {
        Matcher m = CACHE_TYPE.matcher(descriptionXml);
        if (!m.find()) {
            return Optional.empty();
        }
        String type = attribute(TYPE, m.group(1)).orElse("");
        String format = attribute(FORMAT, m.group(1)).orElse("mcc");
        String extension = format.equals("mcc") ? "mc" : format;
        return switch (type) {
            case "OneFile" -> Optional.of(cacheName + "." + extension);
            case "OneFilePerFrame" -> Optional.of(cacheName + "Frame*." + extension);
            default -> Optional.empty();
        };
    }

    /**
     * The description, then (when it was found and names its data) the data files beside it:
     * one result each. Reads the description file.
     */
    public static List<ResolvedAsset> resolve(AssetResolver resolver, String node, String cachePath,
            String cacheName) throws IOException {
        List<ResolvedAsset> out = new ArrayList<>();
        ResolvedAsset xml = resolver.resolve(description(node, cachePath, cacheName));
        out.add(xml);
        if (xml.status() != ResolvedAsset.Status.FOUND) {
            return out;
        }
        Path file = xml.files().get(0);
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        Optional<String> data = dataFileName(text, cacheName);
        if (data.isPresent()) {
            String path = file.getParent() + "/" + data.get(); // not a Path: "*" is no valid Windows name
            out.add(resolver.resolve(AssetReference.of(node, "cacheFile", "cacheName", path)));
        }
        return out;
    }

    private static Optional<String> attribute(Pattern p, String attributes) {
        Matcher m = p.matcher(attributes);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
