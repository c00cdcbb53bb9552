"""The real panel (PySide6, offscreen) on the real gateway and local farm: Config authenticates,
Assets shows found and missing files of a real scene and a search folder finds a missing one, a
Blender scene submitted from the Submit tab renders to the end, Jobs shows its tasks, logs and the
thumbnail the watcher made. Each tab's picture is saved under tests/screenshots/."""
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from maya_support import *  # noqa: F401,F403
from bridge_helpers import png_checked
from test_launcher_end_to_end import script_constants

TIMEOUT_MS = 240000


@pytest.fixture
def make_panel(gateway_client, panel_settings, qtbot):
    made = []

    def make(scene=None):
        from batchrender_maya.panel.main import BatchRenderPanel
        p = BatchRenderPanel(lambda: gateway_client, scene=scene, settings=panel_settings)
        qtbot.addWidget(p)
        p.show()
        made.append(p)
        qtbot.waitUntil(lambda: p.core is not None, timeout=60000)   # the core's renderer table and defaults
        return p
    yield make
    for p in made:
        p.shutdown()


@pytest.fixture(scope="module")
def blend_scene(tmp_path_factory):
    scene = tmp_path_factory.mktemp("blend") / "demo.blend"
    subprocess.run(["blender", "-b", "--factory-startup", "--python-exit-code", "1",
                    "--python", str(REPO / "examples" / "build_scene.py"), "--", str(scene)],
                   check=True, capture_output=True, timeout=300)
    return scene


def adapter_for(maya, scene):
    maya.open_scene(str(scene))
    from batchrender_maya import adapter
    return adapter


def written(scene, pattern):
    """Every value of a setAttr pattern in a .ma, read from its text."""
    return re.findall(pattern, Path(scene).read_text(errors="replace"))


def test_config_authenticates_on_the_local_farm_and_names_what_azure_lacks(make_panel, qtbot, screenshot):
    p = make_panel()
    cfg = p.config_tab
    p.select_tab("Config")
    qtbot.mouseClick(cfg.authenticate, _left())
    qtbot.waitUntil(lambda: cfg.status.text() == "Authenticated", timeout=60000)
    assert cfg.status.kind == "ok"
    qtbot.waitUntil(lambda: "state folder" in cfg.about.text(), timeout=10000)
    screenshot(p, "config")
    cfg.azure.setChecked(True)
    cfg.batch_key.setText("a-secret-key")
    qtbot.mouseClick(cfg.authenticate, _left())
    # no URL, account nor Storage account yet: both services' reasons, each saying what to enter
    qtbot.waitUntil(lambda: cfg.status.kind == "error", timeout=60000)
    assert cfg.status.text().startswith("Batch: The Batch account's URL, name is not set")
    assert "Storage: " in cfg.status.text() and cfg.batch_key.text() == ""
    # the key never reaches the settings file; the file is the user's alone
    text = Path(p.settings.path).read_text()
    assert "a-secret-key" not in text and '"farm": "azure"' in text
    assert stat.S_IMODE(os.stat(p.settings.path).st_mode) == 0o600
    cfg.local.setChecked(True)


def test_assets_of_a_moved_scene_are_missing_until_a_search_folder_finds_them(make_panel, maya, qtbot, tmp_path,
                                                                             screenshot, monkeypatch):
    # the artist's copy of cube.ma in a new folder: its texture and referenced scene stayed behind
    moved = tmp_path / "shot" / "cube.ma"
    moved.parent.mkdir()
    shutil.copyfile(CUBE, moved)
    [texture] = written(CUBE, r'setAttr "\.ftn" -type "string" "([^"]*)"')
    reference = re.search(r'file -rdi 1[^;]*"([^"]*\.mb)";', CUBE.read_text(errors="replace"), re.S).group(1)
    p = make_panel(adapter_for(maya, moved))
    assets = p.assets_tab
    p.select_tab("Assets")                         # opening the tab checks the assets
    qtbot.waitUntil(lambda: assets.assets is not None, timeout=60000)
    by_path = {a["path"]: a for a in assets.assets}
    assert set(by_path) == {texture, reference}
    assert {a["status"] for a in assets.assets} == {"missing"}
    assert assets.missing_count() == 2
    assert _view_column(assets.table, 1) == ["missing", "missing"]
    assert sorted(_view_column(assets.table, 4)) == sorted(a["node"] for a in assets.assets)   # one node each
    screenshot(p, "assets-missing")

    p.select_tab("Submit")
    texts = [p.submit_tab.checks.item(i).text() for i in range(p.submit_tab.checks.count())]
    assert "2 missing file(s): see the Assets tab, or submit anyway." in texts
    assert not p.submit_tab.submit_button.isEnabled()

    p.select_tab("Assets")
    # the artist clicks the missing texture and picks the folder it is in
    from Qt import QtWidgets
    asked = []
    monkeypatch.setattr(QtWidgets.QFileDialog, "getExistingDirectory",
                        staticmethod(lambda parent, title, *a: asked.append(title) or str(CUBE.parent)))
    rect = assets.table.visualRect(assets.model.index(0, 2))
    qtbot.mouseClick(assets.table.viewport(), _left(), pos=rect.center())
    assert asked == ["Folder holding " + Path(_view_column(assets.table, 2)[0].replace("\\", "/")).name]
    qtbot.waitUntil(lambda: assets.assets is not None and assets.missing_count() == 0, timeout=60000)
    files = sorted(f for a in assets.assets for f in a["files"])
    assert files == sorted([str(CUBE.parent / "deadline_logo_48x48.png"),
                            str(CUBE.parent / "scene_file_to_reference.mb")])
    assert _view_column(assets.table, 1) == ["found", "found"]
    assert assets.search_paths() == [str(CUBE.parent)]
    assert p.settings.get("searchPaths") == [str(CUBE.parent)]   # remembered for the next session
    screenshot(p, "assets")


def test_a_newly_opened_scene_never_shows_the_previous_scenes_files(make_panel, maya, qtbot):
    from batchrender_maya import adapter
    maya.open_scene(str(CUBE))
    p = make_panel(adapter)
    ids = adapter.add_scene_changed_callback(p.scene_changed)
    try:
        p.assets_tab.scan()
        qtbot.waitUntil(lambda: p.assets_tab.assets is not None, timeout=60000)
        assert p.assets_tab.model.rowCount() == 2
        maya.open_scene(str(UDIM))                 # File > Open: the callback fires
        assert p.assets_tab.model.rowCount() == 0 and p.assets_tab.assets is None
        assert p.submit_tab.scene.text() == str(UDIM)
        # no workspace.mel above it: the scene's folder is its project, its name the core's default (lower case)
        assert p.assets_tab.project.text() == ""
        qtbot.waitUntil(lambda: p.assets_tab.project.placeholderText() == UDIM.parent.name.lower(), timeout=60000)
        p.assets_tab.scan()
        qtbot.waitUntil(lambda: p.assets_tab.assets is not None, timeout=60000)
        [udim] = p.assets_tab.assets
        assert udim["path"] == "UdimTest_<UDIM>_color.png" and udim["status"] == "found"
        assert sorted(Path(f).name for f in udim["files"]) == [
            "UdimTest_1001_color.png", "UdimTest_1002_color.png", "UdimTest_1003_color.png"]
    finally:
        adapter.remove_callbacks(ids)


def test_submit_checks_an_unsaved_scene_and_offers_to_save(make_panel, maya, qtbot, screenshot):
    from batchrender_maya import adapter
    maya.open_scene(str(LAYERS))
    maya.mark_modified()
    p = make_panel(adapter)
    p.select_tab("Submit")
    s = p.submit_tab
    checks = [(ok, text) for ok, _blocking, text in s.check_results()]
    assert (False, "The scene has unsaved changes: save it (the farm renders the file on disk).") in checks
    assert (True, "Renderable camera: persp, camera1") in checks
    assert not s.submit_button.isEnabled() and s.save_button.isVisible()
    # the scene's own values fill the form: .an yes and no .fs/.ef: 1-10; renderable layers only
    assert (s.start.value(), s.end.value(), s.step.value()) == (1, 10, 1)
    assert [s.layer.itemText(i) for i in range(s.layer.count())] == [
        "All renderable layers", "masterLayer", "layerFrameRange1", "renderSetupLayer2", "layerDefaultFrames",
        "renderSetupLayer4"]
    assert s.renderer.text() == "Arnold"
    assert [s.camera.itemText(i) for i in range(s.camera.count())] == ["All renderable cameras", "persp", "camera1"]
    # a layer's Render Setup overrides (read in layers.ma, see test_maya_adapter) fill the form for it
    s.layer.setCurrentText("renderSetupLayer2")
    assert (s.start.value(), s.end.value()) == (20, 30)
    s.layer.setCurrentText("layerDefaultFrames")
    assert (s.start.value(), s.end.value()) == (1, 10) and s.prefix.text() == "layer_specific_file_prefix_"
    assert s.request()["layer"] == "rs_layerDefaultFrames" and "imageName" not in s.request()
    s.layer.setCurrentText("layerFrameRange1")
    assert s.renderer.text() == "Maya Hardware 2.0"
    s.layer.setCurrentText("renderSetupLayer4")
    assert (s.start.value(), s.end.value()) == (1, 20) and s.renderer.text() == "Maya Software"
    s.layer.setCurrentIndex(0)
    screenshot(p, "submit-unsaved")
    qtbot.mouseClick(s.save_button, _left())
    assert maya.STATE.saves == 1
    assert s.check_results()[0] == (True, True, "Scene saved")
    # overriding frames for this job does not touch the scene
    s.start.setValue(3)
    s.step.setValue(2)
    req = s.request()
    assert req["frames"] == "3-10x2" and req["scene"] == str(LAYERS)
    assert maya.STATE.scene.nodes["defaultRenderGlobals"].attrs.get("fs") is None


def test_a_blender_scene_submitted_from_the_panel_renders_and_comes_home(make_panel, blend_scene, qtbot, tmp_path,
                                                                         screenshot, gateway_client):
    from batchrender_maya.panel.background import Background
    Background.longest_handler = Background.longest_handler_cpu = 0.0
    p = make_panel()                               # outside Maya: the standalone panel
    s = p.submit_tab
    p.select_tab("Submit")
    s.scene.setText(str(blend_scene))
    s._scene_edited()
    s.start.setValue(1)
    s.end.setValue(2)
    s.output.setText(str(tmp_path / "frames"))
    assert s.renderer.text() == "Blender" and s.job_name.text() == "demo"
    assert s.submit_button.isEnabled()
    qtbot.mouseClick(s.submit_button, _left())
    qtbot.waitUntil(lambda: s.status.text().startswith("Submitted job"), timeout=TIMEOUT_MS)
    screenshot(p, "submit")
    job_id = s.last_job["jobId"]
    assert s.last_job["name"] == "demo"

    jobs = p.jobs_tab
    p.select_tab("Jobs")
    qtbot.waitUntil(lambda: jobs.select_job(job_id), timeout=30000)
    qtbot.waitUntil(lambda: (jobs.selected_job() or {}).get("state") == "completed", timeout=TIMEOUT_MS)
    row = _column(jobs.table, _job_column("Job")).index(job_id)
    assert jobs.table.item(row, _job_column("Progress")).text() == "2/2"    # frames 1-2, one task each
    consts = script_constants(REPO / "examples" / "build_scene.py")
    frames = sorted((tmp_path / "frames").iterdir())
    assert [f.name for f in frames] == ["demo_0001.png", "demo_0002.png"]
    assert all(png_checked(f) == (consts["RES_X"], consts["RES_Y"]) for f in frames)
    qtbot.waitUntil(lambda: _column(jobs.tasks, 2) == ["completed", "completed"], timeout=30000)
    jobs.tasks.selectRow(0)
    qtbot.waitUntil(lambda: "== stdout" in jobs.log.toPlainText(), timeout=30000)
    assert "Blender" in jobs.log.toPlainText()

    home = tmp_path / "home"
    jobs.output.setText(str(home))
    qtbot.mouseClick(jobs.watch_button, _left())
    qtbot.waitUntil(lambda: bool(jobs.thumbnail.property("thumbnailPath")), timeout=TIMEOUT_MS)
    assert not jobs.thumbnail.pixmap().isNull()
    thumb = Path(jobs.thumbnail.property("thumbnailPath"))
    w, h = png_checked(thumb)
    assert w <= consts["RES_X"] and h <= consts["RES_Y"]
    screenshot(p, "jobs")
    # nothing the panel ran on the main thread held it for 50 ms
    print("longest main-thread handler: {:.1f} ms wall ({}), {:.1f} ms CPU".format(
        Background.longest_handler * 1000, Background.longest_what, Background.longest_handler_cpu * 1000))
    assert Background.longest_handler < 0.05, (Background.longest_handler, Background.longest_what)


def test_an_azure_submits_upload_shows_its_rate_and_time_left(make_panel):
    """Issue 18: while an Azure submit uploads, the Submit tab shows the upload's time left (in the core's message:
    AssetCalls.message from the sync's ETA, as the bridge's SubmitProgress sends it) and its rate (the operation's
    bytes a second), with the bar in per mille of the bytes."""
    from batchrender.operation import Progress
    p = make_panel()
    s = p.submit_tab
    s._progress(Progress(120000000, 500000000, 9500000.0,
                         "Uploading: 3 of 12 files \u00b7 120.0 MB of 500.0 MB \u00b7 40 s left"))
    assert s.status.text() == "Uploading: 3 of 12 files \u00b7 120.0 MB of 500.0 MB \u00b7 40 s left \u00b7 9.5 MB/s"
    assert s.progress.maximum() == 1000 and s.progress.value() == 240


def test_pools_tab_lists_and_resizes_the_workstation_pool(make_panel, qtbot, screenshot):
    from batchrender_maya.panel.pools_tab import COLUMNS
    slots = COLUMNS.index("Slots")
    p = make_panel()
    pools = p.pools_tab
    p.select_tab("Pools")
    qtbot.waitUntil(lambda: pools.table.rowCount() == 1, timeout=60000)
    assert pools.table.item(0, 0).text() == "local"
    assert not pools.delete_button.isEnabled()     # the workstation's pool cannot be deleted
    assert not pools.create_box.isVisible() and pools.size_label.text() == "Slots"
    before = int(pools.table.item(0, slots).text())
    pools.target.setValue(0)
    qtbot.mouseClick(pools.resize_button, _left())
    qtbot.waitUntil(lambda: pools.table.item(0, slots).text() == "0", timeout=60000)
    pools.target.setValue(before)
    qtbot.mouseClick(pools.resize_button, _left())
    qtbot.waitUntil(lambda: pools.table.item(0, slots).text() == str(before), timeout=60000)
    screenshot(p, "pools")


def test_env_tab_keeps_its_settings(make_panel, panel_settings, screenshot):
    p = make_panel()
    env = p.env_tab
    p.select_tab("Env")
    env.image.setText("microsoft-azure-batch:rendering-ubuntu:2204:latest")
    env._add_row("ARNOLD_LICENSE_ORDER", "network")
    env.save()
    screenshot(p, "env")
    from batchrender_maya.panel.settings import PanelSettings
    again = PanelSettings.load({"BATCHRENDER_HOME": os.path.dirname(panel_settings.path)})
    assert again.get("image") == "microsoft-azure-batch:rendering-ubuntu:2204:latest"
    assert again.get("environment") == [["ARNOLD_LICENSE_ORDER", "network"]]


def test_jobs_tab_cancels_and_deletes_a_job(make_panel, blend_scene, qtbot, gateway_client, monkeypatch, tmp_path):
    from Qt import QtWidgets
    job = gateway_client.submit(scene=blend_scene, frames="1-24", output=str(tmp_path / "long")).wait(timeout=120)
    p = make_panel()
    jobs = p.jobs_tab
    p.select_tab("Jobs")
    qtbot.waitUntil(lambda: jobs.select_job(job["jobId"]), timeout=30000)
    qtbot.mouseClick(jobs.cancel_button, _left())
    qtbot.waitUntil(lambda: jobs.status.text() == "Cancelled {}.".format(job["jobId"]), timeout=TIMEOUT_MS)
    shown = gateway_client.job(job["jobId"])
    assert shown["state"] == "completed"
    assert shown["taskCounts"]["succeeded"] < 24
    assert not any(t["state"] in ("active", "running") for t in shown["tasks"])

    monkeypatch.setattr(QtWidgets.QMessageBox, "question", staticmethod(lambda *a, **k: QtWidgets.QMessageBox.Yes))
    qtbot.waitUntil(lambda: jobs.select_job(job["jobId"]), timeout=30000)
    qtbot.mouseClick(jobs.delete_button, _left())
    qtbot.waitUntil(lambda: jobs.status.text() == "Deleted {}.".format(job["jobId"]), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: job["jobId"] not in _column(jobs.table, _job_column("Job")), timeout=30000)
    assert job["jobId"] not in [j["id"] for j in gateway_client.jobs()]


def test_jobs_tab_pages_a_jobs_tasks_and_shows_their_counts_by_state(make_panel, qtbot, gateway_client, tmp_path):
    """Issue 18: a job's tasks come a page at a time (the bridge reads only that page), of one state if the artist
    picks one, with the job's counts by state above them."""
    slots = next(p for p in gateway_client.pools() if p["id"] == "local")["targetSlots"]
    gateway_client.resize_pool("local", 0).wait(timeout=120)          # paused: every task stays active
    try:
        job_id = gateway_client.submit(command=["true"], frames="1-250", output=str(tmp_path / "out"),
                                       name="paged").wait(timeout=120)["jobId"]
        p = make_panel()
        jobs = p.jobs_tab
        p.select_tab("Jobs")
        qtbot.waitUntil(lambda: jobs.select_job(job_id), timeout=30000)
        qtbot.waitUntil(lambda: jobs.tasks.rowCount() == 100, timeout=30000)
        assert _column(jobs.tasks, 1)[:2] == ["1", "2"] and _column(jobs.tasks, 1)[-1] == "100"
        assert jobs.task_counts.text() == "250 tasks: 250 active, 0 running, 0 succeeded, 0 failed"
        assert jobs.task_page_label.text() == "1-100 of 250"
        assert not jobs.task_previous.isEnabled() and jobs.task_next.isEnabled()

        qtbot.mouseClick(jobs.task_next, _left())
        qtbot.mouseClick(jobs.task_next, _left())
        qtbot.waitUntil(lambda: jobs.task_page_label.text() == "201-250 of 250", timeout=30000)
        assert _column(jobs.tasks, 1) == [str(f) for f in range(201, 251)]
        assert not jobs.task_next.isEnabled()

        jobs.task_state.setCurrentIndex(jobs.task_state.findData("running"))
        qtbot.waitUntil(lambda: jobs.task_page_label.text() == "no running tasks", timeout=30000)
        assert jobs.tasks.rowCount() == 0 and jobs.task_page == 0

        gateway_client.cancel_job(job_id).wait(timeout=120)
        jobs.task_state.setCurrentIndex(jobs.task_state.findData("failed"))
        qtbot.waitUntil(lambda: jobs.task_page_label.text() == "1-100 of 250 failed", timeout=30000)
        assert jobs.task_counts.text() == "250 tasks: 0 active, 0 running, 0 succeeded, 250 failed"
        assert set(_column(jobs.tasks, 2)) == {"completed"}
    finally:
        gateway_client.resize_pool("local", slots).wait(timeout=120)


def _column(table, column):
    return [table.item(r, column).text() for r in range(table.rowCount())]


def _view_column(view, column):
    """The texts of a column of a model/view table, as drawn."""
    model = view.model()
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def _job_column(name):
    from batchrender_maya.panel.jobs_tab import JOB_COLUMNS
    return JOB_COLUMNS.index(name)


def _left():
    from Qt import QtCore
    return QtCore.Qt.LeftButton


def test_the_open_maya_scene_submits_with_its_camera_layer_and_project(make_panel, maya, qtbot, gateway_client,
                                                                       tmp_path):
    from batchrender_maya import adapter
    maya.open_scene(str(CUBE))
    p = make_panel(adapter)
    s = p.submit_tab
    p.select_tab("Submit")
    s.output.setText(str(tmp_path / "out"))
    req = s.request()
    # animation off in cube.ma: its current frame, time1 .o 537; persp is its renderable camera
    assert req["frames"] == "537" and req["camera"] == "persp" and req["project"] == str(DEADLINE)
    assert "layer" not in req and "imageName" not in req
    assert s.submit_button.isEnabled()
    qtbot.mouseClick(s.submit_button, _left())
    qtbot.waitUntil(lambda: s.status.kind in ("ok", "error"), timeout=TIMEOUT_MS)
    assert s.status.kind == "ok", s.status.text()
    job = gateway_client.job(s.last_job["jobId"])
    assert job["name"] == "cube" and job["scene"] == str(CUBE)
    assert [t["frames"] for t in job["tasks"]] == [[537]]
    gateway_client.delete_job(job["id"]).wait(timeout=60)   # no Maya here to render it


def test_without_java_the_panel_says_how_to_get_it(panel_settings, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("batchrender.java.usual_places", lambda env=None: [])  # a machine without Java
    from batchrender import Client
    from batchrender_maya.panel.main import BatchRenderPanel
    client = Client(env={"PATH": str(tmp_path), "BATCHRENDER_HOME": str(tmp_path / "state")})
    p = BatchRenderPanel(lambda: client, settings=panel_settings)
    qtbot.addWidget(p)
    try:
        p.config_tab.check()
        qtbot.waitUntil(lambda: p.config_tab.status.kind == "error", timeout=30000)
        text = p.config_tab.status.text()
        assert text.startswith("Not authenticated: Batch Render needs Java 17 or later")
        assert "install Java 17 or later" in text
    finally:
        p.shutdown()


def test_a_frame_range_the_core_refuses_is_reported_and_submits_nothing(make_panel, blend_scene, qtbot,
                                                                       gateway_client):
    before = {j["id"] for j in gateway_client.jobs()}
    p = make_panel()
    s = p.submit_tab
    s.scene.setText(str(blend_scene))
    s._scene_edited()
    s.start.setValue(10)
    s.end.setValue(1)
    qtbot.mouseClick(s.submit_button, _left())
    qtbot.waitUntil(lambda: s.status.kind == "error", timeout=60000)
    assert s.status.text().startswith("Not submitted: ") and "ends before it starts" in s.status.text()
    assert {j["id"] for j in gateway_client.jobs()} == before
    assert s.submit_button.isEnabled()


# ---- the Jobs tab with a thousand jobs ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_job(gateway_client, tmp_path_factory):
    """One job as the real bridge lists it (a one-frame command job on the local farm)."""
    out = tmp_path_factory.mktemp("cmd")
    job = gateway_client.submit(command=["sh", "-c", "exit 0"], frames="1", output=str(out),
                                name="one-frame").wait(timeout=120)
    return next(j for j in gateway_client.jobs() if j["id"] == job["jobId"])


def thousand_jobs(real_job):
    """1,000 entries shaped exactly as the bridge's real one, oldest first (the bridge's order)."""
    jobs = []
    for n in range(1000):
        j = dict(real_job, id="{}-{:04d}".format(real_job["id"], n), name="shot{:03d}".format(n % 250))
        j["taskCounts"] = dict(real_job["taskCounts"])
        jobs.append(j)
    return jobs


def test_the_jobs_list_shows_the_bridges_submit_time_and_pool(make_panel, real_job, qtbot, monkeypatch):
    from batchrender_maya.panel import jobs_tab
    monkeypatch.setenv("TZ", "UTC")
    import time
    time.tzset()
    try:
        # the bridge writes Java's Instant.toString: up to nine fraction digits, 'Z'
        assert real_job["creationTime"].endswith("Z") and real_job["pool"] == "local"
        today = __import__("datetime").datetime(2026, 12, 7, 23, 0, tzinfo=__import__("datetime").timezone.utc)
        assert jobs_tab.submitted_text("2026-12-07T19:20:01.123456789Z", today) == "19:20"
        assert jobs_tab.submitted_text("2026-03-01T08:05:00Z", today) == "1 Mar 08:05"
        assert jobs_tab.submitted_text("2025-12-07T19:20:01.5Z", today) == "2025-12-07 19:20"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    p = make_panel()
    jobs = p.jobs_tab
    p.select_tab("Jobs")
    qtbot.waitUntil(lambda: jobs.select_job(real_job["id"]), timeout=30000)
    row = _column(jobs.table, _job_column("Job")).index(real_job["id"])
    columns = jobs_tab.JOB_COLUMNS
    assert jobs.table.item(row, columns.index("Pool")).text() == "local"
    assert jobs.table.item(row, columns.index("Submitted")).text() == jobs_tab.submitted_text(real_job["creationTime"])
    assert jobs.table.item(row, columns.index("Name")).text() == "one-frame"
    assert "pool local" in jobs.summary.text()
    assert not jobs.link.isVisible()               # this workstation's jobs have no Batch Explorer page


def test_a_refresh_with_a_thousand_jobs_is_paged_and_touches_only_what_changed(make_panel, real_job, qtbot):
    """Issue 16: the Jobs tab must not rebuild every table every 2 s on Maya's main thread: it shows a page
    of 50 jobs and sets only the cells that changed. What that costs the main thread (under 16 ms a
    refresh, against rebuilding the tables) is measured by bench/panel_refresh.py, not here."""
    from batchrender_maya.panel import jobs_tab
    p = make_panel()
    jobs = p.jobs_tab
    jobs.timer.stop()
    listing = thousand_jobs(real_job)

    jobs.show_listing(jobs_tab.listing_of(listing))
    assert jobs.table.rowCount() == jobs_tab.PAGE_SIZE == 50
    assert jobs.page_label.text() == "1-50 of 1000"
    assert jobs.table.item(0, _job_column("Job")).text() == listing[-1]["id"]        # newest first
    assert jobs.select_job(listing[10]["id"])                       # an old job: its page comes up
    assert jobs.page == (999 - 10) // 50 and jobs.page_label.text() == "951-1000 of 1000"
    jobs.show_page(0)

    listing = [dict(j) for j in listing]                # ten jobs progress, the rest is as it was
    for j in listing[-10:]:
        j["taskCounts"] = dict(j["taskCounts"], completed=j["taskCounts"]["completed"] + 1)
    jobs.show_listing(jobs_tab.listing_of(listing))
    assert [jobs.table.item(r, _job_column("Progress")).text() for r in range(10)] == \
        [jobs_tab.progress_text(j) for j in reversed(listing[-10:])]
    # only the changed cells are set: ten Progress cells, nothing for an unchanged refresh
    rows = jobs_tab.listing_of([dict(j, taskCounts=dict(j["taskCounts"], failed=1)) if i >= 990 else j
                                for i, j in enumerate(listing)])
    assert jobs.table.show_rows([cells for _j, cells in rows][:50]) == 10
    assert jobs.table.show_rows([cells for _j, cells in rows][:50]) == 0

    # 1,000 task rows (shaped as the bridge's task entries; ten of the panel's pages of 100): shown, then
    # updated in place, emptied (a job with no tasks yet) and shown again
    detail = [{"id": str(i), "frames": [i], "state": "active", "exitCode": None, "attempts": 0}
              for i in range(1, 1001)]
    jobs.select_job(jobs.jobs[0]["id"])
    jobs._show_tasks([jobs_tab.task_cells(t) for t in detail])
    for t in detail[:10]:
        t.update(state="running", attempts=1)
    assert jobs.tasks.show_rows([jobs_tab.task_cells(t) for t in detail]) == 20      # State and Attempts of ten
    assert jobs.tasks.rowCount() == 1000 and _column(jobs.tasks, 2)[:11] == ["running"] * 10 + ["active"]
    jobs._show_tasks([])
    assert jobs.tasks.rowCount() == 0
    jobs._show_tasks([jobs_tab.task_cells(t) for t in detail])
    assert jobs.tasks.rowCount() == 1000 and _column(jobs.tasks, 2)[:11] == ["running"] * 10 + ["active"]


def test_a_call_answered_after_its_panel_was_deleted_does_not_kill_the_worker(qtbot):
    """A reload or unload deletes the panel while a worker's call is in flight: the answer is dropped, and
    naming the callback for the main-thread clock must not touch the deleted widget (repr() of it raises
    "Internal C++ object already deleted", which ended the worker thread; seen in CI's reload test)."""
    import shiboken6
    from Qt import QtWidgets
    from batchrender_maya.panel import background

    class Panel(QtWidgets.QWidget):          # a panel of ours: a Python subclass, as BatchRenderPanel is
        def answered(self, value):
            pass

    widget = Panel()
    callback = widget.answered
    shiboken6.delete(widget)
    with pytest.raises(RuntimeError):
        repr(callback)
    assert background._Outcome(callback, "late answer").what.endswith("Panel.answered")


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_call_answered_after_the_panel_was_deleted_mid_answer_is_dropped(qtbot):
    """The panel (and the relay its answers travel through) deleted between the worker's check and its emit:
    the answer is dropped, the worker lives on for the next call."""
    import shiboken6
    import threading
    from batchrender_maya.panel import background

    bg = background.Background(lambda: None)
    answered = threading.Event()
    shiboken6.delete(bg._relay)                    # gone, though the Background was not closed
    bg.call(lambda client: answered.set() or "late", lambda value: None)
    assert answered.wait(5)
    done = threading.Event()
    bg.call(lambda client: done.set())             # the same workers still take calls
    assert done.wait(5)
    qtbot.waitUntil(lambda: not bg.busy, timeout=5000)
    bg.close()


def test_a_blocked_job_says_why_and_an_azure_job_links_to_batch_explorer(make_panel, real_job, qtbot):
    """``blocked`` is the optional one-line reason the bridge gives when a job cannot progress (e.g. a job
    preparation task failing on a node); absent, nothing shows."""
    from Qt import QtCore
    from batchrender_maya.panel import jobs_tab
    p = make_panel()
    jobs = p.jobs_tab
    jobs.timer.stop()
    reason = "job preparation task failed on node tvmps_0001: exit code 127, 'blender: not found'"
    listing = [real_job, dict(real_job, id="blocked-job", blocked=reason)]
    jobs.show_listing(jobs_tab.listing_of(listing))
    state = jobs_tab.JOB_COLUMNS.index("State")
    assert _column(jobs.table, _job_column("Job")) == ["blocked-job", real_job["id"]]
    assert _column(jobs.table, state) == ["blocked", real_job["state"]]
    assert jobs.table.item(0, state).toolTip() == reason and jobs.table.item(0, state).font().bold()
    assert jobs.table.item(1, state).toolTip() == "" and not jobs.table.item(1, state).font().bold()
    jobs.select_job("blocked-job")
    assert jobs.blocked.isVisibleTo(jobs) and jobs.blocked.text() == "Blocked: " + reason
    assert jobs.blocked.kind == "error"
    assert not jobs.replace_button.isVisibleTo(jobs), "the local farm has no nodes to replace"
    jobs.select_job(real_job["id"])
    assert not jobs.blocked.isVisibleTo(jobs)
    # the reason goes once the job can progress again
    jobs.show_listing(jobs_tab.listing_of([real_job, dict(real_job, id="blocked-job")]))
    assert _column(jobs.table, state) == [real_job["state"]] * 2
    assert jobs.table.item(0, state).toolTip() == ""

    p.settings.set("farm", "azure")
    jobs.show_listing(jobs_tab.listing_of([dict(real_job, id="sh010 #2"), dict(real_job, id="stuck", blocked=reason)]),
                      "azure")
    jobs.select_job("stuck")
    assert jobs.replace_button.isVisibleTo(jobs), "a blocked Azure job offers fresh nodes"
    jobs.select_job("sh010 #2")
    assert not jobs.replace_button.isVisibleTo(jobs)
    assert jobs.link.isVisibleTo(jobs)
    href = QtCore.QUrl("ms-batch-explorer://route/jobs/sh010%20%232")
    assert 'href="{}"'.format(href.toString(QtCore.QUrl.FullyEncoded)) in jobs.link.text()
    p.settings.set("farm", "local")


# ---- what the old plug-in had: Watch after submit, Spot nodes, the plug-in warning; docking width -----------------

def test_watch_after_submit_brings_the_frames_home(make_panel, blend_scene, qtbot, tmp_path):
    p = make_panel()
    s = p.submit_tab
    s.scene.setText(str(blend_scene))
    s._scene_edited()
    s.start.setValue(1)
    s.end.setValue(1)
    s.output.setText(str(tmp_path / "frames"))
    s.watch.setChecked(True)
    texts = [text for _ok, _blocking, text in s.check_results()]
    assert "Watch is ticked: choose the download folder for the frames." in texts
    assert not s.submit_button.isEnabled()
    home = tmp_path / "home"
    s.download.setText(str(home))
    s.update_checks()
    assert s.submit_button.isEnabled()
    qtbot.mouseClick(s.submit_button, _left())
    qtbot.waitUntil(lambda: "Watching" in s.status.text() or s.status.kind == "error", timeout=TIMEOUT_MS)
    assert s.status.kind == "ok", s.status.text()
    assert s.watcher_job == s.last_job["jobId"]
    qtbot.waitUntil(lambda: (home / "demo_0001.png").exists(), timeout=TIMEOUT_MS)
    # remembered for the next submit
    assert p.settings.get("watchAfterSubmit") is True and p.settings.get("downloadFolder") == str(home)


def test_azure_pools_take_dedicated_and_spot_nodes(make_panel, qtbot, tmp_path):
    scene = tmp_path / "shot.blend"
    scene.write_bytes(b"BLENDER-v300")
    p = make_panel()
    p.settings.set("farm", "azure")
    p.farm_changed("azure")
    s = p.submit_tab
    try:
        s.scene.setText(str(scene))
        s._scene_edited()
        s.pool_auto.setChecked(True)
        s.nodes.setValue(2)
        s.spot_nodes.setValue(3)
        assert s.request()["pool"] == {"mode": "auto", "dedicatedNodes": 2, "spotNodes": 3}
        s.nodes.setValue(0)
        assert s.request()["pool"] == {"mode": "auto", "dedicatedNodes": 0, "spotNodes": 3}   # all Spot is fine
        s.spot_nodes.setValue(0)
        assert (False, True, "No nodes: give the pool at least one dedicated or Spot node.") in s.check_results()
        s.pool_new.setChecked(True)
        s.pool_new_id.setText("spot-pool")
        s.nodes.setValue(1)
        s.spot_nodes.setValue(4)
        assert s.request()["pool"] == {"mode": "new", "id": "spot-pool", "dedicatedNodes": 1, "spotNodes": 4}
        s.spot_nodes.setValue(0)
        assert "spotNodes" not in s.request()["pool"]
    finally:
        p.settings.set("farm", "local")
        p.farm_changed("local")


def test_on_azure_the_submit_tab_warns_of_plugins_the_image_may_lack(make_panel, maya, qtbot):
    from batchrender_maya import adapter
    from batchrender_maya.panel.submit_tab import MAYA_OWN_PLUGINS
    maya.open_scene(str(CUBE))
    p = make_panel(adapter)
    p.assets_tab.scan()
    qtbot.waitUntil(lambda: p.assets_tab.assets is not None, timeout=60000)
    # cube.ma's requires lines: maya, stereoCamera (Maya's own), mtoa (Arnold, installed apart from Maya)
    required = re.findall(r'^requires(?: -\w+ "[^"]*")* "?([\w.]+)"?', CUBE.read_text(errors="replace"), re.M)
    assert required == ["maya", "stereoCamera", "mtoa"] and p.assets_tab.plugins == required
    warning = "The scene needs plug-in(s) the pool's image may not have: mtoa (install them in your Compute " \
              "Gallery image)."
    assert warning not in [t for _ok, _b, t in p.submit_tab.check_results()]     # this workstation: its own Maya
    p.settings.set("farm", "azure")
    p.farm_changed("azure")
    try:
        results = p.submit_tab.check_results()
        assert (False, False, warning) in results                    # amber: a warning, not a refusal
        assert [r for r in results if "plug-in" in r[2]] == [(False, False, warning)]
        assert {"maya", "stereoCamera"} <= MAYA_OWN_PLUGINS and "mtoa" not in MAYA_OWN_PLUGINS
    finally:
        p.settings.set("farm", "local")
        p.farm_changed("local")


@pytest.mark.parametrize("farm", ["local", "azure"])
def test_the_panel_docks_beside_the_viewport_at_450_px(make_panel, farm):
    """Issue 16: docked beside Maya's viewport, the panel must fit in 450 px (it needed 779 px, for the
    Assets tab's row of seven buttons)."""
    p = make_panel()
    p.settings.set("farm", farm)
    p.farm_changed(farm)
    try:
        widths = {p.tabs.tabText(i): p.tabs.widget(i).minimumSizeHint().width() for i in range(p.tabs.count())}
        print("\nminimum widths ({}): panel {}, {}".format(farm, p.minimumSizeHint().width(), widths))
        assert p.minimumSizeHint().width() <= 450, widths
        assert all(w <= 430 for w in widths.values()), widths
    finally:
        p.settings.set("farm", "local")
        p.farm_changed("local")


def test_the_panel_opens_on_an_untitled_scene(make_panel, maya):
    """File > New, nothing saved yet: Maya's scene name is "" (``file -q -sceneName``); the Submit tab says what to
    do instead of failing while it builds its checks."""
    from maya import cmds
    from batchrender_maya import adapter
    assert cmds.file(query=True, sceneName=True) == ""
    p = make_panel(adapter)
    s = p.submit_tab
    assert not s.save_button.isVisibleTo(s)
    assert [s.checks.item(i).text() for i in range(s.checks.count())] == ["No scene: open one in Maya or choose a file."]


SHOWCASE = MAYA / "maya-usd" / "test" / "testSamples" / "MaterialX" / "OpenPBRShowcase.ma"


def showcase_copies(out, copies):
    """OpenPBRShowcase.ma with its node blocks repeated ``copies`` times, every -n/-p name of copy K suffixed
    _cK: the construction of java-core's FileNodeScenes and bench/scan_throughput.sh (issue 18), small."""
    lines = SHOWCASE.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, l in enumerate(lines) if l.startswith("createNode ") and " -s " not in l)
    last = next(i for i, l in enumerate(lines) if i > first and l.startswith("select -ne "))
    body = "".join(lines[first:last])
    with open(out, "w", encoding="utf-8") as f:
        f.write("".join(lines[:first]) + body)
        for c in range(1, copies):
            f.write(re.sub(r'(-[np] ")([^"]+)(")', r"\g<1>\g<2>_c{}\g<3>".format(c), body))
        f.write("".join(lines[last:]))
    return out


def test_file_nodes_naming_the_same_texture_are_one_row_with_their_count(make_panel, qtbot, tmp_path):
    scene = showcase_copies(tmp_path / "showcase.ma", 40)
    text = scene.read_text(encoding="utf-8")
    by_texture = {}
    for node, texture in re.findall(r'createNode file -n "([^"]+)";\n(?:\t[^\n]*\n)*?\tsetAttr "\.ftn" -type "string" '
                                    r'"([^"]+)";', text):
        by_texture.setdefault(texture, []).append(node)
    assert sum(len(n) for n in by_texture.values()) == 360 and len(by_texture) == 3     # 9 file nodes a copy
    p = make_panel()
    p.submit_tab.scene.setText(str(scene))
    assets = p.assets_tab
    assets.scan()                                   # no Maya scene open: the core reads the file
    qtbot.waitUntil(lambda: assets.assets is not None, timeout=60000)
    rows = dict(zip(_view_column(assets.table, 2), _view_column(assets.table, 4)))
    assert set(rows) == set(by_texture)
    for texture, nodes in by_texture.items():
        assert rows[texture] == "{:,} nodes: {}, ...".format(len(nodes), ", ".join(nodes[:3]))
    assert assets.summary.text() == "3 file(s) named by 360 node(s), 3 missing."


def test_the_assets_tab_shows_200000_files_without_a_widget_per_row(make_panel, qtbot, tmp_path):
    # 200,000 UDIM tiles of an asset library, as the core reports them (one entry per file, its one node)
    library = tmp_path / "library"
    assets_json = [{"node": "asset{:05d}_{}".format(a, 1001 + t), "nodeType": "file", "attribute": "ftn",
                    "path": str(library / "asset{:05d}".format(a) / "asset{:05d}_baseColor.{}.exr".format(a, 1001 + t)),
                    "status": "found", "foundBy": "as-written", "namedIn": str(tmp_path / "library.ma"),
                    "nodeCount": 1, "nodes": ["asset{:05d}_{}".format(a, 1001 + t)]}
                   for a in range(20000) for t in range(10)]
    for a in assets_json:
        a["files"] = [a["path"]]
    assets_json[-1].update(status="missing", files=[], problem="not found")
    p = make_panel()
    p.submit_tab.scene.setText(str(tmp_path / "library.ma"))
    p.select_tab("Assets")
    assets = p.assets_tab
    import time
    t0 = time.perf_counter()
    assets._scanned(str(tmp_path / "library.ma"), {"assets": assets_json, "plugins": []})
    assets.table.repaint()                          # the rows on screen drawn
    filled = time.perf_counter() - t0
    assert assets.model.rowCount() == 200000
    assert assets.summary.text() == "200,000 file(s) named by 200,000 node(s), 1 missing."
    assets.table.scrollToBottom()
    last = assets.model.index(199999, 4)
    assert assets.table.visualRect(last).isValid() and assets.model.data(last) == "asset19999_1010"
    t1 = time.perf_counter()
    assets.model.setData(assets.model.index(5, 0), 0, _check_role())      # untick a row: no refill
    toggled = time.perf_counter() - t1
    assert p.settings.get("excluded") == [assets_json[5]["path"]]
    print("filled 200,000 rows in {:.3f} s, one include toggled in {:.3f} s".format(filled, toggled))
    assert filled < 2.0 and toggled < 0.5


def _check_role():
    from Qt import QtCore
    return QtCore.Qt.ItemDataRole.CheckStateRole


# ---- Preview: the compiled job, sent nowhere ------------------------------------------------------------------------

def test_preview_shows_each_task_of_the_scenes_own_frames_and_submits_nothing(make_panel, maya, qtbot,
                                                                              gateway_client, screenshot):
    from batchrender_maya import adapter
    before = [j["id"] for j in gateway_client.jobs()]
    maya.open_scene(str(LAYERS))
    p = make_panel(adapter)
    p.select_tab("Submit")
    s = p.submit_tab
    # renderSetupLayer2's Render Setup overrides in layers.ma: frames 20 to 30 (see test_maya_adapter)
    s.layer.setCurrentText("renderSetupLayer2")
    qtbot.mouseClick(s.preview_button, _left())
    qtbot.waitUntil(lambda: s.preview_dialog is not None or s.status.kind == "error", timeout=120000)
    assert s.status.kind == "ok", s.status.text()
    d = s.preview_dialog
    assert d.isVisible()
    assert d.summary["Farm"].text() == "local (this workstation)"
    assert d.summary["Job name"].text() == "layers"
    assert d.summary["Tasks"].text() == "11" and d.summary["Frames"].text() == "20-30"
    every, *tasks = d.tasks_view.toPlainText().split("\n\n")
    assert every.splitlines()[0] == "Every task" and d.summary["Job environment"].text().startswith(
        "{} variable(s)".format(len(every.splitlines()) - 1))
    assert [t.splitlines()[0] for t in tasks] == ["Task {} (frames {})".format(i + 1, f)
                                                 for i, f in enumerate(range(20, 31))]
    for block, frame in zip(tasks, range(20, 31)):
        command = block.splitlines()[1]
        assert command.startswith("  command: Render ") and command.endswith(str(LAYERS))
        assert " -s {0} -e {0} ".format(frame) in command and " rs_renderSetupLayer2 " in command
    # the JSON view is the core's answer, whole; Copy puts it on the clipboard
    import json
    qtbot.waitUntil(d.json_filled, timeout=10000)
    shown = json.loads(d.json_view.toPlainText())
    assert shown["farm"] == "local" and [t["frames"] for t in shown["job"]["tasks"]] == [[f] for f in range(20, 31)]
    assert d.json_view.isReadOnly() and d.tasks_view.isReadOnly()
    qtbot.mouseClick(d.copy_button, _left())
    from Qt import QtWidgets
    assert json.loads(QtWidgets.QApplication.clipboard().text()) == shown
    screenshot(d, "submit-preview")
    assert [j["id"] for j in gateway_client.jobs()] == before


def test_a_preview_the_core_refuses_is_one_line_and_shows_no_dialog(make_panel, blend_scene, qtbot, gateway_client,
                                                                   tmp_path):
    before = [j["id"] for j in gateway_client.jobs()]
    p = make_panel()
    s = p.submit_tab
    s.scene.setText(str(blend_scene))
    s._scene_edited()
    s.start.setValue(10)
    s.end.setValue(1)
    qtbot.mouseClick(s.preview_button, _left())
    qtbot.waitUntil(lambda: s.status.kind == "error", timeout=60000)
    assert s.status.text().startswith("No preview: ") and "ends before it starts" in s.status.text()
    assert "\n" not in s.status.text() and s.preview_dialog is None and s.preview_button.isEnabled()
    # a scene that is not there
    gone = tmp_path / "gone.ma"
    s.scene.setText(str(gone))
    s._scene_edited()
    s.end.setValue(10)
    s.status.show_status("info", "")
    qtbot.mouseClick(s.preview_button, _left())
    qtbot.waitUntil(lambda: s.status.kind == "error", timeout=60000)
    assert s.status.text().startswith("No preview: ") and str(gone) in s.status.text()
    assert "\n" not in s.status.text() and s.preview_dialog is None
    # Azure Batch chosen with no account set up in this gateway
    p.settings.set("farm", "azure")
    p.farm_changed("azure")
    try:
        s.scene.setText(str(blend_scene))
        s._scene_edited()
        s.status.show_status("info", "")
        qtbot.mouseClick(s.preview_button, _left())
        qtbot.waitUntil(lambda: s.status.kind == "error", timeout=60000)
        assert s.status.text().startswith("No preview: ") and "not set" in s.status.text()
        assert "\n" not in s.status.text() and s.preview_dialog is None
    finally:
        p.settings.set("farm", "local")
        p.farm_changed("local")
    assert [j["id"] for j in gateway_client.jobs()] == before


def test_a_preview_of_10000_tasks_lists_the_first_and_counts_the_rest(gateway_client, qtbot):
    import json
    import time
    from Qt import QtWidgets
    from batchrender_maya.panel.preview_dialog import TASKS_SHOWN, PreviewDialog, PreviewText
    answer = gateway_client.preview(command=["sh", "-c", "exit 0"], frames="1-10000").wait(timeout=300)
    started = time.monotonic()
    text = PreviewText.of(answer)            # off the main thread in the panel
    made = time.monotonic()
    d = PreviewDialog(text)
    qtbot.addWidget(d)
    d.show()
    shown = time.monotonic()
    # the JSON view fills a piece per turn of the event loop: each piece's time is what Maya waits at most
    d._filler.stop()
    slices = []
    while not d.json_filled():
        t = time.monotonic()
        d._fill_json()
        slices.append(time.monotonic() - t)
    print("\npreview of 10,000 tasks: texts {:.2f} s (worker thread), dialog {:.2f} s, then {} JSON pieces of at most"
          " {:.0f} ms (main thread); JSON {:.1f} MB".format(made - started, shown - made, len(slices),
                                                          1000 * max(slices), len(text.json) / 1e6))
    assert d.json_view.toPlainText() == text.json and json.loads(text.json) == answer
    assert d.summary["Tasks"].text() == "10,000" and d.summary["Frames"].text() == "1-10000"
    blocks = d.tasks_view.toPlainText().split("\n\n")
    if blocks[0].startswith("Every task\n"):    # the job's environment: the gateway's PATH at least
        blocks = blocks[1:]
    assert len(blocks) == TASKS_SHOWN + 1
    assert blocks[0].splitlines()[:2] == ["Task 1 (frames 1)", "  command: sh -c 'exit 0'"]
    assert blocks[-1] == "... and {:,} more task(s), not listed here: every one is in the JSON view.".format(
        10000 - TASKS_SHOWN)
    # no widget per task: the dialog's children do not grow with the job
    assert len(d.findChildren(QtWidgets.QWidget)) < 60
