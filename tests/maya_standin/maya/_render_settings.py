"""Maya's ``renderSettings`` query (the Render Settings window's Common tab): the image names each render
layer writes through its renderable cameras. Written from Autodesk's documentation, not from the Java core:

- "Subfolders and names of rendered images" (Maya Help 2016,
  help.autodesk.com/cloudhelp/2016/ENU/Maya/files/GUID-F6C6AE73-F484-4534-B992-2E599D4AE91E.htm): a folder per
  render layer when more than one layer renders, a folder per camera when more than one camera renders,
  ``<RenderLayer>/<Camera>`` in that order; none with one of each; the tokens <Scene>, <RenderLayer>, <Layer>,
  <Camera>, <Version>, <Extension>;
- Render Setup (GUID-B0D4A0D5-25BF-4C1E-831A-8EB00B9BC672): folders ``masterLayer`` and ``rs_<layer>``; a prefix
  holding <RenderLayer> gets no layer folders;
- renderSettings (maya-stubs flags: genericFrameImageName, layer, camera; "genericFrameImageName: Returns the
  generic frame image name with the custom specified frame index token");
- a bool attribute added without -dv is off (addAttr: "-defaultValue ... default 0"): a Render Setup
  ``renderable`` override written without .atv turns the camera off.

Which cameras a layer renders: a camera shape's .rnd (default on); the default layer's and a legacy layer's
adjustments (``.adjs[i].val`` for the plug connected to ``.adjs[i].plg``); a Render Setup layer's enabled
``renderable`` overrides, through their collection's simpleSelector static selection.
The frame name follows the globals' Frame/Animation ext: animation off ``name.ext``; .pff on
``name.<token>.ext`` (.peie 0 none, 1 period, 2 underscore), off ``name.ext.<token>``.
"""
import os
import re

_LAYER_TOKEN = re.compile(r"<(render)?layer>", re.I)
_CAMERA_TOKEN = re.compile(r"<camera>", re.I)


def _on(value, default=True):
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() in ("yes", "on", "true", "1")
    return bool(value)


def _node_of(plug):
    return plug.partition(".")[0]


def _parent_of(scene, name):
    for src, dst in scene.connections:
        if _node_of(dst) == name and dst.endswith(".pls") and src.endswith(".lit"):
            return _node_of(src)
    return None


def _setup_layer(scene, legacy):
    for src, dst in scene.connections:
        if src == legacy + ".msg" and dst.endswith(".lrl"):
            return _node_of(dst)
    return None


def _adjustment(scene, layer, camera):
    node = scene.nodes.get(layer)
    if node is None:
        return None
    for src, dst in scene.connections:
        m = re.match(r"^{}\.adjs\[(\d+)\]\.plg$".format(re.escape(layer)), dst)
        if m and src in (camera + ".rnd", camera + ".renderable"):
            value = node.attrs.get("adjs[{}].val".format(m.group(1)))
            if value is not None:
                return _on(value)
    return None


def _overrides_in(scene, setup_layer, attribute):
    """The enabled absolute overrides of ``attribute`` under a Render Setup layer, with their collections."""
    found = []
    for name in scene.order:
        node = scene.nodes[name]
        if node.type not in ("absOverride", "absUniqueOverride") or node.attrs.get("atr") != attribute:
            continue
        if not _on(node.attrs.get("en"), True):
            continue
        collection = _parent_of(scene, name)
        at = collection
        for _ in range(64):
            if at is None or at == setup_layer:
                break
            at = _parent_of(scene, at)
        if at == setup_layer:
            found.append((node, collection))
    return found


def layer_cameras(scene, legacy):
    """The camera shapes a legacy render layer renders, in scene order."""
    setup = _setup_layer(scene, legacy)
    overridden = {}
    if setup is not None:
        for override, collection in _overrides_in(scene, setup, "renderable"):
            selector = next((_node_of(s) for s, d in scene.connections if d == collection + ".sel"), None)
            paths = scene.nodes[selector].attrs.get("ssl", "") if selector in scene.nodes else ""
            for path in paths.split("\n"):
                overridden[path.split("|")[-1]] = _on(override.attrs.get("atv"), False)
    shapes = []
    for name in scene.order:
        node = scene.nodes[name]
        if node.type != "camera":
            continue
        on = _on(node.attrs.get("rnd"), True)
        base = _adjustment(scene, "defaultRenderLayer", name)
        on = on if base is None else base
        if setup is not None:
            on = overridden.get(name, on)
        elif legacy != "defaultRenderLayer":
            adj = _adjustment(scene, legacy, name)
            on = on if adj is None else adj
        if on:
            shapes.append(name)
    return shapes


def renderable_layers(scene):
    return [n for n in scene.order if scene.nodes[n].type == "renderLayer" and _on(scene.nodes[n].attrs.get("rndr"))]


def _prefix(scene, legacy, renderer_prefix):
    setup = _setup_layer(scene, legacy)
    if setup is not None:
        for override, _collection in _overrides_in(scene, setup, "imageFilePrefix"):
            if override.attrs.get("atv"):
                return override.attrs["atv"]
    return renderer_prefix


def image_names(scene, scene_path, globals_attrs, extension, layer, camera, frame_token):
    """What ``renderSettings(genericFrameImageName=frame_token, layer=layer[, camera=camera])`` answers."""
    layers = renderable_layers(scene)
    shapes = layer_cameras(scene, layer)
    if camera is not None:
        shapes = [camera]
    transform = {n: (scene.nodes[n].parent or n).split("|")[-1] for n in shapes if n in scene.nodes}
    prefix = _prefix(scene, layer, globals_attrs.get("ifp") or "<Scene>")
    folder = "masterLayer" if layer == "defaultRenderLayer" else layer
    base_name = os.path.splitext(os.path.basename(scene_path))[0]
    names = []
    for shape in shapes:
        cam = transform.get(shape, shape)
        path = ""
        if len(layers) > 1 and not _LAYER_TOKEN.search(prefix):
            path += folder + "/"
        if len(shapes) > 1 and not _CAMERA_TOKEN.search(prefix):
            path += cam + "/"
        name = re.sub(r"<scene>", base_name, prefix, flags=re.I)
        name = _LAYER_TOKEN.sub(folder, name)
        name = _CAMERA_TOKEN.sub(cam, name)
        name = re.sub(r"<version>", str(globals_attrs.get("rv") or ""), name, flags=re.I)
        name = re.sub(r"<extension>", extension, name, flags=re.I)
        if not _on(globals_attrs.get("an"), False):
            name += "." + extension
        elif _on(globals_attrs.get("pff"), False):
            name += {0: "", 2: "_"}.get(globals_attrs.get("peie", 1), ".") + frame_token + "." + extension
        else:
            name += "." + extension + "." + frame_token
        names.append(path + name)
    return names
