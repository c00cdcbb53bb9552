"""Config: where jobs run (this workstation or Azure Batch), the Azure accounts, and Authenticate.

Keys typed here go straight to the core's secret store (files in the state folder readable by the
user only) when *Authenticate* is clicked; they are never written to the panel's settings nor to
Maya's preferences, and the fields are emptied once saved (a saved key shows as "saved").
"""
from Qt import QtWidgets

from .background import describe
from .widgets import StatusLabel

#: how the Storage account is reached: (label, field of Client.save_azure_settings or None)
STORAGE_AUTH = (("Account key", "storage_key"), ("SAS token", "storage_sas_token"),
                ("Connection string", "storage_connection_string"), ("Entra ID sign-in (az login)", None))


class ConfigTab(QtWidgets.QWidget):
    def __init__(self, panel):
        super(ConfigTab, self).__init__()
        self.panel = panel
        self.saved = None       # the core's view of the saved accounts (never a secret)
        self._saves = 0         # Authenticate clicks that saved: a view asked for before one is stale
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
        self.batch_key.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.storage_account = QtWidgets.QLineEdit(s.get("storageAccount"))
        self.storage_auth = QtWidgets.QComboBox()
        for label, _field in STORAGE_AUTH:
            self.storage_auth.addItem(label)
        self.storage_auth.setCurrentIndex(max(0, min(len(STORAGE_AUTH) - 1, int(s.get("storageAuth") or 0))))
        if s.get("entraId"):
            self.storage_auth.setCurrentIndex(len(STORAGE_AUTH) - 1)
        self.storage_secret = QtWidgets.QLineEdit()
        self.storage_secret.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.storage_endpoint = QtWidgets.QLineEdit(s.get("storageEndpoint"))
        self.storage_endpoint.setPlaceholderText("optional: https://ACCOUNT.blob.core.windows.net")
        form.addRow("Batch account URL", self.batch_url)
        form.addRow("Batch account name", self.batch_account)
        form.addRow("Batch account key", self.batch_key)
        form.addRow("Storage account", self.storage_account)
        form.addRow("Storage sign-in", self.storage_auth)
        self.secret_label = QtWidgets.QLabel("Storage account key")
        form.addRow(self.secret_label, self.storage_secret)
        form.addRow("Blob endpoint", self.storage_endpoint)
        self.saved_note = StatusLabel("")
        self.saved_note.setObjectName("savedAccounts")
        form.addRow(self.saved_note)
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
        for field, key in ((self.batch_url, "batchUrl"), (self.batch_account, "batchAccount"),
                           (self.storage_account, "storageAccount"), (self.storage_endpoint, "storageEndpoint")):
            field.editingFinished.connect(lambda field=field, key=key: self._save(key, field.text().strip()))
        self.storage_auth.currentIndexChanged.connect(self._auth_changed)
        self._auth_changed()
        self._farm_changed()
        self.load_saved()

    def farm(self):
        return "azure" if self.azure.isChecked() else "local"

    def _save(self, key, value):
        self.panel.settings.set(key, value)
        self.panel.settings.save()

    def _auth_changed(self, *_args):
        label, field = STORAGE_AUTH[self.storage_auth.currentIndex()]
        self.secret_label.setText("Storage " + label.lower() if field else "Storage secret")
        self.storage_secret.setEnabled(field is not None)
        self.storage_secret.setToolTip("" if field else "Entra ID: the core signs in with your Azure CLI login, "
                                       "managed identity or AZURE_CLIENT_* variables; no secret is stored")
        self._save("storageAuth", self.storage_auth.currentIndex())
        self._save("entraId", field is None)
        self._show_saved()

    def _farm_changed(self):
        self.azure_box.setEnabled(self.farm() == "azure")
        self._save("farm", self.farm())
        self.status.show_status("info", "Not checked yet.")
        self.panel.farm_changed(self.farm())

    # ---- the saved accounts -------------------------------------------------------------------

    def load_saved(self):
        """Asks the core what is saved (names, URLs, whether each secret is set; never a secret)."""
        asked_at = self._saves
        self.panel.background.call(lambda c: c.azure_settings(), lambda view: self._loaded(view, asked_at),
                                   lambda e: self.saved_note.show_status("error", describe(e)))

    def _loaded(self, view, asked_at):
        if asked_at != self._saves:
            return      # Authenticate saved since it was asked for: that save's view is the newer one
        self.saved = view
        b, st = view["batch"], view["storage"]
        for widget, value in ((self.batch_url, b["url"]), (self.batch_account, b["account"]),
                              (self.storage_account, st["account"]), (self.storage_endpoint, st["endpoint"])):
            if value and not widget.text().strip():
                widget.setText(value)
        self._show_saved()

    def _show_saved(self):
        if not self.saved:
            return
        b, st = self.saved["batch"], self.saved["storage"]
        self.batch_key.setPlaceholderText(_secret_note(b["key"]))
        _label, field = STORAGE_AUTH[self.storage_auth.currentIndex()]
        kind = {"storage_key": "key", "storage_sas_token": "sasToken",
                "storage_connection_string": "connectionString"}.get(field or "")
        self.storage_secret.setPlaceholderText(_secret_note(st[kind]) if kind else "no secret: Entra ID")
        self.saved_note.show_status("info", "Secrets are kept by the core in {} (readable by you only).".format(
            self.saved.get("secretStore", "the state folder")))

    def entered(self):
        """What the fields hold for ``Client.save_azure_settings``: secrets only when typed (an empty
        field keeps the saved one)."""
        fields = {"batch_url": self.batch_url.text().strip(), "batch_account": self.batch_account.text().strip(),
                  "storage_account": self.storage_account.text().strip(),
                  "storage_endpoint": self.storage_endpoint.text().strip()}
        fields = {k: v for k, v in fields.items() if v}
        if self.batch_key.text().strip():
            fields["batch_key"] = self.batch_key.text().strip()
        _label, field = STORAGE_AUTH[self.storage_auth.currentIndex()]
        if field and self.storage_secret.text().strip():
            fields[field] = self.storage_secret.text().strip()
        if field is None:   # Entra ID: no key, SAS or connection string may stay in the way
            fields.update(storage_key="", storage_sas_token="", storage_connection_string="")
        return fields

    # ---- Authenticate -------------------------------------------------------------------------

    def check(self):
        """Asks the core whether the chosen farm accepts us: "Authenticated" or the service's reason.

        For Azure, what was typed is saved to the core's secret store first (keys then leave the
        fields), then Batch lists its pools and Storage its containers."""
        self.authenticate.setEnabled(False)
        self.status.show_status("busy", "Checking...")
        if self.farm() == "azure":
            for w, key in ((self.batch_url, "batchUrl"), (self.batch_account, "batchAccount"),
                           (self.storage_account, "storageAccount"), (self.storage_endpoint, "storageEndpoint")):
                self.panel.settings.set(key, w.text().strip())
            self.panel.settings.save()
            fields = self.entered()
            for w in (self.batch_key, self.storage_secret):
                w.clear()
            self._saves += 1
            saved = {}

            def start(c):   # on the worker thread: the view goes to the main thread with the reply
                saved["view"] = c.save_azure_settings(**fields)
                return c.authenticate("azure")
            self.panel.background.follow(start, None, lambda reply: self._done(reply, saved.get("view")),
                                         lambda error: self._failed(error, saved.get("view")))
            return
        self.panel.background.call(lambda c: c.check_authentication(), self._done, self._failed)

    def _done(self, reply, saved=None):
        self.authenticate.setEnabled(True)
        if saved is not None:
            self.saved = saved
        self._show_saved()
        ok = bool(reply.get("authenticated"))
        self.status.show_status("ok" if ok else "error", reply.get("message", ""))
        self.panel.background.call(lambda c: c.settings(), self._show_about)
        if ok:
            self.panel.authenticated(self.farm())

    def _failed(self, error, saved=None):
        self.authenticate.setEnabled(True)
        if saved is not None:
            self.saved = saved
            self._show_saved()
        self.status.show_status("error", "Not authenticated: " + describe(error))

    def _show_about(self, info):
        self.about.show_status("info", "{} on Java {} · state folder {}".format(
            info.get("version", "?"), info.get("java", "?"), info.get("stateHome", "?")))


def _secret_note(source):
    return {"saved": "saved (type to replace)", "environment": "set in the environment"}.get(source, "not set")
