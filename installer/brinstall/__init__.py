"""The Batch Render for Maya installer: stages the AzureBatch Maya module and installs it.

Pure Python 3.7+ with the standard library only, so it runs in any Python, ``mayapy`` and Maya's
own interpreter (``install.mel``) included. Nothing is ever pip-installed into Maya's Python: the
pure-Python dependencies are copied (vendored) into the module's ``scripts/`` folder.
"""

MODULE_NAME = "AzureBatch"
MODULE_VERSION = "0.1.0"
MANIFEST_NAME = "install-manifest.json"

# Vendored pure-Python dependencies: distribution name -> pinned version. py4j must be the Java
# side's version (the jar bundles py4j 0.10.9.9).
VENDORED = {"py4j": "0.10.9.9", "Qt.py": "2.0.7"}
# sha256 of the wheels build_release.py downloads (checked before anything is taken from them)
WHEEL_SHA256 = {
    "py4j-0.10.9.9-py2.py3-none-any.whl": "c7c26e4158defb37b0bb124933163641a2ff6e3a3913f7811b0ddbe07ed61533",
    "qt_py-2.0.7-py3-none-any.whl": "a17896d06dd00dfabe37706360a3f4ce06fa1759c1b3132f87e2f34d22471b85",
}


class InstallError(Exception):
    """A problem the user can fix; the message says what to do. Printed as one line."""
