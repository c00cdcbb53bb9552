"""The module that reads Maya's scene: every ``maya.cmds`` call of the plug-in but its UI's (``mayaui``).

It reads what a submission needs from the open scene (path, project, renderer, frames, output,
cameras, layers with their Render Setup overrides, the files Maya reports). It returns plain Python values (str, float, dict, list),
never Maya objects, so the panel and the bridge can use them on any thread after the call.

Flags are always spelt with their long names (``query=True``, not ``q=True``).
"""
from maya import cmds

from . import patterns

#: Render Setup override node types; a unique override names its target node itself
OVERRIDE_TYPES = ["absOverride", "absUniqueOverride", "relOverride", "relUniqueOverride"]
#: the nodes whose attributes a render-settings override may change, and the settings they carry
RENDER_SETTINGS_NODES = ("defaultRenderGlobals", "defaultResolution")

#: (node type, attribute long name, role) of every file-bearing attribute the adapter reports;
#: the same rows as the Java core's FileAttributeTable, by long name. Most types belong to a plug-in
#: (mtoa, vrayformaya, redshift4maya, RenderMan_for_Maya, AbcImport, gpuCache, mayaUsdPlugin): only
#: those Maya knows in this session are asked for (see registered_node_types)
FILE_ATTRIBUTES = [
    ("file", "fileTextureName", "texture"),
    ("psdFileTex", "fileTextureName", "texture"),
    ("movie", "fileTextureName", "image"),
    ("imagePlane", "imageName", "image"),
    ("audio", "filename", "audio"),
    ("AlembicNode", "abc_File", "cache"),
    ("gpuCache", "cacheFileName", "cache"),
    ("mayaUsdProxyShape", "filePath", "usd"),
    ("pxrUsdProxyShape", "filePath", "usd"),
    ("pxrUsdReferenceAssembly", "filePath", "usd"),
    ("aiImage", "filename", "texture"),
    ("aiStandIn", "dso", "proxy"),
    ("aiVolume", "filename", "volume"),
    ("aiPhotometricLight", "aiFilename", "light"),
    ("PxrTexture", "filename", "texture"),
    ("PxrOSL", "shadername", "shader"),
    ("RedshiftProxyMesh", "fileName", "proxy"),
    ("RedshiftVolumeShape", "fileName", "volume"),
    ("RedshiftNormalMap", "tex0", "texture"),
    ("RedshiftDomeLight", "tex0", "texture"),
    ("VRayMesh", "fileName", "proxy"),
    ("VRayVolumeGrid", "inPath", "volume"),
    ("VRaySettingsNode", "imap_fileName", "cache"),
    ("VRaySettingsNode", "lc_fileName", "cache"),
]
TILING = {0: "off", 1: "zbrush", 2: "mudbox", 3: "udim", 4: "explicit"}


# ---- the scene --------------------------------------------------------------------------------

def registered_node_types():
    """The node types Maya knows in this session: its own and those of the loaded plug-ins.

    ``ls -type`` fails on any other type (a renderer's proxy type when the renderer is not loaded),
    so every ``ls`` by type of a plug-in's type is filtered through this first.
    """
    return set(cmds.allNodeTypes() or [])


def _ls_types(types, known):
    """``ls -type`` of those ``types`` Maya knows; [] when it knows none."""
    asked = [t for t in types if t in known]
    return (cmds.ls(type=asked) or []) if asked else []


#: where each renderer keeps the output settings it uses instead of the render globals'
#: (node, node type, prefix attribute, format attribute, width attribute, height attribute); see the
#: Java core's RendererOwnSettings for the sources
RENDERER_NODES = {
    "vray": ("vraySettings", "VRaySettingsNode", "fileNamePrefix", "imageFormatStr", "width", "height"),
    "redshift": ("redshiftOptions", "RedshiftOptions", "imageFilePrefix", None, None, None),
    "renderman": ("rmanGlobals", "rmanGlobals", None, None, None, None),
}
#: V-Ray's image format when vraySettings.imageFormatStr is empty (as the Java core's RendererOwnSettings)
VRAY_DEFAULT_FORMAT = "png"


def _renderer_node(name):
    """The renderer's own settings node when it exists with its plug-in loaded, else None."""
    entry = RENDERER_NODES.get(name)
    if entry is None or not cmds.objExists(entry[0]) or cmds.nodeType(entry[0]) != entry[1]:
        return None
    return entry


def renderer_settings():
    """What the current renderer keeps on its own node: ``{"node", "prefix", "format", "resolution"}``,
    each None where the renderer uses the render globals' (Arnold, Maya Software, ...)."""
    name = renderer()
    out: dict = {"node": None, "prefix": None, "format": None, "resolution": None}
    entry = _renderer_node(name)
    if entry is None:
        return out
    node, _type, prefix_attr, format_attr, width_attr, height_attr = entry
    out["node"] = node
    if name == "renderman":
        image = cmds.getAttr(node + ".imageFileFormat") or ""
        folder = cmds.getAttr(node + ".imageOutputDir") or ""
        if image:
            out["prefix"] = folder + "/" + image if folder else image
        return out
    own_prefix = cmds.getAttr(node + "." + prefix_attr) or ""
    if name == "vray":
        out["prefix"] = own_prefix  # V-Ray never reads the globals' prefix; empty names images after the scene
        out["format"] = cmds.getAttr(node + "." + format_attr) or VRAY_DEFAULT_FORMAT
        out["resolution"] = [int(cmds.getAttr(node + "." + width_attr)), int(cmds.getAttr(node + "." + height_attr))]
    elif own_prefix:
        out["prefix"] = own_prefix
    return out

def scene_path():
    """The open scene's path with forward slashes, or '' for an untitled scene."""
    return cmds.file(query=True, sceneName=True) or ""


def scene_saved():
    """True when the scene has a name and no unsaved changes."""
    return bool(scene_path()) and not cmds.file(query=True, modified=True)


def save_scene():
    """Saves the scene in place (File > Save); returns its path."""
    return cmds.file(save=True)


def project():
    """The Maya project: ``{"root": folder, "name": its base name, "rules": {rule: folder}}``."""
    root = str(cmds.workspace(query=True, rootDirectory=True) or "").rstrip("/\\")
    rules = {}
    listed = cmds.workspace(fileRuleList=True) or []
    for rule in listed if isinstance(listed, list) else []:
        rules[rule] = str(cmds.workspace(fileRuleEntry=rule) or "")
    name = root.replace("\\", "/").rsplit("/", 1)[-1] if root else ""
    return {"root": root, "name": name, "rules": rules}


def renderer():
    """``defaultRenderGlobals.currentRenderer``: ``arnold``, ``mayaSoftware``, ``renderman``, ..."""
    return cmds.getAttr("defaultRenderGlobals.currentRenderer") or "mayaSoftware"


def frames():
    """``{"animation", "start", "end", "step"}``; with animation off the current frame only."""
    animation = bool(cmds.getAttr("defaultRenderGlobals.animation"))
    if not animation:
        now = float(cmds.currentTime(query=True))
        return {"animation": False, "start": now, "end": now, "step": 1.0}
    return {"animation": True, "start": float(cmds.getAttr("defaultRenderGlobals.startFrame")),
            "end": float(cmds.getAttr("defaultRenderGlobals.endFrame")),
            "step": float(cmds.getAttr("defaultRenderGlobals.byFrameStep"))}


def image_prefix():
    """The image file prefix the renderer uses, '' when unset (Maya then names images after the scene):
    the renderer's own (V-Ray, Redshift, RenderMan) where it keeps one, else the render globals'."""
    own = renderer_settings()["prefix"]
    if own is not None:
        return own
    return cmds.getAttr("defaultRenderGlobals.imageFilePrefix") or ""


def image_format():
    """``{"imageFormat": Maya's number, "pluginKey": the renderer's format key ('' if none)}``."""
    return {"imageFormat": int(cmds.getAttr("defaultRenderGlobals.imageFormat")),
            "pluginKey": cmds.getAttr("defaultRenderGlobals.imfPluginKey") or ""}


def resolution():
    """(width, height) in pixels: V-Ray's own size on vraySettings, else ``defaultResolution``."""
    own = renderer_settings()["resolution"]
    if own is not None:
        return tuple(own)
    return int(cmds.getAttr("defaultResolution.width")), int(cmds.getAttr("defaultResolution.height"))


def renderable_cameras():
    """The transforms of the cameras whose ``renderable`` is on, in scene order."""
    out = []
    for shape in cmds.ls(type="camera", long=True) or []:
        if cmds.getAttr(shape + ".renderable"):
            parts = shape.split("|")
            out.append(parts[-2] if len(parts) > 2 else parts[-1])
    return out


def render_layers():
    """Every render layer: ``{"name", "node", "renderable", "overrides": {attribute: value}}``.

    ``node`` is the legacy layer Maya renders (``rs_<name>`` under Render Setup), ``name`` what
    the artist sees; ``overrides`` are the layer's enabled Render Setup overrides of the render
    settings (``startFrame``, ``endFrame``, ``width``, ...), relative ones applied to the scene's value.
    """
    layers: list = []
    by_node: dict = {}
    for node in cmds.ls(type="renderLayer") or []:
        setup = cmds.listConnections(node + ".message", source=False, destination=True, type="renderSetupLayer")
        name = setup[0] if setup else ("masterLayer" if node == "defaultRenderLayer" else node)
        entry = {"name": name, "node": node, "renderable": bool(cmds.getAttr(node + ".renderable")), "overrides": {}}
        layers.append(entry)
        by_node[node] = entry
    for override in _ls_types(OVERRIDE_TYPES, registered_node_types()):
        target = cmds.getAttr(override + ".targetNodeName") if cmds.objExists(override + ".targetNodeName") else None
        attribute = cmds.getAttr(override + ".attribute")
        if target not in RENDER_SETTINGS_NODES or not attribute or not cmds.getAttr(override + ".enabled"):
            continue
        layer = _layer_of(override)
        if layer not in by_node:
            continue
        base = by_node[layer]["overrides"].get(attribute, cmds.getAttr(target + "." + attribute))
        if str(cmds.nodeType(override)).startswith("rel"):
            value = base * cmds.getAttr(override + ".multiply") + cmds.getAttr(override + ".offset")
        else:
            value = cmds.getAttr(override + ".attrValue")
        by_node[layer]["overrides"][attribute] = value
    return layers


def _layer_of(override):
    """The legacy render layer an override belongs to, following ``parentList`` up to its layer."""
    node = override
    for _ in range(32):
        parents = cmds.listConnections(node + ".parentList", source=True, destination=False) or []
        if not parents:
            return None
        node = parents[0]
        if cmds.nodeType(node) == "renderSetupLayer":
            legacy = cmds.listConnections(node + ".legacyRenderLayer", source=True, destination=False) or []
            return legacy[0] if legacy else None
    return None


def renderable_layers():
    """The render layers that render (``renderable`` on), with their overrides."""
    return [layer for layer in render_layers() if layer["renderable"]]


def image_outputs(layers=None):
    """Where each renderable layer's frames land, as Maya names them: ``[{"layer", "node", "paths"}]``,
    one path per camera the layer renders, relative to the images folder, the frame number written as
    one ``#`` per digit of padding (``rs_beauty/camera1/shot.####.exr``).

    Maya answers through its ``renderSettings`` query of the Common tab (as deadline-cloud-for-maya's
    submitter asks it), so the layer and camera folders are Maya's own. Renderers that name images
    themselves (V-Ray's vraySettings, RenderMan's rmanGlobals: see :func:`renderer_settings`) are not
    covered by that query: the core's scan (``outputs``) names theirs.
    """
    token = "#" * max(1, int(cmds.getAttr("defaultRenderGlobals.extensionPadding")))
    out = []
    for layer in layers if layers is not None else renderable_layers():
        paths = cmds.renderSettings(genericFrameImageName=token, layer=layer["node"]) or []
        out.append({"layer": layer["name"], "node": layer["node"], "paths": list(paths)})
    return out


def file_references():
    """Every file the open scene points at, as Maya reports it, for the core's scan.

    Each is ``{"node", "nodeType", "attribute", "path"}`` plus ``tiling`` and ``frameSequence``
    for file textures (the path is then Maya's computed pattern, ``<UDIM>``/``<f>`` included).
    Scene references (their unresolved names, each file once, with ``unloaded``), cacheFile nodes and
    an enabled OCIO config (unless it is Maya's own) are included; empty attributes are left out. Node
    types of plug-ins that are not loaded are not asked for (Maya's ``ls`` fails on them).
    """
    refs = []
    known = registered_node_types()
    for node_type, attribute, _role in FILE_ATTRIBUTES:
        for node in _ls_types([node_type], known):
            path = cmds.getAttr(node + "." + attribute)
            if not path:
                continue
            ref = {"node": node, "nodeType": node_type, "attribute": attribute, "path": path}
            if node_type == "imagePlane":
                ref["frameSequence"] = bool(cmds.getAttr(node + ".useFrameExtension"))
            if node_type in ("file", "psdFileTex"):
                tiling = int(cmds.getAttr(node + ".uvTilingMode"))
                sequence = bool(cmds.getAttr(node + ".useFrameExtension"))
                ref["tiling"] = TILING.get(tiling, "off")
                ref["frameSequence"] = sequence
                if tiling or sequence:
                    ref["path"] = cmds.getAttr(node + ".computedFileTextureNamePattern") or path
            refs.append(ref)
    for node in cmds.ls(type="colorManagementGlobals") or []:
        config = cmds.getAttr(node + ".configFilePath") if cmds.getAttr(node + ".configFileEnabled") else None
        # a config under <MAYA_RESOURCES> ships with Maya on every node, as the core's scan holds too
        if config and not config.startswith("<MAYA_RESOURCES>"):
            refs.append({"node": node, "nodeType": "colorManagementGlobals", "attribute": "configFilePath",
                         "path": config})
    for node in cmds.ls(type="cacheFile") or []:
        folder = cmds.getAttr(node + ".cachePath") or ""
        name = cmds.getAttr(node + ".cacheName") or ""
        if name:
            refs.append({"node": node, "nodeType": "cacheFile", "attribute": "cachePath",
                         "path": patterns.cache_description(folder, name)})
    refs.extend(_scene_references())
    return refs


def _scene_references():
    """Each referenced file once, ``unloaded`` only when no copy of it is loaded: a file referenced twice,
    one copy unloaded and one loaded, is needed by the render."""
    by_path: dict = {}
    for node in cmds.ls(type="reference") or []:
        if node == "sharedReferenceNode" or node.endswith("sharedReferenceNode"):
            continue
        try:
            # as the scene writes it (env variables and relative paths kept): the core resolves it
            path = cmds.referenceQuery(node, filename=True, unresolvedName=True, withoutCopyNumber=True)
            loaded = bool(cmds.referenceQuery(node, isLoaded=True))
        except RuntimeError:
            continue  # a reference node with no file (Maya leaves some behind)
        entry = by_path.get(path)
        if entry is None:
            by_path[path] = {"node": node, "nodeType": "reference", "attribute": "fileName", "path": path,
                             "unloaded": not loaded}
        elif loaded and entry["unloaded"]:
            entry.update(node=node, unloaded=False)
    return list(by_path.values())


def snapshot():
    """Everything the panel shows of the scene, read in one go on Maya's main thread."""
    layers = render_layers()
    return {"scene": scene_path(), "saved": scene_saved(), "project": project(), "renderer": renderer(),
            "frames": frames(), "imagePrefix": image_prefix(), "imageFormat": image_format(),
            "resolution": list(resolution()), "rendererSettings": renderer_settings(),
            "cameras": renderable_cameras(), "layers": layers,
            "imageOutputs": image_outputs([layer for layer in layers if layer["renderable"]]),
            "references": file_references()}


# ---- scene-changed callbacks ------------------------------------------------------------------

def add_scene_changed_callback(function):
    """Calls ``function()`` after File > New and File > Open; returns ids for :func:`remove_callbacks`."""
    from maya.api import OpenMaya as om
    ids = []
    for message in (om.MSceneMessage.kAfterOpen, om.MSceneMessage.kAfterNew):
        ids.append(om.MSceneMessage.addCallback(message, lambda *_args: function()))
    return ids


def remove_callbacks(ids):
    from maya.api import OpenMaya as om
    for cid in ids:
        try:
            om.MMessage.removeCallback(cid)
        except RuntimeError:
            pass  # already gone (Maya drops callbacks of a plug-in that failed to load)
