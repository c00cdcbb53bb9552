"""Loading AzureBatch.py as Maya's Plug-in Manager does: the menu and shelf appear once (also after a
crash left a shelf behind, or a reload), the shelf button opens the docked panel, and unloading
removes the menu, the shelf, the panel, the scene callbacks and the gateway JVM."""
import os
from pathlib import Path

import pytest

from maya_support import *  # noqa: F401,F403
from bridge_helpers import pid_alive, wait_for

MENU = "BatchRenderAzureBatchMenu"
SHELF = "AzureBatch"


def ui():
    from maya import _standin
    return _standin.STATE.ui


def of_kind(kind):
    return sorted(n for n, el in ui().items() if el.kind == kind)


def test_load_adds_the_menu_and_one_shelf_button(loaded_plugin):
    assert of_kind("menu") == [MENU]
    menu = ui()[MENU]
    assert menu.flags["label"] == "Azure Batch" and menu.parent == "MayaWindow"
    labels = [ui()[c].flags.get("label") for c in menu.children]
    assert labels[0] == "Batch Render Panel..." and "Submit Scene..." in labels and "Jobs..." in labels
    assert of_kind("shelfLayout") == [SHELF]
    assert ui()[SHELF].parent == "ShelfLayout"
    [button] = ui()[SHELF].children
    assert ui()[button].flags["sourceType"] == "python"
    assert os.path.isfile(ui()[button].flags["image"])


def test_loading_again_after_a_crash_makes_no_duplicates(loaded_plugin, maya):
    from maya.api import OpenMaya as om
    # a crash: Maya never called uninitializePlugin; the shelf it saved comes back, the plug-in loads again
    again = load_plugin_file()
    again.initializePlugin(om.MObject())
    again.initializePlugin(om.MObject())
    maya.run_deferred()
    assert of_kind("menu") == [MENU]
    assert of_kind("shelfLayout") == [SHELF]
    assert len(of_kind("shelfButton")) == 1
    assert len(maya.STATE.callbacks) == 2          # after-open and after-new, once


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")   # no worker died on the way
def test_reload_then_unload_leaves_nothing(loaded_plugin, maya, monkeypatch, tmp_path, qtbot):
    from maya.api import OpenMaya as om
    from batchrender_maya import plugin
    monkeypatch.setenv("BATCHRENDER_HOME", str(tmp_path / "state"))
    maya.unload_plugin(loaded_plugin)
    reloaded = maya.load_plugin(str(PLUGIN_FILE))
    maya.run_deferred()
    assert of_kind("menu") == [MENU] and len(of_kind("shelfButton")) == 1

    maya.open_scene(str(CUBE))
    [button] = ui()[SHELF].children
    exec(ui()[button].flags["command"], {})       # the artist clicks the shelf button
    panel = plugin.panel()
    assert panel is not None and panel.isVisible()
    assert of_kind("workspaceControl") == ["BatchRenderPanelWorkspaceControl"]
    panel.config_tab.check()                       # the first core call starts the gateway
    qtbot.waitUntil(lambda: panel.config_tab.status.text() == "Authenticated", timeout=60000)
    pid = plugin.client().gateway_pid
    assert pid and pid_alive(pid)
    panel.select_tab("Jobs")                       # its timer keeps asking the core every 2 s

    maya.unload_plugin(reloaded)
    assert of_kind("menu") == [] and of_kind("shelfLayout") == [] and of_kind("shelfButton") == []
    assert of_kind("workspaceControl") == []
    assert plugin.panel() is None and not panel.isVisible()
    assert maya.STATE.callbacks == {}
    wait_for("the gateway to stop", lambda: not pid_alive(pid), timeout=30)
    qtbot.wait(2500)                               # a refresh that was due must not start a new gateway
    assert plugin._state["client"] is None and gateway_children() == []


def gateway_children():
    """Gateway JVMs this test process started that still run."""
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat_file.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat_file.parent / "cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError, IndexError):
            continue
        if ppid == os.getpid() and b"gateway" in cmdline and pid_alive(int(stat_file.parent.name)):
            found.append(int(stat_file.parent.name))
    return found


def test_menu_items_open_the_panel_on_their_tab(loaded_plugin, maya, monkeypatch, tmp_path):
    from batchrender_maya import plugin
    monkeypatch.setenv("BATCHRENDER_HOME", str(tmp_path / "state"))
    maya.open_scene(str(CUBE))
    by_label = {ui()[c].flags.get("label"): ui()[c] for c in ui()[MENU].children}
    by_label["Jobs..."].flags["command"]()
    assert plugin.panel().tabs.tabText(plugin.panel().tabs.currentIndex()) == "Jobs"
    by_label["Submit Scene..."].flags["command"]()
    assert plugin.panel().tabs.tabText(plugin.panel().tabs.currentIndex()) == "Submit"
    # one panel, one workspace control, however often it is opened
    assert of_kind("workspaceControl") == ["BatchRenderPanelWorkspaceControl"]


def test_the_plugin_code_is_python_37_syntax():
    """Maya 2022 ships Python 3.7: every file of the plug-in must parse as 3.7."""
    import ast
    for path in (REPO / "maya-plugin").rglob("*.py"):
        ast.parse(path.read_text(), filename=str(path), feature_version=(3, 7))
