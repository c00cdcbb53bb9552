"""What loading and unloading the AzureBatch plug-in does: menu, shelf, panel and gateway lifetime.

Holds the one :class:`batchrender.Client` of this Maya session (the gateway JVM starts on the
first call that needs it, not when Maya starts) and the one panel.
"""
import os
import threading

from . import adapter

PANEL_OBJECT_NAME = "BatchRenderPanel"
_SHELF_COMMAND = "import batchrender_maya.plugin as _br; _br.show_panel()"

_state = {"client": None, "panel": None, "callbacks": [], "loaded": False}
_client_lock = threading.Lock()


def initialize():
    """Adds the "Azure Batch" menu and the shelf button; safe to call again (no duplicates)."""
    _state["loaded"] = True
    adapter.install_menu([
        ("Batch Render Panel...", show_panel),
        ("Submit Scene...", lambda: show_panel("Submit")),
        ("Check Assets...", lambda: show_panel("Assets")),
        ("Jobs...", lambda: show_panel("Jobs")),
        None,
        ("Stop Batch Render Gateway", stop_gateway),
    ])
    adapter.install_shelf("Batch Render", _SHELF_COMMAND, _icon())
    remove_callbacks()
    _state["callbacks"] = adapter.add_scene_changed_callback(_scene_changed)


def uninitialize():
    """Removes everything initialize added, closes the panel and stops the gateway."""
    _state["loaded"] = False
    remove_callbacks()
    close_panel()
    adapter.remove_menu()
    adapter.remove_shelf()
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
    """Stops the gateway JVM; submissions in progress finish, watchers keep running."""
    with _client_lock:
        c = _state["client"]
        _state["client"] = None
    if c is not None:
        c.close()


def panel():
    return _state["panel"]


def show_panel(tab=None):
    """Opens (or raises) the dockable panel, on ``tab`` when given."""
    from .panel.main import BatchRenderPanel
    p = _state["panel"]
    if p is None:
        p = BatchRenderPanel(client, scene=adapter, dockable=True)
        p.setObjectName(PANEL_OBJECT_NAME)
        _state["panel"] = p
    p.show(dockable=True)
    if tab:
        p.select_tab(tab)
    return p


def close_panel():
    p = _state["panel"]
    _state["panel"] = None
    if p is not None:
        p.shutdown()
        p.close()
        p.deleteLater()
    adapter.close_workspace_control(PANEL_OBJECT_NAME + "WorkspaceControl")


def _scene_changed():
    p = _state["panel"]
    if p is not None:
        p.scene_changed()


def _icon():
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "icons", "batchrender.png")
