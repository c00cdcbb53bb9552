package io.batchrender.scene.maya;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Node type names for the 4-byte type ids that a Maya Binary file writes as a node group's form type.
 *
 * <p>A plug-in's node types need no table: a Maya Binary file lists them in its {@code PLUG} chunks (name and id,
 * as {@code requires -nodeType} does), and {@link MayaBinaryReader} uses that first. This table covers
 * Maya's own types and, for files that do not list their plug-in types, a few common plug-in ones. Each entry
 * says where it comes from; an id not here reads as {@code ?XXXX} ({@code ?0x00115D3F} when not printable).
 */
public final class MayaTypeIds {

    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        // Confirmed from the shared test data: each id is a node group's form type in a real .mb file whose CREA
        // chunk names the node, and the type is what the same node is in a .ma file or what Maya names it after.
        for (String[] e : new String[][] {
            {"XFRM", "transform"}, {"DMSH", "mesh"}, {"DCAM", "camera"}, {"RTFT", "file"},
            {"RPL2", "place2dTexture"}, {"RLAM", "lambert"}, {"RBLN", "blinn"}, {"SHAD", "shadingEngine"},
            {"DMTI", "materialInfo"}, {"RNDL", "renderLayer"}, {"RNLM", "renderLayerManager"},
            {"DSPL", "displayLayer"}, {"DPLM", "displayLayerManager"}, {"RLLK", "lightLinker"}, {"SCRP", "script"},
            {"PSPH", "polySphere"}, {"PCUB", "polyCube"}, {"AMBL", "ambientLight"}, {"DIRL", "directionalLight"},
            {"JOIN", "joint"}, {"NCRV", "nurbsCurve"}, {"NCRC", "makeNurbCircle"}, {"FSCL", "skinCluster"},
            {"FMPT", "tweak"}, {"OBST", "objectSet"}, {"GPID", "groupId"}, {"GRPP", "groupParts"},
            {"FPOS", "dagPose"}, {"SDML", "shapeEditorManager"}, {"PSDM", "poseInterpolatorManager"},
        }) {
            NAMES.put(id(e[0]), e[1]);
        }
        // Unconfirmed: from memory of Maya's ids; no file here has one of these nodes.
        NAMES.put(id("RPHO"), "phong");
        NAMES.put(id("DIMP"), "imagePlane");

        // Plug-in ids confirmed from the PLUG chunks of the .mb files here (mtoa, vrayformaya).
        NAMES.put(0x00115C00, "aiOptions");
        NAMES.put(0x00115C03, "aiAOVDriver");
        NAMES.put(0x00115C04, "aiAOVFilter");
        NAMES.put(0x000001FA, "VRaySettingsNode");
        // Plug-in ids from each plug-in's public source, not seen in a file here.
        NAMES.put(0x00115C01, "aiStandIn");          // MtoA, ArnoldNodeIds.h: ARNOLD_NODEID_STAND_INS
        NAMES.put(0x00082697, "AlembicNode");        // Alembic's AbcImport: AlembicNode::mMayaNodeId
        NAMES.put(0x580000C4, "gpuCache");           // Maya devkit gpuCache: ShapeNode::id
        NAMES.put(0x58000095, "mayaUsdProxyShape");  // maya-usd: MAYAUSD_PROXYSHAPE_ID
        // Not in the table because no source was at hand (they come from a file's PLUG chunk when it lists them):
        // aiImage, aiStandardSurface (MtoA takes shader ids from Arnold metadata), VRayMesh, Redshift's nodes,
        // RenderMan's PxrTexture, audio, cacheFile.
    }

    private MayaTypeIds() {
    }

    /** The node type for {@code id} from this table. */
    public static Optional<String> typeName(int id) {
        return Optional.ofNullable(NAMES.get(id));
    }

    /** What a node of an unknown type is called: {@code ?RFSN}, or {@code ?0x00115D3F} when the id is not printable. */
    public static String unknown(int id) {
        return "?" + fourCC(id);
    }

    /** The id as its four characters ({@code XFRM}), or as {@code 0x00115C00} when they are not printable ASCII. */
    public static String fourCC(int id) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            int b = (id >>> (24 - 8 * i)) & 0xff;
            if (b < 0x20 || b > 0x7e) {
                return String.format("0x%08X", id);
            }
            c[i] = (char) b;
        }
        return new String(c);
    }

    /** The id of a four-character code such as {@code XFRM}. */
    public static int id(String fourCC) {
        if (fourCC.length() != 4) {
            throw new IllegalArgumentException("not four characters: " + fourCC);
        }
        return (fourCC.charAt(0) << 24) | (fourCC.charAt(1) << 16) | (fourCC.charAt(2) << 8) | fourCC.charAt(3);
    }
}
