"""The Blender add-on in real Blender: installed from the zip the release step builds, enabled by Blender, on
shapes.blend (written by Blender, ../shared/testdata), submitting to the local farm through the same client and
core as the Maya plug-in. Blender runs with its window (under Xvfb) where its main loop matters: timers, modal
operators, the report area, quitting; headless (``blender -b``) elsewhere."""

import hashlib
import zipfile

import pytest

from blender_support import JAR, Blender, addon_zip, display, small_copy, user_scripts  # noqa: F401
from bridge_helpers import pid_alive, png_checked, sha256, wait_for, watcher_state
from conftest import REPO


@pytest.fixture
def blender(user_scripts, cli, tmp_path, display):  # noqa: F811
    return Blender(user_scripts, cli.home, tmp_path, display)


def test_the_zip_carries_the_one_client_py4j_and_the_jar(addon_zip):  # noqa: F811
    """The add-on zip holds the Maya plug-in's client as it is in git (copied at build time, not a second
    copy), the pinned py4j with its licence, the jar, and no byte code."""
    client = REPO / "maya-plugin" / "scripts" / "batchrender"
    with zipfile.ZipFile(addon_zip) as z:
        names = z.namelist()
        assert all(n.startswith("batchrender_blender/") for n in names)
        for source in client.glob("*.py"):
            assert z.read("batchrender_blender/vendor/batchrender/" + source.name) == source.read_bytes(), source
        vendored = {n.split("/")[3] for n in names if n.startswith("batchrender_blender/vendor/batchrender/")}
        assert vendored == {p.name for p in client.glob("*.py")}
        assert b"0.10.9.9" in z.read("batchrender_blender/vendor/py4j/version.py")
        assert "batchrender_blender/vendor/py4j-0.10.9.9.dist-info/LICENSE.txt" in names
        assert hashlib.sha256(z.read("batchrender_blender/java/batchrender.jar")).hexdigest() == \
            sha256(JAR)
        assert not [n for n in names if n.endswith(".pyc") or "__pycache__" in n]


def expected_size(seen):
    """The frame size shapes.blend renders at 5%, from its own resolution (Blender rounds down)."""
    x, y = seen["resolution"]
    return x * 5 // 100, y * 5 // 100


SUBMIT_AND_FOLLOW = """
    import bpy, os, time
    import blender_driver as d
    from batchrender_blender import operators, panel, runtime

    result = {}

    def steps():
        rt = runtime.current()
        props = bpy.context.scene.batchrender
        # an unsaved change is refused with one line, before anything is sent
        props.chunk = 2
        bpy.context.scene.frame_current = 2
        bpy.ops.ed.undo_push(message="an edit")   # what an edit in the UI does: the file has unsaved changes
        result["dirty"] = bpy.data.is_dirty
        try:
            bpy.ops.batchrender.submit()
        except RuntimeError as e:
            result["unsaved"] = str(e).strip()
        bpy.ops.wm.save_mainfile()
        yield from d.until(lambda: not bpy.data.is_dirty, 10, "Blender to take the file as saved")
        gaps = d.Gaps()
        marks = result["marks"] = {}
        with d.in_window():
            result["invoked"] = list(bpy.ops.batchrender.submit("INVOKE_DEFAULT"))
        yield from d.until(lambda: rt.submitting is None, 120, "the submit to end")
        marks["submitted"] = time.perf_counter() - gaps.start
        result["status"] = list(rt.status)
        job_id = rt.selected_job
        result["jobId"] = job_id
        # the panel on screen keeps the file's jobs fresh; the latest frame shows once a frame is there
        yield from d.until(lambda: any(j["id"] == job_id and j["state"] == "completed" for j in rt.jobs), 180,
                           "the job to complete in the panel")
        marks["completed"] = time.perf_counter() - gaps.start
        yield from d.until(lambda: rt.preview_icon, 30, "the latest frame's preview")
        marks["preview"] = time.perf_counter() - gaps.start
        result["jobs"] = rt.jobs
        result["preview"] = rt.preview_path
        result["reports"] = d.reports()
        result["longestGap"] = gaps.longest
        result["worstGaps"] = gaps.worst
        result["addonHeld"] = {"pump": rt.session.longest_pump, "draw": panel.BATCHRENDER_PT_panel.longest_draw,
                               "operator": operators._Followed.longest_step[0]}
        result["gatewayPid"] = rt.session.gateway_pid
        gaps.running = False

    d.run(steps(), result)
"""


def test_submits_from_the_panel_and_follows_the_job_to_its_frames(blender, cli, tmp_path):
    scene = tmp_path / "shapes_small.blend"
    seen = small_copy(blender, scene, frames="1-3")
    out = blender.run(SUBMIT_AND_FOLLOW, blend=scene, window=True, timeout=300)
    assert "error" not in out, out["error"]
    assert out["_exit"] == 0, out["_stdout"][-3000:]

    assert out["dirty"]
    assert out["unsaved"] == ("Error: The file has unsaved changes: save it (File › Save), the farm renders the "
                              ".blend on disk")
    assert out["invoked"] == ["RUNNING_MODAL"]
    job_id = out["jobId"]
    assert out["status"] == ["INFO", "Submitted job " + job_id]
    assert "Submitted job " + job_id in out["reports"][-1]

    # the panel's list: this file's job, done, as the core lists it
    [job] = [j for j in out["jobs"] if j["id"] == job_id]
    assert job["scene"] == str(scene)
    assert job["taskCounts"]["succeeded"] == 2   # frames 1-3 in chunks of 2: 1-2 and 3
    shown = cli.json("job", "show", job_id)
    assert shown["state"] == "completed" and shown["taskCounts"]["failed"] == 0

    # real frames, and the preview is the newest of them
    frames = sorted((tmp_path / "state").glob("jobs/{}/output/*.png".format(job_id)))
    assert [f.name for f in frames] == ["shapes_small_{:04d}.png".format(i) for i in (1, 2, 3)]
    for f in frames:
        assert png_checked(f) == expected_size(seen)
    assert out["preview"] in [str(f) for f in frames]

    # the add-on never held Blender's main thread while it talked to the core: each timer pump, panel draw and
    # operator step is short (the longest gaps of the main loop, Blender's own redraws included, are printed)
    print("main loop gaps (s, at s, wall s):", out["worstGaps"], "marks:", out["marks"], "add-on:", out["addonHeld"])
    assert max(out["addonHeld"].values()) < 0.05, out["addonHeld"]
    # Blender is gone, and with it the gateway
    wait_for("the gateway to exit with Blender", lambda: not pid_alive(out["gatewayPid"]), timeout=30)


WATCH_CANCEL_QUIT = """
    import bpy, sys, time
    import blender_driver as d
    from batchrender_blender import runtime

    result = {}
    download = sys.argv[-1]

    def submit():
        bpy.ops.wm.save_mainfile()
        yield from d.until(lambda: not bpy.data.is_dirty, 10, "Blender to take the file as saved")
        with d.in_window():
            bpy.ops.batchrender.submit("INVOKE_DEFAULT")
        yield from d.until(lambda: runtime.current().submitting is None, 120, "the submit to end")

    def steps():
        rt = runtime.current()
        props = bpy.context.scene.batchrender
        props.watch = True
        props.download = download
        yield from submit()
        result["watched"] = rt.selected_job
        result["watchStatus"] = list(rt.status)
        box = {}
        rt.session.call(lambda c: c.watcher(result["watched"], files=False), lambda w: box.update(w=w))
        yield from d.until(lambda: "w" in box, 30, "the watcher's state")
        result["watcher"] = box["w"]

        # a second job, cancelled from the panel before it starts (the pool is paused)
        props.watch = False
        props.frames = "4-5"
        yield from submit()
        result["cancelled"] = rt.selected_job
        with d.in_window():
            bpy.ops.batchrender.cancel_job("INVOKE_DEFAULT", job_id=result["cancelled"])
        yield from d.until(lambda: not rt.session.in_flight, 60, "the cancel to end")
        yield 0.3
        result["reports"] = d.reports()
        result["gatewayPid"] = rt.session.gateway_pid
        # then Blender quits, as the artist does: nothing closes the add-on first

    d.run(steps(), result)
"""


def test_the_watcher_brings_the_frames_home_after_blender_quits(blender, cli, tmp_path):
    scene = tmp_path / "shapes_small.blend"
    seen = small_copy(blender, scene, frames="1-3")
    paused = cli.run("pool", "resize", "local", "0")   # the frames surely render after Blender is gone
    assert paused.returncode == 0, paused.stderr
    download = tmp_path / "frames"
    out = blender.run(WATCH_CANCEL_QUIT, blend=scene, window=True, args=(download,), timeout=300)
    assert "error" not in out, out["error"]
    assert out["_exit"] == 0, out["_stdout"][-3000:]

    watched, cancelled = out["watched"], out["cancelled"]
    assert out["watchStatus"] == ["INFO", "Submitted job {}; watching: its frames come home to {}".format(
        watched, download)]
    assert out["watcher"]["jobId"] == watched and out["watcher"]["status"] == "running"
    assert out["reports"][-1] == "Cancelled job " + cancelled

    # Blender is gone, and so is its gateway; the watcher, a process of its own, is not
    wait_for("the gateway to exit with Blender", lambda: not pid_alive(out["gatewayPid"]), timeout=30)
    watcher_pid = out["watcher"]["pid"]
    assert pid_alive(watcher_pid)
    assert not download.exists() or list(download.iterdir()) == []

    resumed = cli.run("pool", "resize", "local", "2")
    assert resumed.returncode == 0, resumed.stderr
    state = wait_for("the watcher to finish", lambda: (lambda w: w if w and w["status"] != "running" else None)(
        watcher_state(cli, watched)), timeout=240, every=0.5)
    assert state["status"] == "finished", state["message"]
    expected = ["shapes_small_{:04d}.png".format(i) for i in (1, 2, 3)]
    assert sorted(p.name for p in download.iterdir()) == expected
    for name in expected:
        assert png_checked(download / name) == expected_size(seen)

    # the cancelled job never rendered a frame
    gone = cli.json("job", "show", cancelled)
    assert gone["state"] == "completed" and gone["taskCounts"]["succeeded"] == 0, gone
    assert not list((tmp_path / "state").glob("jobs/{}/output/*.png".format(cancelled)))


LIFECYCLE = """
    import addon_utils, bpy, json, os, sys, threading, time
    import blender_driver as d

    def ours():
        return sorted(t.name for t in threading.enumerate() if t.name.startswith("batchrender-"))

    def settle(pred, seconds=20):
        deadline = time.monotonic() + seconds
        while not pred() and time.monotonic() < deadline:
            time.sleep(0.1)
        return pred()

    def alive(pid):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        with open("/proc/{}/stat".format(pid)) as f:
            return f.read().split(") ")[1].split()[0] != "Z"

    # as the checkbox in Preferences › Add-ons does
    addon_utils.enable("batchrender_blender", default_set=True)
    from batchrender_blender import runtime
    out = {"enabledAtStart": "batchrender_blender" in bpy.context.preferences.addons}
    rt = runtime.current()
    out["gatewayBeforeUse"] = rt.session.gateway_pid
    out["version"] = rt.session.wait(rt.session.call(lambda c: c.settings()["version"]), 120)
    first = out["firstGateway"] = rt.session.gateway_pid
    out["threadsInUse"] = ours()
    timer = rt.session.timer_function
    rt.session._ensure_timer()
    out["timerWhileEnabled"] = bpy.app.timers.is_registered(timer)

    addon_utils.disable("batchrender_blender", default_set=True)
    out["disabled"] = "batchrender_blender" not in bpy.context.preferences.addons
    out["gatewayGoneAfterDisable"] = settle(lambda: not alive(first))
    out["threadsAfterDisable"] = settle(lambda: not ours()) or ours()
    out["timerAfterDisable"] = bpy.app.timers.is_registered(timer)
    out["panelAfterDisable"] = hasattr(bpy.types, "BATCHRENDER_PT_panel")
    out["clientOnPathAfterDisable"] = [p for p in sys.path if "batchrender_blender" in p]

    addon_utils.enable("batchrender_blender", default_set=True)
    from batchrender_blender import runtime as runtime2
    rt2 = runtime2.current()
    out["answersAgain"] = rt2.session.wait(rt2.session.call(lambda c: c.ping()), 120)
    second = out["secondGateway"] = rt2.session.gateway_pid
    timer2 = rt2.session.timer_function
    rt2.session._ensure_timer()

    # Reload Scripts (F3; script.reload) runs this from a timer, which background Blender never runs
    bpy.utils.load_scripts(reload_scripts=True)
    from batchrender_blender import runtime as runtime3
    rt3 = runtime3.current()
    out["reloadedModule"] = rt3 is not rt2
    out["gatewayGoneAfterReload"] = settle(lambda: not alive(second))
    out["threadsAfterReload"] = settle(lambda: not ours()) or ours()
    out["oldTimerAfterReload"] = bpy.app.timers.is_registered(timer2)
    out["gatewayAfterReload"] = rt3.session.gateway_pid
    out["enabledAfterReload"] = addon_utils.check("batchrender_blender")[1]
    d.write(out)
"""


def test_disable_and_reload_leave_no_gateway_thread_or_timer(blender):
    out = blender.run(LIFECYCLE, timeout=240, addon=False)
    assert out["_exit"] == 0, out["_stdout"][-3000:]
    assert out["enabledAtStart"]
    assert out["gatewayBeforeUse"] is None          # lazily: the first call starts it
    assert out["version"] == "batchrender 0.1.0"
    assert pid_alive(out["firstGateway"]) is False  # (checked again from outside, after Blender exited)
    assert out["threadsInUse"] == ["batchrender-worker-1", "batchrender-worker-2"]
    assert out["timerWhileEnabled"]
    assert out["disabled"] and out["gatewayGoneAfterDisable"] is True
    assert out["threadsAfterDisable"] is True and out["timerAfterDisable"] is False
    assert not out["panelAfterDisable"] and out["clientOnPathAfterDisable"] == []
    assert out["answersAgain"] == "pong" and out["secondGateway"] != out["firstGateway"]
    assert out["reloadedModule"] and out["enabledAfterReload"]
    assert out["gatewayGoneAfterReload"] is True and out["threadsAfterReload"] is True
    assert out["oldTimerAfterReload"] is False and out["gatewayAfterReload"] is None


RELOAD_STARTUP_ADDON = """
    import addon_utils, bpy, os, threading, time
    import blender_driver as d
    from batchrender_blender import runtime

    def ours():
        return sorted(t.name for t in threading.enumerate() if t.name.startswith("batchrender-"))

    rt = runtime.current()
    rt.session.wait(rt.session.call(lambda c: c.ping()), 120)
    pid = rt.session.gateway_pid
    # enabled by --addons (persistent, not in the preferences): Reload Scripts re-runs the add-on's files and keeps
    # it enabled without unregister()/register(); what runs must stay the one that runs, not be orphaned
    bpy.utils.load_scripts(reload_scripts=True)
    after = runtime.current()
    out = {"same": after is rt, "threads": ours()}
    out["gatewayAfter"] = after.session.gateway_pid if after else None
    out["ping"] = after.session.wait(after.session.call(lambda c: c.ping()), 60) if after else None
    addon_utils.disable("batchrender_blender")
    deadline = time.monotonic() + 20
    while ours() and time.monotonic() < deadline:
        time.sleep(0.1)
    out.update(gateway=pid, threadsAfterDisable=ours(), closed=rt.session.closed)
    d.write(out)
"""


def test_reload_keeps_one_session_for_an_addon_enabled_on_the_command_line(blender):
    out = blender.run(RELOAD_STARTUP_ADDON, timeout=240)
    assert out["_exit"] == 0, out["_stdout"][-3000:]
    assert out["same"] is True and out["ping"] == "pong" and out["gatewayAfter"] == out["gateway"]
    assert out["threads"] == ["batchrender-worker-1", "batchrender-worker-2"]
    assert out["closed"] is True and out["threadsAfterDisable"] == []
    wait_for("the gateway to exit", lambda: not pid_alive(out["gateway"]), timeout=30)
