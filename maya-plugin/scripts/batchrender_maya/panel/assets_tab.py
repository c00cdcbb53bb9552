"""Assets: every file the scene needs, found or missing, as the core resolves the references Maya
reports; search folders (click a missing file to add one), extra files, include/exclude, Upload."""
import os
import time
from typing import Any

from Qt import QtCore, QtWidgets

from .background import describe, rate_and_eta
from .widgets import GREEN, RED, SIZING_ROWS, StatusLabel, dot_icon, tool_button

COLUMNS = ["", "Status", "File (as named)", "Resolved to", "Named by"]
#: node names a row shows beside the count (the core sends a few more)
NAMES_SHOWN = 3


def named_by(asset):
    """``file1``, or ``16,500 nodes: file1, file2, file3, ...`` for a file many nodes name."""
    nodes = asset.get("nodes") or ([asset["node"]] if asset.get("node") else [])
    count = asset.get("nodeCount", len(nodes))
    if count <= 1:
        return nodes[0] if nodes else ""
    shown = nodes[:NAMES_SHOWN]
    return "{:,} nodes: {}{}".format(count, ", ".join(shown), ", ..." if count > len(shown) else "")


class AssetsModel(QtCore.QAbstractTableModel):
    """The files of the last check, one row per file (however many nodes name it), for a QTableView: rows are
    drawn from the core's answer on demand, so 200,000 files cost the view only the rows on screen."""

    include_changed = QtCore.Signal(str, bool)

    def __init__(self, parent=None):
        super(AssetsModel, self).__init__(parent)
        self.rows = []
        self.excluded = set()
        self._found = dot_icon(GREEN)
        self._missing = dot_icon(RED)

    def set_rows(self, rows, excluded):
        self.beginResetModel()
        self.rows = rows
        self.excluded = set(excluded)
        self.endResetModel()

    def rowCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=QtCore.Qt.ItemDataRole.DisplayRole):
        if orientation == QtCore.Qt.Orientation.Horizontal and role == QtCore.Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index):
        if index.column() == 0:
            return QtCore.Qt.ItemFlag.ItemIsUserCheckable | QtCore.Qt.ItemFlag.ItemIsEnabled
        return QtCore.Qt.ItemFlag.ItemIsEnabled | QtCore.Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=QtCore.Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        c = index.column()
        roles = QtCore.Qt.ItemDataRole
        if role == roles.UserRole:
            return a
        if c == 0:
            if role == roles.CheckStateRole:
                return QtCore.Qt.CheckState.Unchecked if a["path"] in self.excluded else QtCore.Qt.CheckState.Checked
            if role == roles.ToolTipRole:
                return "Include this file in the asset project"
            return None
        if role == roles.DisplayRole:
            if c == 1:
                return a["status"]
            if c == 2:
                return a["path"]
            if c == 3:
                files = a.get("files") or []
                resolved = files[0] if len(files) == 1 else ("{} files".format(len(files)) if files else "")
                return resolved + (" ({})".format(a["foundBy"]) if a.get("foundBy") else "")
            return named_by(a)
        if role == roles.DecorationRole and c == 1:
            return self._found if a["status"] == "found" else self._missing
        if role == roles.ToolTipRole:
            if c == 1:
                return None if a["status"] == "found" else (a.get("problem") or "Click to add a folder to search for it")
            if c == 2:
                return a["path"] + ("\n" + a["problem"] if a.get("problem") else "")
            if c == 3:
                return "\n".join(a.get("files") or [])
            if c == 4:
                return "\n".join(a.get("nodes") or []) + ("\n..." if a.get("nodeCount", 0) > len(a.get("nodes") or []) else "")
        return None

    def setData(self, index, value, role=QtCore.Qt.ItemDataRole.EditRole):
        if index.column() != 0 or role != QtCore.Qt.ItemDataRole.CheckStateRole:
            return False
        path = self.rows[index.row()]["path"]
        included = QtCore.Qt.CheckState(value) == QtCore.Qt.CheckState.Checked
        if included:
            self.excluded.discard(path)
        else:
            self.excluded.add(path)
        self.dataChanged.emit(index, index, [role])
        self.include_changed.emit(path, included)
        return True


class AssetsTab(QtWidgets.QWidget):
    def __init__(self, panel):
        super(AssetsTab, self).__init__()
        self.panel = panel
        self.assets = None  # type: Any  # the core's answer for the current scene (a list), or None
        self.scanned_scene = None
        self.plugins = None         # the plug-ins the scanned scene requires (its "requires" statements), or None
        self.follower = None
        self.uploader = None        # the upload in flight, or None
        self.last_upload = None     # the core's report of the last finished upload
        self.default_project = None  # the core's name for the scene's asset project when the field is empty
        self._default_for = None     # the (scene, project root) that name was asked for
        layout = QtWidgets.QVBoxLayout(self)

        form = QtWidgets.QFormLayout()
        self.project = QtWidgets.QLineEdit()
        self.project.setPlaceholderText("the core names it: the Maya project's folder, else the scene's name")
        form.addRow("Asset project", self.project)
        layout.addLayout(form)

        self.model = AssetsModel(self)
        self.model.include_changed.connect(self._include_changed)
        self.table = QtWidgets.QTableView()
        self.table.setObjectName("assetsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTextElideMode(QtCore.Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        # fixed row heights: the view never measures rows it does not draw
        rows.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setResizeContentsPrecision(SIZING_ROWS)   # columns fit the first rows, not all 200,000
        for c in (0, 1):
            header.setSectionResizeMode(c, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        for c in (2, 3):
            header.setSectionResizeMode(c, QtWidgets.QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QtWidgets.QHeaderView.ResizeMode.Interactive)
        header.resizeSection(4, 110)    # node names can be long: the paths matter more beside the viewport
        self.table.clicked.connect(self._clicked)
        layout.addWidget(self.table, 1)
        self.summary = StatusLabel("")
        self.summary.setObjectName("assetsSummary")
        layout.addWidget(self.summary)

        search_row = QtWidgets.QHBoxLayout()
        search_label = QtWidgets.QLabel("Search folders")
        search_label.setToolTip("Looked through, recursively, for missing files")
        search_row.addWidget(search_label)
        search_row.addStretch(1)
        add_search = tool_button("Add...", "Add a folder to look through for missing files")
        add_search.clicked.connect(lambda: self._pick_search_folder(None))
        remove_search = tool_button("Remove", "Stop looking through the selected folder")
        remove_search.clicked.connect(self._remove_search)
        search_row.addWidget(add_search)
        search_row.addWidget(remove_search)
        layout.addLayout(search_row)
        self.search = QtWidgets.QListWidget()
        self.search.setMaximumHeight(70)
        self.search.addItems(panel.settings.get("searchPaths"))
        layout.addWidget(self.search)

        # one row of four buttons (the panel docks beside Maya's viewport: at most 450 px wide)
        row = QtWidgets.QHBoxLayout()
        self.scan_button = QtWidgets.QPushButton("Check Assets")
        self.scan_button.clicked.connect(self.scan)
        self.add_button = tool_button("Add Files", "Files or a folder the render also needs, beyond what the scene "
                                                   "names")
        self.add_button.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.InstantPopup)
        add_menu = QtWidgets.QMenu(self.add_button)
        add_menu.addAction("Add Files...", self._add_files)
        add_menu.addAction("Add Directory...", self._add_directory)
        self.add_button.setMenu(add_menu)
        self.upload = QtWidgets.QPushButton("Upload")
        self.upload.setObjectName("upload")
        self.upload.setToolTip("Send the scene and its included files to the asset project (only what changed)")
        self.upload.clicked.connect(self.start_upload)
        self.cancel_upload = QtWidgets.QPushButton("Cancel")
        self.cancel_upload.setToolTip("Cancel the upload: files sent so far stay, Upload again resumes")
        self.cancel_upload.setEnabled(False)
        self.cancel_upload.setVisible(False)        # shown while an upload runs
        self.cancel_upload.clicked.connect(self._cancel_upload)
        row.addWidget(self.scan_button)
        row.addWidget(self.add_button)
        row.addStretch(1)
        row.addWidget(self.upload)
        row.addWidget(self.cancel_upload)
        layout.addLayout(row)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setVisible(False)             # shown while a check or an upload runs
        layout.addWidget(self.progress)
        self.status = StatusLabel("")
        layout.addWidget(self.status)

    # ---- what the other tabs ask --------------------------------------------------------------

    def search_paths(self):
        return [self.search.item(i).text() for i in range(self.search.count())]

    def missing_count(self):
        """Missing files of the last check of the current scene (excluded ones not counted), or None."""
        if self.assets is None:
            return None
        excluded = set(self.panel.settings.get("excluded"))
        return sum(1 for a in self.assets if a["status"] != "found" and a["path"] not in excluded)

    def scene_changed(self, snapshot):
        """A new scene: forget the previous one's files at once (never show them for this one)."""
        self.assets = None
        self.scanned_scene = None
        self.plugins = None
        if self.follower is not None:
            self.follower.cancel()
            self.follower.stop()
            self.follower = None
        self.model.set_rows([], [])
        self.summary.show_status("info", "Not checked yet: click Check Assets.")
        # a Maya scene: the core's default (shown as the placeholder) unless the artist names one
        self.project.setText("" if snapshot else self.panel.settings.get("assetProject"))
        self.scan_button.setEnabled(True)
        if snapshot:
            self.scene_named(snapshot["scene"])

    def scene_named(self, scene):
        """Asks the core for the scene's default asset project (off the main thread), shown as the placeholder."""
        snapshot = self.panel._snapshot
        root = snapshot["project"]["root"] if snapshot and snapshot["scene"] == scene else None
        key = (scene, root)
        if not scene or key == self._default_for:
            return
        self._default_for = key
        self.default_project = None

        def answered(defaults):
            if self._default_for == key:
                self.default_project = defaults.get("assetProject")
                self.project.setPlaceholderText(self.default_project or "")
        self.panel.background.call(lambda c: c.submit_defaults(scene, root), answered)

    # ---- scanning -----------------------------------------------------------------------------

    def scan(self):
        """Asks the core to resolve the scene's files (an operation, polled; Maya stays responsive)."""
        scene = self.panel.scene_file()
        if not scene:
            self.status.show_status("error", "No scene to check: open one in Maya or choose one on the Submit tab.")
            return
        snapshot = self.panel.read_scene()
        references = snapshot["references"] if snapshot and snapshot["scene"] == scene else None
        search = self.search_paths()
        self.scan_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.status.show_status("busy", "Checking {}...".format(os.path.basename(scene)))
        started = time.monotonic()
        self.follower = self.panel.background.follow(
            lambda c: c.scan(scene, search_paths=search, references=references),
            lambda p: self._progress(p, started), lambda r: self._scanned(scene, r), self._failed)

    def _progress(self, p, started):
        if p.total:
            self.progress.setRange(0, p.total)
            self.progress.setValue(p.done)
        self.status.show_status("busy", "{} {}".format(p.message, rate_and_eta(p, time.monotonic() - started)))

    def _scanned(self, scene, result):
        self.follower = None
        self.scan_button.setEnabled(True)
        self.progress.setVisible(False)
        if scene != self.panel.scene_file():
            return  # the artist opened another scene meanwhile
        self.assets = result.get("assets", [])
        self.plugins = result.get("plugins")
        self.scanned_scene = scene
        self._fill()
        self.status.show_status("info", "")
        self.panel.assets_checked()

    def _failed(self, error):
        self.follower = None
        self.scan_button.setEnabled(True)
        self.progress.setVisible(False)
        self.status.show_status("error", "Could not check the assets: " + describe(error))

    def _fill(self):
        """Shows the last check's files and the files added by hand: the model takes the list as it is."""
        excluded = self.panel.settings.get("excluded")
        extra = [{"path": p, "status": "found" if os.path.exists(p) else "missing",
                  "files": [p] if os.path.exists(p) else [], "node": "(added by you)"}
                 for p in self.panel.settings.get("extraFiles")]
        self.model.set_rows(list(self.assets) + extra if extra else self.assets, excluded)
        self._summarize()

    def _summarize(self):
        missing = self.missing_count()
        nodes = sum(a.get("nodeCount", 1) for a in self.assets)
        self.summary.show_status("ok" if not missing else "error", "{:,} file(s) named by {:,} node(s), {:,} missing."
                                 .format(len(self.assets), nodes, missing))

    # ---- upload -------------------------------------------------------------------------------

    def project_name(self):
        """The asset project: the field, else the core's default for the scene (None until it answered)."""
        return self.project.text().strip() or self.default_project

    def start_upload(self):
        """Syncs the files to the asset project on the farm's store (Azure Blob Storage for Azure Batch,
        the local store for this workstation): an operation polled off the main thread."""
        if self.assets is None:
            self.status.show_status("error", "Check the assets first, so the scene's files are known.")
            return
        scene = self.panel.scene_file() or None
        named = self.project.text().strip()
        if not named and not scene:
            self.status.show_status("error", "Name the asset project.")
            return
        snapshot = self.panel._snapshot
        root = snapshot["project"]["root"] if snapshot and snapshot["scene"] == scene else None
        assets = list(self.assets)
        excluded = list(self.panel.settings.get("excluded"))
        extra = list(self.panel.settings.get("extraFiles"))
        store = "azure" if self.panel.settings.get("farm") == "azure" else "local"
        self.panel.settings.set("assetProject", self.project.text().strip())
        self.panel.settings.save()
        self.upload.setEnabled(False)
        self.cancel_upload.setEnabled(True)
        self.cancel_upload.setVisible(True)
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.show_status("busy", "Uploading to {}...".format(named or self.default_project or "the asset project"))

        def start(c):
            # what goes up is the core's answer, by the rule a submit to Azure uses (exclusions, workspace.mel, name)
            plan = c.upload_plan(scene, assets, project=root, asset_project=named or None, excluded=excluded,
                                 extra_files=extra)
            return c.sync_assets(plan["assetProject"], plan["paths"], store=store)
        self.uploader = self.panel.background.follow(start, self._upload_progress, self._uploaded,
                                                     self._upload_failed)

    def _upload_progress(self, p):
        if p.total:
            self.progress.setValue(int(1000 * p.done / p.total))
        text = p.message or "Uploading..."
        if p.rate:
            text += " · {:.1f} MB/s".format(p.rate / 1e6)
        self.status.show_status("busy", text)

    def _uploaded(self, report):
        self._upload_ended()
        self.last_upload = report
        self.progress.setValue(1000)
        failed = report.get("failed") or []
        text = "Uploaded {} file(s), {} already there ({:.1f} MB sent) to {}.".format(
            report["uploaded"], report["skipped"], report["bytesUploaded"] / 1e6, report["container"])
        if failed:
            self.status.show_status("error", text + " {} failed: {} — upload again to retry them.".format(
                len(failed), failed[0]["reason"]))
        else:
            self.status.show_status("ok", text)

    def _upload_failed(self, error):
        self._upload_ended()
        cancelled = getattr(error, "code", "") == "Cancelled"
        if getattr(error, "code", "") == "HandedOff":   # the gateway was stopped: it finishes the upload itself
            self.status.show_status("warning", "Upload left to the stopping gateway: " + describe(error))
            return
        self.status.show_status("warning" if cancelled else "error", "Upload cancelled: files sent so far stay; "
                                "Upload again resumes." if cancelled else "Upload failed: " + describe(error))

    def _upload_ended(self):
        self.uploader = None
        self.upload.setEnabled(True)
        self.cancel_upload.setEnabled(False)
        self.cancel_upload.setVisible(False)

    def _cancel_upload(self):
        if self.uploader is not None:
            self.uploader.cancel()
            self.status.show_status("busy", "Cancelling the upload...")

    # ---- artist actions -----------------------------------------------------------------------

    def _clicked(self, index):
        a = self.model.data(index, QtCore.Qt.ItemDataRole.UserRole)
        if a is not None and a["status"] != "found" and index.column() != 0:
            self._pick_search_folder(a["path"])

    def _pick_search_folder(self, missing_path):
        title = "Folder holding {}".format(os.path.basename(missing_path)) if missing_path else "Search folder"
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, title)
        if folder:
            self.add_search_folder(folder)

    def add_search_folder(self, folder):
        """Adds a search folder, remembers it, and checks the assets again."""
        if folder not in self.search_paths():
            self.search.addItem(folder)
            self._save_search()
        self.scan()

    def _remove_search(self):
        for it in self.search.selectedItems():
            self.search.takeItem(self.search.row(it))
        self._save_search()

    def _save_search(self):
        self.panel.settings.set("searchPaths", self.search_paths())
        self.panel.settings.save()

    def _add_files(self):
        paths, _ = QtWidgets.QFileDialog.getOpenFileNames(self, "Files the render also needs")
        self.add_extra(paths)

    def _add_directory(self):
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, "A folder the render also needs")
        if folder:
            self.add_extra([folder])

    def add_extra(self, paths):
        extra = list(self.panel.settings.get("extraFiles"))
        extra += [p for p in paths if p not in extra]
        self.panel.settings.set("extraFiles", extra)
        self.panel.settings.save()
        if self.assets is not None:
            self._fill()

    def _include_changed(self, path, included):
        excluded = [p for p in self.panel.settings.get("excluded") if p != path]
        if not included:
            excluded.append(path)
        self.panel.settings.set("excluded", excluded)
        self.panel.settings.save()
        self._summarize()
        self.panel.assets_checked()
