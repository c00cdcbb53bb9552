"""The plug-in's static type check (issue 16): mypy over maya-plugin/ with maya-stubs and PySide6's
stubs, configured by maya-plugin/mypy.ini, clean. Versions are pinned in tests/requirements.txt."""
import subprocess
import sys

from conftest import REPO

PLUGIN = REPO / "maya-plugin"
CONFIG = PLUGIN / "mypy.ini"
SOURCES = [PLUGIN / "scripts" / "batchrender", PLUGIN / "scripts" / "batchrender_maya",
           PLUGIN / "plug-ins" / "AzureBatch.py"]


def mypy(paths, cache):
    return subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(CONFIG), "--cache-dir", str(cache),
                           "--no-error-summary", "--show-error-codes"] + [str(p) for p in paths],
                          capture_output=True, text=True, timeout=600, cwd=str(REPO))


def test_the_plugin_type_checks_against_maya_stubs(tmp_path):
    result = mypy(SOURCES, tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_sees_maya_cmds_and_qt_through_their_stubs(tmp_path):
    """The same check on code that misuses maya.cmds and Qt fails, naming each mistake: the stubs are in use."""
    bad = tmp_path / "batchrender_maya_bad.py"
    bad.write_text(
        "from maya import cmds\n"
        "from Qt import QtWidgets\n"
        "def f():\n"                                     # unannotated: checked all the same
        "    cmds.getAttr('persp.tx', noSuchFlag=True)\n"
        "    QtWidgets.QLabel('x').setWordWrap('yes', 1)\n")
    result = mypy([bad], tmp_path / "cache")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(':4: error: Unexpected keyword argument "noSuchFlag" for "getAttr"' in line for line in lines), lines
    assert any(":5: error: " in line and "setWordWrap" in line for line in lines), lines
