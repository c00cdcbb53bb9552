"""Where the add-on finds the ``batchrender`` client and ``py4j``: nothing is installed into Blender's Python.

The add-on zip (``installer/build_release.py --blender``) carries them in ``vendor/``: the same client the Maya
plug-in uses (copied from ``maya-plugin/scripts/batchrender`` when the zip is built, never kept twice in git) and
the pinned py4j. Its ``java/batchrender.jar`` (and ``runtime/`` with ``--with-runtime``) sit where the client looks
for an installed module's jar and runtime: two folders above the client's package. From a source checkout (the
add-on folder linked into Blender's add-ons), the checkout's ``maya-plugin/scripts`` is used instead, with the
py4j Blender's Python already has.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VENDOR = os.path.join(HERE, "vendor")


def client_path():
    """The folder holding the ``batchrender`` package (and ``py4j`` in a zip install)."""
    if os.path.isdir(os.path.join(VENDOR, "batchrender")):
        return VENDOR
    checkout = os.path.abspath(os.path.join(HERE, "..", "..", "maya-plugin", "scripts"))
    if os.path.isdir(os.path.join(checkout, "batchrender")):
        return checkout
    return VENDOR


def runtime_executable():
    """Blender installs an add-on zip with Python's ``zipfile``, which drops file modes: the bundled runtime's
    programs (``--with-runtime``) are made executable again, as ``install.py`` does for the Maya module."""
    runtime = os.path.join(HERE, "runtime")
    java = os.path.join(runtime, "bin", "java")
    if sys.platform.startswith("win") or not os.path.isfile(java) or os.access(java, os.X_OK):
        return
    programs = [os.path.join(runtime, "bin", n) for n in os.listdir(os.path.join(runtime, "bin"))]
    programs += [os.path.join(runtime, "lib", n) for n in ("jspawnhelper", "jexec")]
    for program in programs:
        if os.path.isfile(program):
            os.chmod(program, 0o755)


def add():
    """Puts the client's folder first on ``sys.path`` (once)."""
    runtime_executable()
    path = client_path()
    if path not in sys.path:
        sys.path.insert(0, path)


def remove():
    """Takes the client's folder off ``sys.path`` and forgets the modules loaded from it (``batchrender``,
    ``py4j``), so enabling again loads them afresh from the add-on now installed."""
    path = client_path()
    while path in sys.path:
        sys.path.remove(path)
    for name, module in list(sys.modules.items()):
        origin = getattr(module, "__file__", None) or ""
        if origin and os.path.abspath(origin).startswith(path + os.sep):
            del sys.modules[name]
