"""What the panel and the submit need from the open file, read on the main thread into plain values."""
import os

import bpy

from . import dependencies


def scene_range(scene):
    """The scene's frame range in the core's frame syntax: ``1-250``, ``1-250x2`` with a frame step."""
    spec = "{}-{}".format(scene.frame_start, scene.frame_end) if scene.frame_end != scene.frame_start \
        else str(scene.frame_start)
    return spec + ("x{}".format(scene.frame_step) if scene.frame_step > 1 and scene.frame_end != scene.frame_start
                   else "")


def cycles_gpu_configured(context):
    """True when Cycles has a GPU compute device type chosen in Preferences › System (with a device in use)."""
    addon = context.preferences.addons.get("cycles")
    if addon is None:
        return False
    prefs = addon.preferences
    if getattr(prefs, "compute_device_type", "NONE") in ("NONE", ""):
        return False
    return any(getattr(d, "use", False) and getattr(d, "type", "CPU") != "CPU" for d in getattr(prefs, "devices", ()))


def snapshot(context):
    """The open file as plain values: ``scene`` (the .blend's absolute path, '' when never saved), ``saved``
    (on disk and no unsaved change), ``frames`` (the scene's range), ``engine``, ``device`` (Cycles' CPU/GPU, or
    None), ``gpuConfigured``, ``references`` (:func:`dependencies.file_references`)."""
    scene = context.scene
    engine = scene.render.engine
    device = scene.cycles.device if engine == "CYCLES" and hasattr(scene, "cycles") else None
    return {
        "scene": os.path.abspath(bpy.data.filepath) if bpy.data.filepath else "",
        # background Blender (blender -b) reports every file as changed: there it renders the file as on disk
        "saved": bool(bpy.data.filepath) and (bpy.app.background or not bpy.data.is_dirty),
        "frames": scene_range(scene),
        "engine": engine,
        "device": device,
        "gpuConfigured": cycles_gpu_configured(context) if device == "GPU" else False,
        "references": dependencies.file_references(),
    }
