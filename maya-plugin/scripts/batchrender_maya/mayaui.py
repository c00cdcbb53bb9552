"""The plug-in's own user interface in Maya: its menu, its shelf, the panel's workspace control.

Every ``maya.cmds`` UI call of the plug-in lives here; the scene is read by :mod:`batchrender_maya.adapter`.
None of it may run in batch mode (mayabatch, ``Render``, mayapy with ``maya.standalone``), where Maya has no
main window and its UI commands fail: the plug-in asks :func:`batch` first. Flags are spelt with their long names.
"""
import os

from maya import cmds, mel

MENU = "BatchRenderAzureBatchMenu"
SHELF = "AzureBatch"
#: what marks a shelf file Maya saved from this plug-in's shelf (its button's command imports the plug-in)
SHELF_MARK = "batchrender_maya"


def batch():
    """True when Maya runs without a user interface (``cmds.about(batch=True)``)."""
    return bool(cmds.about(batch=True))


# ---- menu -------------------------------------------------------------------------------------

def install_menu(items):
    """Adds the "Azure Batch" menu to Maya's main window, replacing one left by a previous load.

    ``items`` is a list of (label, callable) or None for a divider.
    """
    remove_menu()
    main = mel.eval("$tmp=$gMainWindow")
    menu = str(cmds.menu(MENU, label="Azure Batch", parent=main, tearOff=True))
    for item in items:
        if item is None:
            cmds.menuItem(divider=True, parent=menu)
        else:
            cmds.menuItem(label=item[0], command=_ignore_args(item[1]), parent=menu)
    return menu


def remove_menu():
    if cmds.menu(MENU, exists=True):
        cmds.deleteUI(MENU, menu=True)


# ---- shelf ------------------------------------------------------------------------------------

def install_shelf(label, command, image):
    """The "AzureBatch" shelf with one button, made from code at every load; a shelf left by a crash or loaded
    from a shelf file Maya saved is reused, emptied first, so there is never a second one."""
    top = mel.eval("$tmp=$gShelfTopLevel")
    if cmds.shelfLayout(SHELF, exists=True):
        children: object = cmds.shelfLayout(SHELF, query=True, childArray=True) or []
        for child in children if isinstance(children, list) else []:
            cmds.deleteUI(str(child), control=True)
        shelf = SHELF
    else:
        shelf = str(cmds.shelfLayout(SHELF, parent=top))
    cmds.shelfButton(label=label, annotation="Open the Batch Render panel", image=image,
                     imageOverlayLabel="Batch", command=command, sourceType="python", parent=shelf)
    return shelf


def remove_shelf():
    """Deletes the shelf and the shelf file Maya saved of it (Maya writes ``shelf_AzureBatch.mel`` into the
    user's shelf folder when it quits and loads it at every start, plug-in or not), so nothing of the shelf
    outlives the plug-in; the installer's uninstall removes such files of every Maya version too."""
    if cmds.shelfLayout(SHELF, exists=True):
        cmds.deleteUI(SHELF, layout=True)
    saved = saved_shelf_file(cmds.internalVar(userShelfDir=True))
    if saved:
        os.remove(saved)


def saved_shelf_file(shelf_dir):
    """``shelf_AzureBatch.mel`` in ``shelf_dir`` when Maya saved it from this plug-in's shelf, else None."""
    path = os.path.join(shelf_dir or "", "shelf_{}.mel".format(SHELF))
    try:
        with open(path, "rb") as f:
            return path if SHELF_MARK.encode("ascii") in f.read() else None
    except OSError:
        return None


# ---- the panel's workspace control ------------------------------------------------------------

def workspace_control_exists(name):
    return bool(cmds.workspaceControl(name, exists=True))


def delete_workspace_control(name):
    """Deletes the workspace control (and the widgets in it), if Maya has one: closing alone only hides a
    retained control."""
    if cmds.workspaceControl(name, exists=True):
        cmds.deleteUI(name, control=True)


def wait_for_plugins(name):
    """Maya restores the control at start-up before auto-loading plug-ins unless told to wait for them."""
    cmds.workspaceControl(name, edit=True, checksPlugins=True)


def put_in_current_parent(widget):
    """Puts ``widget`` into the layout Maya builds into now: inside a uiScript, the restored workspace control
    (Autodesk, "Writing Workspace controls": ``MQtUtil.getCurrentParent`` and ``addWidgetToMayaLayout``)."""
    from maya import OpenMayaUI as omui
    parent = omui.MQtUtil.getCurrentParent()
    mine = omui.MQtUtil.findControl(widget.objectName())
    omui.MQtUtil.addWidgetToMayaLayout(int(mine), int(parent))


def _ignore_args(fn):
    return lambda *_args: fn()
