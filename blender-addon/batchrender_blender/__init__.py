"""Batch Render for Blender: render the open .blend on this workstation's farm or on Azure Batch, from
Properties › Render, through the same Python client and Java core as the Maya plug-in.

Install the zip from ``installer/build_release.py --blender`` in Preferences › Add-ons › Install. Nothing is
installed into Blender's Python: the client and py4j are in the zip's ``vendor/``, the core in ``java/``.
"""
bl_info = {
    "name": "Batch Render",
    "author": "Batch Render",
    "version": (0, 1, 0),
    "blender": (3, 0, 0),
    "location": "Properties › Render › Batch Render",
    "description": "Render the open file on this workstation's farm or on Azure Batch, and bring the frames home",
    "category": "Render",
}

import atexit  # noqa: E402
import importlib  # noqa: E402

if "runtime" in locals():   # Reload Scripts re-runs this file: take the submodules from disk again too
    for _module in (vendoring, jobs, checks, dependencies, session, scene_reader, runtime, classes,  # noqa: F821
                    properties, operators, panel):  # noqa: F821
        importlib.reload(_module)

from . import vendoring  # noqa: E402

vendoring.add()

from . import checks, classes, dependencies, jobs, operators, panel, properties, runtime, scene_reader, session  # noqa: E402,F401,E501

_MODULES = (properties, operators, panel)


def register():
    vendoring.add()
    runtime.start()
    for module in _MODULES:
        module.register()
    atexit.register(runtime.at_exit)


def unregister():
    atexit.unregister(runtime.at_exit)
    runtime.stop()   # first: the gateway, threads and timer go even if Blender refuses a class below
    try:
        properties.unregister()
        classes.unregister_all()
    finally:
        vendoring.remove()
