"""The Maya adapter against the stand-in, scene by scene. Every expected value below was read from
the .ma file itself (the line is cited), or is Maya's documented default for what the file leaves
unwritten; none was copied from the adapter's output."""
import ast
import re

import pytest

from maya_support import *  # noqa: F401,F403

ADAPTER = REPO / "maya-plugin" / "scripts" / "batchrender_maya" / "adapter.py"
#: the plug-in's own UI (menu, shelf, workspace control): the other module allowed to call maya.cmds
MAYAUI = REPO / "maya-plugin" / "scripts" / "batchrender_maya" / "mayaui.py"


def open_scene(maya, path):
    maya.open_scene(str(path))
    from batchrender_maya import adapter
    return adapter


def test_cube_scene(maya):
    a = open_scene(maya, CUBE)
    assert a.scene_path() == str(CUBE)
    assert a.scene_saved() is True
    project = a.project()
    # cube/scene/cube.ma sits two folders below job_bundle_output_tests/workspace.mel
    assert project["root"] == str(DEADLINE)
    assert project["name"] == "job_bundle_output_tests"
    assert project["rules"]["images"] == "images"           # workspace.mel: workspace -fr "images" "images";
    assert project["rules"]["mayaAscii"] == "scenes"
    # no .ren written: Maya's default renderer
    assert a.renderer() == "mayaSoftware"
    # no .an written (animation off): the current frame, time1.o = 537 (cube.ma line 203)
    assert a.frames() == {"animation": False, "start": 537.0, "end": 537.0, "step": 1.0}
    assert a.image_prefix() == ""
    # .imfkey "exr" written, .outf not: Maya's default 7
    assert a.image_format() == {"imageFormat": 7, "pluginKey": "exr"}
    assert a.resolution() == (960, 540)
    # top/front/side are written with .rnd no; persp is not
    assert a.renderable_cameras() == ["persp"]
    assert [(l["name"], l["renderable"]) for l in a.render_layers()] == [("masterLayer", True)]
    refs = a.file_references()
    assert {"node": "file1", "nodeType": "file", "attribute": "fileTextureName", "tiling": "off",
            "frameSequence": False,
            "path": "D:/deadline-clients/deadline-cloud-for-maya/job_bundle_output_tests//cube/deadline_logo_48x48.png"} \
        in refs
    assert {"node": "scene_file_to_referenceRN", "nodeType": "reference", "attribute": "fileName",
            "path": "D:/deadline-clients/deadline-cloud-for-maya/job_bundle_output_tests//cube/scene_file_to_reference.mb"} \
        in refs
    assert len(refs) == 2


def test_layers_scene_with_render_setup_overrides(maya):
    a = open_scene(maya, LAYERS)
    assert a.renderer() == "arnold"                     # setAttr ".ren" -type "string" "arnold";
    # .an yes; no .fs/.ef/.bfs written: Maya's defaults 1, 10, 1
    assert a.frames() == {"animation": True, "start": 1.0, "end": 10.0, "step": 1.0}
    assert a.image_format() == {"imageFormat": 51, "pluginKey": "exr"}   # .outf 51, .imfkey exr
    # cameraShape2/3 and the orthographic ones are written with .rnd no
    assert a.renderable_cameras() == ["persp", "camera1"]
    layers = {l["name"]: l for l in a.render_layers()}
    assert list(layers) == ["masterLayer", "layerFrameRange1", "renderSetupLayer2", "layerDefaultFrames",
                            "renderSetupLayer4", "notRenderableLayer"]
    assert layers["layerFrameRange1"]["node"] == "rs_layerFrameRange1"
    # RenderSettingsCollection (layerFrameRange1): startFrame 1, endFrame 10, currentRenderer mayaHardware2
    assert layers["layerFrameRange1"]["overrides"] == {"startFrame": 1, "endFrame": 10, "currentRenderer": "mayaHardware2"}
    # RenderSettingsCollection1 (renderSetupLayer2): startFrame 20, endFrame 30
    assert layers["renderSetupLayer2"]["overrides"] == {"startFrame": 20, "endFrame": 30}
    # RenderSettingsCollection4 (layerDefaultFrames): imageFormat 51, prefix layer_specific_file_prefix_
    assert layers["layerDefaultFrames"]["overrides"] == {"imageFormat": 51,
                                                         "imageFilePrefix": "layer_specific_file_prefix_"}
    # RenderSettingsCollection2 (renderSetupLayer4): endFrame relative x1 +10 on the default 10;
    # width1 1920, height1 1080, currentRenderer1 mayaSoftware
    assert layers["renderSetupLayer4"]["overrides"] == {"endFrame": 20.0, "width": 1920, "height": 1080,
                                                        "currentRenderer": "mayaSoftware"}
    # rs_notRenderableLayer: setAttr ".rndr" no;
    assert layers["notRenderableLayer"]["renderable"] is False
    assert [l["name"] for l in a.renderable_layers()] == ["masterLayer", "layerFrameRange1", "renderSetupLayer2",
                                                          "layerDefaultFrames", "renderSetupLayer4"]


def test_renderman_scene(maya):
    a = open_scene(maya, RENDERMAN)
    text = RENDERMAN.read_text(errors="replace")
    assert a.renderer() == "renderman"                  # setAttr ".ren" -type "string" "renderman";
    ftn = re.search(r'createNode file -n "file1";.*?setAttr "\.ftn" -type "string" "([^"]*)"', text, re.S).group(1)
    textures = [r for r in a.file_references() if r["nodeType"] == "file"]
    assert [t["path"] for t in textures] == [ftn]


def test_udim_texture_is_reported_as_its_pattern(maya):
    a = open_scene(maya, UDIM)
    # file1: .ftn "UdimTest_1001_color.png", .uvt 3 (UDIM): Maya computes the <UDIM> pattern
    [ref] = a.file_references()
    assert ref == {"node": "file1", "nodeType": "file", "attribute": "fileTextureName",
                   "path": "UdimTest_<UDIM>_color.png", "tiling": "udim", "frameSequence": False}
    tiles = sorted(p.name for p in UDIM.parent.glob("UdimTest_1*_color.png"))
    assert tiles == ["UdimTest_1001_color.png", "UdimTest_1002_color.png", "UdimTest_1003_color.png"]


def test_ncache_and_usd_stage(maya):
    a = open_scene(maya, NCACHE)
    # nParticlesCache1: .cn "nParticles", .cp "./nCache/"
    assert a.file_references() == [{"node": "nParticlesCache1", "nodeType": "cacheFile", "attribute": "cachePath",
                                    "path": "./nCache/nParticles.xml"}]
    assert (NCACHE.parent / "nCache" / "nParticles.xml").is_file()
    assert a.frames()["start"] == 100.0                 # time1 .o 100, animation off
    a = open_scene(maya, TREE)
    # Tree_usdShape (mayaUsdProxyShape): .fp "./tree.usda"
    assert a.file_references() == [{"node": "Tree_usdShape", "nodeType": "mayaUsdProxyShape",
                                    "attribute": "filePath", "path": "./tree.usda"}]


def test_referenced_scene_layers(maya):
    a = open_scene(maya, REFERENCED)
    refs = a.file_references()
    # file -rdi 1 -ns "ref" -rfn "imported_scene_refRN" ... "ref.ma"; and a second top-level
    # reference whose node the file does not create (Maya makes it when it loads the reference)
    assert refs == [
        {"node": "imported_scene_refRN", "nodeType": "reference", "attribute": "fileName", "path": "ref.ma"},
        {"node": "scene_file_to_referenceRN", "nodeType": "reference", "attribute": "fileName",
         "path": "/Users/rmvh/work/deadline/deadline-cloud-for-maya/job_bundle_output_tests/renderman/scene/"
                 "scene_file_to_reference.ma"}]
    assert [l["node"] for l in a.render_layers()] == ["defaultRenderLayer", "imported_scene_defaultRenderLayer"]


def test_untitled_scene_is_not_saved(maya):
    maya.new_scene()
    from batchrender_maya import adapter
    assert adapter.scene_path() == ""
    assert adapter.scene_saved() is False
    with pytest.raises(RuntimeError):
        adapter.save_scene()


def test_a_changed_scene_is_unsaved_until_saved(maya):
    a = open_scene(maya, CUBE)
    maya.mark_modified()
    assert a.scene_saved() is False
    a.save_scene()
    assert a.scene_saved() is True


def test_scene_changed_callback_fires_on_open_and_new_and_can_be_removed(maya):
    from batchrender_maya import adapter
    seen = []
    ids = adapter.add_scene_changed_callback(lambda: seen.append(adapter.scene_path()))
    maya.open_scene(str(CUBE))
    maya.new_scene()
    assert seen == [str(CUBE), ""]
    adapter.remove_callbacks(ids)
    maya.open_scene(str(UDIM))
    assert seen == [str(CUBE), ""]


def imported_maya_modules(path):
    """The maya.* modules a Python file imports, read from its syntax tree."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("maya"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("maya"):
            found.update(node.module + "." + a.name for a in node.names)
    return found


def test_every_maya_cmds_call_lives_in_the_adapter():
    offenders = {}
    for path in (REPO / "maya-plugin").rglob("*.py"):
        ui_modules = {m for m in imported_maya_modules(path) if m in ("maya.cmds", "maya.mel")}
        if ui_modules and path not in (ADAPTER, MAYAUI):
            offenders[str(path.relative_to(REPO))] = ui_modules
    assert offenders == {}
    assert imported_maya_modules(ADAPTER) >= {"maya.cmds"} and imported_maya_modules(MAYAUI) >= {"maya.cmds", "maya.mel"}


def test_adapter_uses_only_commands_and_flags_maya_has(maya):
    from maya import _standin
    for scene in (CUBE, LAYERS, UDIM, NCACHE):
        a = open_scene(maya, scene)
        a.snapshot()
    sigs = _standin.signatures()
    assert _standin.CALLS, "the stand-in logged no call"
    for name, _args, kwargs in _standin.CALLS:
        if name == "mel.eval":
            continue
        assert name in sigs
        assert set(kwargs) <= sigs[name], (name, kwargs)


@pytest.mark.parametrize("scene", sorted(MAYA.rglob("*.ma")), ids=lambda p: p.name)
def test_every_real_scene_opens_and_reads(maya, scene):
    a = open_scene(maya, scene)
    snap = a.snapshot()
    assert snap["scene"] == str(scene)
    # every file texture the .ma writes is among the references, as written or as its pattern
    text = scene.read_text(errors="replace")
    written = re.findall(r'createNode file -n "([^"]+)"', text)
    reported = {r["node"] for r in snap["references"] if r["nodeType"] == "file"}
    with_name = {n for n in written
                 if re.search(r'createNode file -n "{}";(?:(?!createNode).)*?setAttr "\.ftn"'.format(re.escape(n)), text, re.S)}
    assert reported == with_name


def test_every_cmds_call_in_the_adapter_is_a_command_and_flags_maya_has():
    """Static: each ``cmds.X(..., flag=...)`` written in adapter.py or mayaui.py, run or not by a test, against
    the signatures maya-stubs carries for Maya's commands."""
    from maya import _standin
    sigs = _standin.signatures()
    calls = [node for path in (ADAPTER, MAYAUI) for node in ast.walk(ast.parse(path.read_text()))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and isinstance(node.func.value, ast.Name) and node.func.value.id == "cmds"]
    assert len(calls) > 30
    for call in calls:
        name = call.func.attr
        assert name in sigs, name
        flags = {k.arg for k in call.keywords if k.arg is not None}
        assert flags <= sigs[name], (name, flags - sigs[name])
