"""The stand-in itself: it answers like Maya, refuses what Maya would refuse, and logs every call."""
import threading

import pytest

from maya_support import *  # noqa: F401,F403


def test_refuses_a_flag_maya_does_not_have(maya):
    from maya import cmds
    maya.open_scene(str(CUBE))
    with pytest.raises(TypeError, match="Invalid flag 'sceneNme'"):
        cmds.file(query=True, sceneNme=True)


def test_refuses_a_command_maya_does_not_have(maya):
    from maya import cmds
    with pytest.raises(AttributeError):
        cmds.renderFarmSubmit()


def test_refuses_calls_off_the_main_thread(maya):
    from maya import cmds
    errors = []

    def work():
        try:
            cmds.file(query=True, sceneName=True)
        except RuntimeError as e:
            errors.append(str(e))

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert errors and "main thread" in errors[0]


def test_long_and_short_names_and_defaults(maya):
    from maya import cmds
    maya.open_scene(str(LAYERS))
    # layers.ma: select -ne :defaultRenderGlobals; setAttr ".ren" -type "string" "arnold"; .outf 51
    assert cmds.getAttr("defaultRenderGlobals.currentRenderer") == cmds.getAttr("defaultRenderGlobals.ren") == "arnold"
    assert cmds.getAttr("defaultRenderGlobals.imageFormat") == 51
    # not written: Maya's defaults
    assert cmds.getAttr("defaultRenderGlobals.byFrameStep") == 1.0
    assert cmds.getAttr("defaultResolution.width") == 960
    # setAttr ".ifp" -type "string" ""; Maya answers None for an empty string
    assert cmds.getAttr("defaultRenderGlobals.imageFilePrefix") is None
    with pytest.raises(ValueError, match="No object matches name"):
        cmds.getAttr("noSuchNode.width")


def test_logs_every_call(maya):
    from maya import cmds
    maya.open_scene(str(CUBE))
    cmds.getAttr("defaultRenderGlobals.animation")
    cmds.ls(type="file")
    assert [c[0] for c in maya.CALLS[-2:]] == ["getAttr", "ls"]
    assert maya.CALLS[-1][2] == {"type": "file"}


def test_ls_refuses_a_node_type_whose_plugin_is_not_loaded(maya):
    """Maya knows a plug-in's node types only while it is loaded; ls -type fails on others (maya/_plugins.py)."""
    from maya import cmds
    maya.open_scene(str(CUBE))            # requires mtoa (its requires line), not vrayformaya
    assert "aiStandIn" in cmds.allNodeTypes()
    assert "VRayMesh" not in cmds.allNodeTypes()
    with pytest.raises(RuntimeError, match="Unknown object type: VRayMesh"):
        cmds.ls(type="VRayMesh")
    with pytest.raises(RuntimeError, match="Unknown object type: RedshiftProxyMesh"):
        cmds.ls(type=["file", "RedshiftProxyMesh"])
    assert cmds.ls(type="aiStandIn") == []


def test_opening_a_scene_loads_the_plugins_it_requires_unless_they_are_not_installed(maya):
    from maya import cmds
    maya.open_scene(str(VRAY))            # requires ... "vrayformaya" "7"
    assert cmds.nodeType("vraySettings") == "VRaySettingsNode"
    assert cmds.ls(type="VRayMesh") == []
    maya.reset()
    maya.uninstall_plugin("vrayformaya")
    maya.open_scene(str(VRAY))
    # Maya keeps the nodes of a missing plug-in as unknown nodes
    assert cmds.nodeType("vraySettings") == "unknown"
    assert cmds.nodeType("VRayLightDomeShape1") == "unknown"
    with pytest.raises(RuntimeError):
        cmds.ls(type="VRaySettingsNode")


# ---- issue 16: Maya as strict as Maya in batch mode, UI names, workspace controls, the main-thread clock ------

def test_batch_mode_has_no_user_interface(maya):
    """mayabatch, Render, mayapy + maya.standalone: no main window, UI commands fail (Autodesk's command
    reference, "Windows" category; PyMEL pull request 354 by Autodesk), $gMainWindow is undeclared."""
    from maya import OpenMayaUI, cmds, mel
    maya.start_session(batch=True)
    assert cmds.about(batch=True) is True
    for call in (lambda: cmds.menu("m", label="x"), lambda: cmds.shelfLayout("s", exists=True),
                 lambda: cmds.workspaceControl("w", exists=True), lambda: mel.eval("$tmp=$gMainWindow"),
                 lambda: mel.eval("$tmp=$gShelfTopLevel")):
        with pytest.raises(RuntimeError):
            call()
    assert OpenMayaUI.MQtUtil.mainWindow() is None
    assert cmds.file(query=True, sceneName=True) == ""        # scene commands work as ever
    maya.start_session()
    assert cmds.about(batch=True) is False and mel.eval("$tmp=$gMainWindow") == "MayaWindow"


def test_a_ui_name_already_taken_is_refused(maya, qapp):
    """Maya: "Object's name 'X' is not unique." when a UI element is created under a taken name."""
    from maya import cmds
    cmds.workspaceControl("ToolWorkspaceControl", label="Tool")
    with pytest.raises(RuntimeError, match="Object's name 'ToolWorkspaceControl' is not unique"):
        cmds.workspaceControl("ToolWorkspaceControl", label="Tool")
    cmds.menu("ToolMenu", label="Tool", parent="MayaWindow")
    with pytest.raises(RuntimeError, match="not unique"):
        cmds.menu("ToolMenu", label="Tool", parent="MayaWindow")


def _dockable(name):
    from Qt import QtWidgets
    from maya.app.general.mayaMixin import MayaQWidgetDockableMixin

    class Tool(MayaQWidgetDockableMixin, QtWidgets.QWidget):
        pass
    w = Tool()
    w.setObjectName(name)
    return w


def test_the_dockable_mixin_keeps_autodesks_defaults(maya, qapp):
    """Autodesk's mayaMixin.py: setDockableParameters(retain=True), the control named <objectName>WorkspaceControl,
    a uiScript set on it, close() of a docked widget closes (with retain: hides) its control, and a second widget
    of the same name cannot get a control while the first one's is there."""
    from maya import cmds
    w = _dockable("Tool")
    w.show(dockable=True, uiScript="pass")
    assert cmds.workspaceControl("ToolWorkspaceControl", query=True, retain=True) is True
    assert cmds.workspaceControl("ToolWorkspaceControl", query=True, uiScript=True) == "pass"
    assert w.isDockable() and w.isVisible()
    w.close()
    assert cmds.workspaceControl("ToolWorkspaceControl", exists=True)       # retained, hidden
    assert not cmds.workspaceControl("ToolWorkspaceControl", query=True, visible=True) and not w.isVisible()
    w.show(dockable=True)                                                   # the same control again
    assert w.isVisible()
    with pytest.raises(RuntimeError, match="not unique"):
        _dockable("Tool").show(dockable=True)
    cmds.deleteUI("ToolWorkspaceControl", control=True)


def test_a_mixin_widget_cannot_be_made_in_batch_mode(maya, qapp):
    """The mixin parents a widget to MQtUtil.mainWindow(), which batch mode does not have."""
    maya.start_session(batch=True)
    with pytest.raises(TypeError):
        _dockable("Tool")


def test_maya_restores_saved_controls_and_runs_their_ui_script_once_plugins_loaded(maya, qapp):
    """Autodesk, "Writing Workspace controls": saved controls come back at start-up and their uiScript rebuilds
    them; workspaceControl -checksPlugins: "The UI will not be loaded until the auto-loading of plug-ins is
    complete"."""
    from maya import cmds
    cmds.workspaceControl("ToolWorkspaceControl", label="Tool", uiScript="import builtins; builtins._ran = 1",
                          checksPlugins=True)
    maya.end_session()
    maya.start_session()
    import builtins
    builtins._ran = 0
    assert cmds.workspaceControl("ToolWorkspaceControl", exists=True)
    assert builtins._ran == 0                                               # waits for the plug-ins
    maya.plugins_auto_loaded()
    assert builtins._ran == 1
    del builtins._ran


def test_maya_saves_its_shelves_when_it_quits(maya, qapp, tmp_path, monkeypatch):
    """Maya writes every shelf to <userShelfDir>/shelf_<name>.mel at exit and loads it at the next start."""
    from maya import cmds
    monkeypatch.setenv("MAYA_APP_DIR", str(tmp_path))
    shelf = cmds.shelfLayout("Tools", parent="ShelfLayout")
    cmds.shelfButton(label="Go", command="print(1)", sourceType="python", parent=shelf)
    maya.end_session()
    saved = tmp_path / "2024" / "prefs" / "shelves" / "shelf_Tools.mel"
    assert cmds.internalVar(userShelfDir=True) == str(saved.parent).replace("\\", "/") + "/"
    assert '-command "print(1)"' in saved.read_text()


def test_the_main_thread_clock_times_what_maya_calls(maya):
    """The clock: every call the stand-in makes into plug-in code on the main thread, timed."""
    import time
    from maya import utils
    maya.CLOCK.clear()
    utils.executeDeferred(time.sleep, 0.05)
    maya.run_deferred()
    seconds, what = maya.CLOCK.longest()
    assert seconds >= 0.05 and what.startswith("executeDeferred")
