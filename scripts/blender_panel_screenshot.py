#!/usr/bin/env python3
"""A picture of the Blender add-on's panel: real Blender with its window on an Xvfb display, the add-on installed
from the zip the release step builds, shapes.blend (../shared/testdata, at 5% size) submitted from the panel to
the local farm in a temporary state folder, and the window captured once the job is done and its latest frame
shows. Written to docs/screenshots/blender-panel.png.

    python3 scripts/blender_panel_screenshot.py [--out docs/screenshots/blender-panel.png]

Needs Blender, Java 17 and Xvfb (scripts/ensure-deps.sh blender java xvfb).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHAPES = REPO.parent / "shared" / "testdata" / "blender" / "BatchExplorer-data" / "runner" / "Assets" / "shapes.blend"

PREPARE = """
import bpy, sys
s = bpy.context.scene
s.render.resolution_percentage = 5
s.render.engine = "CYCLES"
s.cycles.samples = 4
s.batchrender.use_scene_range = False
s.batchrender.frames = "1-4"
s.batchrender.chunk = 2
bpy.ops.wm.save_as_mainfile(filepath=sys.argv[-1])
"""

# in Blender with its window: the Properties editor made full-window on Render properties, the panel's Submit
# pressed, then the picture once the job is done and its latest frame is in the panel
CAPTURE = """
import bpy, sys, time
from batchrender_blender import runtime
out = sys.argv[-1]
state = {"step": 0, "deadline": time.monotonic() + 300}

def area():
    for a in bpy.context.window_manager.windows[0].screen.areas:
        if a.type == "PROPERTIES":
            return a

def override(a):
    region = next(r for r in a.regions if r.type == "WINDOW")
    return bpy.context.temp_override(window=bpy.context.window_manager.windows[0], area=a, region=region)

def step():
    rt = runtime.current()
    if time.monotonic() > state["deadline"]:
        print("timed out"); bpy.ops.wm.quit_blender(); return None
    if state["step"] == 0:
        a = area()
        a.spaces.active.context = "RENDER"
        with override(a):
            bpy.ops.screen.screen_full_area()
        state["step"] = 1
        return 1.0
    if state["step"] == 1:
        a = area()
        with override(a):
            bpy.ops.batchrender.submit("INVOKE_DEFAULT")
        state["step"] = 2
        return 0.5
    if state["step"] == 2:
        done = rt.submitting is None and any(j["state"] == "completed" for j in rt.jobs) and rt.preview_icon
        if not done:
            return 0.5
        a = area()
        for _ in range(60):   # the panel is below Blender's own render panels
            with override(a):
                bpy.ops.view2d.scroll_down(deltay=100)
        a.tag_redraw()
        state["step"] = 3
        return 1.5
    bpy.ops.screen.screenshot(filepath=out)
    bpy.ops.wm.quit_blender()
    return None

bpy.app.timers.register(step, first_interval=2.0)
"""


def run(cmd, env, timeout=600):
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        sys.exit("failed: {}\\n{}".format(" ".join(map(str, cmd)), (done.stdout + done.stderr)[-3000:]))
    return done


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(REPO / "docs" / "screenshots" / "blender-panel.png"))
    args = p.parse_args(argv)
    if not shutil.which("xvfb-run"):
        sys.exit("xvfb-run is missing: scripts/ensure-deps.sh xvfb")
    with tempfile.TemporaryDirectory(prefix="blender-panel-") as work:
        work = Path(work)
        env = dict(os.environ, BLENDER_USER_SCRIPTS=str(work / "scripts"), BATCHRENDER_HOME=str(work / "state"),
                   BATCHRENDER_AGENT_IDLE_SECONDS="5")
        env.pop("BATCHRENDER_JAR", None)
        run([sys.executable, str(REPO / "installer" / "build_release.py"), "--blender", "--out", str(work / "dist")],
            env)
        [zip_path] = (work / "dist").glob("*.zip")
        run(["blender", "-b", "--factory-startup", "--python-exit-code", "1", "--python-expr",
             "import bpy; bpy.ops.preferences.addon_install(filepath={!r})".format(str(zip_path))], env)
        scene = work / "shot" / "shapes.blend"
        scene.parent.mkdir()
        (work / "prepare.py").write_text(PREPARE)
        run(["blender", "-b", str(SHAPES), "--factory-startup", "--addons", "batchrender_blender",
             "--python-exit-code", "1", "--python", str(work / "prepare.py"), "--", str(scene)], env)
        (work / "capture.py").write_text(CAPTURE)
        out = Path(args.out).resolve()
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(".partial.png")
        run(["xvfb-run", "-a", "-s", "-screen 0 1280x900x24", "blender", str(scene), "--factory-startup",
             "--addons", "batchrender_blender", "--python", str(work / "capture.py"), "--", str(tmp)], env)
        if not tmp.exists():
            sys.exit("Blender wrote no screenshot")
        os.replace(tmp, out)
        subprocess.run([str(REPO / "batchrender"), "agent", "--stop"], env=env, capture_output=True)
        print("Wrote " + str(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
