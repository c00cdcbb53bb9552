#!/usr/bin/env python3
"""Pictures of every tab of the Batch Render panel, 450 px wide (docked beside Maya's viewport) and at
full width, in Qt's light palette and in Maya's dark one, and of the Submit tab's Preview dialog, written
to docs/screenshots/ as small PNGs.

The panel is the real one (PySide6, offscreen) on a real gateway and local farm in a temporary state
folder, with a few real jobs (and, when Blender is installed, a rendered one whose frames a watcher
brought home, for the thumbnail); the open Maya scene comes from the Maya stand-in the tests use, answering
from a real .ma (by default the multi-layer scene of ../shared/testdata).

    .venv/bin/python scripts/panel_screenshots.py [--scene SCENE.ma] [--out docs/screenshots]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SCENE = REPO.parent / "shared" / "testdata" / "maya" / "deadline-cloud-for-maya" / \
    "job_bundle_output_tests" / "layers" / "scene" / "layers.ma"
TABS = ("Config", "Submit", "Assets", "Pools", "Jobs", "Env")
#: the tabs that change with Azure Batch chosen (no account here: what an artist sees before signing in)
AZURE_TABS = ("Config", "Submit", "Pools")
WIDTHS = {"narrow": 450, "wide": 900}
HEIGHT = 720

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_PREFERRED_BINDING"] = "PySide6"
for p in (REPO / "tests" / "maya_standin", REPO / "maya-plugin" / "scripts"):
    sys.path.insert(0, str(p))


def maya_palette(QtGui):
    """Maya's dark UI as studio tools copy it for their windows outside Maya (psyhive's
    qt/misc palette module: window and button 68 grey, text 200, highlight 103/141/178)."""
    c = QtGui.QColor
    role = QtGui.QPalette.ColorRole
    group = QtGui.QPalette.ColorGroup
    p = QtGui.QPalette()
    for r, colour in ((role.Window, c(68, 68, 68)), (role.WindowText, c(200, 200, 200)), (role.Base, c(42, 42, 42)),
                      (role.AlternateBase, c(46, 46, 46)), (role.Text, c(200, 200, 200)), (role.Button, c(84, 84, 84)),
                      (role.ButtonText, c(200, 200, 200)), (role.Highlight, c(103, 141, 178)),
                      (role.HighlightedText, c(255, 255, 255)), (role.ToolTipBase, c(42, 42, 42)),
                      (role.ToolTipText, c(200, 200, 200)), (role.Link, c(103, 141, 178)),
                      (role.Light, c(100, 100, 100)),
                      (role.Midlight, c(84, 84, 84)), (role.Mid, c(68, 68, 68)), (role.Dark, c(42, 42, 42)),
                      (role.Shadow, c(21, 21, 21)), (role.PlaceholderText, c(128, 128, 128))):
        p.setColor(r, colour)
    # disabled: mid-grey text on a button darker than the enabled one, readable as Maya's are
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(group.Disabled, r, c(140, 140, 140))
    p.setColor(group.Disabled, role.Button, c(60, 60, 60))
    return p


def wait(app, predicate, seconds=60):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if predicate():
            return True
        time.sleep(0.02)
    return False


def small_png(image, path):
    """8-bit colour (a panel has few colours): a fifth of the bytes of a 32-bit PNG."""
    from Qt import QtCore, QtGui
    indexed = image.convertToFormat(QtGui.QImage.Format.Format_Indexed8, QtCore.Qt.ImageConversionFlag.ThresholdDither)
    if not indexed.save(str(path), "PNG", 9):
        raise SystemExit("could not write " + str(path))


def shoot(app, client, args, home, palette_name, farm, tabs, shown=None):
    from batchrender_maya import adapter
    from batchrender_maya.panel.main import BatchRenderPanel
    from batchrender_maya.panel.settings import PanelSettings
    from maya import _standin

    _standin.reset()
    _standin.open_scene(str(args.scene))
    settings = PanelSettings.load({"BATCHRENDER_HOME": str(home / "panel-{}-{}".format(farm, palette_name))})
    settings.set("outputFolder", str(Path.home() / "renders" / args.scene.stem))
    settings.set("farm", farm)
    panel = BatchRenderPanel(lambda: client, scene=adapter, settings=settings)
    panel.show()
    panel.select_tab("Assets")
    wait(app, lambda: panel.assets_tab.assets is not None)
    if farm == "local":
        panel.select_tab("Jobs")
        wait(app, lambda: len(panel.jobs_tab.jobs) >= 3)
        panel.jobs_tab.select_job(shown or panel.jobs_tab.jobs[0]["id"])
        wait(app, lambda: panel.jobs_tab.tasks.rowCount() > 0)
        if shown:
            wait(app, lambda: bool(panel.jobs_tab.thumbnail.property("thumbnailPath")), 30)
        panel.jobs_tab.tasks.selectRow(0)
        wait(app, lambda: "== stdout" in panel.jobs_tab.log.toPlainText(), 20)
    for width_name, width in WIDTHS.items():
        panel.resize(width, HEIGHT)
        for tab in tabs:
            panel.select_tab(tab)
            if tab == "Pools":
                wait(app, lambda: panel.pools_tab.status.kind != "busy", 30)
            wait(app, lambda: False, 0.3)
            name = [tab.lower()] + (["azure"] if farm == "azure" else []) + [width_name, palette_name]
            path = args.out / ("-".join(name) + ".png")
            small_png(panel.grab().toImage(), path)
            print(path)
    if farm == "local":
        shoot_preview(app, panel, args.out / "submit-preview-{}.png".format(palette_name))
    panel.shutdown()
    panel.deleteLater()


def shoot_preview(app, panel, path):
    """The Submit tab's Preview dialog for the scene's renderable layers, its first task at the top."""
    s = panel.submit_tab
    panel.select_tab("Submit")
    s.preview()
    wait(app, lambda: s.preview_dialog is not None or s.status.kind == "error", 120)
    if s.preview_dialog is None:
        raise SystemExit("no preview: " + s.status.text())
    d = s.preview_dialog
    wait(app, d.json_filled, 30)
    view = d.tasks_view
    view.find("Task 1 (")                         # past the job's environment (this machine's) to the tasks
    cursor = view.textCursor()
    cursor.clearSelection()
    view.setTextCursor(cursor)
    view.verticalScrollBar().setValue(cursor.blockNumber())
    d.resize(720, 640)
    wait(app, lambda: False, 0.3)
    small_png(d.grab().toImage(), path)
    print(path)
    d.close()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scene", type=Path, default=DEFAULT_SCENE, help="the Maya ASCII scene the panel shows")
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = ap.parse_args(argv)
    if not args.scene.is_file():
        raise SystemExit("no scene at {}: give one with --scene".format(args.scene))

    from Qt import QtWidgets
    from Qt import QtGui
    app = QtWidgets.QApplication([])
    app.setStyle("Fusion")                          # Maya's own style
    light = app.palette()

    from batchrender import Client
    from maya import cmds  # noqa: F401  (the stand-in's main-window UI)

    home = Path(tempfile.mkdtemp(prefix="br-shots-"))
    env = dict(os.environ, BATCHRENDER_HOME=str(home), BATCHRENDER_AGENT_IDLE_SECONDS="5")
    client = Client(env=env).start()
    try:
        out = home / "renders"
        shown = None
        if shutil.which("blender"):               # a real render, fetched by a watcher: the Jobs tab's thumbnail
            scene = home / "demo.blend"
            subprocess.run(["blender", "-b", "--factory-startup", "--python-exit-code", "1", "--python",
                            str(REPO / "examples" / "build_scene.py"), "--", str(scene)],
                           check=True, capture_output=True, timeout=300)
            job = client.submit(scene=str(scene), frames="1-2", name="demo_lookdev", output=str(out / "demo")).wait(120)
            shown = job["jobId"]
            deadline = time.monotonic() + 300
            while client.job(shown)["state"] != "completed" and time.monotonic() < deadline:
                time.sleep(1)
            client.start_watcher(shown, str(out / "demo-home")).wait(60)
            while not client.watcher(shown).get("latestThumbnailPath") and time.monotonic() < deadline:
                time.sleep(1)
        # a few real jobs: finished, failed, and one still rendering
        for name, command, frames in (("sh010_comp", ["sh", "-c", "exit 0"], "1-24"),
                                      ("sh020_light", ["sh", "-c", "[ {frame} -ne 7 ]"], "1-12"),
                                      ("sh030_anim", ["sh", "-c", "sleep 600"], "1-48")):
            client.submit(command=command, frames=frames, name=name, output=str(out / name), chunk=1).wait(60)
        time.sleep(4)

        args.out.mkdir(parents=True, exist_ok=True)
        for palette_name, palette in (("light", light), ("dark", maya_palette(QtGui))):
            app.setPalette(palette)                 # before the panel, as in Maya
            for farm, tabs in (("local", TABS), ("azure", AZURE_TABS)):
                shoot(app, client, args, home, palette_name, farm, tabs, shown)
    finally:
        for job in client.jobs():
            try:
                client.cancel_job(job["id"]).wait(60)
            except Exception:  # noqa: BLE001 - a picture run: leave nothing running, whatever happened
                pass
        client.close()
        subprocess.run([str(REPO / "batchrender"), "agent", "--stop"], env=env, capture_output=True, timeout=60)


if __name__ == "__main__":
    main()
