"""Jobs: every job with state, progress, submit time and pool, a page at a time; the selected job's latest
frame, why it is blocked, a link to it in Batch Explorer, its tasks' counts by state and its tasks a page at a
time (of one state if the artist picks one: the bridge reads only that page, so a job of 100,000 tasks costs
what one of 100 does) and their logs; cancel, delete, Download and Watch (a background watcher that outlives
Maya).

A refresh every 2 s must not hold Maya's main thread: the listing is read and turned into cell texts
on a worker thread (:func:`listing_of`); the main thread then touches only the cells of the shown page
whose text changed (:meth:`widgets.RowTable.show_rows`).
"""
import datetime
import os
from urllib.parse import quote

from Qt import QtCore, QtGui, QtWidgets

from .background import describe
from .widgets import RowTable, StatusLabel, status_colour, tool_button

JOB_COLUMNS = ["Name", "State", "Progress", "Submitted", "Pool", "Job"]
TASK_COLUMNS = ["Task", "Frames", "State", "Exit code", "Attempts"]
REFRESH_MS = 2000
#: jobs shown at once; the others are a page away
PAGE_SIZE = 50
#: tasks of the selected job shown at once, a page the bridge reads on its own
TASK_PAGE_SIZE = 100
#: the task states the artist can show alone (the bridge's ``state``); "" for every task
TASK_STATES = ["", "active", "running", "completed", "failed", "succeeded"]


def progress_text(job):
    c = job.get("taskCounts") or {}
    total = c.get("active", 0) + c.get("running", 0) + c.get("completed", 0)
    text = "{}/{}".format(c.get("completed", 0), total)
    notes = ["{} running".format(c["running"])] if c.get("running") else []
    notes += ["{} failed".format(c["failed"])] if c.get("failed") else []
    return text + (" ({})".format(", ".join(notes)) if notes else "")


def submitted_text(creation_time, now=None):
    """The job's ``creationTime`` (an ISO-8601 instant, as Java's ``Instant.toString`` writes it) in this
    computer's time zone: ``19:20`` today, ``7 Dec 19:20`` this year, else ``2025-12-07 19:20``."""
    if not creation_time:
        return ""
    text = creation_time.rstrip("Z")
    whole, _dot, _fraction = text.partition(".")     # Python < 3.11 reads 0, 3 or 6 fraction digits only
    try:
        when = datetime.datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        return creation_time                         # a format this panel does not know: shown as written
    local = when.astimezone()
    now = now or datetime.datetime.now(local.tzinfo)
    if local.date() == now.date():
        return local.strftime("%H:%M")
    if local.year == now.year:
        return "{} {}".format(local.day, local.strftime("%b %H:%M"))
    return local.strftime("%Y-%m-%d %H:%M")


def state_text(job):
    """The State cell: Batch's job state, or ``blocked`` when the job carries a reason it cannot progress."""
    return "blocked" if job.get("blocked") else job.get("state", "")


def job_cells(job, now=None):
    return (job.get("name", ""), state_text(job), progress_text(job), submitted_text(job.get("creationTime"), now),
            job.get("pool", ""), job["id"])


def listing_of(jobs, now=None):
    """The bridge's job list (oldest first) as the tab shows it: newest first, each job with its cells.
    Pure and run on a worker thread: the main thread only compares and sets texts."""
    return [(j, job_cells(j, now)) for j in reversed(jobs)]


def task_cells(t):
    frames = t.get("frames") or []
    text = str(frames[0]) if len(frames) == 1 else ("{}-{}".format(frames[0], frames[-1]) if frames else "")
    exit_code = "" if t.get("exitCode") is None else str(t["exitCode"])
    return (str(t["id"]), text, t["state"], exit_code, str(t.get("attempts", 0)))


def task_counts_text(detail):
    """The selected job's tasks by state, from the bridge's ``taskCounts``: ``250 tasks: 10 active, 2 running,
    230 succeeded, 8 failed``."""
    c = detail.get("taskCounts") or {}
    total = c.get("active", 0) + c.get("running", 0) + c.get("completed", 0)
    return "{} task{}: {} active, {} running, {} succeeded, {} failed".format(
        total, "" if total == 1 else "s", c.get("active", 0), c.get("running", 0), c.get("succeeded", 0),
        c.get("failed", 0))


def task_page_text(detail):
    """Where the shown page is among the tasks its state takes: ``101-200 of 250 failed``."""
    page = detail.get("page") or {}
    first = (page.get("number", 1) - 1) * page.get("pageSize", TASK_PAGE_SIZE)
    shown = len(detail.get("tasks") or [])
    which = (" " + page["state"]) if page.get("state") else ""
    if not shown:
        return "no {}tasks".format(page["state"] + " " if page.get("state") else "")
    return "{}-{} of {}{}".format(first + 1, first + shown, page.get("matching", shown), which)


def batch_explorer_link(job_id):
    """The job in Batch Explorer (Azure's desktop app), through the URL scheme it registers:
    ``ms-batch-explorer://route/<app route>``, the route ``/jobs/<id>`` (Azure/BatchExplorer:
    src/common/batch-explorer-link/batch-explorer-link.spec.ts for the scheme; its main process opens
    ``ms-batchlabs://route/jobs/a/tasks/002?accountId=...``, the scheme's older name, for a job's task).
    Without ``accountId`` (the account's Azure resource id, which the panel does not know: it signs in
    with the account's URL and key) Batch Explorer shows the job in the account selected in it."""
    return "ms-batch-explorer://route/jobs/" + quote(job_id, safe="")


class JobsTab(QtWidgets.QWidget):
    def __init__(self, panel):
        super(JobsTab, self).__init__()
        self.panel = panel
        self.jobs = []              # every job, newest first
        self._cells = []            # their cells, in the same order
        self.page = 0
        self.detail = None
        self._loading = False
        self._selected_id = None    # kept across refreshes and pages
        self.task_page = 0          # the selected job's page of tasks (0: the first)
        self._thumbnail_key = None  # (path, mtime) of the shown thumbnail
        layout = QtWidgets.QVBoxLayout(self)

        self.table = RowTable(JOB_COLUMNS)
        self.table.setObjectName("jobsTable")
        self.table.itemSelectionChanged.connect(self._job_selected)
        layout.addWidget(self.table, 3)

        pages = QtWidgets.QHBoxLayout()
        self.refresh_button = tool_button("Refresh", "List the jobs again (the list refreshes every 2 s "
                                                     "while this tab is visible)")
        self.refresh_button.clicked.connect(self.refresh)
        self.previous_button = tool_button("< Newer", "The previous page: newer jobs")
        self.previous_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button = tool_button("Older >", "The next page: older jobs")
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.page_label = QtWidgets.QLabel("")
        self.page_label.setObjectName("jobsPage")
        pages.addWidget(self.refresh_button)
        pages.addStretch(1)
        pages.addWidget(self.previous_button)
        pages.addWidget(self.page_label)
        pages.addWidget(self.next_button)
        layout.addLayout(pages)

        # the selected job: its latest frame beside what matters about it
        about = QtWidgets.QHBoxLayout()
        self.thumbnail = QtWidgets.QLabel("No frame yet")
        self.thumbnail.setObjectName("thumbnail")
        self.thumbnail.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setFixedSize(160, 96)
        self.thumbnail.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.thumbnail.setWordWrap(True)
        about.addWidget(self.thumbnail)
        facts = QtWidgets.QVBoxLayout()
        self.summary = QtWidgets.QLabel("Select a job")
        self.summary.setObjectName("jobSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.blocked = StatusLabel("")
        self.blocked.setObjectName("jobBlocked")
        self.blocked.setVisible(False)
        self.link = QtWidgets.QLabel("")
        self.link.setObjectName("jobLink")
        self.link.setOpenExternalLinks(True)
        self.link.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextBrowserInteraction)
        self.link.setVisible(False)
        for w in (self.summary, self.blocked, self.link):
            facts.addWidget(w)
        facts.addStretch(1)
        about.addLayout(facts, 1)
        layout.addLayout(about)

        out = QtWidgets.QHBoxLayout()
        self.output = QtWidgets.QLineEdit(panel.settings.get("outputFolder"))
        self.output.setPlaceholderText("where the frames come home")
        browse = QtWidgets.QPushButton("Browse...")
        browse.clicked.connect(self._browse)
        out.addWidget(QtWidgets.QLabel("Output folder"))
        out.addWidget(self.output, 1)
        out.addWidget(browse)
        layout.addLayout(out)

        buttons = QtWidgets.QHBoxLayout()
        self.cancel_button = QtWidgets.QPushButton("Cancel Job")
        self.cancel_button.clicked.connect(self.cancel_job)
        self.delete_button = QtWidgets.QPushButton("Delete...")
        self.delete_button.setToolTip("Delete the job (after a confirmation)")
        self.delete_button.clicked.connect(self.delete_job)
        self.download_button = QtWidgets.QPushButton("Download")
        self.download_button.setToolTip("Fetch the job's finished frames into the output folder")
        self.download_button.clicked.connect(lambda: self.start_watcher("Downloading"))
        self.watch_button = QtWidgets.QPushButton("Watch")
        self.watch_button.setToolTip("Fetch frames as they finish, in a background process that keeps going "
                                     "after Maya closes")
        self.watch_button.clicked.connect(lambda: self.start_watcher("Watching"))
        self.replace_button = QtWidgets.QPushButton("Fresh Nodes")
        self.replace_button.setObjectName("replaceNodes")
        self.replace_button.setToolTip("Replace the nodes where the job's preparation failed with fresh ones, which "
                                       "prepare again (Azure Batch runs none of its tasks on a failed node)")
        self.replace_button.clicked.connect(self.replace_nodes)
        self.replace_button.setVisible(False)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.replace_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.download_button)
        buttons.addWidget(self.watch_button)
        layout.addLayout(buttons)

        self.task_counts = QtWidgets.QLabel("")
        self.task_counts.setObjectName("taskCounts")
        self.task_counts.setWordWrap(True)
        layout.addWidget(self.task_counts)
        task_pages = QtWidgets.QHBoxLayout()
        self.task_state = QtWidgets.QComboBox()
        self.task_state.setObjectName("taskState")
        for state in TASK_STATES:
            self.task_state.addItem(state or "all tasks", state)
        self.task_state.setToolTip("Show the tasks in one state only")
        self.task_state.currentIndexChanged.connect(self._task_state_changed)
        self.task_previous = tool_button("< Previous", "The previous page of tasks")
        self.task_previous.clicked.connect(lambda: self.show_task_page(self.task_page - 1))
        self.task_next = tool_button("Next >", "The next page of tasks")
        self.task_next.clicked.connect(lambda: self.show_task_page(self.task_page + 1))
        self.task_page_label = QtWidgets.QLabel("")
        self.task_page_label.setObjectName("taskPage")
        task_pages.addWidget(self.task_state)
        task_pages.addStretch(1)
        task_pages.addWidget(self.task_previous)
        task_pages.addWidget(self.task_page_label)
        task_pages.addWidget(self.task_next)
        layout.addLayout(task_pages)

        self.tasks = RowTable(TASK_COLUMNS)
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
        if self._selected_id is None:
            return None
        return next((j for j in self.jobs if j["id"] == self._selected_id), None)

    def refresh(self):
        if self._loading:
            return
        self._loading = True
        farm = self.panel.farm()
        self.panel.background.call(lambda c: listing_of(c.jobs(farm=farm)), lambda rows: self.show_listing(rows, farm),
                                   self._failed)

    def _tick(self):
        if self.isVisible():
            self.refresh()

    def show_listing(self, listing, farm=None):
        """The main thread's part of a refresh: the new list, then the shown page's changed cells only."""
        self._loading = False
        if farm is not None and farm != self.panel.farm():
            return  # the artist switched farms meanwhile
        self.jobs = [j for j, _cells in listing]
        self._cells = [cells for _j, cells in listing]
        self.show_page(self.page)
        if self._selected_id is not None:
            job = self.selected_job()
            if job is None:
                self._clear_detail()
            else:
                self._show_summary(job)
                self._load_job(job["id"])

    def pages(self):
        return max(1, (len(self.jobs) + PAGE_SIZE - 1) // PAGE_SIZE)

    def show_page(self, page):
        self.page = min(max(0, page), self.pages() - 1)
        first = self.page * PAGE_SIZE
        shown = self._cells[first:first + PAGE_SIZE]
        self.table.blockSignals(True)
        self.table.show_rows(shown)
        for r, cells in enumerate(shown):
            job = self.jobs[first + r]
            self._mark_blocked(r, job)
        rows = [r for r, cells in enumerate(shown) if cells[-1] == self._selected_id]
        if rows:
            self.table.selectRow(rows[0])
        else:
            self.table.clearSelection()
        self.table.blockSignals(False)
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.pages() - 1)
        for w in (self.previous_button, self.next_button):
            w.setVisible(self.pages() > 1)
        self.page_label.setText("{}-{} of {}".format(first + 1, first + len(shown), len(self.jobs))
                                if self.jobs else "no jobs")

    def _mark_blocked(self, row, job):
        cell = self.table.item(row, JOB_COLUMNS.index("State"))
        if cell is None:
            return
        reason = job.get("blocked") or ""
        if cell.toolTip() != reason:
            cell.setToolTip(reason)
            cell.setForeground(QtGui.QBrush(QtGui.QColor(status_colour(self.table, "error"))) if reason
                               else QtGui.QBrush())
            font = cell.font()
            font.setBold(bool(reason))
            cell.setFont(font)

    def select_job(self, job_id):
        """Selects a job, turning to its page; False when the list does not have it (yet)."""
        index = next((i for i, j in enumerate(self.jobs) if j["id"] == job_id), None)
        if index is None:
            return False
        self.show_page(index // PAGE_SIZE)
        self.table.selectRow(index % PAGE_SIZE)    # _job_selected follows
        return True

    def _job_selected(self):
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        index = self.page * PAGE_SIZE + rows[0].row()
        if index >= len(self.jobs):
            return
        job = self.jobs[index]
        changed = job["id"] != self._selected_id
        self._selected_id = job["id"]
        self._show_summary(job)
        if changed:
            self.task_page = 0
            self._show_task_page({})
            self.log.clear()
            self.detail = None
            self._thumbnail_key = None
        self._load_job(job["id"])

    def _show_summary(self, job):
        cells = job_cells(job)
        summary = "<b>{}</b> · {} · {}<br>submitted {} · pool {}".format(
            _html(job.get("name") or job["id"]), _html(job.get("state", "")), _html(progress_text(job)),
            _html(cells[3]),
            _html(job.get("pool") or "-"))
        if self.summary.text() != summary:
            self.summary.setText(summary)
        reason = job.get("blocked")
        self.blocked.setVisible(bool(reason))
        self.replace_button.setVisible(bool(reason) and self.panel.farm() == "azure")
        if reason and self.blocked.text() != "Blocked: " + reason:
            self.blocked.show_status("error", "Blocked: " + reason)
        azure = self.panel.farm() == "azure"
        self.link.setVisible(azure)
        if azure:
            link = '<a href="{}">Open in Batch Explorer</a>'.format(batch_explorer_link(job["id"]))
            if self.link.text() != link:
                self.link.setText(link)
                self.link.setToolTip("Opens the job in Azure Batch Explorer, in the Batch account selected there")

    def _clear_detail(self):
        self._selected_id = None
        self.detail = None
        self.summary.setText("Select a job")
        self.blocked.setVisible(False)
        self.replace_button.setVisible(False)
        self.link.setVisible(False)
        self.task_page = 0
        self._show_task_page({})
        self.log.clear()
        self._show_thumbnail(None, None)

    def _load_job(self, job_id):
        page, state = self.task_page, self.task_state.currentData() or ""

        def loaded(detail):
            if self._selected_id != job_id or (page, state) != (self.task_page, self.task_state.currentData() or ""):
                return      # another job, page or state was asked for meanwhile: its answer follows
            pages = (detail.get("page") or {}).get("pages", 1)
            if self.task_page >= pages:     # the job has fewer tasks of that state now: its last page
                return self.show_task_page(pages - 1)
            self.detail = detail
            self._show_task_page(detail)
        farm = self.panel.farm()

        def read(c):
            detail = c.job(job_id, farm=farm, page=page + 1, page_size=TASK_PAGE_SIZE, state=state or None)
            detail["rows"] = [task_cells(t) for t in detail.get("tasks", [])]   # off the main thread
            return detail
        self.panel.background.call(read, loaded, self._failed)
        self.panel.background.call(lambda c: _thumbnail_of(c, job_id), lambda p: self._show_thumbnail(job_id, p))

    def show_task_page(self, page):
        """Turns to another page of the selected job's tasks (0: the first) and reads it."""
        self.task_page = max(0, page)
        if self._selected_id is not None:
            self._load_job(self._selected_id)

    def _task_state_changed(self, _index):
        self.task_page = 0
        if self._selected_id is not None:
            self._load_job(self._selected_id)

    def _show_task_page(self, detail):
        """The main thread's part of showing a page of tasks: counts, where the page is, the rows that changed."""
        pages = (detail.get("page") or {}).get("pages", 1)
        counts = task_counts_text(detail) if detail else ""
        where = task_page_text(detail) if detail else ""
        if self.task_counts.text() != counts:
            self.task_counts.setText(counts)
        if self.task_page_label.text() != where:
            self.task_page_label.setText(where)
        self.task_previous.setEnabled(self.task_page > 0)
        self.task_next.setEnabled(self.task_page < pages - 1)
        for w in (self.task_previous, self.task_next):
            w.setVisible(pages > 1 or self.task_page > 0)
        self._show_tasks(detail.get("rows", []))

    def _show_tasks(self, rows):
        keep = self.selected_task()
        self.tasks.blockSignals(True)
        self.tasks.show_rows(rows)
        index = next((i for i, cells in enumerate(rows) if keep and cells[0] == keep), None)
        if index is not None:
            self.tasks.selectRow(index)
        self.tasks.blockSignals(False)

    def _show_thumbnail(self, job_id, found):
        """``found``: (path, modification time) of the job's latest thumbnail, or None. The picture is read
        again only when it changed."""
        if job_id is not None and job_id != self._selected_id:
            return
        key = found or ("no frame", job_id)
        if key == self._thumbnail_key:
            return
        self._thumbnail_key = key
        if found:
            path = found[0]
            pix = QtGui.QPixmap(path)
            self.thumbnail.setPixmap(pix.scaled(self.thumbnail.size(), QtCore.Qt.AspectRatioMode.KeepAspectRatio,
                                                QtCore.Qt.TransformationMode.SmoothTransformation))
            self.thumbnail.setToolTip(path)
            self.thumbnail.setProperty("thumbnailPath", path)
        else:
            self.thumbnail.setPixmap(QtGui.QPixmap())
            self.thumbnail.setText("No frame here yet:\nWatch or Download" if job_id else "No job selected")
            self.thumbnail.setToolTip("")
            self.thumbnail.setProperty("thumbnailPath", "")

    def selected_task(self):
        rows = self.tasks.selectionModel().selectedRows()
        if not rows:
            return None
        it = self.tasks.item(rows[0].row(), 0)
        return it.text() if it else None

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
        # a blocked job ends with what blocked it as its reason (Batch Explorer and the portal show it)
        reason = ("Blocked: " + job["blocked"])[:500] if job.get("blocked") else None
        self.panel.background.follow(lambda c: c.cancel_job(job["id"], farm=farm, reason=reason), None,
                                     lambda j: (self.status.show_status("ok", "Cancelled {}.".format(job["id"])),
                                                self.refresh()), self._failed)

    def replace_nodes(self):
        job = self.selected_job()
        if job is None:
            return self.status.show_status("error", "Select a job first.")
        self.status.show_status("busy", "Replacing the failed nodes of {}...".format(job["id"]))
        self.panel.background.follow(lambda c: c.replace_nodes(job["id"], farm="azure"), None,
                                     lambda r: (self.status.show_status("ok", r.get("message", "")), self.refresh()),
                                     self._failed)

    def delete_job(self):
        job = self.selected_job()
        if job is None:
            return self.status.show_status("error", "Select a job first.")
        answer = QtWidgets.QMessageBox.question(
            self, "Delete job", "Delete job {} ({})? Running tasks stop and the farm forgets it; frames already "
            "in your output folder stay.".format(job["id"], job.get("name", "")))
        if answer != QtWidgets.QMessageBox.StandardButton.Yes:
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
        self._cells = []
        self.page = 0
        self._clear_detail()
        self.show_page(0)

    def showEvent(self, event):
        super(JobsTab, self).showEvent(event)
        self.refresh()
        self.timer.start()

    def hideEvent(self, event):
        super(JobsTab, self).hideEvent(event)
        self.timer.stop()


def _html(text):
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _thumbnail_of(client, job_id):
    """(path, modification time) of the job's latest thumbnail, or None (run on a worker thread)."""
    from batchrender import BatchRenderError
    try:
        path = client.watcher(job_id, files=False).get("latestThumbnailPath")   # not its every file
    except BatchRenderError:
        return None  # no watcher has run for it yet
    try:
        return (path, os.stat(path).st_mtime) if path else None
    except OSError:
        return None
