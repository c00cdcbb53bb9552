"""Batch Render for Maya: load this file in Maya's Plug-in Manager (Windows > Settings/Preferences >
Plug-in Manager). It adds the "Azure Batch" menu and shelf button that open the Batch Render panel.

The plug-in is thin: the Maya-facing code is in ``scripts/batchrender_maya`` (beside this folder in
the AzureBatch module) and every decision is the Java core's, reached through ``batchrender``.
Works in Maya 2022 and later (Python 3).
"""
import os
import sys

import maya.api.OpenMaya as om

VERSION = "0.1.0"


def maya_useNewAPI():
    """Tells Maya this plug-in uses the Python API 2.0."""


def _scripts_on_path():
    scripts = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
    if os.path.isdir(scripts) and scripts not in sys.path:
        sys.path.insert(0, scripts)


def initializePlugin(mobject):
    """Adds the menu and the shelf button (replacing any left by a crash or an earlier load)."""
    om.MFnPlugin(mobject, "Batch Render", VERSION, "Any")
    _scripts_on_path()
    from batchrender_maya import plugin
    plugin.initialize()


def uninitializePlugin(mobject):
    """Closes the panel, removes the menu and shelf, and stops the gateway (watchers keep running)."""
    om.MFnPlugin(mobject)
    from batchrender_maya import plugin
    plugin.uninitialize()
