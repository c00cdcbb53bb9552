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
    # file -rdi 1 ... -rfn "scene_file_to_referenceRN" (no -dr 1 on the -rdi line): loaded
    assert {"node": "scene_file_to_referenceRN", "nodeType": "reference", "attribute": "fileName",
            "path": "D:/deadline-clients/deadline-cloud-for-maya/job_bundle_output_tests//cube/scene_file_to_reference.mb",
            "unloaded": False} in refs
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
    # CubeModel (pxrUsdReferenceAssembly, plug-in pxrUsd, line 6): .fp "./CubeModel.usda" (line 78);
    # nParticlesCache1: .cn "nParticles", .cp "./nCache/"
    assert a.file_references() == [
        {"node": "CubeModel", "nodeType": "pxrUsdReferenceAssembly", "attribute": "filePath",
         "path": "./CubeModel.usda"},
        {"node": "nParticlesCache1", "nodeType": "cacheFile", "attribute": "cachePath",
         "path": "./nCache/nParticles.xml"}]
    assert (NCACHE.parent / "CubeModel.usda").is_file()
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
    # both -rdi lines are written without -dr 1: loaded
    assert refs == [
        {"node": "imported_scene_refRN", "nodeType": "reference", "attribute": "fileName", "path": "ref.ma",
         "unloaded": False},
        {"node": "scene_file_to_referenceRN", "nodeType": "reference", "attribute": "fileName",
         "path": "/Users/rmvh/work/deadline/deadline-cloud-for-maya/job_bundle_output_tests/renderman/scene/"
                 "scene_file_to_reference.ma", "unloaded": False}]
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


def test_a_renderer_that_is_not_loaded_does_not_break_the_snapshot(maya):
    """ls -type fails on node types of plug-ins that are not loaded (the stand-in raises as Maya does):
    the adapter asks only for registered types."""
    maya.uninstall_plugin("vrayformaya")
    a = open_scene(maya, VRAY)
    snap = a.snapshot()
    assert snap["renderer"] == "vray"       # :defaultRenderGlobals .ren "vray"
    # vraySettings is an unknown node without V-Ray: nothing of its own is read
    assert snap["rendererSettings"] == {"node": None, "prefix": None, "format": None, "resolution": None}
    a = open_scene(maya, CUBE)              # mtoa loaded; V-Ray, Redshift, RenderMan types unknown
    assert [r["node"] for r in a.file_references()] == ["file1", "scene_file_to_referenceRN"]


def test_vray_output_settings_come_from_vray_settings(maya):
    a = open_scene(maya, VRAY)
    # vraySettings: .wi 960, .he 540; no .fnprx (V-Ray names images after the scene) and no .imgfs (V-Ray's png)
    assert a.renderer_settings() == {"node": "vraySettings", "prefix": "", "format": "png", "resolution": [960, 540]}
    assert a.image_prefix() == ""
    assert a.resolution() == (960, 540)
    # the empty irradiance map and light cache file names (.ifile "", .lcfnm "") are no files
    assert a.file_references() == []


def test_redshift_scene_uses_the_globals_and_not_vray_settings(maya):
    a = open_scene(maya, REDSHIFT)
    # .ren "redshift"; redshiftOptions .imageFilePrefix "": the globals' prefix (none written)
    assert a.renderer() == "redshift"
    assert a.renderer_settings() == {"node": "redshiftOptions", "prefix": None, "format": None, "resolution": None}
    assert a.image_prefix() == ""
    assert a.image_format() == {"imageFormat": 51, "pluginKey": "png"}   # .outf 51, .imfkey "png"
    # rsDomeLightShape1 .tex0 "" is no file
    assert a.file_references() == []


def test_renderman_images_go_where_rman_globals_say(maya):
    a = open_scene(maya, RENDERMAN)
    # rmanGlobals .imageOutputDir "<ws>/images/<scene>_v<version>_t<take>",
    # .imageFileFormat "<scene>_<layer>_<camera>_<aov>.<f4>.<ext>" (renderman.ma lines 443, 447)
    assert a.image_prefix() == "<ws>/images/<scene>_v<version>_t<take>/<scene>_<layer>_<camera>_<aov>.<f4>.<ext>"


def test_a_file_referenced_twice_once_unloaded_is_reported_once_as_loaded(maya, tmp_path):
    # cube.ma's reference lines, and a second copy of the same file as Maya writes one (namespace and node
    # numbered, path with its copy number {1}); the first copy unloaded (-dr 1 on its -rdi line), the second loaded
    text = CUBE.read_text(encoding="latin-1")
    rdi = 'file -rdi 1 -ns "scene_file_to_reference" -rfn'
    assert rdi in text
    text = text.replace(rdi, 'file -rdi 1 -ns "scene_file_to_reference" -dr 1 -rfn')
    written = "D:/deadline-clients/deadline-cloud-for-maya/job_bundle_output_tests//cube/scene_file_to_reference.mb"
    second = ('file -rdi 1 -ns "scene_file_to_reference1" -rfn "scene_file_to_referenceRN1" -typ "mayaBinary" '
              '"' + written + '{1}";\n')
    first = text.index("file -r")
    scene = tmp_path / "twice.ma"
    scene.write_text(text[:first] + second + text[first:], encoding="latin-1")
    a = open_scene(maya, scene)
    refs = [r for r in a.file_references() if r["nodeType"] == "reference"]
    assert refs == [{"node": "scene_file_to_referenceRN1", "nodeType": "reference", "attribute": "fileName",
                     "path": written, "unloaded": False}]


def test_each_layer_and_camera_lands_in_its_own_folder(maya):
    """layers.ma: five renderable layers, so each has its folder (masterLayer, rs_<layer>); a layer rendering
    several cameras has a folder per camera (the transform's name). Read from the file: .an yes, .pff yes,
    no .peie/.pad (period, padding 1), .ifp "", .imfkey "exr"; cameraShape2/3 .rnd no; defaultRenderLayer
    .adjs[0] (cameraShape1.rnd) 0; the renderable overrides as tests/ImageOutputsTest in java-core lists them."""
    a = open_scene(maya, LAYERS)
    outputs = {o["layer"]: o["paths"] for o in a.image_outputs()}
    assert outputs == {
        "masterLayer": ["masterLayer/layers.#.exr"],
        "layerFrameRange1": ["rs_layerFrameRange1/persp/layers.#.exr", "rs_layerFrameRange1/camera1/layers.#.exr"],
        "renderSetupLayer2": ["rs_renderSetupLayer2/camera1/layers.#.exr", "rs_renderSetupLayer2/camera2/layers.#.exr",
                              "rs_renderSetupLayer2/camera3/layers.#.exr"],
        "layerDefaultFrames": [],
        "renderSetupLayer4": ["rs_renderSetupLayer4/layers.#.exr"],
    }
    assert a.snapshot()["imageOutputs"] == a.image_outputs()


def test_one_layer_and_one_camera_write_beside_each_other(maya):
    a = open_scene(maya, CUBE)
    # cube.ma: the default layer only, perspShape the one renderable camera, no .an: one frame, name.ext
    assert a.image_outputs() == [{"layer": "masterLayer", "node": "defaultRenderLayer", "paths": ["cube.exr"]}]


def _redshift_scene_with_a_proxy(tmp_path):
    """redshift_test.ma with a Redshift proxy as Redshift writes one (alexanderrichtertd/plex,
    software/maya/plugins/SLiB/lib/objects/Assets/Proxy/Proxy.ma: .fn on a RedshiftProxyMesh)."""
    text = REDSHIFT.read_text()
    proxy = ('createNode RedshiftProxyMesh -n "redshiftProxy1";\n'
             '\tsetAttr ".fn" -type "string" "G:/_3D Projects//stool.rs";\n\tsetAttr ".dm" 1;\n')
    scene = tmp_path / "proxy.ma"
    scene.write_text(text.replace("select -ne :time1;\n", proxy + "select -ne :time1;\n"))
    return scene


def test_a_redshift_proxy_is_reported_when_redshift_is_loaded(maya, tmp_path):
    a = open_scene(maya, _redshift_scene_with_a_proxy(tmp_path))
    assert a.file_references() == [{"node": "redshiftProxy1", "nodeType": "RedshiftProxyMesh", "attribute": "fileName",
                                    "path": "G:/_3D Projects//stool.rs"}]


def test_without_redshift_its_proxy_node_is_unknown_and_nothing_breaks(maya, tmp_path):
    maya.uninstall_plugin("redshift4maya")
    a = open_scene(maya, _redshift_scene_with_a_proxy(tmp_path))
    # Maya cannot read a proxy of a renderer it does not have; the core's scan of the file still lists it
    assert a.file_references() == []
    assert a.snapshot()["renderer"] == "redshift"
