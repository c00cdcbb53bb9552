"""Where Maya looks for modules, the module's ``.mod`` file, and this machine's platform tag."""
import os
import platform
import sys

from . import MODULE_NAME, MODULE_VERSION


def maya_app_dir(env=None):
    """``MAYA_APP_DIR``, or Maya's default for this platform when it is not set."""
    env = os.environ if env is None else env
    if env.get("MAYA_APP_DIR"):
        return os.path.abspath(os.path.expanduser(env["MAYA_APP_DIR"]))
    home = os.path.expanduser("~")
    if sys.platform.startswith("win"):
        return os.path.join(env.get("USERPROFILE", home), "Documents", "maya")
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Preferences", "Autodesk", "maya")
    return os.path.join(home, "maya")


def default_modules_dir(env=None):
    """The user's version-independent modules folder, which every Maya version reads at start-up."""
    return os.path.join(maya_app_dir(env), "modules")


def mod_file_text(module_dir):
    """The ``AzureBatch.mod`` line that makes ``module_dir`` (beside the .mod file) a Maya module.

    The path is relative to the .mod file (``./AzureBatch``), which Maya allows: it survives spaces
    in the user's folder and a moved or roaming ``MAYA_APP_DIR``. Maya then adds the module's
    ``plug-ins/`` to the plug-in path (so AzureBatch.py is in the Plug-in Manager's list),
    ``scripts/`` to the script path and PYTHONPATH, and ``icons/`` to the icon path.
    """
    return "+ {} {} ./{}\n".format(MODULE_NAME, MODULE_VERSION, os.path.basename(os.path.normpath(module_dir)))


def platform_tag():
    """``linux-x64``, ``macos-arm64``, ``windows-x64``, ...: the part of a release name that says where it runs."""
    system = "windows" if sys.platform.startswith("win") else "macos" if sys.platform == "darwin" else \
        "linux" if sys.platform.startswith("linux") else sys.platform
    machine = platform.machine().lower()
    arch = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(machine, machine)
    return "{}-{}".format(system, arch)
