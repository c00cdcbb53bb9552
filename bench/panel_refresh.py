#!/usr/bin/env python3
"""The Jobs tab's refresh on Maya's main thread with 1,000 jobs and a job of 1,000 tasks (issue 16: a
refresh under 16 ms, one frame at 60 Hz), beside the baseline of rebuilding the tables on every refresh
(what the tab did before: clear, then one new item per cell).

The real panel (PySide6, offscreen) on a real gateway and local farm: one job is submitted and rendered
(a one-frame command), and the 1,000 jobs are copies of the bridge's own entry for it. Each figure is
the main thread's CPU time (the listing's formatting runs on a worker in the panel, so it is left out of
both sides); each refresh changes ten jobs' progress, as a busy farm does.

Usage: .venv/bin/python bench/panel_refresh.py [ROUNDS]   (from the repository; ./batchrender built)
Targets: a refresh (worst of ROUNDS) and the first fill of a page under 16 ms CPU; 1,000 tasks shown under 50 ms.
"""
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_PREFERRED_BINDING", "PySide6")
sys.path.insert(0, str(REPO / "maya-plugin" / "scripts"))

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
FRAME_MS = 16.0


def cpu_ms(action):
    started = time.thread_time()
    action()
    return (time.thread_time() - started) * 1000


def rebuild(table, rows):
    """The baseline: every refresh clears the table and makes an item per cell."""
    from Qt import QtWidgets
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, QtWidgets.QTableWidgetItem(text))


def progressed(listing):
    """The listing one refresh later: the ten newest jobs finished one more task."""
    listing = [dict(j) for j in listing]
    for j in listing[-10:]:
        j["taskCounts"] = dict(j["taskCounts"], completed=j["taskCounts"]["completed"] + 1)
    return listing


def main():
    from Qt import QtWidgets
    import batchrender
    from batchrender_maya.panel import jobs_tab
    from batchrender_maya.panel.main import BatchRenderPanel
    from batchrender_maya.panel.settings import PanelSettings
    from batchrender_maya.panel.widgets import RowTable

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, BATCHRENDER_HOME=os.path.join(home, "state"), BATCHRENDER_AGENT_IDLE_SECONDS="5")
        with batchrender.Client(env=env) as client:
            job = client.submit(command=["sh", "-c", "exit 0"], frames="1", output=os.path.join(home, "out"),
                                name="one-frame").wait(timeout=120)
            real = next(j for j in client.jobs() if j["id"] == job["jobId"])
            panel = BatchRenderPanel(lambda: client, scene=None,
                                     settings=PanelSettings.load({"BATCHRENDER_HOME": os.path.join(home, "panel")}))
            panel.show()
            deadline = time.monotonic() + 60
            while panel.core is None and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.01)
            jobs = panel.jobs_tab
            jobs.timer.stop()

            listing = []
            for n in range(1000):
                j = dict(real, id="{}-{:04d}".format(real["id"], n), name="shot{:03d}".format(n % 250))
                j["taskCounts"] = dict(real["taskCounts"])
                listing.append(j)
            tasks = [{"id": str(i), "frames": [i], "state": "active", "exitCode": None, "attempts": 0}
                     for i in range(1, 1001)]

            first_rows = jobs_tab.listing_of(listing)         # on a worker in the panel
            first = cpu_ms(lambda: jobs.show_listing(first_rows))
            jobs.select_job(real["id"] + "-0999")
            shown = cpu_ms(lambda: jobs._show_tasks([jobs_tab.task_cells(t) for t in tasks]))
            refreshes, task_refreshes, base, base_tasks = [], [], [], []
            baseline_table, baseline_tasks = RowTable(jobs_tab.JOB_COLUMNS), RowTable(jobs_tab.TASK_COLUMNS)
            for n in range(ROUNDS):
                listing = progressed(listing)
                rows = jobs_tab.listing_of(listing)           # on a worker in the panel
                refreshes.append(cpu_ms(lambda: jobs.show_listing(rows)))
                page = [cells for _j, cells in rows][:jobs_tab.PAGE_SIZE]
                base.append(cpu_ms(lambda: rebuild(baseline_table, page)))
                for t in tasks[n * 10:n * 10 + 10]:
                    t.update(state="running", attempts=1)
                task_rows = [jobs_tab.task_cells(t) for t in tasks]
                task_refreshes.append(cpu_ms(lambda: jobs._show_tasks(task_rows)))
                base_tasks.append(cpu_ms(lambda: rebuild(baseline_tasks, task_rows)))
            panel.shutdown()

    def line(what, ours, baseline):
        return "{:<34} median {:6.2f} ms  worst {:6.2f} ms   baseline (rebuild) median {:6.2f} ms  worst {:6.2f} ms".format(
            what, statistics.median(ours), max(ours), statistics.median(baseline), max(baseline))

    print("Jobs tab, main thread CPU, {} refreshes".format(ROUNDS))
    print("first fill of a page of 1,000 jobs: {:.2f} ms;  1,000 tasks shown: {:.2f} ms".format(first, shown))
    print(line("refresh, 1,000 jobs (page of 50)", refreshes, base))
    print(line("refresh, 1,000 tasks", task_refreshes, base_tasks))
    met = max(refreshes) < FRAME_MS and max(task_refreshes) < FRAME_MS and first < FRAME_MS and shown < 50
    print("targets (refreshes and first fill < {} ms, tasks shown < 50 ms): {}".format(FRAME_MS, "met" if met else "MISSED"))
    return 0  # a measurement: the figures above are the result


if __name__ == "__main__":
    sys.exit(main())
