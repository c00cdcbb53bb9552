"""The stand-in's state: the open scene (read from a real .ma), the user interface Maya would
hold (menus, shelves, workspace controls), scene-message callbacks, deferred calls, and the log
of every ``maya.cmds`` call the plug-in made.

Tests drive it with :func:`open_scene`, :func:`new_scene`, :func:`reset` and read :data:`CALLS`.
"""
import ast
import glob
import os

from . import _ma, _plugins

#: every maya.cmds call: (command, args tuple, kwargs dict)
CALLS = []


class UiElement(object):
    def __init__(self, kind, name, parent, flags):
        self.kind = kind
        self.name = name
        self.parent = parent
        self.flags = dict(flags)
        self.children = []


class State(object):
    def __init__(self):
        self.scene_path = ""
        self.scene = None
        self.modified = False
        self.project_root = os.getcwd()
        self.current_time = 1.0
        self.ui = {}             # name -> UiElement
        self.callbacks = {}      # id -> (message, function, client data)
        self.next_callback = 1
        self.deferred = []
        self.saves = 0
        self.loaded_plugins = set(_plugins.AT_START_UP)
        self.not_installed = set()   # plug-ins this workstation lacks (see uninstall_plugin)


def _empty_scene():
    scene = _ma.MayaAsciiScene()
    for name, node_type in (("defaultRenderGlobals", "renderGlobals"), ("defaultResolution", "resolution"),
                            ("time1", "time"), ("defaultRenderLayer", "renderLayer"),
                            ("defaultColorMgtGlobals", "colorManagementGlobals")):
        scene._add(name, node_type, shared=True)
    for cam in ("persp", "top", "front", "side"):
        scene._add(cam, "transform", shared=True)
        scene._add(cam + "Shape", "camera", cam, shared=True)
        if cam != "persp":
            scene.nodes[cam + "Shape"].attrs["rnd"] = False
    return scene


STATE = State()
STATE.scene = _empty_scene()


def reset():
    """Forget everything: no scene, no UI, no callbacks, an empty call log."""
    global STATE
    STATE = State()
    STATE.scene = _empty_scene()
    del CALLS[:]


def new_scene():
    """File > New: an untitled scene with Maya's default nodes."""
    STATE.scene_path = ""
    STATE.scene = _empty_scene()
    STATE.modified = False
    STATE.current_time = 1.0
    _fire("kAfterNew")


def open_scene(path, project=None):
    """File > Open of a real .ma; ``project`` is the Maya project (default: the folder holding the
    nearest ``workspace.mel`` above the scene, as a TD would have set it, else the scene's folder)."""
    path = os.path.abspath(path)
    _fire("kBeforeOpen")
    scene = _empty_scene()
    parsed = _ma.MayaAsciiScene.read(path)
    for name in parsed.order:
        node = parsed.nodes[name]
        existing = scene.nodes.get(name)
        if existing is not None and existing.shared:
            existing.attrs.update(node.attrs)
            existing.dynamic.update(node.dynamic)
            if node.type != "unknown":
                existing.type = node.type
        else:
            if existing is not None:
                scene.order.remove(name)
            scene.nodes[name] = node
            scene.order.append(name)
    for ref in parsed.references:
        # file -r / -rdi make their reference node when the file does not create it itself
        if ref.ref_node and ref.ref_node not in scene.nodes:
            scene._add(ref.ref_node, "reference")
    scene.connections = parsed.connections
    scene.references = parsed.references
    scene.requires = parsed.requires
    scene.required_node_types = parsed.required_node_types
    _load_required_plugins(scene)
    STATE.scene = scene
    STATE.scene_path = path.replace(os.sep, "/")
    STATE.modified = False
    STATE.project_root = project or _find_project(os.path.dirname(path))
    STATE.scene.workspace_rules = _workspace_rules(STATE.project_root)
    time1 = scene.nodes["time1"]
    STATE.current_time = float(time1.attrs.get("o", 1.0))
    _fire("kAfterOpen")


def _load_required_plugins(scene):
    """Maya loads the plug-ins a scene requires; the nodes of one that is not installed become unknown nodes."""
    for plugin in scene.requires:
        if plugin in _plugins.PLUGIN_NODE_TYPES or plugin in scene.required_node_types:
            if plugin not in STATE.not_installed:
                STATE.loaded_plugins.add(plugin)
    for node in scene.nodes.values():
        owner = _plugins.plugin_of(node.type, scene.required_node_types)
        if owner is not None and owner not in STATE.loaded_plugins:
            node.type = "unknown"


def uninstall_plugin(name):
    """This workstation lacks the plug-in: it is unloaded, and scenes that require it load without it."""
    STATE.not_installed.add(name)
    STATE.loaded_plugins.discard(name)


def registered_node_types():
    """The node types Maya knows now: its own and those of the loaded plug-ins."""
    return _plugins.known_types(STATE.loaded_plugins, getattr(STATE.scene, "required_node_types", {}))


def _find_project(folder):
    d = folder
    while True:
        if os.path.isfile(os.path.join(d, "workspace.mel")):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return folder
        d = parent


def _workspace_rules(root):
    mel = os.path.join(root, "workspace.mel")
    if not os.path.isfile(mel):
        return {}
    parsed = _ma.MayaAsciiScene()
    with open(mel, "rb") as f:
        parsed._parse(_ma.decode(f.read()))
    return parsed.workspace_rules


def mark_modified():
    """The artist changed something."""
    STATE.modified = True


def _fire(message):
    for _cid, (msg, fn, data) in sorted(STATE.callbacks.items()):
        if msg == message:
            CLOCK.measure("callback " + message, fn, data)


def run_deferred():
    """Runs what maya.utils.executeDeferred queued (Maya does it when idle), each call timed on :data:`CLOCK`."""
    while STATE.deferred:
        fn, args, kwargs = STATE.deferred.pop(0)
        CLOCK.measure("executeDeferred " + getattr(fn, "__qualname__", repr(fn)), fn, *args, **kwargs)


def ui_children(name):
    el = STATE.ui.get(name)
    return [c for c in el.children if c in STATE.ui] if el else []


# ---- what Maya has: commands and flags, from maya-stubs -----------------------------------------

_SIGNATURES = None


def _stub_file():
    for base in __import__("sys").path:
        hits = glob.glob(os.path.join(base, "maya-stubs", "cmds", "__init__.pyi"))
        if hits:
            return hits[0]
    return None


def signatures():
    """command -> set of flag names Maya accepts (long names), read from maya-stubs."""
    global _SIGNATURES
    if _SIGNATURES is None:
        path = _stub_file()
        if path is None:
            raise RuntimeError("maya-stubs is not installed: pip install -r tests/requirements.txt")
        with open(path) as f:
            tree = ast.parse(f.read())
        sigs = {}
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                a = node.args
                sigs[node.name] = set(x.arg for x in a.kwonlyargs + a.args)
        _SIGNATURES = sigs
    return _SIGNATURES


# ---- Maya as a session: GUI or batch, the plug-in manager, restored workspace controls, and the main-thread
# clock (issue 16) ------------------------------------------------------------------------------------------

State.batch = False          # cmds.about(batch=True): mayabatch, Render, mayapy + maya.standalone
State.plugins = None         # plug-in name -> module, as the Plug-in Manager holds them
State.restored = None        # workspace controls saved by the last session: [(name, flags)]


class MainThreadClock(object):
    """How long Maya's main thread was held by each call into the plug-in the stand-in made (loading, unloading,
    deferred calls, scene callbacks, menu and shelf commands, uiScripts): Maya redraws and answers the artist
    only between such calls, so the longest one is the longest freeze the plug-in caused."""

    def __init__(self):
        self.calls = []      # (what, seconds)

    def measure(self, what, fn, *args, **kwargs):
        import time
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            self.calls.append((what, time.perf_counter() - started))

    def longest(self):
        """(seconds, what) of the longest call so far, (0.0, None) when none."""
        if not self.calls:
            return 0.0, None
        what, seconds = max(self.calls, key=lambda c: c[1])
        return seconds, what

    def clear(self):
        del self.calls[:]


CLOCK = MainThreadClock()


def start_session(batch=False):
    """A new Maya session: a fresh state, in GUI mode or in batch mode. In batch mode Maya builds no main window:
    ``$gMainWindow`` is undeclared and UI commands fail (see maya/cmds.py ``_ui_command``). Workspace controls
    the previous session kept (:func:`end_session`) are restored in GUI mode, as Maya restores its workspace."""
    saved = STATE.restored
    reset()   # the name is looked up now: maya.cmds wraps reset to add Maya's own UI
    STATE.batch = batch
    STATE.plugins = {}
    if batch:
        for name in [n for n, el in STATE.ui.items() if el.parent is None]:
            del STATE.ui[name]
    elif saved:
        _restore_workspace_controls(saved)


def end_session():
    """Maya quits: it saves the workspace (every workspace control with its uiScript, retained or open) for the
    next session, and its shelves (cmds.save_all_shelves). The stand-in unloads no plug-in here: a crash or a
    kill does not either, and a test that wants an unload first calls :func:`unload_plugin`."""
    from . import cmds
    if not STATE.batch:
        cmds.save_all_shelves()
    STATE.restored = [(name, {k: v for k, v in el.flags.items() if not k.startswith("_")})
                      for name, el in STATE.ui.items() if el.kind == "workspaceControl"]


def _restore_workspace_controls(saved):
    """Maya's start-up: each saved control comes back empty. Its uiScript fills it, run with the control as the
    current parent (Autodesk, "Writing Workspace controls": "anything called in that script must be available for
    execution during any subsequent Maya startup, which is the time that any saved workspace is restored",
    https://help.autodesk.com/cloudhelp/2022/ENU/Maya-SDK/Maya-Python-API/Writing-Workspace-controls.html).
    A control with checksPlugins waits until plug-ins have auto-loaded (workspaceControl docs: "The UI will not be
    loaded until the auto-loading of plug-ins is complete"): :func:`plugins_auto_loaded` runs those."""
    from . import cmds
    STATE.pending_ui_scripts = []
    for name, flags in saved:
        cmds._restore_control(name, flags)
        if flags.get("uiScript"):
            STATE.pending_ui_scripts.append(name)
    if not any(STATE.ui[n].flags.get("checksPlugins") for n in STATE.pending_ui_scripts):
        plugins_auto_loaded()


State.pending_ui_scripts = ()


def plugins_auto_loaded():
    """Maya has loaded the auto-load plug-ins: restored controls run their uiScripts now."""
    from . import cmds
    names, STATE.pending_ui_scripts = list(STATE.pending_ui_scripts), []
    for name in names:
        if name in STATE.ui:
            CLOCK.measure("uiScript " + name, cmds._run_ui_script, name)


def load_plugin(path, name=None):
    """The Plug-in Manager's loadPlugin: imports the file as a fresh module and calls its initializePlugin."""
    import importlib.util
    from .api import OpenMaya as om
    name = name or os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, str(path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    CLOCK.measure("initializePlugin", module.initializePlugin, om.MObject())
    if STATE.plugins is None:
        STATE.plugins = {}
    STATE.plugins[name] = module
    return module


def unload_plugin(module):
    """unloadPlugin: calls its uninitializePlugin on the main thread."""
    from .api import OpenMaya as om
    CLOCK.measure("uninitializePlugin", module.uninitializePlugin, om.MObject())
    for name, m in list((STATE.plugins or {}).items()):
        if m is module:
            del STATE.plugins[name]




def click_menu_item(label):
    """The artist picks a menu item: Maya runs its command on the main thread (timed on :data:`CLOCK`)."""
    for name, el in STATE.ui.items():
        if el.kind == "menuItem" and el.flags.get("label") == label:
            return CLOCK.measure("menuItem " + label, el.flags["command"])
    raise RuntimeError("no menu item labelled {!r}".format(label))
