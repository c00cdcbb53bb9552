"""Config: where jobs run (this workstation or Azure Batch), the Azure accounts, and Authenticate."""
from Qt import QtWidgets

from .background import describe
from .widgets import AZURE_UNAVAILABLE, StatusLabel, unavailable


class ConfigTab(QtWidgets.QWidget):
    def __init__(self, panel):
        super(ConfigTab, self).__init__()
        self.panel = panel
        s = panel.settings
        layout = QtWidgets.QVBoxLayout(self)

        farm_box = QtWidgets.QGroupBox("Render on")
        fl = QtWidgets.QVBoxLayout(farm_box)
        self.local = QtWidgets.QRadioButton("This workstation (no account needed)")
        self.azure = QtWidgets.QRadioButton("Azure Batch")
        (self.azure if s.get("farm") == "azure" else self.local).setChecked(True)
        fl.addWidget(self.local)
        fl.addWidget(self.azure)
        layout.addWidget(farm_box)

        self.azure_box = QtWidgets.QGroupBox("Azure accounts")
        form = QtWidgets.QFormLayout(self.azure_box)
        self.batch_url = QtWidgets.QLineEdit(s.get("batchUrl"))
        self.batch_url.setPlaceholderText("https://ACCOUNT.REGION.batch.azure.com")
        self.batch_account = QtWidgets.QLineEdit(s.get("batchAccount"))
        self.batch_key = QtWidgets.QLineEdit()
        self.batch_key.setEchoMode(QtWidgets.QLineEdit.Password)
        self.storage_account = QtWidgets.QLineEdit(s.get("storageAccount"))
        self.storage_key = QtWidgets.QLineEdit()
        self.storage_key.setEchoMode(QtWidgets.QLineEdit.Password)
        self.entra = QtWidgets.QCheckBox("Sign in with Entra ID instead of keys")
        self.entra.setChecked(bool(s.get("entraId")))
        form.addRow("Batch account URL", self.batch_url)
        form.addRow("Batch account name", self.batch_account)
        form.addRow("Batch account key", self.batch_key)
        form.addRow("Storage account", self.storage_account)
        form.addRow("Storage account key", self.storage_key)
        form.addRow("", self.entra)
        self.azure_note = unavailable(AZURE_UNAVAILABLE)
        form.addRow(self.azure_note)
        layout.addWidget(self.azure_box)

        row = QtWidgets.QHBoxLayout()
        self.authenticate = QtWidgets.QPushButton("Authenticate")
        self.authenticate.clicked.connect(self.check)
        row.addWidget(self.authenticate)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = StatusLabel("Not checked yet.")
        self.status.setObjectName("authStatus")
        layout.addWidget(self.status)
        self.about = StatusLabel("")
        layout.addWidget(self.about)
        layout.addStretch(1)

        for w in (self.local, self.azure):
            w.toggled.connect(self._farm_changed)
        for w, key in ((self.batch_url, "batchUrl"), (self.batch_account, "batchAccount"),
                       (self.storage_account, "storageAccount")):
            w.editingFinished.connect(lambda w=w, key=key: self._save(key, w.text().strip()))
        self.entra.toggled.connect(lambda on: self._save("entraId", bool(on)))
        self._farm_changed()

    def farm(self):
        return "azure" if self.azure.isChecked() else "local"

    def _save(self, key, value):
        self.panel.settings.set(key, value)
        self.panel.settings.save()

    def _farm_changed(self):
        self.azure_box.setEnabled(self.farm() == "azure")
        self._save("farm", self.farm())
        self.status.show_status("info", "Not checked yet.")
        self.panel.farm_changed(self.farm())

    def check(self):
        """Asks the core whether the chosen farm accepts us: "Authenticated" or the service's reason."""
        if self.farm() == "azure":
            self.status.show_status("error", "Not authenticated: " + AZURE_UNAVAILABLE)
            return
        self.authenticate.setEnabled(False)
        self.status.show_status("busy", "Checking...")

        def done(reply):
            self.authenticate.setEnabled(True)
            ok = bool(reply.get("authenticated"))
            self.status.show_status("ok" if ok else "error", reply.get("message", ""))
            self.panel.background.call(lambda c: c.settings(), self._show_about)

        def failed(error):
            self.authenticate.setEnabled(True)
            self.status.show_status("error", "Not authenticated: " + describe(error))

        self.panel.background.call(lambda c: c.check_authentication(), done, failed)

    def _show_about(self, info):
        self.about.show_status("info", "{} on Java {} · state folder {}".format(
            info.get("version", "?"), info.get("java", "?"), info.get("stateHome", "?")))
