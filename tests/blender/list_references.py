"""Prints, inside Blender, the open .blend's file references as the core takes them (the shape of the add-on's
``batchrender_blender.dependencies``): one line ``REFERENCES=[{"node", "nodeType", "attribute", "path"}...]``.

    blender -b SCENE.blend --python tests/blender/list_references.py

``path`` is absolute as Blender resolves it: a linked data-block's ``//`` path against its library, a library's
against the file that links it (its ``parent``, none for one the open file links); packed data-blocks and images
with no file are left out.
"""
import json

import bpy

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
                           "path": bpy.path.abspath(path, library=base)})
print("REFERENCES=" + json.dumps(references), flush=True)
