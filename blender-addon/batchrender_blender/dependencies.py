"""The files a .blend needs, as Blender itself knows them, in the shape the core's scan takes for Maya's references.

Each reference is a dict ``{"node", "nodeType", "attribute", "path"}`` (``Client.scan(..., references=...)``):
``node`` the data-block's name, ``nodeType`` its kind (``Image``, ``Library``, ``CacheFile``, ``Sound``,
``Volume``, ``VectorFont``, ``MovieClip``), ``attribute`` ``"filepath"`` and ``path`` the absolute path as Blender
resolves it (never ``//``, which the core refuses): a ``//`` path of a data-block linked from another .blend is
relative to that library's file; a library's own path is relative to the open file at any depth, since Blender
rebases the path of a library a library links onto the open file as it reads it (a set that links
``//../props.blend`` shows ``//lib/props.blend`` in the shot, its ``parent`` the set), which is also how
``bpy.utils.blend_paths`` reads it. Packed data-blocks are left out: they travel inside the .blend. Image data-blocks
with no file (generated, render result, viewer) are left out. An image sequence is its first frame's file with
``"frameSequence": true`` (the core finds the other frames beside it).
A UDIM image (``<UDIM>`` in its path) gives one reference per tile, each tile's file.

``bpy.utils.blend_paths(absolute=True)`` (Blender's own walk over every path of the file, ``BKE_bpath``) adds what
no data-block above names (sequencer strips, caches of modifiers, ...), as ``nodeType`` ``"BlendPath"``, when it is
a file on disk: Blender also lists paths it may never read (caches not written yet) and folders (a fluid domain's
cache), which the core, resolving files, would count missing.
"""
import os

import bpy

#: bpy.data collection -> the nodeType sent to the core
COLLECTIONS = (
    ("libraries", "Library"),
    ("images", "Image"),
    ("cache_files", "CacheFile"),
    ("sounds", "Sound"),
    ("volumes", "Volume"),
    ("fonts", "VectorFont"),
    ("movieclips", "MovieClip"),
)

BUILTIN_FONT = "<builtin>"


def _packed(block):
    if getattr(block, "packed_file", None) is not None:
        return True
    files = getattr(block, "packed_files", None)   # images: one per tile or view
    return bool(files) and len(files) > 0


def _has_file(block, kind):
    if kind == "Image" and block.source not in ("FILE", "SEQUENCE", "MOVIE", "TILED"):
        return False   # GENERATED, VIEWER: made in Blender
    if kind == "VectorFont" and block.filepath == BUILTIN_FONT:
        return False
    return bool(block.filepath)


def absolute(path, library):
    """``path`` as Blender reads it in the file of ``library`` (None: the open file), normalised."""
    if path.startswith("//") and library is not None:
        return os.path.normpath(os.path.join(os.path.dirname(absolute(library.filepath, None)), path[2:]))
    return os.path.normpath(bpy.path.abspath(path))


def _tiles(block, path):
    """A UDIM image's tiles as files: ``<UDIM>`` replaced by each tile's number (1001, ...)."""
    if "<UDIM>" in path:
        return [path.replace("<UDIM>", str(t.number)) for t in block.tiles]
    if "<UVTILE>" in path:
        return [path.replace("<UVTILE>", "u{}_v{}".format((t.number - 1001) % 10 + 1, (t.number - 1001) // 10 + 1))
                for t in block.tiles]
    return [path]


def file_references(data=None):
    """Every file the open .blend needs that is not packed into it, each once per data-block."""
    data = data or bpy.data
    refs = []
    named = set()
    for collection, kind in COLLECTIONS:
        for block in getattr(data, collection):
            if not _has_file(block, kind) or _packed(block):
                continue
            path = absolute(block.filepath, None if kind == "Library" else block.library)
            paths = _tiles(block, path) if kind == "Image" and block.source == "TILED" else [path]
            for p in paths:
                ref = {"node": block.name, "nodeType": kind, "attribute": "filepath", "path": p}
                if kind == "Image" and block.source == "SEQUENCE":
                    ref["frameSequence"] = True
                refs.append(ref)
                named.add(p)
    if data is bpy.data:
        for p in bpy.utils.blend_paths(absolute=True, packed=False, local=False):
            p = os.path.normpath(p)
            if p not in named and "<UDIM>" not in p and "<UVTILE>" not in p and os.path.isfile(p):
                refs.append({"node": "", "nodeType": "BlendPath", "attribute": "filepath", "path": p})
                named.add(p)
    return refs

