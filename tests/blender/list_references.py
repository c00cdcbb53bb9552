"""Prints the references of the open .blend as the Blender add-on lists them, for the core's scan and submit:

    blender -b SCENE.blend --python tests/blender/list_references.py

The listing is the add-on's own (``blender-addon/batchrender_blender/dependencies.py``), loaded by its path without
the add-on's package (which would register its panel): the tests of the core's side run the code that ships.
"""
import importlib.util
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "batchrender_blender_dependencies",
    os.path.join(HERE, os.pardir, os.pardir, "blender-addon", "batchrender_blender", "dependencies.py"))
dependencies = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dependencies)

print("REFERENCES=" + json.dumps(dependencies.file_references()), flush=True)
