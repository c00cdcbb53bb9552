"""Env: the node image, VM size, license servers and environment variables of Azure Batch pools."""
from Qt import QtWidgets

from .widgets import StatusLabel


class EnvTab(QtWidgets.QWidget):
    def __init__(self, panel):
        super(EnvTab, self).__init__()
        self.panel = panel
        s = panel.settings
        layout = QtWidgets.QVBoxLayout(self)
        form = QtWidgets.QFormLayout()
        self.image = QtWidgets.QLineEdit(s.get("image"))
        self.image.setPlaceholderText("gallery image id, or publisher:offer:sku:version")
        self.vm_size = QtWidgets.QComboBox()
        self.vm_size.setEditable(True)
        self.vm_size.addItems(["", "Standard_D4s_v5", "Standard_D8s_v5", "Standard_D16s_v5", "Standard_F16s_v2",
                               "Standard_NC4as_T4_v3"])
        self.vm_size.setCurrentText(s.get("vmSize"))
        self.node_agent = QtWidgets.QComboBox()
        self.node_agent.setEditable(True)
        self.node_agent.setToolTip("A Compute Gallery image's node agent, which Batch cannot tell (a marketplace "
                                   "image's is looked up): batch.node.ubuntu 22.04 unless the image is another OS")
        self.node_agent.addItems(["", "batch.node.ubuntu 22.04", "batch.node.ubuntu 20.04", "batch.node.el 8",
                                  "batch.node.el 9", "batch.node.windows amd64"])
        self.node_agent.setCurrentText(s.get("nodeAgentSku"))
        self.subnet = QtWidgets.QLineEdit(s.get("subnetId"))
        self.subnet.setPlaceholderText("subnet resource id, to reach a license server on the studio network")
        self.licenses = QtWidgets.QLineEdit(s.get("licenseServers"))
        self.licenses.setPlaceholderText("port@host, or name=port@host (autodesk, vray, redshift), comma-separated")
        form.addRow("Image", self.image)
        form.addRow("Node agent", self.node_agent)
        form.addRow("VM size", self.vm_size)
        form.addRow("Subnet", self.subnet)
        form.addRow("License servers", self.licenses)
        layout.addLayout(form)
        layout.addWidget(QtWidgets.QLabel("Environment variables on the nodes"))
        self.env = QtWidgets.QTableWidget(0, 2)
        self.env.setObjectName("envTable")
        self.env.setHorizontalHeaderLabels(["Variable", "Value"])
        self.env.horizontalHeader().setStretchLastSection(True)
        self.env.setColumnWidth(0, 260)
        self.env.verticalHeader().setVisible(False)
        for name, value in s.get("environment"):
            self._add_row(name, value)
        layout.addWidget(self.env, 1)
        row = QtWidgets.QHBoxLayout()
        add = QtWidgets.QPushButton("Add")
        add.clicked.connect(lambda: self._add_row("", ""))
        remove = QtWidgets.QPushButton("Remove")
        remove.clicked.connect(self._remove_row)
        save = QtWidgets.QPushButton("Save")
        save.clicked.connect(self.save)
        for w in (add, remove, save):
            row.addWidget(w)
        row.addStretch(1)
        layout.addLayout(row)
        note = StatusLabel()
        note.show_status("info", "Used by Azure Batch: new pools and auto-pools get this image and VM size (empty "
                                 "image: Ubuntu 22.04 with Blender; empty VM size: Standard_D4s_v5), every task "
                                 "gets the license servers and variables. Jobs on this workstation run with "
                                 "Maya's own environment.")
        layout.addWidget(note)
        for field in (self.image, self.licenses, self.subnet):
            field.editingFinished.connect(self.save)
        self.vm_size.currentTextChanged.connect(lambda _t: self.save())
        self.node_agent.currentTextChanged.connect(lambda _t: self.save())
        self.env.itemChanged.connect(lambda _i: self.save())

    def _add_row(self, name, value):
        r = self.env.rowCount()
        self.env.insertRow(r)
        self.env.setItem(r, 0, QtWidgets.QTableWidgetItem(name))
        self.env.setItem(r, 1, QtWidgets.QTableWidgetItem(value))

    def _remove_row(self):
        for index in sorted({i.row() for i in self.env.selectedIndexes()}, reverse=True):
            self.env.removeRow(index)

    def variables(self):
        out = []
        for r in range(self.env.rowCount()):
            name_item, value_item = self.env.item(r, 0), self.env.item(r, 1)
            name = (name_item.text() if name_item else "").strip()
            if name:
                out.append([name, value_item.text() if value_item else ""])
        return out

    def pool_settings(self):
        """``{"vmSize", "image", "nodeAgentSku", "subnetId"}`` for new pools and auto-pools (None where the field
        is empty)."""
        return {"vmSize": self.vm_size.currentText().strip() or None, "image": self.image.text().strip() or None,
                "nodeAgentSku": self.node_agent.currentText().strip() or None,
                "subnetId": self.subnet.text().strip() or None}

    def license_servers(self):
        """The license servers as the core takes them: ``name=port@host`` (a bare ``port@host`` is Autodesk's)."""
        out = []
        for entry in self.licenses.text().replace(";", ",").split(","):
            entry = entry.strip()
            if entry:
                out.append(entry if "=" in entry else "autodesk=" + entry)
        return out

    def save(self):
        """Remembers the settings (the panel's settings file) for the next session."""
        s = self.panel.settings
        s.set("image", self.image.text().strip())
        s.set("vmSize", self.vm_size.currentText().strip())
        s.set("nodeAgentSku", self.node_agent.currentText().strip())
        s.set("subnetId", self.subnet.text().strip())
        s.set("licenseServers", self.licenses.text().strip())
        s.set("environment", self.variables())
        s.save()
