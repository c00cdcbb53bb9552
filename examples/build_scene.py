"""Build a small procedural animated demo scene for Batch Render and save it as .blend.

The scene is built entirely from primitives (no external assets or textures):
a ground plane, a bouncing red sphere, a spinning blue cube and a gold torus
orbiting around them, lit by a sun lamp and a coloured world background.
The animation runs over frames 1-24 at 24 fps, and every frame looks different.

Render settings: Cycles on CPU, low sample count, no denoising (this Blender
build has no OpenImageDenoise), 640x360 PNG RGB 8-bit output.

Usage:
    blender -b --factory-startup --python examples/build_scene.py -- OUTPUT.blend

Then render, for example:
    blender -b OUTPUT.blend -o /tmp/out/demo_#### -F PNG -f 1
    blender -b OUTPUT.blend -o /tmp/out/demo_#### -F PNG -s 1 -e 24 -a
(Blender handles arguments in order: -o/-F/-s/-e must come before -f/-a.)
"""

import math
import os
import sys
import traceback

import bpy

FRAME_START = 1
FRAME_END = 24
FPS = 24
RES_X = 640
RES_Y = 360
SAMPLES = 16
MAX_BOUNCES = 4
ORBIT_RADIUS = 3.0
BOUNCE_HEIGHT = 1.6


def parse_output_path(argv):
    """Return the absolute output path given after '--', or exit(1) if missing."""
    args = argv[argv.index("--") + 1:] if "--" in argv else []
    if not args or not args[0].strip():
        print("error: missing output path; usage: blender -b --factory-startup "
              "--python build_scene.py -- OUTPUT.blend", file=sys.stderr)
        sys.exit(1)
    return os.path.abspath(args[0])


def clear_scene():
    """Remove all objects, meshes, materials, cameras and lights of the startup scene."""
    for obj in list(bpy.data.objects):
        bpy.data.objects.remove(obj, do_unlink=True)
    for collection in (bpy.data.meshes, bpy.data.materials, bpy.data.cameras,
                       bpy.data.lights):
        for block in list(collection):
            collection.remove(block)


def make_material(name, color, roughness=0.4, metallic=0.0):
    """Create a Principled BSDF material with the given RGB base colour."""
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*color, 1.0)
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Metallic"].default_value = metallic
    mat.diffuse_color = (*color, 1.0)
    return mat


def add_object(kind, name, material, location=(0.0, 0.0, 0.0), **kwargs):
    """Add a mesh primitive ('sphere', 'cube', 'torus' or 'plane') with a material."""
    ops = {
        "sphere": bpy.ops.mesh.primitive_uv_sphere_add,
        "cube": bpy.ops.mesh.primitive_cube_add,
        "torus": bpy.ops.mesh.primitive_torus_add,
        "plane": bpy.ops.mesh.primitive_plane_add,
    }
    ops[kind](location=location, **kwargs)
    obj = bpy.context.active_object
    obj.name = name
    obj.data.materials.append(material)
    if kind in ("sphere", "torus"):
        bpy.ops.object.shade_smooth()
    return obj


def animate(obj, transform, frames=range(FRAME_START, FRAME_END + 1)):
    """Keyframe obj on every frame; transform(obj, t) sets its pose for t in [0, 1)."""
    span = FRAME_END - FRAME_START + 1
    for frame in frames:
        transform(obj, (frame - FRAME_START) / span)
        obj.keyframe_insert("location", frame=frame)
        obj.keyframe_insert("rotation_euler", frame=frame)
        obj.keyframe_insert("scale", frame=frame)
    for fcurve in obj.animation_data.action.fcurves:
        for key in fcurve.keyframe_points:
            key.interpolation = "LINEAR"


def bounce(obj, t):
    """Sphere: two bounces per loop with a little squash at each contact."""
    phase = (2.0 * t) % 1.0
    height = 4.0 * phase * (1.0 - phase)
    obj.location = (0.0, 0.0, 0.6 + BOUNCE_HEIGHT * height)
    squash = 1.0 - 0.25 * (1.0 - height) ** 6
    obj.scale = (1.0 / math.sqrt(squash), 1.0 / math.sqrt(squash), squash)


def spin(obj, t):
    """Cube: a full turn around Z plus a tumble around X over the loop."""
    obj.rotation_euler = (0.5 * math.pi * t, 0.0, 2.0 * math.pi * t)


def orbit(obj, t):
    """Torus: one orbit around the centre, bobbing and rolling as it goes."""
    angle = 2.0 * math.pi * t
    obj.location = (ORBIT_RADIUS * math.cos(angle), ORBIT_RADIUS * math.sin(angle),
                    0.8 + 0.3 * math.sin(2.0 * angle))
    obj.rotation_euler = (math.radians(60.0), 0.0, angle * 2.0)


def build_objects():
    """Create ground, sphere, cube and torus, and animate the three props."""
    ground = make_material("Ground", (0.3, 0.32, 0.35), roughness=0.8)
    red = make_material("Red", (0.8, 0.08, 0.06), roughness=0.3)
    blue = make_material("Blue", (0.06, 0.25, 0.85), roughness=0.5)
    gold = make_material("Gold", (0.95, 0.65, 0.15), roughness=0.25, metallic=1.0)

    add_object("plane", "Ground", ground, size=400.0)
    sphere = add_object("sphere", "Sphere", red, location=(0.0, 0.0, 0.6),
                        radius=0.6, segments=48, ring_count=24)
    cube = add_object("cube", "Cube", blue, location=(-1.05, -1.2, 0.9), size=0.9)
    torus = add_object("torus", "Torus", gold, major_radius=0.5, minor_radius=0.17,
                       major_segments=48, minor_segments=16)

    animate(sphere, bounce)
    animate(cube, spin)
    animate(torus, orbit)


def setup_camera():
    """Add a camera looking at the middle of the scene via a Track To constraint."""
    target = bpy.data.objects.new("CameraTarget", None)
    bpy.context.scene.collection.objects.link(target)
    target.location = (0.0, 0.0, 1.1)

    bpy.ops.object.camera_add(location=(7.5, -6.5, 3.0))
    camera = bpy.context.active_object
    camera.name = "Camera"
    camera.data.lens = 40.0
    camera.data.clip_end = 1000.0
    constraint = camera.constraints.new("TRACK_TO")
    constraint.target = target
    constraint.track_axis = "TRACK_NEGATIVE_Z"
    constraint.up_axis = "UP_Y"
    bpy.context.scene.camera = camera
    return camera


def setup_lighting():
    """Add a sun lamp and a soft sky-blue world background."""
    bpy.ops.object.light_add(type="SUN", location=(4.0, -2.0, 8.0),
                             rotation=(math.radians(40.0), math.radians(15.0),
                                       math.radians(30.0)))
    sun = bpy.context.active_object
    sun.name = "Sun"
    sun.data.energy = 3.0
    sun.data.angle = math.radians(3.0)

    world = bpy.context.scene.world or bpy.data.worlds.new("World")
    bpy.context.scene.world = world
    world.use_nodes = True
    background = world.node_tree.nodes["Background"]
    background.inputs["Color"].default_value = (0.35, 0.5, 0.75, 1.0)
    background.inputs["Strength"].default_value = 0.8


def setup_render():
    """Configure Cycles on CPU, low samples, 640x360 PNG, frames 1-24 at 24 fps."""
    scene = bpy.context.scene
    scene.frame_start = FRAME_START
    scene.frame_end = FRAME_END
    scene.frame_current = FRAME_START
    scene.render.fps = FPS
    scene.render.fps_base = 1.0

    scene.render.engine = "CYCLES"
    scene.cycles.device = "CPU"
    scene.cycles.samples = SAMPLES
    scene.cycles.use_adaptive_sampling = False
    scene.cycles.use_denoising = False  # no OpenImageDenoise in this build
    scene.cycles.max_bounces = MAX_BOUNCES
    scene.cycles.diffuse_bounces = 2
    scene.cycles.glossy_bounces = 2
    scene.cycles.transmission_bounces = 2
    scene.cycles.transparent_max_bounces = 2
    scene.cycles.blur_glossy = 1.0
    scene.cycles.caustics_reflective = False
    scene.cycles.caustics_refractive = False
    scene.cycles.use_auto_tile = True
    scene.cycles.tile_size = 2048

    scene.render.resolution_x = RES_X
    scene.render.resolution_y = RES_Y
    scene.render.resolution_percentage = 100
    scene.render.use_persistent_data = False
    scene.render.threads_mode = "AUTO"
    scene.render.use_file_extension = True
    scene.render.image_settings.file_format = "PNG"
    scene.render.image_settings.color_mode = "RGB"
    scene.render.image_settings.color_depth = "8"
    scene.render.image_settings.compression = 15
    scene.render.filepath = "//render/frame_####"


def save(path):
    """Save the .blend atomically: write a temp file in the same folder, then rename."""
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    tmp_path = os.path.join(folder, ".%s.%d.tmp.blend" % (os.path.basename(path), os.getpid()))
    try:
        result = bpy.ops.wm.save_as_mainfile(filepath=tmp_path, compress=False)
        if "FINISHED" not in result or not os.path.isfile(tmp_path):
            raise RuntimeError("Blender could not write %s" % tmp_path)
        os.replace(tmp_path, path)
    finally:
        if os.path.exists(tmp_path):
            os.remove(tmp_path)
    print("saved scene to %s" % path)


def main():
    output = parse_output_path(sys.argv)
    try:
        clear_scene()
        build_objects()
        setup_camera()
        setup_lighting()
        setup_render()
        save(output)
    except Exception as exc:  # Blender exits 0 on uncaught script errors; force 1.
        traceback.print_exc()
        print("error: building scene failed: %s" % exc, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
