"""The add-on's state while it is enabled: the session with the core, what the panel shows (this file's jobs,
their latest frame, the Azure pools and account, the status line), kept in Python, not in the .blend.

Made by ``register()`` and dropped by ``unregister()`` (:func:`stop`): the session closes, the timer goes, the
preview images are freed, so disabling the add-on or Reload Scripts leaves nothing running.
"""
import time

import bpy
import bpy.utils.previews

from . import jobs as jobs_view
from .session import Session

#: how often the panel's jobs are read again while it is on screen
REFRESH_SECONDS = 2.0
#: the panel counts as on screen this long after it was last drawn
SHOWN_SECONDS = 5.0

try:
    _current  # noqa: F821 - Reload Scripts may re-run this file before unregister(): keep what is running, to stop it
except NameError:
    _current = None


def _make_client():
    import batchrender
    return batchrender.Client()


def redraw(_=None):
    """Redraws every Properties editor (the panel), from the main thread."""
    wm = bpy.context.window_manager
    if wm is None:
        return
    for window in wm.windows:
        for area in window.screen.areas:
            if area.type == "PROPERTIES":
                area.tag_redraw()


class Runtime(object):
    def __init__(self, make_client=_make_client):
        self.session = Session(make_client, bpy.app.timers, on_main=redraw)
        self.session.keep_alive = self._tick
        self.previews = bpy.utils.previews.new()
        self.status = ("INFO", "")
        self.checks = []
        self.jobs = []
        self.jobs_error = ""
        self.jobs_key = None          # (farm, scene) the list is of
        self.selected_job = ""
        self.preview_icon = 0
        self.preview_path = ""
        self._preview_key = None
        self.pools = []
        self.account = None
        self.account_error = ""
        self._refreshing = False
        self._last_refresh = 0.0
        self.last_drawn = 0.0
        self.submitting = None

    # ---- the panel's data ------------------------------------------------------------------------

    def shown(self, farm, scene):
        """Called by the panel's draw: keeps the jobs of ``scene`` on ``farm`` fresh while it is on screen."""
        self.last_drawn = time.monotonic()
        if self.jobs_key != (farm, scene):
            self.jobs_key = (farm, scene)
            self.jobs, self.jobs_error, self._last_refresh = [], "", 0.0
            self._clear_preview()
        if not self.session.closed:
            self.session._ensure_timer()

    def _tick(self):
        """Run by the session's timer: True while the panel is on screen (the timer goes on)."""
        shown = time.monotonic() - self.last_drawn < SHOWN_SECONDS
        if shown and not self._refreshing and time.monotonic() - self._last_refresh > REFRESH_SECONDS:
            self.refresh_jobs()
        return shown

    def refresh_jobs(self):
        if self.jobs_key is None or self.session.closed:
            return
        farm, scene = self.jobs_key
        if farm == "azure" and self.account is None and not self.account_error:
            self.refresh_account()
        if not scene:
            self.jobs, self.jobs_error = [], ""
            return
        selected = self.selected_job
        self._refreshing = True
        self._last_refresh = time.monotonic()

        def read(client):
            mine = jobs_view.of_scene(client.jobs(farm=farm), scene)
            shown = next((j for j in mine if j["id"] == selected), mine[0] if mine else None)
            return mine, (shown["id"] if shown else ""), jobs_view.latest_frame(client, shown)

        def done(value):
            self._refreshing = False
            if self.jobs_key != (farm, scene):
                return
            self.jobs, job_id, frame = value
            self.jobs_error = ""
            self.selected_job = self.selected_job or job_id
            self._show_preview(frame if job_id == self.selected_job else None)

        def failed(error):
            self._refreshing = False
            self.jobs_error = str(error)

        self.session.call(read, done, failed)

    def refresh_account(self):
        """Reads the Azure account saved in the core's settings (never a secret) and the farm's pools; returns the
        session's work."""
        def done(value):
            self.account, self.pools = value
            self.account_error = ""

        def failed(error):
            self.account_error = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__

        self.account_error = ""
        self.account = self.account or {}
        return self.session.call(lambda c: (c.azure_settings(), c.pools(farm="azure")), done, failed)

    def _show_preview(self, frame):
        """``frame``: (path, modification time) of the job's latest frame or thumbnail, or None."""
        if frame == self._preview_key:
            return
        self._clear_preview()
        if frame is None:
            return
        path, mtime = frame
        key = "{}@{}".format(path, mtime)
        try:
            self.preview_icon = self.previews.load(key, path, "IMAGE").icon_id
        except (KeyError, RuntimeError):
            return
        self._preview_key = frame
        self.preview_path = path

    def _clear_preview(self):
        self.previews.clear()
        self.preview_icon, self.preview_path, self._preview_key = 0, "", None

    def set_status(self, level, text):
        self.status = (level, text)
        redraw()

    # ---- lifetime ----------------------------------------------------------------------------------

    def stop(self):
        self.session.close()
        if self.previews is not None:
            bpy.utils.previews.remove(self.previews)
            self.previews = None


def start():
    global _current
    if _current is None:
        _current = Runtime()
    return _current


def current():
    """The running add-on's state (None when disabled)."""
    return _current


def at_exit():
    """Blender is quitting (atexit): the session stops taking work; see :meth:`Session.close`."""
    if _current is not None:
        _current.session.close(at_exit=True)


def stop():
    global _current
    if _current is not None:
        _current.stop()
        _current = None
