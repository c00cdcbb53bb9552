"""``maya.cmds`` of the stand-in: answers from the open scene (a real .ma read by ``_ma``), keeps
the user interface Maya would keep, logs every call in ``maya._standin.CALLS``, and refuses a
command or flag that Maya does not have (per maya-stubs), as Maya does with a TypeError.

Flags must be given by their long names: the plug-in's adapter is written that way, and the stubs
carry long names only.
"""
import fnmatch
import functools
import os
import sys
import threading

from . import _attrs, _standin


def _state():
    return _standin.STATE


def _command(fn):
    name = fn.__name__.rstrip("_")

    @functools.wraps(fn)
    def call(*args, **kwargs):
        _standin.CALLS.append((name, args, dict(kwargs)))
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("maya.cmds.{} called off Maya's main thread (Maya is not thread-safe)".format(name))
        known = _standin.signatures().get(name)
        if known is None:
            raise AttributeError("module 'maya.cmds' has no attribute '{}'".format(name))
        for flag in kwargs:
            if flag not in known:
                raise TypeError("Invalid flag '{}'".format(flag))
        return fn(*args, **kwargs)

    call.__name__ = name
    return call


# ---- scene ------------------------------------------------------------------------------------

@_command
def file(*args, **kw):
    st = _state()
    if kw.get("query"):
        if kw.get("sceneName"):
            return st.scene_path
        if kw.get("modified"):
            return st.modified
        raise RuntimeError("stand-in: file query {} not modelled".format(sorted(kw)))
    if kw.get("save"):
        if not st.scene_path:
            raise RuntimeError("File has not been named: use Save As.")
        st.modified = False
        st.saves += 1
        return st.scene_path
    raise RuntimeError("stand-in: file {} not modelled".format(sorted(kw)))


@_command
def workspace(*args, **kw):
    st = _state()
    if kw.get("rootDirectory"):
        return st.project_root.replace(os.sep, "/") + "/"
    if kw.get("fileRuleList"):
        return list(st.scene.workspace_rules)
    if "fileRuleEntry" in kw:
        return st.scene.workspace_rules.get(kw["fileRuleEntry"], "")
    raise RuntimeError("stand-in: workspace {} not modelled".format(sorted(kw)))


@_command
def currentTime(*args, **kw):
    if kw.get("query"):
        return _state().current_time
    if args:
        _state().current_time = float(args[0])
        return _state().current_time
    raise RuntimeError("stand-in: currentTime needs a time or query")


@_command
def about(*args, **kw):
    if kw.get("version"):
        return "2024"
    if kw.get("batch"):
        return _batch()
    raise RuntimeError("stand-in: about {} not modelled".format(sorted(kw)))


def _node(name):
    node = _state().scene.node(name)
    if node is None:
        raise ValueError("No object matches name: {}".format(name))
    return node


@_command
def objExists(name):
    node_name, _, attr = name.partition(".")
    node = _state().scene.node(node_name)
    if node is None:
        return False
    return not attr or _attrs.short_name(node.type, attr, node.dynamic) is not None or attr in node.attrs


@_command
def nodeType(name):
    return _node(name.split(".")[0]).type


@_command
def ls(*args, **kw):
    scene = _state().scene
    types = kw.get("type")
    if isinstance(types, str):
        types = [types]
    _require_known_node_types(types)
    names = []
    for name in scene.order:
        node = scene.nodes[name]
        if types is not None and node.type not in types:
            continue
        if args and not any(fnmatch.fnmatchcase(name, pattern.lstrip(":")) for pattern in args):
            continue
        names.append(_long(name) if kw.get("long") else name)
    return names


# ---- node types Maya knows (its own and the loaded plug-ins'; see maya/_plugins.py) ---------------

def _require_known_node_types(types):
    """``ls -type`` fails on a type Maya does not know, e.g. one whose plug-in is not loaded (issue 16 item 5)."""
    known = _standin.registered_node_types()
    for node_type in types or ():
        if node_type not in known:
            raise RuntimeError("Unknown object type: {}".format(node_type))


@_command
def allNodeTypes(**kw):
    """Every node type Maya knows now (maya-stubs: ``allNodeTypes(*, includeAbstract)``)."""
    return sorted(_standin.registered_node_types())


def _long(name):
    scene = _state().scene
    parts = [name]
    node = scene.nodes.get(name)
    while node is not None and node.parent:
        parts.append(node.parent)
        node = scene.nodes.get(node.parent)
    return "|" + "|".join(reversed(parts))


@_command
def getAttr(plug, **kw):
    node_name, _, attr = plug.partition(".")
    node = _node(node_name)
    base, index = attr, ""
    if "[" in attr:
        base, index = attr[: attr.index("[")], attr[attr.index("["):]
    short = _attrs.short_name(node.type, base, node.dynamic)
    if short is None and base not in node.attrs:
        raise ValueError("No object matches name: {}".format(plug))
    short = short or base
    if short + index in node.attrs:
        value = node.attrs[short + index]
    elif (_attrs.long_name(node.type, short) + index) in node.attrs:
        value = node.attrs[_attrs.long_name(node.type, short) + index]
    elif _attrs.family(node.type) == "file" and short == "cfnp":
        value = _computed_pattern(node)
    else:
        known, value = _attrs.default(node.type, short)
        if not known:
            if short in node.dynamic.values():
                return None
            raise RuntimeError("stand-in: no default known for {}.{} ({}); add it to maya/_attrs.py".format(
                node_name, attr, node.type))
    if kw.get("type"):
        return type(value).__name__
    if value == "":
        return None  # Maya answers None for an empty string attribute
    return value


def _computed_pattern(node):
    """Maya's computedFileTextureNamePattern: the name with <UDIM> / <f> tokens per the node's modes."""
    import re
    name = node.attrs.get("ftn") or ""
    if not name:
        return None
    tiling = node.attrs.get("uvt", 0)
    folder, base = os.path.split(name)
    if tiling == 3 and "<UDIM>" not in base:
        base = re.sub(r"(?<!\d)1\d{3}(?!\d)", "<UDIM>", base, count=1)
    elif tiling == 1 and "<u>" not in base:
        base = re.sub(r"_u\d+_v\d+", "_u<u>_v<v>", base, count=1)
    elif tiling == 2 and "<U>" not in base:
        base = re.sub(r"_u\d+_v\d+", "_u<U>_v<V>", base, count=1)
    if node.attrs.get("ufe") and "<f>" not in base:
        base = re.sub(r"(\d+)(\.[^.]+)$", r"<f>\2", base, count=1)
    return (folder + "/" + base) if folder else base


@_command
def listConnections(plug, **kw):
    scene = _state().scene
    node_name, _, attr = plug.partition(".")
    node = _node(node_name)
    short = _attrs.short_name(node.type, attr, node.dynamic) if attr else None
    want_src = kw.get("source", True)
    want_dst = kw.get("destination", True)
    out = []
    for src, dst in scene.connections:
        for mine, other, wanted in ((dst, src, want_src), (src, dst, want_dst)):
            if not wanted:
                continue
            m_node, _, m_attr = mine.partition(".")
            if m_node != node.name:
                continue
            if attr and m_attr.split("[")[0] not in (attr, short):
                continue
            other_node = scene.nodes.get(other.partition(".")[0])
            if kw.get("type") and (other_node is None or other_node.type != kw["type"]):
                continue
            out.append(other if kw.get("plugs") else other.partition(".")[0])
    return out or None


@_command
def referenceQuery(target, **kw):
    scene = _state().scene
    ref = next((r for r in scene.references if r.ref_node == target and not r.top_level), None) \
        or next((r for r in scene.references if r.ref_node == target), None)
    if ref is None:
        raise RuntimeError("Reference node '{}' is not associated with a reference file.".format(target))
    if kw.get("filename"):
        # unresolvedName: as written; without it Maya answers the path it loaded, which for the
        # stand-in (nothing is loaded) is the written one too
        return _without_copy_number(ref.path) if kw.get("withoutCopyNumber") else ref.path
    if kw.get("isLoaded"):
        return not ref.deferred
    raise RuntimeError("stand-in: referenceQuery {} not modelled".format(sorted(kw)))


def _without_copy_number(path):
    """A second reference to the same file is named ``path{1}``; withoutCopyNumber drops the ``{1}``
    (Autodesk, referenceQuery: "-withoutCopyNumber: ... the file name without the copy number")."""
    import re
    return re.sub(r"\{\d+\}$", "", path)


def reference_nodes():
    """The reference nodes Maya would have for the open scene: one per file -rdi line."""
    seen = []
    for r in _state().scene.references:
        if r.ref_node and r.ref_node not in seen:
            seen.append(r.ref_node)
    return seen


# ---- batch mode and UI names (issue 16) ---------------------------------------------------------

#: Maya's UI commands: those of Autodesk's "Windows" category of the command reference (windows, panels,
#: layouts, controls, menus: https://help.autodesk.com/cloudhelp/2024/ENU/Maya-Tech-Docs/CommandsPython/cat_Windows.html)
#: that the stand-in has. In batch mode (mayabatch, Render, mayapy with maya.standalone) Maya builds no user
#: interface: they fail there. Autodesk, on PyMEL in batch mode: "Importing UI-related components when running in
#: Batch mode will result in unpredictable behavior / exceptions / crashes" (LumaPictures/pymel pull request 354);
#: Maya plug-ins check the mode before building UI (mmerchante/instanceAlongCurve pull request 7: kBatch and
#: kLibraryApp). Every failing Maya command raises RuntimeError in Python; the message is the stand-in's.
def _ui_command(fn):
    @functools.wraps(fn)
    def call(*args, **kwargs):
        if _batch():
            raise RuntimeError("{}: Maya runs in batch mode: there is no user interface (check "
                               "cmds.about(batch=True) first)".format(fn.__name__.rstrip("_")))
        return fn(*args, **kwargs)
    return call


def _batch():
    return bool(getattr(_state(), "batch", False))


def _not_unique(name):
    """Maya refuses to create a UI element under a name already taken: "Object's name 'X' is not unique." (the
    error Autodesk's MayaQWidgetDockableMixin.show(dockable=True) runs into when a workspace control of its name
    survives, which is why Autodesk's and studios' dockable tools delete a stale control first)."""
    raise RuntimeError("Object's name '{}' is not unique.".format(name))


# ---- user interface ---------------------------------------------------------------------------

def _ui(kind, args, kw, default_prefix):
    st = _state()
    if kw.get("exists"):
        return bool(args) and args[0] in st.ui and st.ui[args[0]].kind == kind
    if kw.get("query"):
        el = st.ui.get(args[0]) if args else None
        if el is None:
            raise RuntimeError("Object '{}' not found.".format(args[0] if args else ""))
        if kw.get("childArray"):
            return _standin.ui_children(el.name) or None
        for key in kw:
            if key != "query":
                return el.flags.get(key)
    if kw.get("edit"):
        el = st.ui[args[0]]
        el.flags.update((k, v) for k, v in kw.items() if k != "edit")
        return el.name
    name = args[0] if args else None
    if name is not None and name in st.ui:
        _not_unique(name)
    if name is None:
        i = 1
        while "{}{}".format(default_prefix, i) in st.ui:
            i += 1
        name = "{}{}".format(default_prefix, i)
    parent = kw.get("parent") or (st.current_menu if kind == "menuItem" else None)
    el = _standin.UiElement(kind, name, parent, kw)
    st.ui[name] = el
    if parent in st.ui:
        st.ui[parent].children.append(name)
    if kind == "menu":
        st.current_menu = name
    return name


_standin.State.current_menu = None


@_command
@_ui_command
def menu(*args, **kw):
    return _ui("menu", args, kw, "menu")


@_command
@_ui_command
def menuItem(*args, **kw):
    return _ui("menuItem", args, kw, "menuItem")


@_command
@_ui_command
def shelfLayout(*args, **kw):
    return _ui("shelfLayout", args, kw, "shelfLayout")


@_command
@_ui_command
def shelfButton(*args, **kw):
    return _ui("shelfButton", args, kw, "shelfButton")


@_command
@_ui_command
def shelfTabLayout(*args, **kw):
    return _ui("shelfTabLayout", args, kw, "shelfTabLayout")


@_command
@_ui_command
def workspaceControl(*args, **kw):
    return _workspace_control(*args, **kw)


@_command
@_ui_command
def deleteUI(*names, **kw):
    st = _state()
    for name in names:
        if name not in st.ui:
            raise RuntimeError("Object '{}' not found.".format(name))
        _delete(name)


def _delete(name):
    st = _state()
    el = st.ui.pop(name, None)
    if el is None:
        return
    for child in list(el.children):
        _delete(child)
    if el.parent in st.ui and name in st.ui[el.parent].children:
        st.ui[el.parent].children.remove(name)
    widget = el.flags.get("_widget")
    if widget is not None:
        widget.close()
        widget.deleteLater()


# ---- workspace controls (issue 16) ---------------------------------------------------------------
# Per Autodesk's workspaceControl reference (https://help.autodesk.com/cloudhelp/2022/ENU/Maya-Tech-Docs/
# CommandsPython/workspaceControl.html): a workspace control is a Qt widget hosting the tool's UI; ``retain``
# (default true) keeps it, hidden, when closed instead of deleting it; ``uiScript`` is what rebuilds its content
# when Maya restores it; ``checksPlugins`` delays that until plug-ins have auto-loaded; creating one under a name
# already taken fails.

def _workspace_control(*args, **kw):
    st = _state()
    name = args[0] if args else None
    if kw.get("exists"):
        return bool(name) and name in st.ui and st.ui[name].kind == "workspaceControl"
    el = st.ui.get(name) if name else None
    if kw.get("query"):
        if el is None or el.kind != "workspaceControl":
            raise RuntimeError("Object '{}' not found.".format(name))
        if kw.get("visible"):
            return el.flags.get("visible", True)
        if kw.get("floating"):
            return el.flags.get("floating", True)
        if kw.get("retain"):
            return el.flags.get("retain", True)
        for key in ("label", "uiScript", "requiredPlugin", "minimumWidth"):
            if kw.get(key):
                return el.flags.get(key)
        raise RuntimeError("stand-in: workspaceControl query {} not modelled".format(sorted(kw)))
    if kw.get("edit"):
        if el is None or el.kind != "workspaceControl":
            raise RuntimeError("Object '{}' not found.".format(name))
        if kw.get("close"):
            if el.flags.get("retain", True):
                el.flags["visible"] = False
                el.flags["_widget"].hide()
            else:
                _delete(name)
            return None
        if kw.get("r") or kw.get("restore"):
            el.flags["visible"] = True
            el.flags["_widget"].show()
            return None
        if "visible" in kw:
            el.flags["visible"] = bool(kw["visible"])
            el.flags["_widget"].setVisible(bool(kw["visible"]))
            return None
        el.flags.update((k, v) for k, v in kw.items() if k != "edit")
        return name
    if name is not None and name in st.ui:
        _not_unique(name)
    name = _ui("workspaceControl", args, kw, "workspaceControl")
    el = st.ui[name]
    el.flags.setdefault("retain", True)
    el.flags["visible"] = True
    el.flags["_widget"] = _control_widget(name)
    st.current_parent = name
    return name


def _control_widget(name):
    """The control's own Qt widget, with a layout for the tool's widget (Maya's QWorkspaceControl)."""
    from Qt import QtWidgets
    w = QtWidgets.QWidget()
    w.setObjectName(name)
    QtWidgets.QVBoxLayout(w).setContentsMargins(0, 0, 0, 0)
    w.show()
    return w


def _restore_control(name, flags):
    """Maya's start-up: a saved control comes back, empty, under its saved name and flags."""
    st = _state()
    el = _standin.UiElement("workspaceControl", name, None, flags)
    el.flags["_widget"] = _control_widget(name)
    if not flags.get("visible", True):
        el.flags["_widget"].hide()
    st.ui[name] = el


def _run_ui_script(name):
    """Runs a restored control's uiScript (Python source, as the plug-in passes it) with it as current parent."""
    st = _state()
    st.current_parent = name
    script = st.ui[name].flags["uiScript"]
    if callable(script):
        script()
    else:
        exec(script, {"__name__": "__main__"})


_standin.State.current_parent = None


# ---- user folders (issue 16) -------------------------------------------------------------------

def maya_app_dir():
    """``MAYA_APP_DIR`` or Maya's default user folder (Autodesk, "Maya environment variables": MAYA_APP_DIR;
    Linux ~/maya; tests set MAYA_APP_DIR to a temporary folder)."""
    return os.environ.get("MAYA_APP_DIR") or os.path.expanduser("~/maya")


@_command
def internalVar(**kw):
    """Maya's user folders, per version (``<MAYA_APP_DIR>/<version>/prefs/shelves/`` for the shelves, with the
    trailing slash Maya gives)."""
    if kw.get("userShelfDir"):
        return "/".join([maya_app_dir().replace(os.sep, "/"), about(version=True), "prefs", "shelves", ""])
    if kw.get("userAppDir"):
        return maya_app_dir().replace(os.sep, "/") + "/"
    raise RuntimeError("stand-in: internalVar {} not modelled".format(sorted(kw)))


def save_all_shelves():
    """What Maya does when it quits with "Save shelves" on (its default): each shelf in the shelf tab layout is
    written to ``shelf_<name>.mel`` in the user's shelf folder, and read again at the next start. The text follows
    the form of the shelf files Maya writes (a global proc of the shelf's name holding a shelfButton command per
    button); the stand-in writes only the flags the plug-in set."""
    st = _state()
    folder = internalVar(userShelfDir=True)
    for name, el in list(st.ui.items()):
        if el.kind != "shelfLayout":
            continue
        os.makedirs(folder, exist_ok=True)
        lines = ["global proc shelf_{} () {{".format(name), "    global string $gBuffStr;"]
        for child in el.children:
            flags = st.ui[child].flags
            lines.append("    shelfButton")
            for key in ("label", "annotation", "image", "imageOverlayLabel", "command", "sourceType"):
                if key in flags:
                    lines.append('        -{} "{}"'.format(key, str(flags[key]).replace('"', '\\"')))
            lines.append("    ;")
        lines.append("}")
        with open(os.path.join(folder, "shelf_{}.mel".format(name)), "w") as f:
            f.write("\n".join(lines) + "\n")


def _install_main_window_ui():
    """Maya's own UI the plug-in attaches to: the main window and the shelf tab layout."""
    st = _state()
    for name, kind in (("MayaWindow", "window"), ("ShelfLayout", "shelfTabLayout")):
        if name not in st.ui:
            st.ui[name] = _standin.UiElement(kind, name, None, {})


_install_main_window_ui()
_standin_reset = _standin.reset


def _reset_with_ui():
    _standin_reset()
    _install_main_window_ui()


_standin.reset = _reset_with_ui
sys.modules.setdefault("maya.cmds", sys.modules[__name__])


# ---- renderSettings: the image names of the Common tab (see maya/_render_settings.py) ----------

_FORMAT_EXTENSIONS = {7: "iff", 8: "jpg", 19: "tga", 32: "png", 40: "exr"}


@_command
def renderSettings(**kw):
    """``genericFrameImageName`` with ``layer`` (and ``camera``): the image names, relative to the images folder."""
    from . import _render_settings
    st = _state()
    if "genericFrameImageName" not in kw:
        raise RuntimeError("stand-in: renderSettings {} not modelled".format(sorted(kw)))
    scene = st.scene
    render_globals = scene.nodes["defaultRenderGlobals"].attrs
    extension = render_globals.get("imfkey") or _FORMAT_EXTENSIONS.get(render_globals.get("outf", 7), "iff")
    layer = kw.get("layer") or "defaultRenderLayer"
    if scene.node(layer) is None:
        raise RuntimeError("Invalid render layer: {}".format(layer))
    camera = kw.get("camera")
    if camera is not None:
        shape = scene.node(camera)
        if shape is not None and shape.type != "camera":
            shape = next((n for n in scene.nodes.values() if n.type == "camera" and n.parent == shape.name), shape)
        camera = shape.name if shape is not None else camera
    return _render_settings.image_names(scene, st.scene_path or "untitled", render_globals, extension, layer,
                                        camera, kw["genericFrameImageName"])
