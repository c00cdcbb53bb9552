"""Windows and macOS, tested here on Linux through the code paths with the platform as a parameter (issue 16,
item 4): no console window for any process the plug-in or the installer starts, the gateway (and the watchers
and agent it starts) detached from Maya's console or terminal, never `sys.executable -m pip` inside Maya,
Documents folders redirected to OneDrive, and a shelf that does not outlive the plug-in.

Flag values: Microsoft, "Process Creation Flags"
(https://learn.microsoft.com/windows/win32/procthread/process-creation-flags).
"""
import ast
import os
import stat
import sys

import pytest

from conftest import REPO
from maya_support import *  # noqa: F401,F403
from bridge_helpers import pid_alive, wait_for

sys.path.insert(0, str(REPO / "installer"))

CREATE_NO_WINDOW = 0x08000000
CREATE_NEW_PROCESS_GROUP = 0x00000200


def test_windows_processes_get_no_console_window_and_the_gateway_its_own_group():
    from batchrender import spawn
    assert spawn.hidden("win32") == {"creationflags": CREATE_NO_WINDOW}
    assert spawn.background("win32") == {"creationflags": CREATE_NO_WINDOW | CREATE_NEW_PROCESS_GROUP}
    for unix in ("linux", "darwin"):
        assert spawn.hidden(unix) == {}
        assert spawn.background(unix) == {"start_new_session": True}      # macOS too, not only where setsid is


def test_the_installer_hides_windows_the_same_way_as_the_plugin():
    from batchrender import spawn
    from brinstall import procs
    for platform in ("win32", "cygwin", "darwin", "linux"):
        assert procs.hidden(platform) == spawn.hidden(platform)


def _process_calls(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, ast.Name) and node.func.value.id == "subprocess" and \
                node.func.attr in ("run", "Popen", "call", "check_call", "check_output"):
            yield node


def test_every_process_the_plugin_and_installer_start_uses_those_flags():
    """Every subprocess call of the plug-in's packages and of the installer's package passes **hidden() or
    **background() (build_release.py is a developer's tool run from a terminal, not from Maya)."""
    files = list((REPO / "maya-plugin" / "scripts").rglob("*.py")) + list((REPO / "installer" / "brinstall").rglob("*.py"))
    calls = 0
    for path in files:
        for call in _process_calls(path):
            calls += 1
            spread = [k.value for k in call.keywords if k.arg is None]
            assert any(isinstance(v, ast.Call) and getattr(v.func, "id", getattr(v.func, "attr", "")) in
                       ("hidden", "background") for v in spread), "{}:{}".format(path, call.lineno)
    assert calls >= 7          # java probe, jar build, gateway; installer: build, jdeps, jlink, java, pip


def test_the_gateway_runs_in_a_session_of_its_own(maya, monkeypatch, tmp_path):
    """A signal to Maya's terminal or process group does not reach the gateway, nor what it starts."""
    from batchrender import Client
    with Client(env=dict(os.environ, BATCHRENDER_HOME=str(tmp_path))) as c:
        pid = c.gateway_pid
        assert os.getsid(pid) == pid != os.getsid(0)
    wait_for("the gateway to stop", lambda: not pid_alive(pid), timeout=30)


def _executable(path, text="#!/bin/sh\nexit 0\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_pip_runs_on_mayapy_never_on_maya(tmp_path):
    """Inside Maya (install.mel) sys.executable is Maya itself: bin/maya.bin (Linux), bin\\maya.exe (Windows),
    Maya.app/Contents/MacOS/Maya (macOS); the installer takes the mayapy beside it."""
    from brinstall import InstallError
    from brinstall.procs import pip_python
    linux = _executable(tmp_path / "maya2024" / "bin" / "maya.bin")
    mayapy = _executable(tmp_path / "maya2024" / "bin" / "mayapy")
    assert pip_python(str(linux), "linux") == str(mayapy)
    mac = _executable(tmp_path / "Maya.app" / "Contents" / "MacOS" / "Maya")
    mac_py = _executable(tmp_path / "Maya.app" / "Contents" / "bin" / "mayapy")
    assert pip_python(str(mac), "darwin") == str(mac_py)
    windows = {r"C:\Program Files\Autodesk\Maya2024\bin\mayapy.exe"}
    assert pip_python(r"C:\Program Files\Autodesk\Maya2024\bin\maya.exe", "win32", exists=windows.__contains__) == \
        r"C:\Program Files\Autodesk\Maya2024\bin\mayapy.exe"
    assert pip_python("/usr/bin/python3", "linux") == "/usr/bin/python3"
    assert pip_python(str(mayapy), "linux") == str(mayapy)
    lonely = _executable(tmp_path / "lonely" / "bin" / "maya.bin")
    with pytest.raises(InstallError, match="mayapy"):
        pip_python(str(lonely), "linux")


def test_downloading_the_wheels_inside_maya_runs_mayapy(tmp_path, monkeypatch):
    """The real download path with sys.executable set to Maya's executable: the command that runs is mayapy's
    (here a script that records its arguments and fails), never Maya's."""
    from brinstall import InstallError, vendor
    record = tmp_path / "args.txt"
    maya_bin = _executable(tmp_path / "bin" / "maya.bin", "#!/bin/sh\necho maya >> {}\nexit 1\n".format(record))
    _executable(tmp_path / "bin" / "mayapy", "#!/bin/sh\necho \"mayapy $*\" >> {}\nexit 3\n".format(record))
    monkeypatch.setattr(sys, "executable", str(maya_bin))
    with pytest.raises(InstallError, match="mayapy -m pip failed"):
        vendor.download_wheels(str(tmp_path / "wheels"))
    assert record.read_text().startswith("mayapy -m pip download")


def test_documents_redirected_to_onedrive_are_found():
    """Windows: Maya's default MAYA_APP_DIR is <Documents>\\maya; the Documents folder is the registry's User
    Shell Folders "Personal" value, a REG_EXPAND_SZ such as %USERPROFILE%\\OneDrive\\Documents."""
    from brinstall.mayapaths import maya_app_dir
    env = {"UserProfile": r"C:\Users\ann"}        # Windows variable names are case-insensitive
    assert maya_app_dir(env, "win32", lambda: r"%USERPROFILE%\OneDrive\Documents") == \
        r"C:\Users\ann\OneDrive\Documents\maya"
    assert maya_app_dir(env, "win32", lambda: r"D:\Docs") == r"D:\Docs\maya"
    assert maya_app_dir(env, "win32", lambda: None) == r"C:\Users\ann\Documents\maya"
    assert maya_app_dir(env, "win32", lambda: r"%NOSUCH%\Documents") == r"C:\Users\ann\Documents\maya"
    assert maya_app_dir(dict(env, MAYA_APP_DIR="/srv/maya"), "win32", lambda: r"D:\Docs") == "/srv/maya"


def test_the_shelf_file_maya_saved_goes_with_the_plugin(maya, qapp, tmp_path, monkeypatch):
    """Maya saves the shelf to shelf_AzureBatch.mel when it quits and loads it at every start: unloading the
    plug-in deletes the shelf and that file (another shelf file stays)."""
    from maya import cmds
    monkeypatch.setenv("MAYA_APP_DIR", str(tmp_path / "maya"))
    monkeypatch.setenv("BATCHRENDER_HOME", str(tmp_path / "state"))
    maya.load_plugin(str(PLUGIN_FILE))
    maya.run_deferred()
    maya.end_session()                                    # Maya quits with the plug-in loaded
    shelves = tmp_path / "maya" / "2024" / "prefs" / "shelves"
    assert (shelves / "shelf_AzureBatch.mel").is_file()
    (shelves / "shelf_Other.mel").write_text("global proc shelf_Other () {}\n")
    maya.start_session()
    cmds.shelfLayout("AzureBatch", parent="ShelfLayout")  # Maya loads the saved shelf at start-up
    module = maya.load_plugin(str(PLUGIN_FILE))
    maya.run_deferred()
    assert [el.kind for el in maya.STATE.ui.values()].count("shelfLayout") == 1
    maya.unload_plugin(module)
    assert sorted(p.name for p in shelves.iterdir()) == ["shelf_Other.mel"]
    assert "AzureBatch" not in maya.STATE.ui
