"""The add-on's Blender classes: registered in order, unregistered in reverse, as Blender has them.

The list of registered classes survives Reload Scripts, which re-runs every module of the add-on in its own
namespace (``importlib.reload``) before ``unregister``: the modules then hold new classes Blender never registered,
and only the old ones can be unregistered.
"""
import bpy

try:
    _registered  # noqa: F821 - kept when Reload Scripts re-runs this file
except NameError:
    _registered = []


def register(classes):
    for cls in classes:
        bpy.utils.register_class(cls)
        _registered.append(cls)


def unregister_all():
    while _registered:
        bpy.utils.unregister_class(_registered.pop())
