"""Prints, inside Blender, the open .blend's file references as the core takes them (the shape of the add-on's
``batchrender_blender.dependencies``): one line ``REFERENCES=[{"node", "nodeType", "attribute", "path"}...]``.

    blender -b SCENE.blend --python tests/blender/list_references.py

``path`` is absolute as Blender reads it: a linked data-block's ``//`` path against its library's file, a
library's against the file that links it (its ``parent``; none: the open file), at any depth (``bpy.path.abspath``
with ``library=`` takes the library's own path against the open file, wrong for a library a library links by a
relative path); packed data-blocks and images with no file are left out.
"""
import json
import os

import bpy


def absolute(path, library):
    """``path`` as Blender reads it in the file of ``library`` (None: the open file)."""
    if path.startswith("//") and library is not None:
        return os.path.normpath(os.path.join(os.path.dirname(absolute(library.filepath, library.parent)), path[2:]))
    return os.path.normpath(bpy.path.abspath(path))


KINDS = (("libraries", "Library"), ("images", "Image"), ("cache_files", "CacheFile"), ("sounds", "Sound"),
         ("volumes", "Volume"), ("fonts", "VectorFont"), ("movieclips", "MovieClip"))

references = []
for collection, kind in KINDS:
    for block in getattr(bpy.data, collection):
        path = getattr(block, "filepath", "")
        if not path or path.startswith("<") or getattr(block, "packed_file", None) is not None:
            continue
        if kind == "Image" and block.source not in ("FILE", "SEQUENCE", "MOVIE", "TILED"):
            continue
        base = block.parent if kind == "Library" else block.library
        references.append({"node": block.name, "nodeType": kind, "attribute": "filepath",
                           "path": absolute(path, base)})
print("REFERENCES=" + json.dumps(references), flush=True)
