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
