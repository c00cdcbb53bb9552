package io.batchrender.scene.maya;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which attributes of which node types hold paths of files a render needs. A short name means a
 * file only on its node type: {@code .imn} is a file on {@code imagePlane} but a plain name on
 * {@code camera}. Adding a node type is one row.
 */
public final class FileAttributeTable {

    /** What kind of file an attribute names, which decides how it is expanded and reported. */
    public enum Role {
        TEXTURE, IMAGE_SEQUENCE, CACHE, NCACHE_FOLDER, NCACHE_NAME, PROXY, VOLUME, AUDIO, USD_STAGE, OCIO_CONFIG,
        SHADER, GEOMETRY_CACHE, HAIR, LIGHT_PROFILE
    }

    /**
     * One file-bearing attribute.
     *
     * @param nodeType  the Maya node type
     * @param shortName the attribute's short name as Maya writes it ({@code ftn})
     * @param longName  its long name ({@code fileTextureName})
     * @param role      what kind of file it names
     */
    public record Row(String nodeType, String shortName, String longName, Role role) {
    }

    private static final List<Row> ROWS = List.of(
            // Maya
            new Row("file", "ftn", "fileTextureName", Role.TEXTURE),
            new Row("psdFileTex", "ftn", "fileTextureName", Role.TEXTURE),
            new Row("movie", "ftn", "fileTextureName", Role.IMAGE_SEQUENCE),
            new Row("imagePlane", "imn", "imageName", Role.IMAGE_SEQUENCE),
            new Row("audio", "f", "filename", Role.AUDIO),
            new Row("cacheFile", "cp", "cachePath", Role.NCACHE_FOLDER),
            new Row("cacheFile", "cn", "cacheName", Role.NCACHE_NAME),
            new Row("AlembicNode", "fn", "abc_File", Role.GEOMETRY_CACHE),
            new Row("AlembicNode", "fns", "abc_layerFiles", Role.GEOMETRY_CACHE),
            new Row("gpuCache", "cfn", "cacheFileName", Role.GEOMETRY_CACHE),
            new Row("colorManagementGlobals", "cfp", "configFilePath", Role.OCIO_CONFIG),
            new Row("xgmPalette", "xfn", "xgFileName", Role.HAIR),
            new Row("bifrostGraphShape", "cacheFile", "cacheFile", Role.CACHE),
            new Row("bifrostContainer", "cacheFile", "cacheFile", Role.CACHE),
            // USD
            new Row("mayaUsdProxyShape", "fp", "filePath", Role.USD_STAGE),
            new Row("pxrUsdProxyShape", "fp", "filePath", Role.USD_STAGE),
            new Row("pxrUsdReferenceAssembly", "fp", "filePath", Role.USD_STAGE),
            // Arnold
            new Row("aiImage", "filename", "filename", Role.TEXTURE),
            new Row("aiStandIn", "dso", "dso", Role.PROXY),
            new Row("aiVolume", "filename", "filename", Role.VOLUME),
            new Row("aiPhotometricLight", "aiFilename", "aiFilename", Role.LIGHT_PROFILE),
            new Row("mesh", "dso", "dso", Role.PROXY),
            // V-Ray
            new Row("VRayMesh", "fileName", "fileName", Role.PROXY),
            new Row("VRayVolumeGrid", "inFile", "inPath", Role.VOLUME),
            // the irradiance map and light cache a render loads ("From file" mode); short names as V-Ray 7 writes
            // them (tests/data/maya/renderers/vray_test.ma: .ifile, .lcfnm), long names from V-Ray's attribute list.
            // Their auto-save twins (.iasf, .lcasf, .asf) are files V-Ray writes, not inputs: not listed.
            new Row("VRaySettingsNode", "ifile", "imap_fileName", Role.CACHE),
            new Row("VRaySettingsNode", "lcfnm", "lc_fileName", Role.CACHE),
            // Redshift
            // short name as Redshift writes it: setAttr ".fn" -type "string" "G:/_3D Projects//stool.rs"
            // (alexanderrichtertd/plex, software/maya/plugins/SLiB/lib/objects/Assets/Proxy/Proxy.ma)
            new Row("RedshiftProxyMesh", "fn", "fileName", Role.PROXY),
            new Row("RedshiftNormalMap", "tex0", "tex0", Role.TEXTURE),
            new Row("RedshiftDomeLight", "tex0", "tex0", Role.TEXTURE),
            new Row("RedshiftVolumeShape", "fileName", "fileName", Role.VOLUME),
            // RenderMan
            new Row("PxrTexture", "filename", "filename", Role.TEXTURE),
            new Row("PxrOSL", "shadername", "shadername", Role.SHADER));

    private static final Map<String, Row> BY_KEY = index();
    private static final java.util.Set<String> TYPES =
            ROWS.stream().map(Row::nodeType).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private FileAttributeTable() {
    }

    private static Map<String, Row> index() {
        Map<String, Row> map = new HashMap<>();
        for (Row row : ROWS) {
            map.put(key(row.nodeType(), row.shortName()), row);
            map.put(key(row.nodeType(), row.longName()), row);
        }
        return Map.copyOf(map);
    }

    private static String key(String nodeType, String attribute) {
        return nodeType + "." + attribute.toLowerCase(Locale.ROOT);
    }

    /** Every row, in table order. */
    public static List<Row> rows() {
        return ROWS;
    }

    /**
     * The row for an attribute of a node type, by short or long name; an attribute written with
     * a node prefix or an index ({@code .ftn}, {@code fns[0]}) is matched on its name.
     */
    public static Optional<Row> lookup(String nodeType, String attribute) {
        String name = attribute.startsWith(".") ? attribute.substring(1) : attribute;
        int bracket = name.indexOf('[');
        if (bracket >= 0) {
            name = name.substring(0, bracket);
        }
        return Optional.ofNullable(BY_KEY.get(key(nodeType, name)));
    }

    /** The short and long names, in lower case, of the file attributes of {@code nodeType}; empty for other types. */
    public static java.util.Set<String> attributeNames(String nodeType) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Row row : ROWS) {
            if (row.nodeType().equals(nodeType)) {
                names.add(row.shortName().toLowerCase(Locale.ROOT));
                names.add(row.longName().toLowerCase(Locale.ROOT));
            }
        }
        return java.util.Set.copyOf(names);
    }

    /** True when some row names this node type: its other attributes need not be looked at. */
    public static boolean hasFiles(String nodeType) {
        return TYPES.contains(nodeType);
    }
}
