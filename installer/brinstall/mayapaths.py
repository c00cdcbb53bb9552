"""Where Maya looks for modules, the module's ``.mod`` file, and this machine's platform tag."""
import ntpath
import os
import platform
import re
import sys

from . import MODULE_NAME, MODULE_VERSION


def maya_app_dir(env=None, platform=None, personal=None):
    """``MAYA_APP_DIR``, or Maya's default for this platform when it is not set.

    On Windows Maya's default is ``maya`` in the user's Documents folder, wherever it really is: Windows keeps
    that in the registry, ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders``,
    value ``Personal`` (REG_EXPAND_SZ, e.g. ``%USERPROFILE%\\OneDrive\\Documents`` when OneDrive backs the
    Documents folder up; Microsoft, "KNOWNFOLDERID": FOLDERID_Documents, legacy name Personal). ``personal`` is
    what reads that value (default: :func:`registry_personal`), a parameter so the Windows path can be checked
    on any platform.
    """
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if env.get("MAYA_APP_DIR"):
        return os.path.abspath(os.path.expanduser(env["MAYA_APP_DIR"]))
    if platform.startswith("win"):
        return ntpath.join(windows_documents(env, personal or registry_personal), "maya")
    home = os.path.expanduser("~")
    if platform == "darwin":
        return os.path.join(home, "Library", "Preferences", "Autodesk", "maya")
    return os.path.join(home, "maya")


def windows_documents(env, personal):
    """The user's Documents folder on Windows: the registry's ``Personal`` value with ``%VAR%`` expanded from
    ``env``, else ``%USERPROFILE%\\Documents``."""
    value = personal()
    if value:
        expanded = _expand_windows(value, env)
        if "%" not in expanded:
            return expanded
    return ntpath.join(_env(env, "USERPROFILE") or os.path.expanduser("~"), "Documents")


def registry_personal():
    """The ``Personal`` value of the current user's User Shell Folders, unexpanded, or None (not Windows, or no
    value)."""
    try:
        import winreg
    except ImportError:
        return None
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER,
                            r"Software\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders") as key:
            return winreg.QueryValueEx(key, "Personal")[0]
    except OSError:
        return None


def _env(env, name):
    """A Windows environment variable: names are case-insensitive there."""
    for key, value in env.items():
        if key.upper() == name.upper():
            return value
    return None


def _expand_windows(value, env):
    """``%NAME%`` replaced by the variable's value (as ExpandEnvironmentStrings does); unknown ones stay."""
    def one(match):
        found = _env(env, match.group(1))
        return found if found is not None else match.group(0)
    return re.sub(r"%([^%]+)%", one, value)


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


#: the shelf file Maya saves of the plug-in's shelf, and what tells it is the plug-in's (its button's command)
SHELF_FILE = "shelf_AzureBatch.mel"
SHELF_MARK = b"batchrender_maya"


def saved_shelf_files(app_dir):
    """The shelf files Maya saved of the plug-in's "AzureBatch" shelf, for every Maya version (and language) under
    ``app_dir``: ``<app_dir>/<version>[/<locale>]/prefs/shelves/shelf_AzureBatch.mel``. Maya writes it when it
    quits and loads it at every start, plug-in or not, so an uninstall must remove it; a shelf file of that name
    that does not run the plug-in is someone else's and stays."""
    import glob
    found = []
    for pattern in (os.path.join(app_dir, "*", "prefs", "shelves", SHELF_FILE),
                    os.path.join(app_dir, "*", "*", "prefs", "shelves", SHELF_FILE)):
        for path in sorted(glob.glob(pattern)):
            try:
                with open(path, "rb") as f:
                    if SHELF_MARK in f.read():
                        found.append(path)
            except OSError:
                continue
    return found
