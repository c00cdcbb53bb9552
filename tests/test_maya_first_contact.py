"""Issue 16, the plug-in as a real Maya runs it: in batch mode (no UI, no gateway), docked in a workspace control
that survives a restart, and never holding Maya's main thread while the gateway finishes an upload.

Each rule of the Maya stand-in these tests lean on names its source in tests/maya_standin/maya/.
"""
import os
import sys

import pytest

from maya_support import *  # noqa: F401,F403
from bridge_helpers import pid_alive, wait_for

CONTROL = "BatchRenderPanelWorkspaceControl"
#: Maya's UI commands the stand-in has (Autodesk's "Windows" category), and MEL (the plug-in reads UI globals)
UI_CALLS = {"menu", "menuItem", "shelfLayout", "shelfButton", "shelfTabLayout", "workspaceControl", "deleteUI",
            "mel.eval"}


def ui():
    from maya import _standin
    return _standin.STATE.ui


def of_kind(kind):
    return sorted(n for n, el in ui().items() if el.kind == kind)


def gateway_children():
    from test_maya_plugin import gateway_children as children
    return children()


@pytest.fixture
def state(monkeypatch, tmp_path, maya):
    maya.open_scene(str(CUBE))    # (the Submit tab fails on an untitled scene: submit_tab.update_checks)
    monkeypatch.setenv("BATCHRENDER_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("MAYA_APP_DIR", str(tmp_path / "maya"))
    return tmp_path / "state"


# ---- batch mode ---------------------------------------------------------------------------------

def test_loads_and_unloads_in_batch_mode_with_no_ui_and_no_gateway(maya, state):
    """mayabatch / Render / mayapy: autoload loads the plug-in where UI commands fail (the stand-in's batch mode);
    loading and unloading succeed, call no UI command, and start no gateway (issue 16, item 1)."""
    maya.start_session(batch=True)
    module = maya.load_plugin(str(PLUGIN_FILE))
    maya.run_deferred()                                   # Maya idles between frames of a batch render too
    from batchrender_maya import plugin
    assert plugin._state["loaded"] and plugin._state["client"] is None and gateway_children() == []
    maya.unload_plugin(module)
    assert not plugin._state["loaded"]
    called = {c[0] for c in maya.CALLS}
    assert called & UI_CALLS == set(), called & UI_CALLS
    assert "about" in called                              # it asked which mode Maya runs in


def test_in_batch_mode_a_script_still_gets_the_core(maya, state):
    """A mayapy script may use the core through the loaded plug-in: the gateway starts then, not before."""
    maya.start_session(batch=True)
    module = maya.load_plugin(str(PLUGIN_FILE))
    from batchrender_maya import plugin
    try:
        assert plugin.client().ping() == "pong"
        pid = plugin.client().gateway_pid
    finally:
        maya.unload_plugin(module)
    wait_for("the gateway to stop", lambda: not pid_alive(pid), timeout=30)


def test_the_menu_and_shelf_are_built_when_maya_is_idle(maya, state, qapp):
    """At start-up Maya loads auto-load plug-ins before its UI is up: the plug-in builds its menu and shelf through
    maya.utils.executeDeferred (issue 16, item 1)."""
    module = maya.load_plugin(str(PLUGIN_FILE))
    assert of_kind("menu") == [] and of_kind("shelfLayout") == []
    maya.run_deferred()
    assert of_kind("menu") == ["BatchRenderAzureBatchMenu"] and of_kind("shelfLayout") == ["AzureBatch"]
    maya.unload_plugin(module)


def test_unloaded_before_maya_got_idle_builds_nothing(maya, state, qapp):
    module = maya.load_plugin(str(PLUGIN_FILE))
    maya.unload_plugin(module)
    maya.run_deferred()
    assert of_kind("menu") == [] and of_kind("shelfLayout") == []


# ---- docking ------------------------------------------------------------------------------------

def _click_shelf_button():
    [button] = ui()["AzureBatch"].children
    exec(ui()[button].flags["command"], {})


def quit_maya(maya):
    """Maya quits (no unload: a crash, or the user closing Maya) and the process ends: Maya saves the workspace and
    the shelves; the panel's widgets and every module imported from the plug-in go with the process."""
    from batchrender_maya import plugin
    maya.end_session()
    panel = plugin.panel()
    if panel is not None:
        panel.shutdown()
        panel.setObjectName("")
    plugin.stop_gateway()
    for el in list(ui().values()):
        widget = el.flags.get("_widget")
        if widget is not None:
            widget.close()
            widget.deleteLater()
    for name in [m for m in sys.modules if m.split(".")[0] == "batchrender_maya"]:
        del sys.modules[name]


def test_a_docked_panel_comes_back_after_a_restart(maya, state, qtbot):
    """Maya restores the panel's workspace control from the last session and runs its uiScript, once plug-ins
    have auto-loaded: the panel is rebuilt into it; the shelf button then raises that panel and makes no second
    control (which Maya would refuse: "Object's name ... is not unique") (issue 16, item 2)."""
    module = maya.load_plugin(str(PLUGIN_FILE))
    maya.run_deferred()
    _click_shelf_button()
    from maya import cmds
    assert cmds.workspaceControl(CONTROL, query=True, uiScript=True)
    quit_maya(maya)

    maya.start_session()                                  # the next Maya session
    maya.open_scene(str(CUBE))
    assert of_kind("workspaceControl") == [CONTROL]       # restored, empty until its uiScript runs
    module = maya.load_plugin(str(PLUGIN_FILE))           # auto-load
    maya.plugins_auto_loaded()
    maya.run_deferred()
    from batchrender_maya import plugin
    panel = plugin.panel()
    assert panel is not None and panel.isDockable() and panel.parent().objectName() == CONTROL
    _click_shelf_button()
    assert plugin.panel() is panel and panel.isVisible() and of_kind("workspaceControl") == [CONTROL]
    maya.unload_plugin(module)
    assert of_kind("workspaceControl") == []


def test_a_restored_control_without_the_plugin_is_removed(maya, state, qtbot):
    """The control comes back but the plug-in is not loaded (auto-load turned off): its uiScript removes the empty
    control instead of failing."""
    maya.load_plugin(str(PLUGIN_FILE))
    maya.run_deferred()
    _click_shelf_button()
    quit_maya(maya)
    maya.start_session()
    maya.open_scene(str(CUBE))
    maya.plugins_auto_loaded()                            # no AzureBatch among them
    maya.run_deferred()
    assert of_kind("workspaceControl") == []


def test_a_stale_control_is_deleted_before_the_panel_is_made(maya, state, qtbot):
    """A control of the panel's name with no panel in it (an older version's, restored without a uiScript): the
    shelf button must still open the panel (today's mixin would hit "not unique")."""
    from maya import cmds
    cmds.workspaceControl(CONTROL, label="Batch Render")
    module = maya.load_plugin(str(PLUGIN_FILE))
    maya.run_deferred()
    _click_shelf_button()
    from batchrender_maya import plugin
    assert plugin.panel().isDockable() and of_kind("workspaceControl") == [CONTROL]
    maya.unload_plugin(module)


def test_closing_the_panel_keeps_it_for_the_next_open(maya, state, qtbot):
    """The mixin's retain=True: the control's close button hides it; the menu shows the same panel again."""
    from maya import cmds
    module = maya.load_plugin(str(PLUGIN_FILE))
    maya.run_deferred()
    _click_shelf_button()
    from batchrender_maya import plugin
    panel = plugin.panel()
    cmds.workspaceControl(CONTROL, edit=True, close=True)     # the artist closes the tab
    assert not panel.isVisible() and of_kind("workspaceControl") == [CONTROL]
    plugin.show_panel("Jobs")
    assert plugin.panel() is panel and panel.isVisible()
    maya.unload_plugin(module)


def test_every_tab_fits_beside_the_viewport(qapp, panel_settings):
    """Docked beside the viewport the panel gets about 450 px: no tab may need more (issue 16, item 2)."""
    from batchrender_maya.panel.main import BatchRenderPanel
    p = BatchRenderPanel(lambda: None, settings=panel_settings)
    try:
        frame = p.minimumSizeHint().width() - max(p.tabs.widget(i).minimumSizeHint().width()
                                                  for i in range(p.tabs.count()))
        wide = {p.tabs.tabText(i): p.tabs.widget(i).minimumSizeHint().width() + frame
                for i in range(p.tabs.count()) if p.tabs.widget(i).minimumSizeHint().width() + frame > 450}
        assert not wide, wide
    finally:
        p.shutdown()


def test_the_whole_panel_fits_beside_the_viewport(qapp, panel_settings):
    from batchrender_maya.panel.main import BatchRenderPanel
    p = BatchRenderPanel(lambda: None, settings=panel_settings)
    try:
        assert p.minimumSizeHint().width() <= 450
    finally:
        p.shutdown()


# ---- never freeze Maya --------------------------------------------------------------------------

MIB = 1 << 20


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory):
    """600 MB of files no two alike (8 x 64 MiB + 4 x 16 MiB + 24 x 1 MiB = 600 MiB), made here."""
    folder = tmp_path_factory.mktemp("big-project")
    block = os.urandom(MIB)
    sizes = [64] * 8 + [16] * 4 + [1] * 24
    for i, mib in enumerate(sizes):
        with open(folder / "f{:03d}.bin".format(i), "wb") as f:
            for j in range(mib):
                f.write(block[j:] + block[:j] + i.to_bytes(4, "big"))
    total = sum(p.stat().st_size for p in folder.iterdir())
    assert total >= 600 * 10 ** 6
    return folder, total


def _start_big_upload(maya, qtbot, folder):
    """Loads the plug-in, opens the panel from the shelf and starts syncing ``folder`` to the local store; returns
    (plug-in module, panel, gateway pid) once a few percent are sent."""
    from Qt import QtCore
    module = maya.load_plugin(str(PLUGIN_FILE))
    maya.run_deferred()
    _click_shelf_button()
    from batchrender_maya import plugin
    p = plugin.panel()
    assets = p.assets_tab
    assets.assets = []                      # no scene files: the project is the folder added by hand
    p.settings.set("extraFiles", [str(folder)])
    assets.project.setText("big-project")
    qtbot.mouseClick(assets.upload, QtCore.Qt.LeftButton)
    qtbot.waitUntil(lambda: assets.progress.value() >= 30, timeout=120000)      # 3 % sent
    assert assets.uploader is not None, assets.status.text()
    return module, p, plugin.client().gateway_pid


def _scene_bytes():
    """The open scene and its Maya project's workspace.mel (cube.ma's project is job_bundle_output_tests, whose
    workspace.mel Deadline's tests ship): what an Upload sends beside the added folder, as a submit would."""
    return os.path.getsize(str(CUBE)) + os.path.getsize(str(CUBE.parent.parent.parent / "workspace.mel"))


def _stored_bytes(state, project):
    from batchrender import Client
    with Client(env=dict(os.environ, BATCHRENDER_HOME=str(state))) as c:
        return {x["project"]: x["bytes"] for x in c.projects("local")}.get(project, 0)


def test_unloading_during_a_600_mb_upload_gives_maya_back_at_once(maya, state, qtbot, big_folder, capsys):
    """Unloading while the panel syncs 600 MB to the local store: Maya's main thread is back within 200 ms (the
    stand-in's main-thread clock); the Script Editor says the upload goes on; the gateway finishes it by itself,
    then exits (issue 16, item 3)."""
    folder, total = big_folder
    module, _panel, pid = _start_big_upload(maya, qtbot, folder)
    capsys.readouterr()
    maya.CLOCK.clear()
    maya.unload_plugin(module)
    seconds, what = maya.CLOCK.longest()
    assert "finishes in the background" in capsys.readouterr().out
    print("\nlongest main-thread stall while unloading during a 600 MB upload: {:.0f} ms ({})".format(
        seconds * 1000, what))
    assert seconds < 0.2, (seconds, what)
    wait_for("the gateway to finish the upload and exit", lambda: not pid_alive(pid), timeout=600)
    assert _stored_bytes(state, "big-project") == total + _scene_bytes()   # and the open scene with its project


def test_stop_gateway_during_a_600_mb_upload_gives_maya_back_at_once(maya, state, qtbot, big_folder):
    """The menu's "Stop Batch Render Gateway" during the upload: back within 200 ms; the Assets tab says the
    upload finishes in the background; the next call starts a new gateway (issue 16, item 3)."""
    folder, total = big_folder
    module, panel, pid = _start_big_upload(maya, qtbot, folder)
    from batchrender_maya import plugin
    old_client = plugin.client()
    maya.CLOCK.clear()
    maya.click_menu_item("Stop Batch Render Gateway")
    seconds, what = maya.CLOCK.longest()
    print("\nlongest main-thread stall on Stop gateway during a 600 MB upload: {:.0f} ms ({})".format(
        seconds * 1000, what))
    assert seconds < 0.2, (seconds, what)
    assets = panel.assets_tab
    assert assets.uploader is None and assets.upload.isEnabled()
    assert assets.status.kind == "warning" and "finishes in the background" in assets.status.text()
    wait_for("the gateway to finish the upload and exit", lambda: not pid_alive(pid), timeout=600)
    assert _stored_bytes(state, "big-project") == total + _scene_bytes()   # and the open scene with its project
    qtbot.wait(1000)                           # no poll of the old operation restarts the old client's gateway
    assert old_client.gateway_pid is None and panel.background._followers == []
    maya.unload_plugin(module)
