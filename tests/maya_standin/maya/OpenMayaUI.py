"""``maya.OpenMayaUI`` of the stand-in: Maya's main window is a real QMainWindow made on first use; workspace
controls are real QWidgets (see maya/cmds.py), found by name as Maya's MQtUtil finds any control."""
from . import _standin


def _pointer(widget):
    import shiboken6
    return int(shiboken6.getCppPointer(widget)[0])


class MQtUtil(object):
    _main = None

    @staticmethod
    def mainWindow():
        """Maya's main window; None in batch mode, where Maya has none (maya-stubs: ``mainWindow() -> Any``;
        Autodesk's mayaMixin wraps it without a check, so a dockable widget cannot be made in batch mode)."""
        if _standin.STATE.batch:
            return None
        from Qt import QtWidgets
        if MQtUtil._main is None:
            MQtUtil._main = QtWidgets.QMainWindow()
            MQtUtil._main.setObjectName("MayaWindow")
        return _pointer(MQtUtil._main)

    @staticmethod
    def findControl(name):
        el = _standin.STATE.ui.get(name)
        widget = el.flags.get("_widget") if el else None
        if widget is None:
            from Qt import QtWidgets
            widget = next((w for w in QtWidgets.QApplication.allWidgets() if w.objectName() == name), None)
        return _pointer(widget) if widget is not None else None

    @staticmethod
    def getCurrentParent():
        """The layout Maya would parent new UI to: after workspaceControl, and while a uiScript runs, the control."""
        el = _standin.STATE.ui.get(_standin.STATE.current_parent or "")
        return _pointer(el.flags["_widget"]) if el is not None else None

    @staticmethod
    def addWidgetToMayaLayout(child, parent):
        """Puts the widget at ``child`` in the Maya layout (here: the workspace control) at ``parent``."""
        import shiboken6
        from Qt import QtWidgets
        c = shiboken6.wrapInstance(int(child), QtWidgets.QWidget)
        p = shiboken6.wrapInstance(int(parent), QtWidgets.QWidget)
        p.layout().addWidget(c)
