"""The form of the panel, saved with each scene (``scene.batchrender``): farm, pool, frames, chunking, output,
Watch. What the panel shows from the core (jobs, pools) lives in :mod:`runtime`, not in the .blend."""
import bpy
from bpy.props import BoolProperty, EnumProperty, IntProperty, PointerProperty, StringProperty

from . import classes, runtime


def _pool_items(self, context):
    rt = runtime.current()
    pools = rt.pools if rt is not None else []
    items = [(p["id"], p["id"], "{} · {} node(s)".format(p.get("vmSize", ""), p.get("targetDedicatedNodes", 0)))
             for p in pools]
    # Blender keeps the strings of a dynamic enum only while the list that holds them lives
    _pool_items.cache = items or [("", "(no pool listed)", "Refresh the pools, or create one with batchrender")]
    return _pool_items.cache


class BatchRenderSettings(bpy.types.PropertyGroup):
    farm: EnumProperty(name="Farm", items=[
        ("local", "This workstation", "Render on this machine's local farm (no account needed)"),
        ("azure", "Azure Batch", "Render on Azure Batch with the account saved in the core's settings"),
    ], default="local")
    pool_mode: EnumProperty(name="Pool", items=[
        ("auto", "Auto-pool", "A pool made for this job, deleted after it"),
        ("existing", "Reuse pool", "A persistent pool of the farm"),
        ("new", "New pool", "Create a persistent pool with this id; it stays after the job"),
    ], default="auto")
    pool_id: EnumProperty(name="Pool", items=_pool_items)
    new_pool_id: StringProperty(name="Pool id", default="blender")
    dedicated_nodes: IntProperty(name="Dedicated", default=1, min=0, max=1000)
    spot_nodes: IntProperty(name="Spot", default=0, min=0, max=1000)
    vm_size: StringProperty(name="VM size", description="Empty: the core's default", default="")
    use_scene_range: BoolProperty(name="Scene range", default=True,
                                  description="Render the scene's frame range (start, end, step)")
    frames: StringProperty(name="Frames", default="1-10",
                           description="Frames in the core's syntax: 1-100, 1-100x2, 1-10,20,30-40x5")
    chunk: IntProperty(name="Frames per task", default=1, min=1, max=10000,
                       description="Frames each task renders in one Blender run")
    output: StringProperty(name="Output", subtype="DIR_PATH", default="",
                           description="Folder for the frames (empty: the job's folder in the core's state folder)")
    job_name: StringProperty(name="Job name", default="", description="Empty: the file's name")
    search_folder: StringProperty(name="Search folder", subtype="DIR_PATH", default="",
                                  description="A folder (and its subfolders) where the core also looks for files the "
                                              "scene names but that are not where it says")
    allow_missing: BoolProperty(name="Allow Missing Files", default=False,
                                description="Submit even though files the scene names are missing")
    watch: BoolProperty(name="Watch", default=False,
                        description="After submitting, a background watcher brings each frame home as it finishes "
                                    "(and keeps going after Blender quits)")
    download: StringProperty(name="Download to", subtype="DIR_PATH", default="")


CLASSES = (BatchRenderSettings,)


def register():
    classes.register(CLASSES)
    bpy.types.Scene.batchrender = PointerProperty(type=BatchRenderSettings)


def unregister():
    """Takes the scene's settings away; the classes go with ``classes.unregister_all``."""
    if hasattr(bpy.types.Scene, "batchrender"):
        del bpy.types.Scene.batchrender
