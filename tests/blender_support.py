"""Helpers of the Blender add-on tests: the add-on zip built by the release step and installed by Blender itself
into a private user scripts folder, an X server (Xvfb) for Blender with its window, and running Blender with a
script that writes what it saw as JSON."""
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, SHARED

BUILD_RELEASE = REPO / "installer" / "build_release.py"
JAR = REPO / "java-core" / "target" / "batchrender.jar"
SHAPES = SHARED / "testdata" / "blender" / "BatchExplorer-data" / "runner" / "Assets" / "shapes.blend"
DRIVER_DIR = Path(__file__).resolve().parent
ADDON = "batchrender_blender"


def blender_env(base, user_scripts, home):
    env = dict(base)
    env.update(BLENDER_USER_SCRIPTS=str(user_scripts), BATCHRENDER_HOME=str(home),
               BATCHRENDER_AGENT_IDLE_SECONDS="5", PYTHONDONTWRITEBYTECODE="1")
    env.pop("BATCHRENDER_JAR", None)   # the add-on's own java/batchrender.jar
    return env


@pytest.fixture(scope="session")
def addon_zip(tmp_path_factory):
    """The add-on zip as the release step builds it (`build_release.py --blender`), with the jar of this clone."""
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run([sys.executable, str(BUILD_RELEASE), "--blender", "--jar", str(JAR), "--out", str(out)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    [zip_path] = out.glob("batchrender-blender-*.zip")
    return zip_path


@pytest.fixture(scope="session")
def user_scripts(addon_zip, tmp_path_factory):
    """A BLENDER_USER_SCRIPTS folder into which Blender installed the zip (Preferences › Add-ons › Install runs
    ``preferences.addon_install``)."""
    scripts = tmp_path_factory.mktemp("blender-user-scripts")
    done = subprocess.run(["blender", "-b", "--factory-startup", "--python-exit-code", "1", "--python-expr",
                           "import bpy; bpy.ops.preferences.addon_install(filepath={!r})".format(str(addon_zip))],
                          env=blender_env(os.environ, scripts, scripts / "unused-home"), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (scripts / "addons" / ADDON / "__init__.py").is_file(), done.stdout
    return scripts


@pytest.fixture(scope="session")
def display():
    """An X display of an Xvfb server, for Blender with its window (its event loop, timers and modal operators
    run only there: ``blender -b`` has none)."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.fail("Xvfb is missing: scripts/ensure-deps.sh xvfb installs it")
    read, write = os.pipe()
    proc = subprocess.Popen([xvfb, "-displayfd", str(write), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    assert number, "Xvfb did not start"
    yield ":" + number
    proc.terminate()
    proc.wait(timeout=30)


class Blender:
    """Runs Blender on a file with the add-on enabled (``--addons``) and a script; the script's JSON result."""

    def __init__(self, user_scripts, home, tmp_path, display=None):
        self.user_scripts = user_scripts
        self.home = home
        self.tmp_path = tmp_path
        self.display = display
        self.env = blender_env(os.environ, user_scripts, home)
        if display:
            self.env["DISPLAY"] = display

    def run(self, script, blend=None, window=False, args=(), timeout=240, addon=True):
        path = self.tmp_path / "script-{}.py".format(len(list(self.tmp_path.glob("script-*.py"))))
        result = path.with_suffix(".json")
        path.write_text("import sys\nsys.path.insert(0, {!r})\n".format(str(DRIVER_DIR)) + textwrap.dedent(script))
        cmd = ["blender"] + ([] if window else ["-b"]) + ([str(blend)] if blend else []) + \
            ["--factory-startup", "--python-exit-code", "1"] + (["--addons", ADDON] if addon else []) + \
            ["--python", str(path), "--", str(result)] + [str(a) for a in args]
        env = dict(self.env)
        if not window:
            env.pop("DISPLAY", None)
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
        if not result.exists():
            raise AssertionError("Blender wrote no result (exit {}):\n{}\n{}".format(
                proc.returncode, proc.stdout[-4000:], proc.stderr[-2000:]))
        out = json.loads(result.read_text())
        out["_stderr"] = proc.stderr
        out["_exit"] = proc.returncode
        out["_stdout"] = proc.stdout
        return out


def small_copy(blender, target, frames="1-2"):
    """shapes.blend saved to ``target`` by Blender at 5% of its resolution with Cycles at 4 samples (a frame in
    about a second), and frames ``frames``; returns its render settings as read from shapes.blend."""
    out = blender.run("""
        import bpy, json, sys
        s = bpy.context.scene
        seen = {"resolution": [s.render.resolution_x, s.render.resolution_y], "engine": s.render.engine,
                "range": [s.frame_start, s.frame_end, s.frame_step]}
        s.render.resolution_percentage = 5
        s.render.engine = "CYCLES"
        s.cycles.samples = 4
        s.batchrender.use_scene_range = False
        s.batchrender.frames = sys.argv[-1]
        bpy.ops.wm.save_as_mainfile(filepath=sys.argv[-2])
        json.dump(seen, open(sys.argv[sys.argv.index("--") + 1], "w"))
    """, blend=SHAPES, args=(target, frames))
    return out
