"""Jobs: every job with state and progress, the latest frame's thumbnail, a job's tasks and their
logs; cancel, delete, Download and Watch (a background watcher that outlives Maya)."""
import os

from Qt import QtCore, QtGui, QtWidgets

from .background import describe
from .widgets import StatusLabel, item, table

JOB_COLUMNS = ["Job", "Name", "State", "Progress"]
TASK_COLUMNS = ["Task", "Frames", "State", "Exit code", "Attempts"]
REFRESH_MS = 2000


def progress_text(job):
    c = job.get("taskCounts") or {}
    total = c.get("active", 0) + c.get("running", 0) + c.get("completed", 0)
    text = "{}/{}".format(c.get("completed", 0), total)
    if c.get("failed"):
        text += " ({} failed)".format(c["failed"])
    return text


class JobsTab(QtWidgets.QWidget):
    def __init__(self, panel):
        super(JobsTab, self).__init__()
        self.panel = panel
        self.jobs = []
        self.detail = None
        self._loading = False
        layout = QtWidgets.QVBoxLayout(self)

        top = QtWidgets.QHBoxLayout()
        self.table = table(JOB_COLUMNS)
        self.table.setObjectName("jobsTable")
        self.table.itemSelectionChanged.connect(self._job_selected)
        top.addWidget(self.table, 3)
        self.thumbnail = QtWidgets.QLabel("No frame yet")
        self.thumbnail.setObjectName("thumbnail")
        self.thumbnail.setAlignment(QtCore.Qt.AlignCenter)
        self.thumbnail.setMinimumSize(200, 120)
        self.thumbnail.setFrameShape(QtWidgets.QFrame.StyledPanel)
        top.addWidget(self.thumbnail, 2)
        layout.addLayout(top, 2)

        buttons = QtWidgets.QHBoxLayout()
        self.refresh_button = QtWidgets.QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.cancel_button = QtWidgets.QPushButton("Cancel Job")
        self.cancel_button.clicked.connect(self.cancel_job)
        self.delete_button = QtWidgets.QPushButton("Delete Job...")
        self.delete_button.clicked.connect(self.delete_job)
        for w in (self.refresh_button, self.cancel_button, self.delete_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        out = QtWidgets.QHBoxLayout()
        self.output = QtWidgets.QLineEdit(panel.settings.get("outputFolder"))
        self.output.setPlaceholderText("where the frames come home")
        browse = QtWidgets.QPushButton("Browse...")
        browse.clicked.connect(self._browse)
        self.download_button = QtWidgets.QPushButton("Download")
        self.download_button.setToolTip("Fetch the job's finished frames into the output folder")
        self.download_button.clicked.connect(lambda: self.start_watcher("Downloading"))
        self.watch_button = QtWidgets.QPushButton("Watch")
        self.watch_button.setToolTip("Fetch frames as they finish, in a background process that keeps going "
                                     "after Maya closes")
        self.watch_button.clicked.connect(lambda: self.start_watcher("Watching"))
        out.addWidget(QtWidgets.QLabel("Output folder"))
        out.addWidget(self.output, 1)
        for w in (browse, self.download_button, self.watch_button):
            out.addWidget(w)
        layout.addLayout(out)

        self.tasks = table(TASK_COLUMNS)
        self.tasks.setObjectName("tasksTable")
        self.tasks.itemSelectionChanged.connect(self._task_selected)
        layout.addWidget(self.tasks, 2)
        self.log = QtWidgets.QPlainTextEdit()
        self.log.setObjectName("taskLog")
        self.log.setReadOnly(True)
        self.log.setPlaceholderText("Select a task for its log")
        layout.addWidget(self.log, 2)
        self.status = StatusLabel("")
        self.status.setObjectName("jobsStatus")
        layout.addWidget(self.status)

        self.farm_changed(panel.settings.get("farm"))
        self.timer = QtCore.QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)

    # ---- lists --------------------------------------------------------------------------------

    def selected_job(self):
        rows = self.table.selectionModel().selectedRows()
        return self.jobs[rows[0].row()] if rows and rows[0].row() < len(self.jobs) else None

    def refresh(self):
        if self._loading:
            return
        self._loading = True
        farm = self.panel.farm()
        self.panel.background.call(lambda c: c.jobs(farm=farm), self._show_jobs, self._failed)

    def _tick(self):
        if self.isVisible():
            self.refresh()

    def _show_jobs(self, jobs):
        self._loading = False
        keep = self.selected_job()
        self.jobs = list(reversed(jobs))  # newest first
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.jobs))
        for r, j in enumerate(self.jobs):
            for c, v in enumerate((j["id"], j.get("name", ""), j["state"], progress_text(j))):
                self.table.setItem(r, c, item(v))
        index = next((i for i, j in enumerate(self.jobs) if keep and j["id"] == keep["id"]), None)
        if index is not None:
            self.table.selectRow(index)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        if self.selected_job() is not None:
            self._load_job(self.selected_job()["id"])

    def select_job(self, job_id):
        for r, j in enumerate(self.jobs):
            if j["id"] == job_id:
                self.table.selectRow(r)
                return True
        return False

    def _job_selected(self):
        job = self.selected_job()
        if job is not None:
            self._load_job(job["id"])

    def _load_job(self, job_id):
        def loaded(detail):
            if self.selected_job() is None or self.selected_job()["id"] != job_id:
                return
            self.detail = detail
            self._show_tasks(detail.get("tasks", []))
        farm = self.panel.farm()
        self.panel.background.call(lambda c: c.job(job_id, farm=farm), loaded, self._failed)
        self.panel.background.call(lambda c: _thumbnail_of(c, job_id), lambda p: self._show_thumbnail(job_id, p))

    def _show_tasks(self, tasks):
        keep = self.selected_task()
        self.tasks.blockSignals(True)
        self.tasks.setRowCount(len(tasks))
        for r, t in enumerate(tasks):
            frames = t.get("frames") or []
            text = str(frames[0]) if len(frames) == 1 else ("{}-{}".format(frames[0], frames[-1]) if frames else "")
            exit_code = "" if t.get("exitCode") is None else t["exitCode"]
            for c, v in enumerate((t["id"], text, t["state"], exit_code, t.get("attempts", 0))):
                self.tasks.setItem(r, c, item(v, t["id"] if c == 0 else None))
        index = next((i for i, t in enumerate(tasks) if keep and t["id"] == keep), None)
        if index is not None:
            self.tasks.selectRow(index)
        self.tasks.blockSignals(False)

    def _show_thumbnail(self, job_id, path):
        job = self.selected_job()
        if job is None or job["id"] != job_id:
            return
        if path and os.path.isfile(path):
            pix = QtGui.QPixmap(path)
            self.thumbnail.setPixmap(pix.scaled(self.thumbnail.size(), QtCore.Qt.KeepAspectRatio,
                                                QtCore.Qt.SmoothTransformation))
            self.thumbnail.setToolTip(path)
            self.thumbnail.setProperty("thumbnailPath", path)
        else:
            self.thumbnail.setPixmap(QtGui.QPixmap())
            self.thumbnail.setText("No frame fetched yet:\nclick Watch or Download")
            self.thumbnail.setProperty("thumbnailPath", "")

    def selected_task(self):
        rows = self.tasks.selectionModel().selectedRows()
        if not rows:
            return None
        it = self.tasks.item(rows[0].row(), 0)
        return it.data(QtCore.Qt.UserRole) if it else None

    def _task_selected(self):
        job = self.selected_job()
        task = self.selected_task()
        if job is None or task is None:
            return

        def show(log):
            self.log.setPlainText("== stdout ({}) ==\n{}\n== stderr ({}) ==\n{}".format(
                log.get("stdoutPath", ""), log.get("stdout", ""), log.get("stderrPath", ""), log.get("stderr", "")))
        farm = self.panel.farm()
        self.panel.background.call(lambda c: c.job_logs(job["id"], task, farm=farm), show,
                                   lambda e: self.log.setPlainText("No log yet: " + describe(e)))

    def _failed(self, error):
        self._loading = False
        self.status.show_status("error", describe(error))

    # ---- actions ------------------------------------------------------------------------------

    def cancel_job(self):
        job = self.selected_job()
        if job is None:
            return self.status.show_status("error", "Select a job first.")
        self.status.show_status("busy", "Cancelling {}...".format(job["id"]))
        farm = self.panel.farm()
        self.panel.background.follow(lambda c: c.cancel_job(job["id"], farm=farm), None,
                                     lambda j: (self.status.show_status("ok", "Cancelled {}.".format(job["id"])),
                                                self.refresh()), self._failed)

    def delete_job(self):
        job = self.selected_job()
        if job is None:
            return self.status.show_status("error", "Select a job first.")
        answer = QtWidgets.QMessageBox.question(
            self, "Delete job", "Delete job {} ({})? Running tasks stop and the farm forgets it; frames already "
            "in your output folder stay.".format(job["id"], job.get("name", "")))
        if answer != QtWidgets.QMessageBox.Yes:
            return
        self.status.show_status("busy", "Deleting {}...".format(job["id"]))
        farm = self.panel.farm()
        self.panel.background.follow(lambda c: c.delete_job(job["id"], farm=farm), None,
                                     lambda r: (self.status.show_status("ok", "Deleted {}.".format(job["id"])),
                                                self.refresh()), self._failed)

    def _browse(self):
        path = QtWidgets.QFileDialog.getExistingDirectory(self, "Output folder", self.output.text())
        if path:
            self.output.setText(path)

    def start_watcher(self, verb):
        job = self.selected_job()
        folder = self.output.text().strip()
        if job is None:
            return self.status.show_status("error", "Select a job first.")
        if not folder:
            return self.status.show_status("error", "Choose an output folder for the frames.")
        self.panel.settings.set("outputFolder", folder)
        self.panel.settings.save()
        self.status.show_status("busy", "{} {} into {}...".format(verb, job["id"], folder))
        farm = self.panel.farm()
        self.panel.background.follow(
            lambda c: c.start_watcher(job["id"], folder, farm=farm), None,
            lambda w: self.status.show_status("ok", "{} {}: a background watcher fetches the frames into {} (it "
                                                    "keeps going after Maya closes).".format(verb, job["id"], folder)),
            self._failed)

    def farm_changed(self, farm):
        """Another farm: its jobs (Download and Watch fetch an Azure job's frames from its output container)."""
        self.jobs = []
        self.table.setRowCount(0)
        self.tasks.setRowCount(0)

    def showEvent(self, event):
        super(JobsTab, self).showEvent(event)
        self.refresh()
        self.timer.start()

    def hideEvent(self, event):
        super(JobsTab, self).hideEvent(event)
        self.timer.stop()


def _thumbnail_of(client, job_id):
    from batchrender import BatchRenderError
    try:
        return client.watcher(job_id).get("latestThumbnailPath")
    except BatchRenderError:
        return None  # no watcher has run for it yet
