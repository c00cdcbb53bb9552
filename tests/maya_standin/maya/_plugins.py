"""Which node types Maya knows: its own, and those of the plug-ins loaded in this session.

Maya knows a plug-in's node types only while the plug-in is loaded. Opening a scene loads the
plug-ins its ``requires`` lines name (when they are installed); a node whose plug-in is not
installed becomes an ``unknown`` node ("Warning: Unrecognized node type 'floatConstant';
preserving node information during this session", as reported in TrevisanGMW/gt-tools#30;
Autodesk's Maya Station, "How to prevent Maya writing a requires command for a plug-in",
2015, on ``unknownNode``/``unknownPlugin``). ``ls -type`` with a type Maya does not know fails
(issue 16 of this project, item 5; no Autodesk page found that says so in words) and
``allNodeTypes`` lists what it knows (maya-stubs: ``allNodeTypes(*, includeAbstract)``).
"""

#: Maya's own node types the plug-in asks about (Maya's node reference, "Nodes" index,
#: help.autodesk.com/view/MAYAUL/2024/ENU/?guid=Nodes_index_html)
BUILTIN = frozenset([
    "file", "psdFileTex", "movie", "imagePlane", "audio", "cacheFile", "camera", "renderLayer",
    "reference", "colorManagementGlobals", "transform", "mesh", "renderGlobals", "resolution", "time",
    "script", "shadingEngine", "lightLinker", "displayLayer", "renderLayerManager", "displayLayerManager",
])

#: node types each plug-in registers: the -nodeType names of real scenes' requires lines (cited),
#: and the file-bearing types from the vendors' node documentation
PLUGIN_NODE_TYPES = {
    # shared/testdata deadline scenes: requires -nodeType "aiOptions" -nodeType "aiAOVDriver" ... "mtoa";
    # Arnold for Maya user guide: aiStandIn, aiImage, aiVolume, aiPhotometricLight
    "mtoa": ["aiOptions", "aiAOVDriver", "aiAOVFilter", "aiImagerDenoiserOidn", "aiStandIn", "aiImage",
             "aiVolume", "aiPhotometricLight"],
    # tests/data/maya/renderers/vray_test.ma: requires -nodeType "VRaySettingsNode" ... "vrayformaya";
    # V-Ray for Maya docs: VRayMesh (proxy), VRayVolumeGrid
    "vrayformaya": ["VRaySettingsNode", "VRayLightDomeShape", "VRayMtl", "VRayMesh", "VRayVolumeGrid"],
    # tests/data/maya/renderers/redshift_test.ma: requires -nodeType "RedshiftOptions" ... "redshift4maya";
    # Redshift docs: RedshiftProxyMesh, RedshiftVolumeShape, RedshiftNormalMap
    "redshift4maya": ["RedshiftOptions", "RedshiftPostEffects", "RedshiftPhysicalLight", "RedshiftDomeLight",
                      "RedshiftStandardMaterial", "RedshiftProxyMesh", "RedshiftVolumeShape", "RedshiftNormalMap"],
    # shared/testdata renderman.ma: requires -nodeType "PxrPathTracer" ... "rmanGlobals" ... "RenderMan_for_Maya.py"
    "RenderMan_for_Maya.py": ["PxrPathTracer", "d_openexr", "rmanDisplayChannel", "rmanGlobals", "rmanDisplay",
                              "rmanBakingGlobals", "PxrTexture", "PxrSurface", "PxrOSL"],
    "AbcImport": ["AlembicNode"],
    "gpuCache": ["gpuCache"],
    # shared/testdata maya-usd scenes: requires -nodeType "mayaUsdProxyShape" ... "mayaUsdPlugin"
    "mayaUsdPlugin": ["mayaUsdProxyShape", "mayaUsdLayerManager", "usdPreviewSurface"],
    "pxrUsd": ["pxrUsdReferenceAssembly", "pxrUsdProxyShape"],
    # layers.ma: requires -nodeType "simpleSelector" ... "renderSetupLayer" ... "renderSetup.py"; Render Setup's
    # node types (collections, overrides) from Maya's Render Setup API reference
    "renderSetup.py": ["renderSetup", "renderSetupLayer", "simpleSelector", "lightsCollectionSelector",
                       "collection", "renderSettingsCollection", "renderSettingsChildCollection",
                       "lightsCollection", "lightsChildCollection", "absOverride", "absUniqueOverride",
                       "relOverride", "relUniqueOverride"],
}

#: loaded when Maya starts: Render Setup is the render layer system by default since Maya 2017
AT_START_UP = frozenset(["renderSetup.py"])


def plugin_of(node_type, scene_requires=None):
    """The plug-in that registers ``node_type``, or None for Maya's own."""
    for plugin, types in (scene_requires or {}).items():
        if node_type in types and plugin != "maya":
            return plugin
    for plugin, types in PLUGIN_NODE_TYPES.items():
        if node_type in types:
            return plugin
    return None


def known_types(loaded, scene_requires=None):
    """Every node type Maya knows with these plug-ins loaded."""
    types = set(BUILTIN)
    for plugin in loaded:
        types.update(PLUGIN_NODE_TYPES.get(plugin, ()))
        types.update((scene_requires or {}).get(plugin, ()))
    return types
