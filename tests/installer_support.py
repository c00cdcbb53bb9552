"""Helpers of the installer tests: run install.py / build_release.py as a user would, snapshot folders,
and load an installed module's plug-in through the Maya stand-in in a fresh Python."""
import hashlib
import os
import subprocess
import sys

from conftest import REPO

INSTALL = REPO / "installer" / "install.py"
BUILD_RELEASE = REPO / "installer" / "build_release.py"
JAR = REPO / "java-core" / "target" / "batchrender.jar"
STANDIN = REPO / "tests" / "maya_standin"


def run_installer(*args, maya_app_dir=None, script=INSTALL, env=None, timeout=600):
    env = dict(os.environ if env is None else env)
    env.pop("BATCHRENDER_JAR", None)
    if maya_app_dir is not None:
        env["MAYA_APP_DIR"] = str(maya_app_dir)
    return subprocess.run([sys.executable, str(script), *map(str, args)], env=env, capture_output=True, text=True,
                          timeout=timeout)


def snapshot(root):
    """{relative path: (sha256, mtime_ns, mode)} of every file under ``root``, and every folder."""
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            out[os.path.relpath(os.path.join(folder, name), root) + "/"] = None
        for name in files:
            path = os.path.join(folder, name)
            st = os.stat(path)
            with open(path, "rb") as f:
                out[os.path.relpath(path, root)] = (hashlib.sha256(f.read()).hexdigest(), st.st_mtime_ns, st.st_mode)
    return out


# Loads the installed AzureBatch.py as Maya's Plug-in Manager does, with the stand-in as `maya`
# and nothing of the clone on sys.path, then reports what it sees as JSON.
LOAD_SCRIPT = r'''
import importlib.util, json, os, sys
standin, plugin_file, home, no_usual_places = sys.argv[1:5]
sys.path.insert(0, standin)
os.environ["BATCHRENDER_HOME"] = home
from PySide6 import QtWidgets
app = QtWidgets.QApplication([])
from maya import _standin, cmds
_standin.reset()
module = _standin.load_plugin(plugin_file)
_standin.run_deferred()   # Maya got idle: the plug-in builds its menu and shelf
import batchrender, batchrender_maya, py4j, Qt
from batchrender import java
if no_usual_places == "1":   # this machine has a JDK in /usr/lib/jvm: pretend it has none
    java.usual_places = lambda env=None: []
from batchrender_maya import plugin
report = {
    "ui": {n: [e.kind, e.flags.get("label"), e.flags.get("image")] for n, e in _standin.STATE.ui.items()},
    "files": {m.__name__: m.__file__ for m in (batchrender, batchrender_maya, py4j, Qt)},
    "jar": java.find_jar(),
    "pong": plugin.client().ping(),
    "settings": plugin.client().settings(),
    "gateway_java": plugin.client()._process.process.args[0],
}
_standin.unload_plugin(module)
report["ui_after_unload"] = sorted(_standin.STATE.ui)
# the next session quits with the plug-in loaded: Maya saves its shelf as a shelf file
_standin.start_session()
_standin.load_plugin(plugin_file)
_standin.run_deferred()
_standin.end_session()
report["shelf_dir"] = cmds.internalVar(userShelfDir=True)
print("REPORT " + json.dumps(report))
'''


def load_installed_plugin(plugin_file, home, env=None, no_usual_places=False, maya_app_dir=None):
    env = dict(os.environ if env is None else env)
    env["MAYA_APP_DIR"] = str(maya_app_dir or os.path.join(str(home), "maya-app-dir"))   # never the user's
    env.pop("BATCHRENDER_JAR", None)
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)   # Maya's Python writes __pycache__ beside the modules
    os.makedirs(str(home), exist_ok=True)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["QT_PREFERRED_BINDING"] = "PySide6"
    result = subprocess.run([sys.executable, "-c", LOAD_SCRIPT, str(STANDIN), str(plugin_file), str(home),
                             "1" if no_usual_places else "0"],
                            env=env, capture_output=True, text=True, timeout=300, cwd=str(home))
    lines = [line for line in result.stdout.splitlines() if line.startswith("REPORT ")]
    assert result.returncode == 0 and lines, result.stdout + result.stderr
    import json
    return json.loads(lines[-1][len("REPORT "):])
