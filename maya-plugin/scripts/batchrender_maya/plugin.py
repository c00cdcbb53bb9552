"""What loading and unloading the AzureBatch plug-in does: menu, shelf, panel and gateway lifetime.

Holds the one :class:`batchrender.Client` of this Maya session (the gateway JVM starts on the
first call that needs it, never at load) and the one panel.

Maya also loads the plug-in where it has no user interface (the installer turns auto-load on, so mayabatch,
``Render`` on every local render, and mayapy with ``maya.standalone`` load it too): there loading and unloading
touch no UI at all. In an interactive Maya the menu and shelf are built through ``maya.utils.executeDeferred``,
once Maya's UI is up. Nothing here waits for the gateway: unloading or "Stop Batch Render Gateway" hands work in
progress (an upload, a submission) to the gateway JVM, which finishes it by itself and then exits.
"""
import os
import threading
from typing import Any, Dict

from . import adapter, mayaui

PLUGIN_NAME = "AzureBatch"
PANEL_OBJECT_NAME = "BatchRenderPanel"
WORKSPACE_CONTROL = PANEL_OBJECT_NAME + "WorkspaceControl"
_SHELF_COMMAND = "import batchrender_maya.plugin as _br; _br.show_panel()"
#: what Maya runs to rebuild the panel into its workspace control when it restores the last session's layout
UI_SCRIPT = "import batchrender_maya.plugin as _br; _br.restore_panel()"
#: the note left where work was under way when the gateway was stopped
HANDED_OFF = ("the gateway was stopped; an upload or submission under way finishes in the background, "
              "other work was cancelled", "run it again to see where it got to")

_state = {"client": None, "panel": None, "callbacks": [], "loaded": False, "ui": False}  # type: Dict[str, Any]
_client_lock = threading.Lock()


def initialize():
    """Called by initializePlugin. With a user interface: queues the menu and shelf for when Maya is idle;
    in batch mode: nothing but marking the plug-in loaded. Safe to call again (no duplicates)."""
    _state["loaded"] = True
    remove_callbacks()
    if mayaui.batch():
        _state["ui"] = False
        return
    _state["ui"] = True
    _state["callbacks"] = adapter.add_scene_changed_callback(_scene_changed)
    import maya.utils
    maya.utils.executeDeferred(_build_ui)


def _build_ui():
    if not (_state["loaded"] and _state["ui"]):
        return  # unloaded before Maya got idle
    mayaui.install_menu([
        ("Batch Render Panel...", show_panel),
        ("Submit Scene...", lambda: show_panel("Submit")),
        ("Check Assets...", lambda: show_panel("Assets")),
        ("Jobs...", lambda: show_panel("Jobs")),
        None,
        ("Stop Batch Render Gateway", stop_gateway),
    ])
    mayaui.install_shelf("Batch Render", _SHELF_COMMAND, _icon())


def uninitialize():
    """Removes everything initialize added, closes the panel and lets the gateway go; returns at once."""
    _state["loaded"] = False
    remove_callbacks()
    p = _state["panel"]
    if p is not None and p.background.busy and _state["client"] is not None:
        print("Batch Render: " + HANDED_OFF[0] + "; the gateway then stops by itself.")   # the Script Editor
    if _state["ui"]:
        close_panel()
        mayaui.remove_menu()
        mayaui.remove_shelf()
        _state["ui"] = False
    stop_gateway()


def remove_callbacks():
    adapter.remove_callbacks(_state["callbacks"])
    _state["callbacks"] = []


def client():
    """The session's client of the Java core (its gateway starts on first use)."""
    with _client_lock:  # panel workers may ask at the same time: one client, one gateway
        if not _state["loaded"]:
            from batchrender import GatewayError
            raise GatewayError("the AzureBatch plug-in is not loaded", "load it in the Plug-in Manager")
        if _state["client"] is None:
            from batchrender import Client
            _state["client"] = Client()
        return _state["client"]


def stop_gateway():
    """Lets the gateway JVM go without waiting for it: it finishes uploads and submissions under way by itself
    and exits (watchers and the render agent keep running). The panel stops following that work, with a note."""
    with _client_lock:
        c = _state["client"]
        _state["client"] = None
    if c is None:
        return False
    p = _state["panel"]
    if p is not None:
        p.gateway_stopped(*HANDED_OFF, code="HandedOff")
    # Client.close() closes the gateway's stdin and waits for the JVM; it may also wait for a gateway still
    # starting on a worker: never on Maya's main thread
    threading.Thread(target=c.close, name="batchrender-gateway-stop", daemon=True).start()
    return True


def panel():
    return _state["panel"]


def _make_panel():
    from .panel.main import BatchRenderPanel
    p = BatchRenderPanel(client, scene=adapter, dockable=True)
    p.setObjectName(PANEL_OBJECT_NAME)
    _state["panel"] = p
    return p


def show_panel(tab=None):
    """Opens (or raises) the dockable panel, on ``tab`` when given."""
    p = _state["panel"]
    if p is None:
        # a control of the panel's name without the panel in it (restored from the last session while the
        # plug-in was not loaded, or left by a crash): Maya would refuse a second one of that name
        mayaui.delete_workspace_control(WORKSPACE_CONTROL)
        p = _make_panel()
        p.show(dockable=True, uiScript=UI_SCRIPT)   # retain: Maya's default, closing only hides it
        mayaui.wait_for_plugins(WORKSPACE_CONTROL)
    else:
        p.show(dockable=True)
    if tab:
        p.select_tab(tab)
    return p


def restore_panel():
    """The workspace control's uiScript: Maya restored the control from the last session and asks for its
    content. Builds the panel into it; with the plug-in not loaded, removes the empty control instead."""
    import maya.utils
    if not (_state["loaded"] and _state["ui"]):
        maya.utils.executeDeferred(mayaui.delete_workspace_control, WORKSPACE_CONTROL)
        return None
    old = _state["panel"]
    if old is not None:   # the control was deleted and restored under us: start over
        old.shutdown()
        old.setObjectName("")
        old.deleteLater()
    p = _make_panel()
    mayaui.put_in_current_parent(p)
    return p


def close_panel():
    p = _state["panel"]
    _state["panel"] = None
    try:
        docked = p is not None and p.isDockable()
    except RuntimeError:   # Qt deleted the panel already (its control closed with it): nothing left of it to close
        p, docked = None, False
    if p is not None:
        p.shutdown()
        p.setObjectName("")   # Maya finds controls by name: a panel being deleted must not be found instead
        if not docked:
            p.close()
            p.deleteLater()
    # deletes the panel in it too; closing a retained control would only hide it
    mayaui.delete_workspace_control(WORKSPACE_CONTROL)


def _scene_changed():
    p = _state["panel"]
    if p is not None:
        p.scene_changed()


def _icon():
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "icons", "batchrender.png")
