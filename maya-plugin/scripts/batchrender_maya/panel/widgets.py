"""Small widgets the tabs share."""
from Qt import QtCore, QtGui, QtWidgets

GREEN = "#3aa655"
RED = "#d9534f"
AMBER = "#e0a030"
GREY = "#888888"


class StatusLabel(QtWidgets.QLabel):
    """A one-line status: ``ok``, ``error``, ``warning``, ``busy`` or ``info``, coloured to match."""

    COLOURS = {"ok": GREEN, "error": RED, "warning": AMBER, "busy": GREY, "info": ""}
    #: the same on a dark window (Maya's): lighter, so the text stays readable
    DARK_COLOURS = {"ok": "#6fcf87", "error": "#ff7b75", "warning": "#f0c060", "busy": "#a8a8a8", "info": ""}

    def __init__(self, text="", parent=None):
        super(StatusLabel, self).__init__(text, parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = "info"

    def show_status(self, kind, text):
        self.kind = kind
        self._colour()
        self.setText(text)

    def _colour(self):
        colour = status_colour(self, self.kind)
        style = "color: {};".format(colour) if colour else ""
        if self.styleSheet() != style:
            self.setStyleSheet(style)

    def changeEvent(self, event):
        super(StatusLabel, self).changeEvent(event)
        if event.type() == QtCore.QEvent.Type.PaletteChange:
            self._colour()


def status_colour(widget, kind):
    """The colour of a status (``ok``, ``error``, ...) readable on the widget's window: light or dark."""
    dark = widget.palette().color(QtGui.QPalette.ColorRole.Window).lightness() < 128
    return (StatusLabel.DARK_COLOURS if dark else StatusLabel.COLOURS).get(kind, "")


def unavailable(reason):
    """A note that a feature cannot be used here, with the reason (never a fake result)."""
    label = StatusLabel()
    label.show_status("warning", "Unavailable: " + reason)
    label.setObjectName("unavailable")
    return label


def dot_icon(colour, size=12):
    pix = QtGui.QPixmap(size, size)
    pix.fill(QtCore.Qt.GlobalColor.transparent)
    p = QtGui.QPainter(pix)
    p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    p.setBrush(QtGui.QColor(colour))
    p.setPen(QtCore.Qt.PenStyle.NoPen)
    p.drawEllipse(1, 1, size - 2, size - 2)
    p.end()
    return QtGui.QIcon(pix)


def table(headers):
    t = QtWidgets.QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setStretchLastSection(True)
    return t


#: rows a table's column widths are measured from
SIZING_ROWS = 50


class RowTable(QtWidgets.QTableWidget):
    """A read-only table whose rows are tuples of texts; :meth:`show_rows` touches only the cells that changed,
    so a periodic refresh costs the main thread next to nothing when little changed."""

    def __init__(self, headers):
        super(RowTable, self).__init__(0, len(headers))
        self.setHorizontalHeaderLabels(headers)
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)   # compact rows
        self.horizontalHeader().setStretchLastSection(True)
        # columns are sized from the first rows shown, not all of a 1,000-task job (Qt's default reads 1,000 rows)
        self.horizontalHeader().setResizeContentsPrecision(SIZING_ROWS)
        self.verticalHeader().setResizeContentsPrecision(SIZING_ROWS)
        self.shown = []
        self._sized = False

    def show_rows(self, rows):
        """Shows ``rows`` (sequences of texts, one per column); returns how many cells were set."""
        changed = 0
        if len(rows) != len(self.shown):
            self.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            before = self.shown[r] if r < len(self.shown) else None
            if before == cells:
                continue
            for c, text in enumerate(cells):
                if before is not None and before[c] == text:
                    continue
                it = self.item(r, c)
                if it is None:
                    self.setItem(r, c, QtWidgets.QTableWidgetItem(text))
                else:
                    it.setText(text)
                changed += 1
        self.shown = [tuple(cells) for cells in rows]
        if rows and not self._sized:   # once, from the first rows: measuring every refresh would cost the most
            self.resizeColumnsToContents()
            self._sized = True
        return changed


def item(text, data=None):
    it = QtWidgets.QTableWidgetItem(str(text))
    if data is not None:
        it.setData(QtCore.Qt.ItemDataRole.UserRole, data)
    return it


def tool_button(text, tip=""):
    """A compact button for a secondary action (keeps rows narrow enough to dock beside the viewport)."""
    b = QtWidgets.QToolButton()
    b.setText(text)
    b.setToolTip(tip)
    b.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
    return b
