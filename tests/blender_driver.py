"""Imported by the scripts the Blender add-on tests run inside Blender: drive Blender's own event loop (a
``bpy.app.timers`` function stepping a generator), call operators in the window's context, read the report area,
and write the result JSON."""
import json
import sys
import time
import traceback

import bpy

RESULT = sys.argv[sys.argv.index("--") + 1]


def write(result):
    with open(RESULT + ".partial", "w") as f:
        json.dump(result, f, default=str)
    import os
    os.replace(RESULT + ".partial", RESULT)


def properties_area():
    """The window's Properties editor, showing Render properties (where the panel is)."""
    window = bpy.context.window_manager.windows[0]
    for area in window.screen.areas:
        if area.type == "PROPERTIES":
            area.spaces.active.context = "RENDER"
            return window, area
    raise AssertionError("no Properties editor in the window")


def in_window():
    """A context override with the window and its Properties editor, for operators run from a timer."""
    window, area = properties_area()
    region = next(r for r in area.regions if r.type == "WINDOW")
    return bpy.context.temp_override(window=window, area=area, region=region)


def reports():
    """The lines of Blender's report area (the window manager's reports, which the Info editor lists), oldest
    first: the timeline is turned into an Info editor for a moment and its reports copied."""
    window = bpy.context.window_manager.windows[0]
    area = next(a for a in window.screen.areas if a.ui_type == "TIMELINE")
    old = area.ui_type
    area.ui_type = "INFO"
    try:
        region = next(r for r in area.regions if r.type == "WINDOW")
        with bpy.context.temp_override(window=window, area=area, region=region):
            bpy.ops.info.select_all(action="SELECT")
            bpy.ops.info.report_copy()
    finally:
        area.ui_type = old
    return [line for line in bpy.context.window_manager.clipboard.splitlines() if line.strip()]


def _runqueue_wait():
    """Seconds this thread has waited for a core while ready to run (Linux schedstat); 0 elsewhere."""
    try:
        with open("/proc/thread-self/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


class Gaps(object):
    """The longest time between two runs of a 20 ms timer: how long Blender's main loop was held, running or
    blocked. Time the main thread spent ready but waiting for a core (the farm's renders and other processes
    use both cores of a CI machine) is not the add-on's doing and is left out, as in the Maya panel's check."""

    def __init__(self):
        self.longest = 0.0
        self.last = None
        self.running = True
        self.start = time.perf_counter()
        self.worst = []   # the five longest: (seconds, when since start)
        bpy.app.timers.register(self.tick, first_interval=0.02)

    def tick(self):
        now, waited = time.perf_counter(), _runqueue_wait()
        if self.last is not None:
            gap = now - self.last[0] - (waited - self.last[1]) - 0.02
            self.longest = max(self.longest, gap)
            self.worst = sorted(self.worst + [(round(gap, 3), round(self.last[0] - self.start, 2),
                                               round(now - self.last[0], 3))], reverse=True)[:5]
        self.last = (now, waited)
        return 0.02 if self.running else None


def run(steps, result, quit=True):
    """Steps the generator ``steps`` from a timer on Blender's main loop: each ``yield`` gives the seconds to wait
    before the next step. Writes ``result`` when it ends (with ``error`` if a step raised), then quits Blender."""

    def tick():
        try:
            wait = next(steps)
            return 0.1 if wait is None else wait
        except StopIteration:
            pass
        except Exception:  # noqa: BLE001 - the test reads it
            result["error"] = traceback.format_exc()
        write(result)
        if quit:
            bpy.ops.wm.quit_blender()
        return None

    bpy.app.timers.register(tick, first_interval=0.5)


def until(predicate, timeout, what):
    """Yields (for :func:`run`) until ``predicate()`` is true."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out after {} s waiting for {}".format(timeout, what))
        yield 0.1
