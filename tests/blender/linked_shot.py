"""Builds, with Blender, a shot that links a library, for the tests of a .blend's references.

    blender -b --factory-startup --python tests/blender/linked_shot.py -- ROOT

writes under ROOT (what the tests read back from the files, never from this script's numbers):

- ``library/textures/green.png`` and ``shot_textures/blue.png``: 8x8 PNGs of one colour each, saved by Blender;
- ``library/props.blend``: collection ``Props`` with plane ``GreenCard`` whose emission material shows
  ``green.png`` through an image named by a path relative to the library (``//textures/green.png``);
- ``shot/shot.blend``: links ``Props`` from the library by its absolute path (an instance on the left), has its own
  plane ``BlueCard`` on the right showing ``blue.png`` by its absolute path, an orthographic camera looking down on
  both, a black world, and Cycles on the CPU at 1 sample, 64x32, view transform Standard (an emission shows its
  texture's colour unchanged), frames 1-2: a frame renders in about a second.

- ``set/set.blend``: collection ``Set`` holding an instance of ``Props`` linked from the library by its absolute
  path, and ``shot/nested.blend``: links ``Set`` by its absolute path, with the same camera and settings: the
  library is reached only through another library.

A missing texture renders magenta in Blender, a missing library leaves its instance out (black).
"""
import os
import sys

import bpy

ROOT = os.path.abspath(sys.argv[sys.argv.index("--") + 1])
LIBRARY = os.path.join(ROOT, "library", "props.blend")
GREEN = os.path.join(ROOT, "library", "textures", "green.png")
SHOT = os.path.join(ROOT, "shot", "shot.blend")
SET = os.path.join(ROOT, "set", "set.blend")
NESTED = os.path.join(ROOT, "shot", "nested.blend")
BLUE = os.path.join(ROOT, "shot_textures", "blue.png")


def fresh_file():
    bpy.ops.wm.read_factory_settings(use_empty=True)
    bpy.context.preferences.filepaths.save_version = 0   # no .blend1 backups beside the files


def save_texture(path, rgb):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    img = bpy.data.images.new(os.path.basename(path), 8, 8)
    img.pixels[:] = [rgb[0], rgb[1], rgb[2], 1.0] * 64
    img.filepath_raw = path
    img.file_format = "PNG"
    img.save()
    bpy.data.images.remove(img)


def card(name, x, texture_path):
    """A 2x2 plane at (x, 0, 0) whose material emits the image at ``texture_path``; returns the image."""
    bpy.ops.mesh.primitive_plane_add(size=2, location=(x, 0, 0))
    obj = bpy.context.active_object
    obj.name = name
    mat = bpy.data.materials.new(name + "Material")
    mat.use_nodes = True
    nodes, links = mat.node_tree.nodes, mat.node_tree.links
    nodes.clear()
    out = nodes.new("ShaderNodeOutputMaterial")
    emission = nodes.new("ShaderNodeEmission")
    tex = nodes.new("ShaderNodeTexImage")
    tex.image = bpy.data.images.load(texture_path)
    links.new(tex.outputs["Color"], emission.inputs["Color"])
    links.new(emission.outputs["Emission"], out.inputs["Surface"])
    obj.data.materials.append(mat)
    return obj, tex.image


def build_library():
    save_texture(GREEN, (0.1, 0.8, 0.2))
    fresh_file()
    os.makedirs(os.path.dirname(LIBRARY), exist_ok=True)
    bpy.ops.wm.save_as_mainfile(filepath=LIBRARY)   # saved first: "//" paths are relative to it
    obj, image = card("GreenCard", -1.1, GREEN)
    image.filepath = "//textures/green.png"
    props = bpy.data.collections.new("Props")
    bpy.context.scene.collection.children.link(props)
    bpy.context.scene.collection.objects.unlink(obj)
    props.objects.link(obj)
    bpy.ops.wm.save_as_mainfile(filepath=LIBRARY, relative_remap=False)


def link_instance(library, collection_name, into):
    """An instance of collection ``collection_name`` linked from ``library`` (by its absolute path), in ``into``."""
    with bpy.data.libraries.load(library, link=True, relative=False) as (_, linked):
        linked.collections = [collection_name]
    instance = bpy.data.objects.new(collection_name + "Instance", None)
    instance.instance_type = "COLLECTION"
    instance.instance_collection = linked.collections[0]
    into.objects.link(instance)


def camera_and_settings(scene):
    camera = bpy.data.cameras.new("Camera")
    camera.type = "ORTHO"
    camera.ortho_scale = 4.4
    camera_object = bpy.data.objects.new("Camera", camera)
    camera_object.location = (0, 0, 5)
    scene.collection.objects.link(camera_object)
    scene.camera = camera_object
    scene.world = bpy.data.worlds.new("Black")
    scene.world.color = (0, 0, 0)
    scene.render.engine = "CYCLES"
    scene.cycles.device = "CPU"
    scene.cycles.samples = 1
    scene.cycles.use_denoising = False
    scene.render.resolution_x, scene.render.resolution_y, scene.render.resolution_percentage = 64, 32, 100
    scene.view_settings.view_transform = "Standard"
    scene.frame_start, scene.frame_end = 1, 2


def build_shot():
    save_texture(BLUE, (0.1, 0.2, 0.9))
    fresh_file()
    scene = bpy.context.scene
    link_instance(LIBRARY, "Props", scene.collection)
    card("BlueCard", 1.1, BLUE)
    camera_and_settings(scene)
    os.makedirs(os.path.dirname(SHOT), exist_ok=True)
    bpy.ops.wm.save_as_mainfile(filepath=SHOT, relative_remap=False)


def build_nested():
    fresh_file()
    os.makedirs(os.path.dirname(SET), exist_ok=True)
    bpy.ops.wm.save_as_mainfile(filepath=SET)
    collection = bpy.data.collections.new("Set")
    bpy.context.scene.collection.children.link(collection)
    link_instance(LIBRARY, "Props", collection)
    bpy.ops.wm.save_as_mainfile(filepath=SET, relative_remap=False)
    fresh_file()
    scene = bpy.context.scene
    link_instance(SET, "Set", scene.collection)
    camera_and_settings(scene)
    bpy.ops.wm.save_as_mainfile(filepath=NESTED, relative_remap=False)


build_library()
build_shot()
build_nested()
