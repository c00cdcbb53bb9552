"""Submit: the scene, pool, job name, renderer, frames and output (overridable for this job without
changing the scene), the checks before a submit, and Submit Job with its progress."""
import json
import os
from typing import Any

from Qt import QtCore, QtWidgets

from .background import describe, rate_and_eta
from .preview_dialog import PreviewDialog, PreviewText
from .widgets import AMBER, GREEN, RED, StatusLabel, dot_icon


#: plug-ins that ship in Maya's own bin/plug-ins (so every Maya on a pool image has them), as a default Maya
#: session lists them ("Updating pymel with pre-loaded plugins: invertShape, mayaHIK, ...", Maya 2017's Script
#: Editor log, https://pastebin.com/2udTU32W), plus "maya" itself and the two every scene of ../shared/testdata
#: requires from Maya's install (stereoCamera, renderSetup.py). Renderers (mtoa, vrayformaya, redshift4maya,
#: RenderMan_for_Maya) are installed separately and are not here: the pool's image needs them.
MAYA_OWN_PLUGINS = frozenset([
    "maya", "stereoCamera", "renderSetup", "renderSetup.py", "invertShape", "mayaHIK", "GamePipeline", "curveWarp",
    "CloudImportExport", "tiffFloatReader", "SEToolsPlugin", "MASH", "poseInterpolator", "ATFPlugin",
    "hairPhysicalShader", "ikSpringSolver", "ik2Bsolver", "xgenToolkit", "AbcExport", "retargeterNodes",
    "gameFbxExporter", "VectorRender", "animImportExport", "OpenEXRLoader", "lookdevKit", "Unfold3D", "Type",
    "mayaCharacterization", "modelingToolkit", "deformerEvaluator", "GPUBuiltInDeformer", "fbxmaya"])


def frame_spec(start, end, step):
    """``1-100x2`` from the fields; one frame when start == end."""
    if start == end:
        return str(start)
    return "{}-{}".format(start, end) + ("x{}".format(step) if step != 1 else "")


class SubmitTab(QtWidgets.QWidget):
    def __init__(self, panel):
        self._azure_asked: Any = None
        self._azure_answer: dict = {}
        super(SubmitTab, self).__init__()
        self.panel = panel
        self.snapshot = None  # type: Any  # the adapter's snapshot of the open scene (a dict), or None
        self.follower = None
        layout = QtWidgets.QVBoxLayout(self)

        scene_row = QtWidgets.QHBoxLayout()
        self.scene = QtWidgets.QLineEdit()
        self.scene.setPlaceholderText("the scene to render")
        browse = QtWidgets.QPushButton("Browse...")
        browse.clicked.connect(self._browse_scene)
        self.refresh_button = QtWidgets.QPushButton("Refresh")
        self.refresh_button.setToolTip("Read the open scene again (after opening another one)")
        self.refresh_button.clicked.connect(self.refresh)
        scene_row.addWidget(self.scene, 1)
        scene_row.addWidget(browse)
        scene_row.addWidget(self.refresh_button)
        self.scene.editingFinished.connect(self._scene_edited)

        form = QtWidgets.QFormLayout()
        form.addRow("Scene", scene_row)
        self.renderer = StatusLabel("")
        self.renderer.setObjectName("renderer")
        form.addRow("Renderer", self.renderer)
        self.job_name = QtWidgets.QLineEdit()
        form.addRow("Job name", self.job_name)

        # the pool: one radio a row, the node counts (auto-pool and new pool) on a row of their own, so the
        # tab stays narrow enough to dock beside Maya's viewport (<= 450 px)
        pool_box = QtWidgets.QWidget()
        pl = QtWidgets.QGridLayout(pool_box)
        pl.setContentsMargins(0, 0, 0, 0)
        self.pool_local = QtWidgets.QRadioButton("This workstation")
        self.pool_auto = QtWidgets.QRadioButton("Auto-pool for this job")
        self.pool_existing = QtWidgets.QRadioButton("Reuse pool")
        self.pool_existing.setToolTip("Reuse a persistent pool from the farm's list")
        self.pool_new = QtWidgets.QRadioButton("New pool")
        self.pool_new.setToolTip("Create a persistent pool with this id; it stays after the job")
        self.pool_list = QtWidgets.QComboBox()
        self.pool_list.setObjectName("persistentPools")
        self.pool_list.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.pool_list.setMinimumContentsLength(12)
        self.pool_new_id = QtWidgets.QLineEdit(panel.settings.get("newPoolId"))
        self.pool_new_id.setPlaceholderText("new pool id")
        self.nodes = QtWidgets.QSpinBox()
        self.nodes.setObjectName("dedicatedNodes")
        self.nodes.setRange(0, 1000)
        self.nodes.setValue(int(panel.settings.get("poolNodes")))
        self.nodes.setToolTip("Dedicated nodes of the auto-pool or the new pool")
        self.spot_nodes = QtWidgets.QSpinBox()
        self.spot_nodes.setObjectName("spotNodes")
        self.spot_nodes.setRange(0, 1000)
        self.spot_nodes.setValue(int(panel.settings.get("poolSpotNodes")))
        self.spot_nodes.setToolTip("Spot (low-priority) nodes: much cheaper, but Azure may take them back mid-frame "
                                   "(the frame then renders again elsewhere)")
        self.node_counts = QtWidgets.QWidget()
        counts = QtWidgets.QHBoxLayout(self.node_counts)
        counts.setContentsMargins(0, 0, 0, 0)
        counts.addWidget(QtWidgets.QLabel("Nodes: dedicated"))
        counts.addWidget(self.nodes)
        counts.addWidget(QtWidgets.QLabel("Spot"))
        counts.addWidget(self.spot_nodes)
        counts.addStretch(1)
        self.pool_local.setChecked(True)
        pl.addWidget(self.pool_local, 0, 0, 1, 2)
        pl.addWidget(self.pool_auto, 1, 0, 1, 2)
        pl.addWidget(self.pool_existing, 2, 0)
        pl.addWidget(self.pool_list, 2, 1)
        pl.addWidget(self.pool_new, 3, 0)
        pl.addWidget(self.pool_new_id, 3, 1)
        pl.addWidget(self.node_counts, 4, 0, 1, 2)
        pl.setColumnStretch(1, 1)
        self.pool_widgets = (self.pool_auto, self.pool_existing, self.pool_new, self.pool_list, self.node_counts,
                             self.pool_new_id)
        for w in (self.pool_local, self.pool_auto, self.pool_existing, self.pool_new):
            w.toggled.connect(lambda _on: self.update_checks() if hasattr(self, "checks") else None)
        form.addRow("Pool", pool_box)

        frames = QtWidgets.QHBoxLayout()
        self.start = QtWidgets.QSpinBox()
        self.end = QtWidgets.QSpinBox()
        self.step = QtWidgets.QSpinBox()
        for spin, tip in ((self.start, "First frame"), (self.end, "Last frame")):
            spin.setRange(-1000000, 1000000)
            spin.setToolTip(tip)
        self.step.setRange(1, 10000)
        self.step.setToolTip("Render every Nth frame")
        frames.addWidget(self.start, 1)
        frames.addWidget(QtWidgets.QLabel("to"))
        frames.addWidget(self.end, 1)
        frames.addWidget(QtWidgets.QLabel("by"))
        frames.addWidget(self.step)
        form.addRow("Frames", frames)
        self.prefix = QtWidgets.QLineEdit()
        self.prefix.setPlaceholderText("the scene's image file prefix")
        form.addRow("Output prefix", self.prefix)
        out_row = QtWidgets.QHBoxLayout()
        self.output = QtWidgets.QLineEdit(panel.settings.get("outputFolder"))
        out_browse = QtWidgets.QPushButton("Browse...")
        out_browse.clicked.connect(self._browse_output)
        out_row.addWidget(self.output, 1)
        out_row.addWidget(out_browse)
        form.addRow("Output folder", out_row)
        watch_row = QtWidgets.QHBoxLayout()
        self.watch = QtWidgets.QCheckBox("Watch")
        self.watch.setObjectName("watchAfterSubmit")
        self.watch.setToolTip("After the submit, a background watcher brings each finished frame into this folder "
                              "(it keeps going after Maya closes)")
        self.watch.setChecked(bool(panel.settings.get("watchAfterSubmit")))
        self.download = QtWidgets.QLineEdit(panel.settings.get("downloadFolder"))
        self.download.setObjectName("downloadFolder")
        self.download.setPlaceholderText("download folder")
        download_browse = QtWidgets.QPushButton("Browse...")
        download_browse.clicked.connect(self._browse_download)
        self.watch.toggled.connect(lambda _on: self.update_checks() if hasattr(self, "checks") else None)
        watch_row.addWidget(self.watch)
        watch_row.addWidget(self.download, 1)
        watch_row.addWidget(download_browse)
        form.addRow("Bring home", watch_row)
        self.camera = QtWidgets.QComboBox()
        self.layer = QtWidgets.QComboBox()
        form.addRow("Camera", self.camera)
        form.addRow("Render layer", self.layer)
        self.layer.currentIndexChanged.connect(self._layer_chosen)
        layout.addLayout(form)

        layout.addWidget(QtWidgets.QLabel("Checks before submit"))
        self.checks = QtWidgets.QListWidget()
        self.checks.setObjectName("checks")
        self.checks.setMaximumHeight(170)
        self.checks.setWordWrap(True)
        self.checks.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.checks)
        check_row = QtWidgets.QHBoxLayout()
        self.save_button = QtWidgets.QPushButton("Save Scene")
        self.save_button.clicked.connect(self._save_scene)
        self.allow_missing = QtWidgets.QCheckBox("Submit anyway with missing files")
        check_row.addWidget(self.save_button)
        check_row.addWidget(self.allow_missing)
        check_row.addStretch(1)
        layout.addLayout(check_row)

        submit_row = QtWidgets.QHBoxLayout()
        self.submit_button = QtWidgets.QPushButton("Submit Job")
        self.submit_button.setObjectName("submitJob")
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)
        self.preview_button = QtWidgets.QPushButton("Preview")
        self.preview_button.setObjectName("previewJob")
        self.preview_button.setToolTip("Show the job exactly as the chosen farm would take it (every task's command "
                                       "line, environment, files and outputs) without submitting anything")
        self.preview_button.clicked.connect(self.preview)
        self.preview_dialog = None  # type: Any  # the last PreviewDialog shown
        self.cancel_button = QtWidgets.QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.setVisible(False)        # shown while a submit runs
        self.cancel_button.clicked.connect(self._cancel)
        submit_row.addWidget(self.submit_button)
        submit_row.addWidget(self.preview_button)
        submit_row.addWidget(self.cancel_button)
        submit_row.addStretch(1)
        layout.addLayout(submit_row)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setVisible(False)             # shown while a submit runs
        layout.addWidget(self.progress)
        self.status = StatusLabel("")
        self.status.setObjectName("submitStatus")
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.last_job = None
        self.watcher_job = None
        self.farm_changed(panel.settings.get("farm"))

    # ---- the scene ----------------------------------------------------------------------------

    def refresh(self):
        """Reads the open Maya scene again (on the main thread: Maya's API lives there)."""
        self.panel.ask_core()
        self.snapshot = self.panel.read_scene()
        if self.snapshot is None:
            self._show_renderer()
            self.update_checks()
            return
        snap = self.snapshot
        self.scene.setText(snap["scene"])
        base = os.path.splitext(os.path.basename(snap["scene"]))[0] if snap["scene"] else ""
        self.job_name.setText(base)
        self.camera.clear()
        if len(snap["cameras"]) > 1:
            self.camera.addItem("All renderable cameras", "")
        for camera in snap["cameras"]:
            self.camera.addItem(camera, camera)
        self.layer.blockSignals(True)
        self.layer.clear()
        self.layer.addItem("All renderable layers", "")
        for layer in snap["layers"]:
            if layer["renderable"]:
                self.layer.addItem(layer["name"], layer["node"])
        self.layer.blockSignals(False)
        self._layer_chosen()
        self.update_checks()

    def chosen_layer(self):
        """The chosen render layer's entry from the scene, or None for all renderable layers."""
        node = self.layer.currentData()
        if not node or self.snapshot is None:
            return None
        return next((l for l in self.snapshot["layers"] if l["node"] == node), None)

    def _layer_chosen(self, *_args):
        """Frames and prefix as the chosen layer renders them: the scene's, with the layer's overrides."""
        if self.snapshot is None:
            return
        f = dict(self.snapshot["frames"])
        prefix = self.snapshot["imagePrefix"]
        layer = self.chosen_layer()
        if layer is not None:
            o = layer["overrides"]
            if f["animation"] or o.get("animation"):
                f.update({"start": o.get("startFrame", f["start"]), "end": o.get("endFrame", f["end"]),
                          "step": o.get("byFrameStep", f["step"])})
            prefix = o.get("imageFilePrefix", prefix) or ""
        self.start.setValue(int(round(f["start"])))
        self.end.setValue(int(round(f["end"])))
        self.step.setValue(max(1, int(round(f["step"]))))
        self.prefix.setText(prefix)
        self._show_renderer()

    def _maya_scene(self):
        """True when the scene field names the open Maya scene (its checks apply)."""
        return bool(self.snapshot is not None and self.snapshot["scene"] and
                    os.path.normcase(self.scene.text().strip()) == os.path.normcase(self.snapshot["scene"]))

    def renderer_name(self):
        path = self.scene.text().strip()
        if path.lower().endswith(".blend"):
            return "blender"
        if self._maya_scene():
            layer = self.chosen_layer()
            return (layer or {}).get("overrides", {}).get("currentRenderer") or self.snapshot["renderer"]
        return ""

    def _show_renderer(self):
        r = self.renderer_name()
        labels = self.panel.renderer_labels()    # the core's table: what the CLI renders with too
        if not r:
            self.renderer.show_status("info", "decided by the core from the scene file")
        elif not labels:
            self.renderer.show_status("busy", "{}: asking the core whether it renders it".format(r))
        elif r in labels:
            self.renderer.show_status("ok", labels[r])
        else:
            self.renderer.show_status("warning", "{}: not supported by Batch Render; the job would fail. Choose {}.".format(
                r, ", ".join(v for k, v in labels.items() if k != "blender")))

    def core_answered(self):
        """The core's defaults arrived: show the renderer by its table, and check again."""
        self._show_renderer()
        self.update_checks()
        self.panel.assets_tab.scene_named(self.scene.text().strip())

    def _scene_edited(self):
        path = self.scene.text().strip()
        if path and not self.job_name.text().strip():
            self.job_name.setText(os.path.splitext(os.path.basename(path))[0])
        self.panel.assets_tab.scene_named(path)
        self._show_renderer()
        self.update_checks()

    def _browse_scene(self):
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, "Scene to render", self.scene.text(),
                                                        "Scenes (*.ma *.mb *.blend);;All files (*)")
        if path:
            self.scene.setText(path)
            self._scene_edited()

    def _browse_output(self):
        path = QtWidgets.QFileDialog.getExistingDirectory(self, "Output folder", self.output.text())
        if path:
            self.output.setText(path)

    def _browse_download(self):
        path = QtWidgets.QFileDialog.getExistingDirectory(self, "Download folder", self.download.text())
        if path:
            self.download.setText(path)
            self.watch.setChecked(True)

    def _save_scene(self):
        try:
            self.panel.save_scene()
        except Exception as e:  # noqa: BLE001 - Maya's own reason, e.g. an untitled scene
            self.status.show_status("error", "Could not save: {}".format(e))
        self.refresh()

    # ---- checks -------------------------------------------------------------------------------

    def check_results(self):
        """[(ok, blocking, text)] for the scene as it is now."""
        out = []
        path = self.scene.text().strip()
        if not path:
            return [(False, True, "No scene: open one in Maya or choose a file.")]
        if not os.path.isfile(path):
            return [(False, True, "The scene file does not exist: save the scene first.")]
        if self._maya_scene():
            snap = self.snapshot
            out.append((snap["saved"], True, "Scene saved" if snap["saved"] else
                        "The scene has unsaved changes: save it (the farm renders the file on disk)."))
            out.append((bool(snap["cameras"]), True, "Renderable camera: " + ", ".join(snap["cameras"])
                        if snap["cameras"] else "No renderable camera: turn on Renderable for one in its attributes."))
            layers = [l["name"] for l in snap["layers"] if l["renderable"]]
            out.append((bool(layers), True, "Renderable layer: " + ", ".join(layers) if layers
                        else "No renderable render layer: make one renderable in the Render Setup window."))
            r = self.renderer_name()
            labels = self.panel.renderer_labels()
            out.append((r in labels, True, "Renderer: " + labels.get(r, r) if labels else
                        "Renderer: " + r + " (asking the core whether it renders it)"))
        if self.pool_mode() in ("auto", "new") and not self.nodes.value() + self.spot_nodes.value():
            out.append((False, True, "No nodes: give the pool at least one dedicated or Spot node."))
        if self.watch.isChecked() and not self.download.text().strip():
            out.append((False, True, "Watch is ticked: choose the download folder for the frames."))
        if self.panel.farm() == "azure":
            for problem in self.azure_problems():
                out.append((False, True, problem))
            plugins = self.scene_plugins()
            others = [p for p in plugins or [] if p not in MAYA_OWN_PLUGINS]
            if others:
                out.append((False, False, "The scene needs plug-in(s) the pool's image may not have: {} (install "
                                          "them in your Compute Gallery image).".format(", ".join(others))))
        missing = self.panel.assets_tab.missing_count()
        if missing is None:
            out.append((True, False, "Assets: not checked in this session (the core checks again at submit)."))
        elif missing:
            out.append((self.allow_missing.isChecked(), not self.allow_missing.isChecked(),
                        "{} missing file(s): see the Assets tab, or submit anyway.".format(missing)))
        else:
            out.append((True, False, "Assets: every file found."))
        return out

    def azure_problems(self):
        """What Azure Batch would refuse for this scene and pool (a Maya scene on the Blender image, a Compute
        Gallery image with a Shared Key), as the core says (``Client.azure_checks``). Asked off the main thread
        when the scene or pool changes; the checks are shown again when the answer comes."""
        if self.pool_mode() == "local":
            return []
        key = json.dumps([self.scene.text().strip(), self.pool_request()], sort_keys=True)
        if key != self._azure_asked:
            self._azure_asked = key
            scene, pool = self.scene.text().strip(), self.pool_request()
            self.panel.background.call(lambda c: c.azure_checks(scene, pool),
                                       lambda problems: self._azure_checked(key, problems),
                                       lambda _e: self._azure_checked(key, []))  # Config's check says why
        return self._azure_answer.get(key, [])

    def _azure_checked(self, key, problems):
        self._azure_answer = {key: list(problems or [])}
        if key == self._azure_asked and problems:
            self.update_checks()

    def scene_plugins(self):
        """The plug-ins the scene requires (its ``requires`` statements, as the core's scan read them), or None
        when the scene was not checked yet."""
        return self.panel.assets_tab.plugins if self.panel.assets_tab.scanned_scene == self.scene.text().strip() \
            else None

    def update_checks(self):
        self.checks.clear()
        results = self.check_results()
        for ok, blocking, text in results:
            it = QtWidgets.QListWidgetItem(dot_icon(GREEN if ok else (RED if blocking else AMBER)), text)
            self.checks.addItem(it)
        self.save_button.setVisible(self._maya_scene() and not self.snapshot["saved"])
        self.allow_missing.setVisible(bool(self.panel.assets_tab.missing_count()) or self.allow_missing.isChecked())
        blocked = any(not ok and blocking for ok, blocking, _t in results)
        self.submit_button.setEnabled(not blocked and self.follower is None and self._pool_usable())
        return results

    # ---- pools --------------------------------------------------------------------------------

    def farm_changed(self, farm):
        azure = farm == "azure"
        # only the chosen farm's choices show: this workstation, or Azure Batch's pools
        self.pool_local.setEnabled(not azure)
        self.pool_local.setVisible(not azure)
        for w in self.pool_widgets:
            w.setEnabled(azure)
            w.setVisible(azure)
        if azure:
            mode = self.panel.settings.get("poolMode")
            {"existing": self.pool_existing, "new": self.pool_new}.get(mode, self.pool_auto).setChecked(True)
        else:
            self.pool_local.setChecked(True)
        if hasattr(self, "checks"):
            self.update_checks()

    def pools_listed(self, farm, pools):
        """The Azure pools to offer for reuse (from the Pools tab, or asked for here)."""
        if farm != "azure":
            return
        keep = self.pool_list.currentText() or self.panel.settings.get("persistentPool")
        self.pool_list.clear()
        for p in pools:
            self.pool_list.addItem("{} ({}, {} node(s))".format(p["id"], p.get("vmSize", ""),
                                                               p.get("targetDedicatedNodes", 0)), p["id"])
        index = self.pool_list.findData(keep)
        if index >= 0:
            self.pool_list.setCurrentIndex(index)

    def pool_mode(self):
        if self.pool_local.isChecked():
            return "local"
        return "existing" if self.pool_existing.isChecked() else "new" if self.pool_new.isChecked() else "auto"

    def _pool_usable(self):
        mode = self.pool_mode()
        if mode == "local":
            return self.pool_local.isEnabled()
        if mode == "existing":
            return bool(self.pool_list.currentData())
        if mode == "new":
            return bool(self.pool_new_id.text().strip())
        return True

    def pool_request(self):
        """The ``pool`` field of an Azure submit: auto-pool, existing pool or new pool, with node counts."""
        mode = self.pool_mode()
        env = self.panel.env_tab.pool_settings()
        if mode == "existing":
            return {"mode": "existing", "id": self.pool_list.currentData()}
        pool = {"mode": mode, "dedicatedNodes": self.nodes.value()}
        if self.spot_nodes.value():
            pool["spotNodes"] = self.spot_nodes.value()
        if mode == "new":
            pool["id"] = self.pool_new_id.text().strip()
        pool.update({k: v for k, v in env.items() if v})
        return pool

    # ---- submit -------------------------------------------------------------------------------

    def request(self):
        """The fields of ``Client.submit`` for what the form says."""
        req = {"scene": self.scene.text().strip(),
               "frames": frame_spec(self.start.value(), self.end.value(), self.step.value()),
               "name": self.job_name.text().strip() or None}
        if self.output.text().strip():
            req["output"] = self.output.text().strip()
        if self._maya_scene():
            if self.camera.currentData():
                req["camera"] = self.camera.currentData()
            if self.layer.currentData():
                req["layer"] = self.layer.currentData()
            layer = self.chosen_layer()
            scene_prefix = (layer or {}).get("overrides", {}).get("imageFilePrefix", self.snapshot["imagePrefix"]) or ""
            if self.prefix.text().strip() != scene_prefix:
                req["imageName"] = self.prefix.text().strip()
            if self.snapshot["project"]["root"]:
                req["project"] = self.snapshot["project"]["root"]
        search = self.panel.assets_tab.search_paths()
        if search:
            req["searchPaths"] = search
        if self.allow_missing.isChecked():
            req["allowMissing"] = True
        if self.panel.settings.get("farm") == "azure":
            req["farm"] = "azure"
            req["pool"] = self.pool_request()
            named = self.panel.assets_tab.project.text().strip()
            if named:   # else the core names it, as for the CLI: the Maya project's folder, else the scene's name
                req["assetProject"] = named
            req["excluded"] = list(self.panel.settings.get("excluded"))
            req["extraFiles"] = list(self.panel.settings.get("extraFiles"))
            licenses = self.panel.env_tab.license_servers()
            if licenses:
                req["licenseServers"] = licenses
            variables = dict(self.panel.env_tab.variables())
            if variables:
                req["environment"] = variables
        return {k: v for k, v in req.items() if v is not None}

    def submit(self):
        if any(not ok and blocking for ok, blocking, _t in self.update_checks()):
            self.status.show_status("error", "Fix the checks marked red first.")
            return
        req = self.request()
        self.panel.settings.set("outputFolder", self.output.text().strip())
        if self.pool_mode() != "local":
            self.panel.settings.set("poolMode", self.pool_mode())
            self.panel.settings.set("persistentPool", self.pool_list.currentData() or "")
            self.panel.settings.set("newPoolId", self.pool_new_id.text().strip())
            self.panel.settings.set("poolNodes", self.nodes.value())
            self.panel.settings.set("poolSpotNodes", self.spot_nodes.value())
        self.panel.settings.set("watchAfterSubmit", self.watch.isChecked())
        self.panel.settings.set("downloadFolder", self.download.text().strip())
        self.panel.settings.save()
        self.submit_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(True)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.status.show_status("busy", "Submitting...")
        self.follower = self.panel.background.follow(lambda c: c.submit(**req), self._progress, self._done,
                                                     self._failed)

    def preview(self):
        """The form as Submit would send it, compiled by the core for the chosen farm and shown in a dialog;
        nothing is submitted, uploaded or created. The call and the dialog's texts are made off the main thread."""
        req = self.request()
        self.preview_button.setEnabled(False)
        self.status.show_status("busy", "Compiling the job for a preview...")
        self.panel.background.call(lambda c: PreviewText.of(c.preview(**req).wait(timeout=600)),
                                   self._previewed, self._preview_failed)

    def _previewed(self, text):
        self.preview_button.setEnabled(True)
        self.status.show_status("ok", "Preview: {:,} task(s) on {}; nothing was submitted.".format(
            text.task_count, "Azure Batch" if text.farm == "azure" else "this workstation"))
        if self.preview_dialog is not None:
            self.preview_dialog.close()
        self.preview_dialog = PreviewDialog(text, self)
        self.preview_dialog.show()

    def _preview_failed(self, error):
        self.preview_button.setEnabled(True)
        self.status.show_status("error", "No preview: " + describe(error))

    def _progress(self, p):
        if p.total:   # per mille: an upload's byte counts overflow a progress bar's int
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(p.done, p.total) / p.total))
        if p.message.startswith(("Uploading", "Listing", "Looking")):   # an Azure submit's upload, in bytes
            text = p.message + (" · {:.1f} MB/s".format(p.rate / 1e6) if p.rate else "")
        else:
            text = "{} ({})".format(p.message or "Submitting...", rate_and_eta(p, 0))
        self.status.show_status("busy", text)

    def _done(self, job):
        self._finish()
        self.last_job = job
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.show_status("ok", "Submitted job {} ({}).".format(job.get("jobId"), job.get("name", "")))
        self.panel.job_submitted(job)
        if self.watch.isChecked() and self.download.text().strip():
            self._start_watcher(job, self.download.text().strip())

    def _start_watcher(self, job, folder):
        """Watch was ticked: a background watcher (a separate process that outlives Maya) brings the frames home."""
        job_id, farm = job.get("jobId"), self.panel.farm()
        submitted = self.status.text()
        self.watcher_job = None
        self.panel.background.follow(
            lambda c: c.start_watcher(job_id, folder, farm=farm), None,
            lambda w: self._watching(job_id, folder, submitted),
            lambda e: self.status.show_status("warning", submitted + " Not watching: " + describe(e)))

    def _watching(self, job_id, folder, submitted):
        self.watcher_job = job_id
        self.status.show_status("ok", "{} Watching: its frames come home to {} as they finish.".format(
            submitted, folder))

    def _failed(self, error):
        self._finish()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if getattr(error, "code", "") == "HandedOff":   # the gateway was stopped: it finishes the submit itself
            self.status.show_status("warning", "Submit left to the stopping gateway: " + describe(error))
            return
        self.status.show_status("error", "Not submitted: " + describe(error))

    def _finish(self):
        self.follower = None
        self.progress.setVisible(False)
        self.cancel_button.setEnabled(False)
        self.cancel_button.setVisible(False)
        self.update_checks()

    def _cancel(self):
        if self.follower is not None:
            self.follower.cancel()
            self.status.show_status("busy", "Cancelling...")
