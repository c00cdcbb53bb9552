"""The panel's settings across sessions: one JSON file in the Batch Render state folder.

Secrets (account keys) are never written here nor to Maya's preferences: they belong to the core's
secret store. The file is written to a temporary file first and renamed, readable by the user only.
"""
import json
import os
import tempfile

FILE_NAME = "maya-panel.json"

DEFAULTS = {
    "farm": "local",
    "batchUrl": "", "batchAccount": "", "storageAccount": "", "storageEndpoint": "", "storageAuth": 0,
    "entraId": False,
    "poolMode": "auto", "persistentPool": "", "newPoolId": "", "poolNodes": 1, "poolSpotNodes": 0,
    "watchAfterSubmit": False, "downloadFolder": "",
    "assetProject": "",
    "outputFolder": "", "searchPaths": [], "extraFiles": [], "excluded": [],
    "image": "", "vmSize": "", "nodeAgentSku": "", "subnetId": "", "licenseServers": "", "environment": [],
}
SECRET_KEYS = ("batchKey", "storageKey", "key", "password", "token")


def state_home(env=None):
    env = os.environ if env is None else env
    return env.get("BATCHRENDER_HOME") or os.path.join(os.path.expanduser("~"), ".batchrender")


class PanelSettings(object):
    """Load with :meth:`load`, change :attr:`values`, then :meth:`save`."""

    def __init__(self, path, values):
        self.path = path
        self.values = values

    @classmethod
    def load(cls, env=None):
        path = os.path.join(state_home(env), FILE_NAME)
        values = dict(DEFAULTS)
        try:
            with open(path) as f:
                stored = json.load(f)
            if isinstance(stored, dict):
                values.update((k, v) for k, v in stored.items() if k in DEFAULTS)
        except (OSError, ValueError):
            pass  # first run, or a damaged file: the defaults
        return cls(path, values)

    def get(self, key):
        return self.values.get(key, DEFAULTS.get(key))

    def set(self, key, value):
        if any(s in key.lower() for s in ("key", "password", "token")) and key not in DEFAULTS:
            raise ValueError("secrets are not stored in the panel settings")
        self.values[key] = value

    def save(self):
        folder = os.path.dirname(self.path)
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".maya-panel-", dir=folder)
        try:
            with os.fdopen(fd, "w") as f:
                json.dump({k: v for k, v in self.values.items() if k in DEFAULTS}, f, indent=1, sort_keys=True)
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
