"""Small widgets the tabs share."""
from Qt import QtCore, QtGui, QtWidgets

GREEN = "#3aa655"
RED = "#d9534f"
AMBER = "#e0a030"
GREY = "#888888"


class StatusLabel(QtWidgets.QLabel):
    """A one-line status: ``ok``, ``error``, ``warning``, ``busy`` or ``info``, coloured to match."""

    COLOURS = {"ok": GREEN, "error": RED, "warning": AMBER, "busy": GREY, "info": ""}

    def __init__(self, text="", parent=None):
        super(StatusLabel, self).__init__(text, parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(QtCore.Qt.TextSelectableByMouse)
        self.kind = "info"

    def show_status(self, kind, text):
        self.kind = kind
        colour = self.COLOURS.get(kind, "")
        self.setStyleSheet("color: {};".format(colour) if colour else "")
        self.setText(text)


def unavailable(reason):
    """A note that a feature cannot be used here, with the reason (never a fake result)."""
    label = StatusLabel()
    label.show_status("warning", "Unavailable: " + reason)
    label.setObjectName("unavailable")
    return label


def dot_icon(colour, size=12):
    pix = QtGui.QPixmap(size, size)
    pix.fill(QtCore.Qt.transparent)
    p = QtGui.QPainter(pix)
    p.setRenderHint(QtGui.QPainter.Antialiasing)
    p.setBrush(QtGui.QColor(colour))
    p.setPen(QtCore.Qt.NoPen)
    p.drawEllipse(1, 1, size - 2, size - 2)
    p.end()
    return QtGui.QIcon(pix)


def table(headers):
    t = QtWidgets.QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
    t.setSelectionMode(QtWidgets.QAbstractItemView.SingleSelection)
    t.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def item(text, data=None):
    it = QtWidgets.QTableWidgetItem(str(text))
    if data is not None:
        it.setData(QtCore.Qt.UserRole, data)
    return it
