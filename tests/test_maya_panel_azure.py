"""The real panel (PySide6, offscreen) on Azure stand-ins started by the tests: Azurite for Blob
Storage and the Azure Batch test double, through the real gateway. Config authenticates (and shows
the service's reason for a wrong key), Assets uploads a real scene's files with progress, a 500 MB
asset project uploads (cancelled, then resumed) while no panel call holds the main thread 50 ms,
Pools creates, resizes and deletes pools, and Env settings persist."""
import os
import re
import stat
from pathlib import Path

import pytest

from maya_support import *  # noqa: F401,F403
from azure_services import azurite, batch_double  # noqa: F401

WRONG_KEY = "A" * 86 + "=="


@pytest.fixture(scope="module")
def azure_client(tmp_path_factory):
    """A real gateway whose environment holds no Azure variable: accounts come from the panel only."""
    from batchrender import Client
    home = tmp_path_factory.mktemp("state")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AZURE_")}
    env.update(BATCHRENDER_HOME=str(home), BATCHRENDER_AGENT_IDLE_SECONDS="5")
    client = Client(env=env).start()
    client.home = home
    yield client
    client.close()


@pytest.fixture
def azure_panel(azure_client, panel_settings, qtbot):
    made = []

    def make(scene=None, settings=None):
        from batchrender_maya.panel.main import BatchRenderPanel
        p = BatchRenderPanel(lambda: azure_client, scene=scene, settings=settings or panel_settings)
        qtbot.addWidget(p)
        p.show()
        made.append(p)
        qtbot.waitUntil(lambda: p.core is not None, timeout=60000)   # the core's renderer table and defaults
        return p
    yield make
    for p in made:
        p.shutdown()


def _left():
    from Qt import QtCore
    return QtCore.Qt.LeftButton


def _authenticate(p, qtbot, azurite, batch_double, batch_key=None, storage_key=None):
    cfg = p.config_tab
    p.select_tab("Config")
    cfg.azure.setChecked(True)
    cfg.batch_url.setText(batch_double.url)
    cfg.batch_account.setText(batch_double.account)
    cfg.batch_key.setText(batch_key or batch_double.key)
    cfg.storage_account.setText(azurite.account)
    cfg.storage_auth.setCurrentIndex(0)               # account key
    cfg.storage_secret.setText(storage_key or azurite.key)
    cfg.storage_endpoint.setText(azurite.endpoint)
    qtbot.mouseClick(cfg.authenticate, _left())
    qtbot.waitUntil(lambda: cfg.status.kind in ("ok", "error"), timeout=60000)
    return cfg


def test_config_authenticates_against_azurite_and_the_batch_double(azure_panel, azure_client, azurite, batch_double,
                                                                   qtbot, screenshot):
    p = azure_panel()
    cfg = _authenticate(p, qtbot, azurite, batch_double)
    assert (cfg.status.kind, cfg.status.text()) == ("ok", "Authenticated")
    # the keys left the fields for the core's secret store; the panel's file holds none of them
    assert cfg.batch_key.text() == "" and cfg.storage_secret.text() == ""
    assert cfg.batch_key.placeholderText() == "saved (type to replace)"
    panel_file = Path(p.settings.path).read_text()
    assert batch_double.key not in panel_file and azurite.key not in panel_file
    assert '"batchUrl": "{}"'.format(batch_double.url) in panel_file
    for name in ("batch.json", "storage.json"):
        assert stat.S_IMODE((azure_client.home / name).stat().st_mode) == 0o600
    screenshot(p, "config-azure")

    # a wrong Batch key: the service's reason; Storage still answers
    cfg.batch_key.setText(WRONG_KEY)
    cfg.status.show_status("info", "")
    qtbot.mouseClick(cfg.authenticate, _left())
    qtbot.waitUntil(lambda: cfg.status.kind == "error", timeout=60000)
    assert cfg.status.text().startswith("Batch: authentication failed (the service said AuthenticationFailed")
    assert "Storage" not in cfg.status.text()
    # a wrong Storage key: Azurite's refusal, named
    cfg.batch_key.setText(batch_double.key)
    cfg.storage_secret.setText(WRONG_KEY)
    cfg.status.show_status("info", "")
    qtbot.mouseClick(cfg.authenticate, _left())
    qtbot.waitUntil(lambda: cfg.status.kind == "error", timeout=60000)
    assert cfg.status.text().startswith("Storage: ") and "(AuthorizationFailure)" in cfg.status.text()
    screenshot(p, "config-azure-wrong-key")
    cfg.storage_secret.setText(azurite.key)
    qtbot.mouseClick(cfg.authenticate, _left())
    qtbot.waitUntil(lambda: cfg.status.kind == "ok", timeout=60000)
    log = "".join(f.read_text(errors="replace") for f in (azure_client.home / "logs").glob("*.log"))
    assert batch_double.key not in log and azurite.key not in log and WRONG_KEY not in log


def test_assets_upload_a_real_scenes_files_to_azurite_with_progress(azure_panel, azure_client, azurite,
                                                                    batch_double, maya, qtbot, screenshot):
    maya.open_scene(str(CUBE))
    from batchrender_maya import adapter
    p = azure_panel(adapter)
    _authenticate(p, qtbot, azurite, batch_double)
    assets = p.assets_tab
    p.select_tab("Assets")
    qtbot.waitUntil(lambda: assets.assets is not None, timeout=60000)
    found = sorted({str(CUBE)} | {f for a in assets.assets for f in a["files"]})
    # cube.ma next to its texture and referenced scene: three files, read from the folder
    assert found == sorted(str(CUBE.parent / n) for n in ("cube.ma", "deadline_logo_48x48.png",
                                                          "scene_file_to_reference.mb"))
    # and the Maya project's workspace.mel (job_bundle_output_tests/), as a submit of the scene sends it
    expected = found + [str(CUBE.parents[2] / "workspace.mel")]
    assets.project.setText("cube-upload")
    seen = []
    real = assets._upload_progress
    assets._upload_progress = lambda pr: (seen.append((pr.done, pr.total, pr.message)), real(pr))
    qtbot.mouseClick(assets.upload, _left())
    qtbot.waitUntil(lambda: assets.uploader is None, timeout=120000)
    assert assets.status.kind == "ok", assets.status.text()
    total = sum(os.path.getsize(f) for f in expected)
    assert assets.last_upload["uploaded"] == 4 and assets.last_upload["bytesTotal"] == total
    assert assets.progress.value() == 1000 and seen and seen[-1][:2] == (total, total)
    assert {x["project"]: x["files"] for x in azure_client.projects("azure")}["cube-upload"] == 4
    screenshot(p, "assets-uploaded")


def test_a_500_mb_upload_never_holds_the_main_thread_and_resumes_after_cancel(azure_panel, azure_client, azurite,
                                                                              batch_double, qtbot, tmp_path_factory):
    from batchrender_maya.panel.background import Background
    big = tmp_path_factory.mktemp("big-project")
    block = os.urandom(1 << 20)
    sizes = [64] * 6 + [16] * 6 + [1] * 20 + [4] * 9      # MiB: 6x64 + 6x16 + 20x1 + 9x4 = 536 MiB (~562 MB)
    for i, mib in enumerate(sizes):
        with open(big / "f{:03d}.bin".format(i), "wb") as f:
            for j in range(mib):
                f.write(block[j:] + block[:j])             # no two MiB alike
    total = sum(mib << 20 for mib in sizes)
    assert total >= 500 * 10 ** 6
    p = azure_panel()
    _authenticate(p, qtbot, azurite, batch_double)
    assets = p.assets_tab
    assets.assets = []                     # no scene: the project is the folder added by hand
    p.settings.set("extraFiles", [str(big)])
    assets.project.setText("big-project")
    Background.longest_handler = Background.longest_handler_cpu = 0.0
    shown = []
    real = assets._upload_progress
    assets._upload_progress = lambda pr: (real(pr), shown.append(assets.status.text()))
    qtbot.mouseClick(assets.upload, _left())
    # at least 5 % sent and a file finished (how soon one finishes depends on how many files the sync keeps in
    # flight, which adapts to the link): the resume below must skip it
    qtbot.waitUntil(lambda: assets.progress.value() >= 50 and any(
        int(m.group(1)) >= 1 for m in [re.search(r"Uploading: (\d+) of", shown[-1] if shown else "")] if m),
        timeout=300000)
    # the rate and the time left the core works out (AssetCalls.message, ProgressTracker) are on the panel
    assert any(re.search(r"\d+ s left · \d+\.\d MB/s$", t) for t in shown), shown[-5:]
    qtbot.mouseClick(assets.cancel_upload, _left())
    qtbot.waitUntil(lambda: assets.uploader is None, timeout=60000)
    assert assets.status.kind == "warning" and assets.status.text().startswith("Upload cancelled")
    stored = {x["project"]: x["bytes"] for x in azure_client.projects("azure")}.get("big-project", 0)
    assert stored < total
    qtbot.mouseClick(assets.upload, _left())                       # resumes: finished files are not sent again
    qtbot.waitUntil(lambda: assets.uploader is None, timeout=600000)
    assert assets.status.kind == "ok", assets.status.text()
    report = assets.last_upload
    assert report["bytesTotal"] == total and report["skipped"] >= 1 and report["bytesUploaded"] <= total - stored
    assert {x["project"]: x["bytes"] for x in azure_client.projects("azure")}["big-project"] == total
    print("\nlongest main-thread handler during the 500 MB upload: {:.1f} ms ({}), CPU {:.1f} ms".format(
        Background.longest_handler * 1000, Background.longest_what, Background.longest_handler_cpu * 1000))
    assert Background.longest_handler < 0.05, (Background.longest_handler, Background.longest_what)


def test_pools_are_created_resized_and_deleted_on_the_double_with_env_settings(azure_panel, azurite, batch_double,
                                                                                qtbot, monkeypatch, screenshot,
                                                                                panel_settings):
    from Qt import QtWidgets
    p = azure_panel()
    _authenticate(p, qtbot, azurite, batch_double)
    env = p.env_tab
    env.vm_size.setCurrentText("Standard_D8s_v5")
    env.licenses.setText("27000@lic.studio.local")
    env.licenses.editingFinished.emit()
    subnet = "/subscriptions/0000/resourceGroups/studio/providers/Microsoft.Network/virtualNetworks/render/subnets/farm"
    env.subnet.setText(subnet)     # the nodes join the studio's network (the double checks the id's form)
    env.subnet.editingFinished.emit()
    assert env.pool_settings()["subnetId"] == subnet
    pools = p.pools_tab
    p.select_tab("Pools")
    qtbot.waitUntil(lambda: pools.status.text().endswith("pool(s)."), timeout=60000)
    assert pools.create_box.isVisible() and pools.size_label.text() == "Dedicated nodes"
    pools.new_id.setText("panel-pool")
    pools.new_nodes.setValue(2)
    pools.new_slots.setValue(4)
    qtbot.mouseClick(pools.create_button, _left())
    qtbot.waitUntil(lambda: pools.status.text().startswith("Created pool panel-pool"), timeout=60000)
    [made] = [x for x in pools.pools if x["id"] == "panel-pool"]
    assert (made["vmSize"].lower(), made["targetDedicatedNodes"], made["taskSlotsPerNode"]) == ("standard_d8s_v5", 2, 4)
    # the Submit tab offers it for reuse
    s = p.submit_tab
    assert s.pool_list.findData("panel-pool") >= 0
    screenshot(p, "pools-azure")

    pools.table.selectRow(pools.pools.index(made))
    pools.target.setValue(3)
    pools.spot.setValue(1)
    qtbot.mouseClick(pools.resize_button, _left())
    qtbot.waitUntil(lambda: pools.status.text() == "Resized panel-pool.", timeout=60000)
    [made] = [x for x in pools.pools if x["id"] == "panel-pool"]
    assert (made["targetDedicatedNodes"], made["targetLowPriorityNodes"]) == (3, 1)

    answers = [QtWidgets.QMessageBox.No, QtWidgets.QMessageBox.Yes]
    asked = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "question",
                        staticmethod(lambda parent, title, text, *a: asked.append(text) or answers.pop(0)))
    pools.table.selectRow(pools.pools.index(made))
    qtbot.mouseClick(pools.delete_button, _left())                 # "No": nothing happens
    assert asked == ["Delete pool panel-pool? Its nodes stop and running tasks are stopped."]
    assert pools.status.text() == "Resized panel-pool."
    qtbot.mouseClick(pools.delete_button, _left())                 # "Yes"
    qtbot.waitUntil(lambda: pools.status.text() == "Deleted pool panel-pool.", timeout=60000)
    assert all(x["id"] != "panel-pool" or x["state"] == "deleting" for x in pools.pools)

    # Env settings persist: a new panel reads them back
    from batchrender_maya.panel.settings import PanelSettings
    again = PanelSettings.load({"BATCHRENDER_HOME": str(Path(panel_settings.path).parent)})
    assert again.get("vmSize") == "Standard_D8s_v5" and again.get("licenseServers") == "27000@lic.studio.local"
    assert again.get("subnetId") == subnet
    assert again.get("farm") == "azure"


def test_a_blender_scene_submitted_on_azure_renders_on_the_double_and_comes_home(
        azure_panel, azure_client, azurite, batch_double, qtbot, tmp_path, screenshot):
    """Submit on Azure Batch (auto-pool with a node count): the scene goes up to its asset project
    with progress, the double runs real Blender on the auto-pool, the frame lands in the job's output
    container, and Jobs → Download fetches it through the watcher (farm azure)."""
    from batchrender_maya.panel.background import Background
    from batchrender_maya.panel.jobs_tab import JOB_COLUMNS
    from bridge_helpers import png_checked
    scene = SHARED / "testdata" / "blender" / "BatchExplorer-data" / "runner" / "Assets" / "shapes.blend"
    p = azure_panel()
    _authenticate(p, qtbot, azurite, batch_double)
    p.env_tab._add_row("BATCHRENDER_TEST_VAR", "from-the-panel")
    p.env_tab.save()
    s = p.submit_tab
    p.select_tab("Submit")
    assert s.pool_auto.isEnabled() and s.pool_auto.isChecked() and not s.pool_local.isEnabled()
    s.scene.setText(str(scene))
    s._scene_edited()
    s.start.setValue(1)
    s.end.setValue(1)
    s.nodes.setValue(1)
    s.spot_nodes.setValue(1)
    req = s.request()
    assert req["farm"] == "azure" and req["pool"] == {"mode": "auto", "dedicatedNodes": 1, "spotNodes": 1}
    # no asset project named: the core names it as for the CLI (no Maya project: the scene's name), checked below
    assert "assetProject" not in req and req["environment"] == {"BATCHRENDER_TEST_VAR": "from-the-panel"}
    Background.longest_handler = Background.longest_handler_cpu = 0.0
    messages = []
    real = s._progress
    s._progress = lambda pr: (messages.append(pr.message), real(pr))
    qtbot.mouseClick(s.submit_button, _left())
    qtbot.waitUntil(lambda: s.status.text().startswith(("Submitted job", "Not submitted")), timeout=240000)
    assert s.status.text().startswith("Submitted job"), s.status.text()
    job = s.last_job
    assert job["assetProject"] == "shapes" and job["outputContainer"].startswith("out-shapes-")
    assert job["upload"]["bytesTotal"] == scene.stat().st_size
    assert any(m.startswith("Submitting 1 task(s) as job") for m in messages), messages
    screenshot(p, "submit-azure")

    # the job runs on the double; Jobs follows it on the Azure farm and Download brings the frame home
    done = {}

    def follow():   # off the main thread, as the panel's own calls are: the main thread stays Qt's
        import time
        while done.get("state") != "completed":
            try:
                done.update(azure_client.job(job["jobId"], farm="azure"))
            except Exception:  # noqa: BLE001 - the auto-pool may still be allocating
                pass
            time.sleep(0.5)
    import threading
    threading.Thread(target=follow, daemon=True).start()
    qtbot.waitUntil(lambda: done.get("state") == "completed", timeout=240000)
    assert [t["state"] for t in done["tasks"]] == ["completed"] and done["tasks"][0]["exitCode"] == 0
    jobs = p.jobs_tab
    p.select_tab("Jobs")
    qtbot.waitUntil(lambda: jobs.select_job(job["jobId"]), timeout=60000)
    # the job's pool is the auto-pool Batch made for it (gone with the job); its page in Batch Explorer is a click away
    pool = jobs.selected_job()["pool"]
    assert pool != "auto-pool" and pool in _column(jobs.table, JOB_COLUMNS.index("Pool"))
    assert "ms-batch-explorer://route/jobs/" + job["jobId"] in jobs.link.text() and jobs.link.isVisible()
    jobs.output.setText(str(tmp_path / "frames"))
    qtbot.mouseClick(jobs.download_button, _left())
    frame = tmp_path / "frames" / "shapes_0001.png"
    qtbot.waitUntil(frame.exists, timeout=120000)
    assert png_checked(frame)[0] > 0
    print("\nlongest main-thread handler while submitting to and rendering on Azure: {:.1f} ms ({}), CPU {:.1f} ms"
          .format(Background.longest_handler * 1000, Background.longest_what, Background.longest_handler_cpu * 1000))
    assert Background.longest_handler < 0.05, (Background.longest_handler, Background.longest_what)


def _column(table, column):
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_a_maya_scene_on_the_default_azure_image_is_a_red_check_before_submit(
        azure_panel, azurite, batch_double, qtbot, maya):
    """Issue 15, rule 8: Maya is on no marketplace image, so a Maya scene on an auto-pool of the default (Blender)
    image is refused before anything is uploaded; the Submit tab lists the core's reason among its checks (asked off
    the main thread) and Submit stays off until the pool is one that may have Maya."""
    from batchrender_maya import adapter
    maya.open_scene(str(CUBE))
    p = azure_panel(scene=adapter)
    _authenticate(p, qtbot, azurite, batch_double)
    s = p.submit_tab
    p.select_tab("Submit")
    s.scene.setText(str(CUBE))
    s._scene_edited()
    assert s.pool_auto.isChecked()

    def texts():
        return [s.checks.item(i).text() for i in range(s.checks.count())]
    qtbot.waitUntil(lambda: any(t.startswith("A Maya scene needs nodes with Maya") for t in texts()), timeout=30000)
    assert not s.submit_button.isEnabled()


def test_preview_on_azure_shows_the_add_job_bodys_pool_and_sends_nothing(azure_panel, azure_client, azurite,
                                                                         batch_double, qtbot, screenshot):
    """Preview with Azure Batch chosen: the form's pool choices reach the addJob body the core would send;
    no job reaches the double and nothing is uploaded."""
    import json
    scene = SHARED / "testdata" / "blender" / "BatchExplorer-data" / "runner" / "Assets" / "shapes.blend"
    p = azure_panel()
    _authenticate(p, qtbot, azurite, batch_double)
    before = [j["id"] for j in azure_client.jobs("azure")]
    s = p.submit_tab
    p.select_tab("Submit")
    s.scene.setText(str(scene))
    s._scene_edited()
    s.start.setValue(1)
    s.end.setValue(3)
    s.pool_new.setChecked(True)
    s.pool_new_id.setText("preview-pool")
    qtbot.mouseClick(s.preview_button, _left())
    qtbot.waitUntil(lambda: s.preview_dialog is not None or s.status.kind == "error", timeout=120000)
    assert s.status.kind == "ok", s.status.text()
    d = s.preview_dialog
    qtbot.waitUntil(d.json_filled, timeout=10000)
    body = json.loads(d.json_view.toPlainText())
    assert body["farm"] == "azure" and body["addJob"]["poolInfo"] == {"poolId": "preview-pool"}
    assert d.summary["Farm"].text() == "Azure Batch" and d.summary["Pool"].text() == "preview-pool"
    assert d.summary["Tasks"].text() == "3" and d.summary["Frames"].text() == "1-3"
    assert d.summary["Asset project"].text() == "shapes"
    # each task's line is its addTasks body's commandLine, as sent
    from batchrender_maya.panel.preview_dialog import CONTINUED
    blocks = d.tasks_view.toPlainText().split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == ["Task job preparation"] + [
        "Task {} (frames {})".format(f, f) for f in (1, 2, 3)]
    sent = [body["addJob"]["jobPreparationTask"]] + body["addTasks"]
    for block, task in zip(blocks, sent):   # a script's later lines are indented under the command's first
        assert "\n  command: " + task["commandLine"].replace("\n", "\n" + CONTINUED) + "\n" in block + "\n"
    screenshot(d, "submit-preview-azure")

    # an auto-pool: its specification, with the form's node counts
    s.pool_auto.setChecked(True)
    s.nodes.setValue(2)
    s.spot_nodes.setValue(1)
    qtbot.mouseClick(s.preview_button, _left())
    qtbot.waitUntil(lambda: s.preview_dialog is not d or s.status.kind == "error", timeout=120000)
    assert s.status.kind == "ok", s.status.text()
    d = s.preview_dialog
    qtbot.waitUntil(d.json_filled, timeout=10000)
    pool = json.loads(d.json_view.toPlainText())["addJob"]["poolInfo"]["autoPoolSpecification"]["pool"]
    assert (pool["targetDedicatedNodes"], pool["targetLowPriorityNodes"]) == (2, 1)
    assert d.summary["Pool"].text().startswith("auto-pool for this job: {} x 2 dedicated, 1 spot, image ".format(
        pool["vmSize"]))
    assert [j["id"] for j in azure_client.jobs("azure")] == before
