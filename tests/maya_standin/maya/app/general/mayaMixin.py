"""``maya.app.general.mayaMixin`` of the stand-in, following Autodesk's own mayaMixin.py (shipped with Maya as
Python source; read in a copy of the Maya 2017 file kept in public repositories, e.g. liorbenhorin/pipeline
``mayaMixin.py``), with its defaults:

- a widget made without a parent is parented to Maya's main window (``MQtUtil.mainWindow()``, which batch mode
  does not have) and named ``<Class>_<uuid>`` unless it has an object name;
- ``show(dockable=True)`` makes a workspace control named ``<objectName>WorkspaceControl`` with ``retain=True``
  (the default of ``setDockableParameters``), floating unless an area is given, ``requiredPlugin`` from
  ``plugins``, then puts the widget in it and sets ``uiScript`` when given; it makes one only when the widget is
  not already in a control, so a control of that name left from before (retained, or restored by Maya from the
  last session) makes ``cmds.workspaceControl`` fail with "Object's name '...' is not unique.";
- ``close()`` of a docked widget closes its control (``retain``: hidden, not deleted).
"""
import uuid

from Qt import QtCore, QtWidgets

from maya import OpenMayaUI as omui
from maya import cmds


def _wrap(pointer, cls):
    import shiboken6
    return shiboken6.wrapInstance(int(pointer), cls)


class MayaQWidgetBaseMixin(object):
    def __init__(self, parent=None, *args, **kwargs):
        super(MayaQWidgetBaseMixin, self).__init__(parent, *args, **kwargs)
        self._initForMaya(parent=parent)

    def _initForMaya(self, parent=None):
        self.setAttribute(QtCore.Qt.WA_DontCreateNativeAncestors)
        if parent is None:
            self._makeMayaStandaloneWindow()
        if self.objectName() == "":
            self.setObjectName("{}_{}".format(self.__class__.__name__, uuid.uuid4()))

    def _makeMayaStandaloneWindow(self):
        orig_parent = self.parent()
        main_window = _wrap(omui.MQtUtil.mainWindow(), QtWidgets.QMainWindow)   # int(None) in batch mode: TypeError
        self.setParent(main_window)
        self.setWindowFlags(QtCore.Qt.Window)
        if orig_parent is not None:
            name = orig_parent.objectName()
            if name and cmds.workspaceControl(name, query=True, exists=True):
                cmds.deleteUI(name, control=True)


class MayaQWidgetDockableMixin(MayaQWidgetBaseMixin):

    def setDockableParameters(self, dockable=None, floating=None, area=None, allowedArea=None, width=None,
                              height=None, x=None, y=None, retain=True, plugins=None, controls=None, uiScript=None,
                              closeCallback=None, *args, **kwargs):
        if not (dockable is True or (dockable is None and self.isDockable())):
            if width is not None or height is not None:
                self.resize(width or self.width(), height or self.height())
            return
        if floating is None and area is None:
            floating = True
        if dockable is True and not self.isDockable():
            hint = self.sizeHint() if self.size() == QtCore.QSize(640, 480) else self.size()
            width = hint.width() if width is None else width
            height = hint.height() if height is None else height
            name = self.objectName() + "WorkspaceControl"
            common = dict(label=self.windowTitle(), retain=retain, loadImmediately=True, initialWidth=width,
                          initialHeight=height, requiredPlugin=plugins or [], requiredControl=controls or [])
            if floating is True or area is None:
                name = cmds.workspaceControl(name, floating=True, **common)
            else:
                name = cmds.workspaceControl(name, dockToMainWindow=(area, True), **common)
            parent = omui.MQtUtil.getCurrentParent()
            mine = omui.MQtUtil.findControl(self.objectName())
            omui.MQtUtil.addWidgetToMayaLayout(int(mine), int(parent))
            if uiScript:
                cmds.workspaceControl(name, edit=True, uiScript=uiScript)
            if closeCallback is not None:
                cmds.workspaceControl(name, edit=True, closeCommand=closeCallback)

    def show(self, *args, **kwargs):
        if args or kwargs:
            self.setDockableParameters(*args, **kwargs)
        QtWidgets.QWidget.setVisible(self, True)
        name = self._control_name()
        if name:
            if cmds.workspaceControl(name, query=True, visible=True):
                cmds.workspaceControl(name, edit=True, r=True)
            else:
                cmds.workspaceControl(name, edit=True, visible=True)

    def close(self):
        name = self._control_name()
        if name:
            cmds.workspaceControl(name, edit=True, close=True)
            return True
        return QtWidgets.QWidget.close(self)

    def isVisible(self):
        name = self._control_name()
        if name:
            return cmds.workspaceControl(name, query=True, visible=True)
        return QtWidgets.QWidget.isVisible(self)

    def isDockable(self):
        return self._control_name() is not None

    def _control_name(self):
        """The workspace control this widget sits in (its parent, by object name), or None."""
        parent = self.parent()
        name = parent.objectName() if parent is not None else ""
        return name if name and cmds.workspaceControl(name, query=True, exists=True) else None
