"""How the installer starts programs (the build, jdeps, jlink, java, pip) and which Python runs pip.

``install.mel`` runs the installer inside Maya, a GUI program: on Windows every console program it starts would
open a console window. ``CREATE_NO_WINDOW`` (0x08000000, Microsoft, "Process Creation Flags",
https://learn.microsoft.com/windows/win32/procthread/process-creation-flags) prevents that; the plug-in's own
``batchrender.spawn.hidden`` is the same rule (the installer runs before the plug-in is installed, so it keeps
its own copy; tests/test_maya_platforms.py checks they agree).
"""
import ntpath
import os
import posixpath
import sys

from . import InstallError

CREATE_NO_WINDOW = 0x08000000


def hidden(platform=None):
    """``subprocess`` keyword arguments for a console program: no console window on Windows."""
    return {"creationflags": CREATE_NO_WINDOW} if (platform or sys.platform).startswith("win") else {}


#: the names Maya's own executable has: sys.executable inside Maya (Linux bin/maya.bin, Windows bin\\maya.exe,
#: macOS Maya.app/Contents/MacOS/Maya), where ``-m pip`` would start another Maya
_MAYA_EXECUTABLES = ("maya.bin", "maya.exe", "maya")


def pip_python(executable=None, platform=None, exists=os.path.isfile):
    """The Python to run ``-m pip`` with: ``executable`` (default ``sys.executable``), unless that is Maya itself
    (the installer runs inside Maya from install.mel), then the mayapy beside it: ``bin/mayapy`` (Linux),
    ``bin\\mayapy.exe`` (Windows), ``Maya.app/Contents/bin/mayapy`` (macOS).

    Raises:
        InstallError: Maya's executable with no mayapy beside it.
    """
    executable = executable or sys.executable
    platform = platform or sys.platform
    path = ntpath if platform.startswith("win") else posixpath
    if path.basename(executable).lower() not in _MAYA_EXECUTABLES:
        return executable
    folder = path.dirname(executable)
    if platform.startswith("win"):
        candidates = [path.join(folder, "mayapy.exe")]
    elif platform == "darwin":
        candidates = [path.join(path.dirname(folder), "bin", "mayapy"), path.join(folder, "mayapy")]
    else:
        candidates = [path.join(folder, "mayapy")]
    for candidate in candidates:
        if exists(candidate):
            return candidate
    raise InstallError("this runs inside Maya ({}) and no mayapy is beside it to download the wheels with: run "
                       "install.py with mayapy or python3, or pass --wheels DIR".format(executable))
