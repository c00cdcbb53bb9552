"""Pools: the farm's pools with state and size; resize (0 pauses); delete with a confirmation."""
from Qt import QtWidgets

from .background import describe
from .widgets import AZURE_UNAVAILABLE, StatusLabel, item, table

COLUMNS = ["Pool", "State", "Slots", "Running tasks"]


class PoolsTab(QtWidgets.QWidget):
    def __init__(self, panel):
        super(PoolsTab, self).__init__()
        self.panel = panel
        self.pools = []
        layout = QtWidgets.QVBoxLayout(self)
        self.table = table(COLUMNS)
        self.table.setObjectName("poolsTable")
        self.table.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.table, 1)
        row = QtWidgets.QHBoxLayout()
        self.refresh_button = QtWidgets.QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.size = QtWidgets.QSpinBox()
        self.size.setRange(0, 1000)
        self.size.setToolTip("0 pauses the pool: nothing new starts")
        self.resize_button = QtWidgets.QPushButton("Resize")
        self.resize_button.clicked.connect(self.resize)
        self.let_finish = QtWidgets.QCheckBox("let running frames finish")
        self.delete_button = QtWidgets.QPushButton("Delete...")
        self.delete_button.clicked.connect(self.delete)
        for w in (self.refresh_button, QtWidgets.QLabel("Size"), self.size, self.resize_button, self.let_finish,
                  self.delete_button):
            row.addWidget(w)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = StatusLabel("")
        self.status.setObjectName("poolsStatus")
        layout.addWidget(self.status)

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.pools[rows[0].row()] if rows else None

    def refresh(self):
        if self.panel.settings.get("farm") == "azure":
            self.table.setRowCount(0)
            self.status.show_status("warning", "Unavailable: " + AZURE_UNAVAILABLE)
            return
        self.panel.background.call(lambda c: c.pools(), self._show, self._failed)

    def _show(self, pools):
        self.pools = pools
        keep = self.selected()
        self.table.setRowCount(len(pools))
        for r, p in enumerate(pools):
            for c, v in enumerate((p["id"], p["state"], p["targetSlots"], p["runningTasks"])):
                self.table.setItem(r, c, item(v))
        if pools:
            index = next((i for i, p in enumerate(pools) if keep and p["id"] == keep["id"]), 0)
            self.table.selectRow(index)
        self.status.show_status("info", "{} pool(s).".format(len(pools)))

    def _selected(self):
        p = self.selected()
        if p is not None:
            self.size.setValue(p["targetSlots"])
        local = p is not None and p["id"] == "local"
        self.delete_button.setEnabled(p is not None and not local)
        self.delete_button.setToolTip("This workstation's pool cannot be deleted; resize it to 0 to pause it."
                                      if local else "")

    def _failed(self, error):
        self.status.show_status("error", describe(error))

    def resize(self):
        p = self.selected()
        if p is None:
            self.status.show_status("error", "Select a pool first.")
            return
        size = self.size.value()
        policy = "taskcompletion" if self.let_finish.isChecked() else "requeue"
        self.status.show_status("busy", "Resizing {} to {}...".format(p["id"], size))
        self.panel.background.follow(lambda c: c.resize_pool(p["id"], size, policy), None, self._resized,
                                     self._failed)

    def _resized(self, pools):
        self._show(pools)
        self.status.show_status("ok", "Resized.")

    def delete(self):
        p = self.selected()
        if p is None:
            return
        answer = QtWidgets.QMessageBox.question(self, "Delete pool", "Delete pool {}? Its nodes stop and "
                                                "running tasks are requeued.".format(p["id"]))
        if answer == QtWidgets.QMessageBox.Yes:
            self.status.show_status("warning", "Unavailable: " + AZURE_UNAVAILABLE)
