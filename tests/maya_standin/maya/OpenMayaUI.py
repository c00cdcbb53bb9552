"""``maya.OpenMayaUI`` of the stand-in: Maya's main window is a real QMainWindow made on first use."""
from . import _standin


class MQtUtil(object):
    _main = None

    @staticmethod
    def mainWindow():
        from Qt import QtWidgets
        import shiboken6
        if MQtUtil._main is None:
            MQtUtil._main = QtWidgets.QMainWindow()
            MQtUtil._main.setObjectName("MayaWindow")
        return int(shiboken6.getCppPointer(MQtUtil._main)[0])

    @staticmethod
    def findControl(name):
        el = _standin.STATE.ui.get(name)
        widget = el.flags.get("_widget") if el else None
        if widget is None:
            return None
        import shiboken6
        return int(shiboken6.getCppPointer(widget)[0])
