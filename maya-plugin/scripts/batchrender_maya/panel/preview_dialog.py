"""The Submit tab's Preview: the job exactly as the chosen farm would take it (the core's ``previewSubmit``,
the same answer as ``batchrender submit --dry-run --json``), shown as an artist reads it: a summary, then
each task's command line, environment (masked by the core), resource files and outputs, then the full JSON.

The texts are made off the main thread (:meth:`PreviewText.of`, pure), so a job of 10,000 tasks never holds
Maya; the dialog shows them in read-only text views, never one widget per task."""
import json
import shlex
from typing import Any, Dict, List, NamedTuple

from Qt import QtCore, QtGui, QtWidgets

#: the tasks written out in the Tasks view; the rest are counted (all of them are in the JSON view)
TASKS_SHOWN = 200
#: the JSON view is filled a piece of about this many characters per turn of the event loop, so that a job
#: of 10,000 tasks (about 10 MB of JSON) never holds Maya's main thread for long
JSON_PIECE = 100000


def pieces(text, size=JSON_PIECE):
    """``text`` cut at line ends into pieces of about ``size`` characters (no line end at a cut)."""
    out: List[str] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + size)
        if end < 0:
            end = len(text)
        out.append(text[start:end])
        start = end + 1
    return out


def frame_ranges(frames):
    """``1-10, 12, 20-22`` from a list of frame numbers (sorted, duplicates dropped)."""
    out: List[str] = []
    ordered = sorted(set(int(f) for f in frames))
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        out.append(str(ordered[i]) if i == j else "{}-{}".format(ordered[i], ordered[j]))
        i = j + 1
    return ", ".join(out)


def _pairs(entries):
    """A Batch ``[{"name", "value"}]`` list (or a dict) as name -> value."""
    if isinstance(entries, dict):
        return dict(entries)
    return {e.get("name", ""): e.get("value", "") for e in entries or []}


def _resource(r):
    """One resource file as ``where on the node <- where from``."""
    source = next((r[k] for k in ("autoStorageContainerName", "storageContainerUrl", "httpUrl", "fileGroup", "source")
                   if r.get(k)), "")
    if r.get("blobPrefix"):
        source += "/" + r["blobPrefix"]
    target = r.get("filePath") or r.get("path") or "."
    return "{} <- {}".format(target, source or json.dumps(r, sort_keys=True))


def _output(o):
    """One output file rule as ``pattern -> destination (when)``."""
    d = o.get("destination", {})
    where = d.get("autoStorage") or d.get("container") or d
    if d.get("jobOutputFolder"):
        dest = "the job's output folder" + ("/" + d["path"] if d.get("path") else "")
    else:
        dest = "/".join(x for x in (where.get("containerName") or where.get("containerUrl", ""), where.get("path", ""))
                        if x)
    when = (o.get("uploadOptions") or {}).get("uploadCondition") or o.get("uploadCondition", "")
    return "{} -> {}".format(o.get("filePattern", ""), dest) + (" ({})".format(when) if when else "")


#: where a value's second and later lines start in the Tasks view (under the value's first character)
CONTINUED = " " * len("  command: ")


def _continued(value):
    """A value of several lines (a shell script in a command line) kept inside its task's block."""
    return str(value).replace("\n", "\n" + CONTINUED)


def _local_command(task):
    c = task.get("command") or {}
    program = c.get("program") or {}
    name = program.get("name", "") if isinstance(program, dict) else str(program)
    return " ".join(shlex.quote(str(a)) for a in [name] + list(c.get("args") or []))


class PreviewText(NamedTuple):
    """What the dialog shows: the summary rows, the tasks' text, the JSON, and the count of tasks."""
    farm: str
    summary: List[Any]          # (label, value) pairs
    tasks: str
    json: str
    task_count: int
    json_pieces: List[str]      # the JSON cut for the view to fill piece by piece

    @classmethod
    def of(cls, preview, shown=TASKS_SHOWN):
        """The texts of a ``previewSubmit`` answer: ``{"farm": "local", "job"}`` or ``{"farm": "azure",
        "addJob", "addTasks", "notes"}``."""
        farm = preview.get("farm", "")
        if "addJob" in preview:
            summary, tasks, blocks = cls._azure(preview, shown)
        else:
            summary, tasks, blocks = cls._local(preview, shown)
        if len(tasks) > shown:
            blocks.append("... and {:,} more task(s), not listed here: every one is in the JSON view.".format(
                len(tasks) - shown))
        whole = json.dumps(preview, indent=2)
        return cls(farm, summary, "\n\n".join(blocks), whole, len(tasks), pieces(whole))

    @staticmethod
    def _local(preview, shown):
        job = preview.get("job") or {}
        tasks = job.get("tasks") or []
        frames = [f for t in tasks for f in t.get("frames") or []]
        summary = [("Farm", "local (this workstation)"), ("Job name", job.get("displayName", "")),
                   ("Tasks", "{:,}".format(len(tasks))), ("Frames", frame_ranges(frames) or "none"),
                   ("Images go to", job.get("outputDir") or "the job's folder in the state folder"),
                   ("Notes", "\n".join(job.get("notes") or []) or "none")]
        blocks = PreviewText._job_environment(summary, _pairs(job.get("environment")))
        for t in tasks[:shown]:
            blocks.append(PreviewText._block(
                t.get("id", ""), t.get("frames") or [], _local_command(t), _pairs(t.get("environment")),
                t.get("resourceFiles") or [], t.get("outputFiles") or []))
        return summary, tasks, blocks

    @staticmethod
    def _azure(preview, shown):
        job = preview.get("addJob") or {}
        tasks = preview.get("addTasks") or []
        meta = _pairs(job.get("metadata"))
        pool_info = job.get("poolInfo") or {}
        if pool_info.get("poolId"):
            pool = pool_info["poolId"]
        elif pool_info.get("autoPoolSpecification"):
            spec = pool_info["autoPoolSpecification"].get("pool") or {}
            pool = "auto-pool for this job: {} x {} dedicated, {} spot".format(
                spec.get("vmSize", "?"), spec.get("targetDedicatedNodes", 0), spec.get("targetLowPriorityNodes", 0))
            image = (spec.get("virtualMachineConfiguration") or {}).get("imageReference") or {}
            named = image.get("virtualMachineImageId") or image.get("sharedGalleryImageId") or " ".join(
                image[k] for k in ("publisher", "offer", "sku") if image.get(k))
            if named:
                pool += ", image " + named
        else:
            pool = "none (the job's own)"
        images = meta.get("batchrender.outputDir", "")
        if meta.get("outputContainer"):
            images = "container {} in Azure Storage, then {}".format(meta["outputContainer"], images or "home")
        summary = [("Farm", "Azure Batch"), ("Job name", meta.get("batchrender.name") or job.get("displayName", "")),
                   ("Job id", job.get("id", "")), ("Tasks", "{:,}".format(len(tasks))),
                   ("Frames", meta.get("frames", "") or "none"), ("Images go to", images or "not set"),
                   ("Pool", pool)]
        if meta.get("assetProject"):
            summary.append(("Asset project", meta["assetProject"]))
        summary.append(("Notes", "\n".join(preview.get("notes") or []) or "none"))
        blocks = PreviewText._job_environment(summary, _pairs(job.get("commonEnvironmentSettings")))
        prep = job.get("jobPreparationTask")
        if prep:
            blocks.append(PreviewText._block("job preparation", [], prep.get("commandLine", ""),
                                             _pairs(prep.get("environmentSettings")), prep.get("resourceFiles") or [],
                                             []))
        for t in tasks[:shown]:
            frames = _pairs(t.get("environmentSettings")).get("BATCHRENDER_FRAMES", "")
            blocks.append(PreviewText._block(
                t.get("id", ""), frames, t.get("commandLine", ""), _pairs(t.get("environmentSettings")),
                t.get("resourceFiles") or [], t.get("outputFiles") or []))
        return summary, tasks, blocks

    @staticmethod
    def _job_environment(summary, env):
        """The environment every task gets: counted in the summary, listed first in the Tasks view."""
        if not env:
            return []
        summary.insert(len(summary) - 1, ("Job environment", "{} variable(s), every task's: listed first under "
                                                               "Tasks".format(len(env))))
        return ["Every task\n" + "\n".join("  env: {}={}".format(k, _continued(v)) for k, v in sorted(env.items()))]

    @staticmethod
    def _block(task_id, frames, command, env, resources, outputs):
        if isinstance(frames, list):
            frames = frame_ranges(frames)
        lines = ["Task {}".format(task_id) + (" (frames {})".format(frames) if frames else ""),
                 "  command: " + _continued(command)]
        lines += ["  env: {}={}".format(k, _continued(v)) for k, v in sorted(env.items())]
        lines += ["  file: " + _resource(r) for r in resources]
        lines += ["  output: " + _output(o) for o in outputs]
        return "\n".join(lines)


def _monospace(text, name):
    view = QtWidgets.QPlainTextEdit()
    view.setObjectName(name)
    view.setReadOnly(True)
    view.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.NoWrap)
    view.setFont(QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont))
    view.setPlainText(text)
    return view


class PreviewDialog(QtWidgets.QDialog):
    """The compiled job: summary on top, then the Tasks and JSON views, and Copy (the JSON)."""

    def __init__(self, text, parent=None):
        super(PreviewDialog, self).__init__(parent)
        self.text = text
        self.setWindowTitle("Preview: job as it would be sent to {}".format(
            "Azure Batch" if text.farm == "azure" else "this workstation"))
        layout = QtWidgets.QVBoxLayout(self)
        form = QtWidgets.QFormLayout()
        self.summary: Dict[str, QtWidgets.QLabel] = {}
        for label, value in text.summary:
            field = QtWidgets.QLabel(value)
            field.setWordWrap(True)
            field.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
            self.summary[label] = field
            form.addRow(label, field)
        layout.addLayout(form)
        tabs = QtWidgets.QTabWidget()
        self.tasks_view = _monospace(text.tasks, "previewTasks")
        self.json_view = _monospace("", "previewJson")
        self._unfilled = list(text.json_pieces)
        self._filler = QtCore.QTimer(self)
        self._filler.setInterval(0)
        self._filler.timeout.connect(self._fill_json)
        self._filler.start()
        tabs.addTab(self.tasks_view, "Tasks")
        tabs.addTab(self.json_view, "JSON")
        layout.addWidget(tabs, 1)
        buttons = QtWidgets.QHBoxLayout()
        self.copy_button = QtWidgets.QPushButton("Copy")
        self.copy_button.setToolTip("Copy the full JSON to the clipboard")
        self.copy_button.clicked.connect(self.copy)
        close = QtWidgets.QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.resize(720, 640)

    def json_filled(self):
        """True once the JSON view holds the whole JSON."""
        return not self._unfilled

    def _fill_json(self):
        """One more piece of the JSON into its view, where the reader is left where they are."""
        if not self._unfilled:
            self._filler.stop()
            return
        bar = self.json_view.verticalScrollBar()
        keep = bar.value()
        self.json_view.appendPlainText(self._unfilled.pop(0))
        bar.setValue(keep)

    def copy(self):
        QtWidgets.QApplication.clipboard().setText(self.text.json)
