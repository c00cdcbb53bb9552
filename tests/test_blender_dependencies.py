"""What a .blend needs, as Blender knows it: a project built here by Blender itself (textures relative and
absolute, a linked library whose own texture is relative to the library, a packed and a generated image, UDIM
tiles, a sound, a font, a movie clip, a volume whose cache is missing), listed by the add-on in the shape the
core's scan takes; and the three bad inputs, each one line in Blender's report area."""
import socket
import struct
import wave
from pathlib import Path

import pytest

from blender_support import Blender, addon_zip, small_copy, user_scripts  # noqa: F401

FONTS = sorted(Path("/usr/share/fonts/truetype/dejavu").glob("DejaVuSans.ttf"))

BUILD_LIBRARY = """
    import bpy, sys
    import blender_driver as d
    lib, tex = sys.argv[-2], sys.argv[-1]
    im = bpy.data.images.new("LibTex", 4, 4)
    im.filepath_raw = tex
    im.file_format = "PNG"
    im.save()
    im.filepath = bpy.path.relpath(tex, start=bpy.path.abspath("//") if bpy.data.filepath else None)
    bpy.ops.wm.save_as_mainfile(filepath=lib)
    im.filepath = bpy.path.relpath(tex)          # relative to the library file now that it has a path
    im.use_fake_user = True
    bpy.ops.wm.save_as_mainfile(filepath=lib, relative_remap=False)
    d.write({"written": im.filepath})
"""

BUILD_SET = """
    import bpy, sys
    import blender_driver as d
    set_file = sys.argv[-1]
    bpy.ops.wm.save_as_mainfile(filepath=set_file)
    # a set that links the props library by a path relative to itself, and uses its texture in a material
    with bpy.data.libraries.load("//../props.blend", link=True, relative=True) as (src, dst):
        dst.images = ["LibTex"]
    mat = bpy.data.materials.new("SetMat")
    mat.use_nodes = True
    node = mat.node_tree.nodes.new("ShaderNodeTexImage")
    node.image = bpy.data.images["LibTex"]
    mat.use_fake_user = True
    bpy.ops.wm.save_as_mainfile(filepath=set_file, relative_remap=False)
    d.write({"library": bpy.data.libraries[0].filepath})
"""

BUILD_PROJECT = """
    import bpy, os, shutil, sys
    import blender_driver as d
    main, abs_tex, sound, font = sys.argv[-4:]
    proj = os.path.dirname(main)

    def png(name, path):
        im = bpy.data.images.new(name, 4, 4)
        im.filepath_raw = path
        im.file_format = "PNG"
        im.save()
        return im

    bpy.ops.wm.save_as_mainfile(filepath=main)   # from here on // is the project folder
    wood = png("Wood", os.path.join(proj, "textures", "wood.png"))
    wood.filepath = "//textures/wood.png"
    png("Abs", abs_tex).filepath = abs_tex
    gone = bpy.data.images.new("Gone", 4, 4)
    gone.source = "FILE"
    gone.filepath = "//textures/gone.png"
    packed = png("Packed", os.path.join(proj, "textures", "packed.png"))
    packed.pack()
    bpy.data.images.new("Generated", 4, 4)
    for n in (1001, 1002):
        png("tile{}".format(n), os.path.join(proj, "textures", "udim.{}.png".format(n)))
    udim = bpy.data.images.load(os.path.join(proj, "textures", "udim.1001.png"))
    udim.name = "Udim"
    udim.source = "TILED"
    udim.filepath = "//textures/udim.<UDIM>.png"
    for n in (1001, 1002):
        bpy.data.images.remove(bpy.data.images["tile{}".format(n)])
    snd = bpy.data.sounds.load(sound)
    snd.name = "Click"
    snd.filepath = "//audio/click.wav"
    if font:
        fnt = bpy.data.fonts.load(font)
        fnt.name = "Sans"
        fnt.filepath = "//fonts/sans.ttf"
    clip = bpy.data.movieclips.load(os.path.join(proj, "textures", "wood.png"))
    clip.name = "Plate"
    clip.filepath = "//textures/wood.png"
    vol = bpy.data.volumes.new("Smoke")
    vol.filepath = "//cache/smoke.vdb"
    # a fluid domain: no data-block kind names its cache folder, Blender's own list of paths (blend_paths) does
    domain = bpy.data.objects.new("Domain", bpy.data.meshes.new("Domain"))
    bpy.context.scene.collection.objects.link(domain)
    fluid = domain.modifiers.new("Fluid", "FLUID")
    fluid.fluid_type = "DOMAIN"
    fluid.domain_settings.cache_directory = "//cache_fluid"
    # the set's material, which brings the props library (linked by the set) and its texture with it
    with bpy.data.libraries.load("//lib/set/set.blend", link=True, relative=True) as (src, dst):
        dst.materials = ["SetMat"]
    for block in list(bpy.data.images) + list(bpy.data.sounds) + list(bpy.data.fonts) + \\
            list(bpy.data.movieclips) + list(bpy.data.volumes):
        block.use_fake_user = True
    bpy.ops.wm.save_as_mainfile(filepath=main, relative_remap=False)
    libs = {lib.name: [lib.filepath, lib.parent.name if lib.parent else None] for lib in bpy.data.libraries}
    d.write({"libraries": libs, "libImage": bpy.data.images["LibTex"].filepath,
             "blendPaths": bpy.utils.blend_paths(absolute=True)})
"""

LIST = """
    import bpy
    import blender_driver as d
    from batchrender_blender import dependencies
    d.write({"references": dependencies.file_references()})
"""


def tiny_wav(path: Path):
    """A real WAV file (PCM, 8 kHz, a tenth of a second of silence) for Blender's sound data-block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(struct.pack("<h", 0) * 800)


@pytest.fixture
def project(user_scripts, tmp_path):  # noqa: F811
    """A project Blender writes: proj/shot.blend linking proj/lib/props.blend; returns (main, blender, paths)."""
    blender = Blender(user_scripts, tmp_path / "state", tmp_path)
    proj = tmp_path / "proj"
    lib = proj / "lib" / "props.blend"
    lib_tex = proj / "lib" / "tex" / "lib_tex.png"
    built = blender.run(BUILD_LIBRARY, args=(lib, lib_tex), addon=False)
    assert built["_exit"] == 0, built["_stderr"]
    assert built["written"] == "//tex/lib_tex.png"
    set_file = proj / "lib" / "set" / "set.blend"
    set_file.parent.mkdir()
    built = blender.run(BUILD_SET, args=(set_file,), addon=False)
    assert built["_exit"] == 0, built["_stderr"]
    assert built["library"] == "//../props.blend"
    abs_tex = tmp_path / "elsewhere" / "abs.png"
    sound = proj / "audio" / "click.wav"
    tiny_wav(sound)
    font = ""
    if FONTS:
        font = proj / "fonts" / "sans.ttf"
        font.parent.mkdir(parents=True)
        font.write_bytes(FONTS[0].read_bytes())
    main = proj / "shot.blend"
    out = blender.run(BUILD_PROJECT, args=(main, abs_tex, sound, font), addon=False)
    assert out["_exit"] == 0, out["_stderr"]
    # set.blend wrote "//../props.blend" (above); Blender holds the library its library links relative to the
    # open file, with the set as its parent
    assert out["libraries"] == {"set.blend": ["//lib/set/set.blend", None],
                                "props.blend": ["//lib/props.blend", "set.blend"]}, out["libraries"]
    assert out["libImage"] == "//tex/lib_tex.png"
    assert str(proj / "cache_fluid") in out["blendPaths"]   # (Blender makes the folder, empty)
    return main, blender, {"proj": proj, "lib": lib, "set": set_file, "libTex": lib_tex, "abs": abs_tex,
                           "sound": sound, "font": font}


def test_lists_what_the_blend_needs_as_blender_resolves_it(project):
    main, blender, p = project
    out = blender.run(LIST, blend=main)
    assert out["_exit"] == 0, out["_stderr"]
    proj = p["proj"]
    expected = [
        {"node": "set.blend", "nodeType": "Library", "attribute": "filepath", "path": str(p["set"])},
        # linked by the set, relative to the set's file
        {"node": "props.blend", "nodeType": "Library", "attribute": "filepath", "path": str(p["lib"])},
        {"node": "Abs", "nodeType": "Image", "attribute": "filepath", "path": str(p["abs"])},
        {"node": "Gone", "nodeType": "Image", "attribute": "filepath", "path": str(proj / "textures" / "gone.png")},
        # relative to the library it comes from (props.blend, two links away), not to shot.blend
        {"node": "LibTex", "nodeType": "Image", "attribute": "filepath", "path": str(p["libTex"])},
        {"node": "Udim", "nodeType": "Image", "attribute": "filepath",
         "path": str(proj / "textures" / "udim.1001.png")},
        {"node": "Udim", "nodeType": "Image", "attribute": "filepath",
         "path": str(proj / "textures" / "udim.1002.png")},
        {"node": "Wood", "nodeType": "Image", "attribute": "filepath", "path": str(proj / "textures" / "wood.png")},
        {"node": "Click", "nodeType": "Sound", "attribute": "filepath", "path": str(p["sound"])},
        {"node": "Smoke", "nodeType": "Volume", "attribute": "filepath", "path": str(proj / "cache" / "smoke.vdb")},
        {"node": "Plate", "nodeType": "MovieClip", "attribute": "filepath",
         "path": str(proj / "textures" / "wood.png")},
    ]
    # the fluid cache folder blend_paths lists is not sent: the core resolves files, and counts a folder missing
    if p["font"]:
        expected.append({"node": "Sans", "nodeType": "VectorFont", "attribute": "filepath", "path": str(p["font"])})
    key = lambda r: (r["nodeType"], r["node"], r["path"])  # noqa: E731
    assert sorted(out["references"], key=key) == sorted(expected, key=key)
    # packed and generated images travel inside the .blend or are made by Blender: not listed
    assert not [r for r in out["references"] if r["node"] in ("Packed", "Generated")]


BAD_INPUTS = """
    import bpy, os, shutil, sys
    import blender_driver as d
    main, small = sys.argv[-2:]
    out = {}

    def line(**props):
        for k, v in props.items():
            setattr(bpy.context.scene.batchrender, k, v)
        try:
            bpy.ops.batchrender.submit()
            return None
        except RuntimeError as e:
            return str(e).strip()

    out["neverSaved"] = line()
    bpy.ops.wm.open_mainfile(filepath=main)
    out["missing"] = line()
    try:
        bpy.ops.batchrender.check()
    except RuntimeError as e:
        out["checked"] = str(e).strip()
    # the files turn up in another folder: the core finds them there by name, and the check passes
    found = os.path.join(os.path.dirname(main), "..", "found")
    for name in ("gone.png", "smoke.vdb"):
        os.makedirs(os.path.join(found, "deep"), exist_ok=True)
        shutil.copy(os.path.join(os.path.dirname(main), "textures", "wood.png"), os.path.join(found, "deep", name))
    bpy.context.scene.batchrender.search_folder = found
    out["foundCheck"] = list(bpy.ops.batchrender.check())
    bpy.ops.wm.open_mainfile(filepath=small)
    import time
    started = time.monotonic()
    out["farmSilent"] = line(farm="azure")
    out["farmSeconds"] = time.monotonic() - started
    d.write(out)
"""


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_bad_input_is_one_line_in_the_report_area(project, cli):
    main, blender, p = project
    small = p["proj"] / "small.blend"
    small_copy(blender, small)
    blender.home = cli.home
    # Azure Batch and Storage at addresses where nothing answers (the key is Azurite's published development key)
    port = closed_port()
    blender.env.update(BATCHRENDER_HOME=str(cli.home), AZURE_BATCH_ENDPOINT="http://127.0.0.1:{}".format(port),
                       AZURE_BATCH_ACCOUNT="studio", AZURE_BATCH_ACCESS_KEY="a2V5",
                       AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                       "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
                       "BlobEndpoint=http://127.0.0.1:{}/devstoreaccount1;".format(port))
    out = blender.run(BAD_INPUTS, args=(main, small), timeout=240)
    assert out["_exit"] == 0, out["_stderr"]
    assert out["neverSaved"] == ("Error: The file was never saved: save it (File › Save As), the farm renders the "
                                 ".blend on disk")
    # the core resolves the references the add-on sends and refuses the submit (the texture and the volume's cache)
    gone = p["proj"] / "textures" / "gone.png"
    assert out["missing"] == ("Error: Not submitted: 2 file(s) the scene needs are missing, first Image 'Gone' = {}: "
                              "relink it in the scene (Blender: File > External Data > Find Missing Files), add a "
                              "search path (--search-path DIR), or allow missing files (--allow-missing).".format(gone))
    # the Check button asks the core too, and lists the first missing file in the panel's words
    assert out["checked"] == ("Error: 2 missing file(s): {} (Image 'Gone') and 1 more: find them (File › External "
                              "Data › Find Missing Files), pack them, give a Search folder, or tick Allow Missing Files".format(gone))
    assert out["foundCheck"] == ["FINISHED"]
    # the upload before an Azure submit is what meets the silent farm first (after the client's retries, ~30 s)
    assert out["farmSilent"].startswith("Error: Not submitted: listing container fgrp-small: cannot reach storage "
                                        "account devstoreaccount1 (http://127.0.0.1:{}/devstoreaccount1)".format(port)), \
        out["farmSilent"]
    assert "\n" not in out["farmSilent"]
