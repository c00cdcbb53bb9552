"""Pools: the chosen farm's pools with state and size; resize (0 pauses); on Azure Batch, create a
persistent pool (VM size and image from the Env tab) and delete one after a confirmation."""
from Qt import QtCore, QtWidgets

from .background import describe
from .widgets import RowTable, StatusLabel

COLUMNS = ["Pool", "State", "VM size", "Nodes (now/target)", "Slots", "Running tasks"]


def nodes_text(p):
    text = "{}/{}".format(p["currentDedicatedNodes"], p["targetDedicatedNodes"])
    if p.get("targetLowPriorityNodes") or p.get("currentLowPriorityNodes"):
        text += " + {}/{} Spot".format(p["currentLowPriorityNodes"], p["targetLowPriorityNodes"])
    return text


class PoolsTab(QtWidgets.QWidget):
    def __init__(self, panel):
        super(PoolsTab, self).__init__()
        self.panel = panel
        self.pools = []
        self.shown_farm = None
        layout = QtWidgets.QVBoxLayout(self)
        self.table = RowTable(COLUMNS)
        self.table.setObjectName("poolsTable")
        self.table.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.table, 1)

        top = QtWidgets.QHBoxLayout()
        self.refresh_button = QtWidgets.QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.delete_button = QtWidgets.QPushButton("Delete...")
        self.delete_button.clicked.connect(self.delete)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.delete_button)
        layout.addLayout(top)

        # resize: two short rows rather than one long one (the panel docks beside the viewport, <= 450 px)
        row = QtWidgets.QHBoxLayout()
        self.size_label = QtWidgets.QLabel("Slots")
        self.target = QtWidgets.QSpinBox()
        self.target.setRange(0, 1000)
        self.target.setToolTip("0 pauses the pool: nothing new starts")
        self.spot = QtWidgets.QSpinBox()
        self.spot.setRange(0, 1000)
        self.spot.setToolTip("Spot (low-priority) nodes: cheaper, may be taken back by Azure")
        self.spot_label = QtWidgets.QLabel("Spot")
        self.resize_button = QtWidgets.QPushButton("Resize")
        self.resize_button.clicked.connect(self.resize_pool)
        for w in (self.size_label, self.target, self.spot_label, self.spot, self.resize_button):
            row.addWidget(w)
        row.addStretch(1)
        layout.addLayout(row)
        self.let_finish = QtWidgets.QCheckBox("let running frames finish")
        self.let_finish.setToolTip("When shrinking: running tasks finish before their nodes go (else they are "
                                   "stopped and queued again)")
        layout.addWidget(self.let_finish)

        self.create_box = QtWidgets.QGroupBox("New persistent pool")
        self.create_box.setToolTip("On Azure Batch; VM size and image from the Env tab")
        cl = QtWidgets.QGridLayout(self.create_box)
        self.new_id = QtWidgets.QLineEdit()
        self.new_id.setPlaceholderText("pool id: letters, digits, - and _")
        self.new_nodes = QtWidgets.QSpinBox()
        self.new_nodes.setRange(0, 1000)
        self.new_nodes.setValue(1)
        self.new_spot = QtWidgets.QSpinBox()
        self.new_spot.setRange(0, 1000)
        self.new_slots = QtWidgets.QSpinBox()
        self.new_slots.setRange(1, 256)
        self.create_button = QtWidgets.QPushButton("Create Pool")
        self.create_button.clicked.connect(self.create_pool)
        cl.addWidget(self.new_id, 0, 0, 1, 6)
        for c, cell in enumerate((QtWidgets.QLabel("dedicated"), self.new_nodes, QtWidgets.QLabel("Spot"),
                                  self.new_spot, QtWidgets.QLabel("tasks/node"), self.new_slots)):
            cl.addWidget(cell, 1, c)
        cl.addWidget(self.create_button, 2, 0, 1, 6, QtCore.Qt.AlignmentFlag.AlignRight)
        note = QtWidgets.QLabel("VM size and image come from the Env tab.")
        note.setWordWrap(True)
        cl.addWidget(note, 3, 0, 1, 6)
        layout.addWidget(self.create_box)
        self.status = StatusLabel("")
        self.status.setObjectName("poolsStatus")
        layout.addWidget(self.status)
        self.farm_changed(panel.settings.get("farm"))

    def farm(self):
        return self.panel.settings.get("farm")

    def farm_changed(self, farm):
        azure = farm == "azure"
        self.size_label.setText("Dedicated nodes" if azure else "Slots")
        self.spot.setVisible(azure)
        self.spot_label.setVisible(azure)
        self.create_box.setVisible(azure)
        self.delete_button.setVisible(azure)      # this workstation's pool cannot be deleted
        self.table.show_rows([])
        self.pools = []
        self.status.show_status("info", "")

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.pools[rows[0].row()] if rows and rows[0].row() < len(self.pools) else None

    def refresh(self):
        farm = self.farm()
        self.status.show_status("busy", "Listing the pools...")
        self.panel.background.call(lambda c: c.pools(farm=farm), lambda pools: self._show(pools, farm), self._failed)

    def _show(self, pools, farm=None):
        if farm is not None and farm != self.farm():
            return  # the artist switched farms meanwhile
        keep = self.selected()
        self.pools = pools
        self.table.show_rows([(p["id"], p["state"], p.get("vmSize", ""), nodes_text(p), str(p["targetSlots"]),
                               str(p["runningTasks"])) for p in pools])
        if pools:
            index = next((i for i, p in enumerate(pools) if keep and p["id"] == keep["id"]), 0)
            self.table.selectRow(index)
        self.status.show_status("info", "{} pool(s).".format(len(pools)))
        self.panel.pools_listed(self.farm(), pools)

    def _selected(self):
        p = self.selected()
        azure = self.farm() == "azure"
        if p is not None:
            self.target.setValue(p["targetDedicatedNodes"] if azure else p["targetSlots"])
            self.spot.setValue(p.get("targetLowPriorityNodes", 0))
        local = p is not None and not azure
        self.delete_button.setEnabled(p is not None and not local)
        self.delete_button.setToolTip("This workstation's pool cannot be deleted; resize it to 0 to pause it."
                                      if local else "")

    def _failed(self, error):
        self.status.show_status("error", describe(error))

    def resize_pool(self):
        p = self.selected()
        if p is None:
            self.status.show_status("error", "Select a pool first.")
            return
        size, spot, farm = self.target.value(), self.spot.value(), self.farm()
        policy = "taskcompletion" if self.let_finish.isChecked() else "requeue"
        if farm == "azure":
            self.status.show_status("busy", "Resizing {} to {} dedicated and {} Spot node(s)...".format(
                p["id"], size, spot))
            start = lambda c: c.resize_pool_nodes(p["id"], size, spot, policy, farm=farm)  # noqa: E731
        else:
            self.status.show_status("busy", "Resizing {} to {}...".format(p["id"], size))
            start = lambda c: c.resize_pool(p["id"], size, policy, farm=farm)  # noqa: E731
        self.panel.background.follow(start, None, lambda pools: self._changed(pools, "Resized {}.".format(p["id"])),
                                     self._failed)

    def _changed(self, pools, message):
        self._show(pools)
        self.status.show_status("ok", message)

    def create_pool(self):
        pool_id = self.new_id.text().strip()
        if not pool_id:
            self.status.show_status("error", "Give the new pool an id.")
            return
        env = self.panel.env_tab.pool_settings()
        nodes, spot, slots = self.new_nodes.value(), self.new_spot.value(), self.new_slots.value()
        self.status.show_status("busy", "Creating pool {}...".format(pool_id))
        self.create_button.setEnabled(False)

        def failed(error):
            self.create_button.setEnabled(True)
            self._failed(error)

        def done(pools):
            self.create_button.setEnabled(True)
            self._changed(pools, "Created pool {}: its nodes start now (billing starts with them).".format(pool_id))

        self.panel.background.follow(
            lambda c: c.create_pool(pool_id, vm_size=env["vmSize"], dedicated_nodes=nodes, spot_nodes=spot,
                                    slots_per_node=slots, image=env["image"], node_agent_sku=env["nodeAgentSku"],
                                    subnet_id=env["subnetId"], farm="azure"), None, done, failed)

    def delete(self):
        p = self.selected()
        if p is None or self.farm() != "azure":
            return
        answer = QtWidgets.QMessageBox.question(self, "Delete pool", "Delete pool {}? Its nodes stop and "
                                                "running tasks are stopped.".format(p["id"]))
        if answer != QtWidgets.QMessageBox.StandardButton.Yes:
            return
        self.status.show_status("busy", "Deleting pool {}...".format(p["id"]))
        self.panel.background.follow(lambda c: c.delete_pool(p["id"], farm="azure"), None,
                                     lambda pools: self._changed(pools, "Deleted pool {}.".format(p["id"])),
                                     self._failed)
