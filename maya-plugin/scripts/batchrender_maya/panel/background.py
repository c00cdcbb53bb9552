"""Work off the main thread: client calls on worker threads, bridge operations polled by a QTimer.

Results come back to the main thread through a queued Qt signal, so callbacks may touch widgets.
"""
import queue
import threading
import time
from typing import Any, Callable, Optional

from Qt import QtCore

POLL_MS = 200
#: worker threads per panel, started with it: handing work to one never waits for a thread to start
WORKERS = 4


class _Outcome(object):
    """A callback and its argument, to run on the main thread; ``what`` names it for the main-thread clock."""

    def __init__(self, callback: Callable[[Any], Any], value: Any):
        self.callback = callback
        self.value = value
        # the name only: repr() of a method of a widget Qt already deleted (a panel closed meanwhile) raises
        self.what = getattr(callback, "__qualname__", None) or type(callback).__name__

    def __call__(self):
        return self.callback(self.value)


class _Relay(QtCore.QObject):
    """Carries a callable from a worker thread to the thread that owns this object."""
    fire = QtCore.Signal(object)

    def __init__(self, parent=None):
        super(_Relay, self).__init__(parent)
        self.fire.connect(self._run, QtCore.Qt.ConnectionType.QueuedConnection)  # type: ignore[call-overload]

    def _run(self, fn):
        started, cpu, queued = time.perf_counter(), time.thread_time(), _runqueue_wait()
        try:
            fn()
        finally:
            # what the handler held the main thread for: running or blocked, but not the time the OS gave the
            # core to another process (a busy machine is not the panel's doing)
            held = time.perf_counter() - started - (_runqueue_wait() - queued)
            Background.record(held, getattr(fn, "what", None), time.thread_time() - cpu)


def _runqueue_wait():
    """Seconds this thread has spent ready to run but waiting for a core (Linux schedstat); 0 elsewhere."""
    try:
        with open("/proc/thread-self/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


class Background(QtCore.QObject):
    """Runs client calls for one panel; ``busy`` tells whether any is in flight.

    Args:
        client: a callable returning the :class:`batchrender.Client` (started on first use, on a worker).
    """

    #: the longest time, in seconds, one result handler held the main thread, running or blocked (time spent
    #: waiting for a core while other processes ran is not counted), for the responsiveness check
    longest_handler = 0.0

    longest_what = None
    #: the same, counting only the CPU time the main thread spent (not waiting to be scheduled)
    longest_handler_cpu = 0.0

    @classmethod
    def record(cls, seconds, what=None, cpu=0.0):
        cls.longest_handler_cpu = max(cls.longest_handler_cpu, cpu)
        if seconds > cls.longest_handler:
            cls.longest_handler = seconds
            cls.longest_what = what

    def __init__(self, client, parent=None):
        super(Background, self).__init__(parent)
        self._client = client
        self._relay = _Relay(self)
        self._running = 0
        self._lock = threading.Lock()
        self._followers = []
        self._closed = False
        self._queue: "queue.Queue[Optional[Callable[[], None]]]" = queue.Queue()
        self._workers = [threading.Thread(target=self._work_loop, name="batchrender-panel-{}".format(i), daemon=True)
                         for i in range(WORKERS)]
        for w in self._workers:
            w.start()

    def _work_loop(self):
        while True:
            job = self._queue.get()
            if job is None:
                return
            job()

    @property
    def busy(self):
        return self._running > 0 or bool(self._followers)

    def call(self, fn, on_done=None, on_error=None):
        """Runs ``fn(client)`` on a worker thread; ``on_done(result)`` or ``on_error(exc)`` on the main thread."""
        with self._lock:
            self._running += 1

        def work():
            if self._closed:  # the panel closed meanwhile: do not start a gateway for nobody
                with self._lock:
                    self._running -= 1
                return
            outcome: Optional[_Outcome] = None
            try:
                result = fn(self._client())
                if on_done:
                    outcome = _Outcome(on_done, result)
            except Exception as e:  # noqa: BLE001 - every failure goes to the panel, as one line
                if on_error:
                    outcome = _Outcome(on_error, e)
            finally:
                with self._lock:
                    self._running -= 1
            if outcome is not None and not self._closed:
                try:
                    self._relay.fire.emit(outcome)
                except RuntimeError:   # the panel was deleted since the check above: nobody to tell
                    pass

        self._queue.put(work)

    def follow(self, start, on_progress=None, on_done=None, on_error=None):
        """Starts an operation with ``start(client)`` (off the main thread), then polls it every
        200 ms from a QTimer (each poll also off the main thread) until it ends."""
        follower = _Follower(self, on_progress, on_done, on_error)
        self._followers.append(follower)
        self.call(start, follower.started, follower.failed)
        return follower

    def _forget(self, follower):
        if follower in self._followers:
            self._followers.remove(follower)

    def abandon(self, message, hint="", code=None):
        """The gateway went away under the followed operations: each stops polling and reports ``message`` as
        its error (the work itself is the gateway's to finish or cancel). Returns how many there were."""
        from batchrender import GatewayError
        followers = list(self._followers)
        for f in followers:
            f.failed(GatewayError(message, hint, code))
            f.ended = True   # a reply still in flight from the old gateway is not reported again
        return len(followers)

    def close(self):
        """Stops polling; calls in flight finish but report nothing."""
        self._closed = True
        for f in list(self._followers):
            f.stop()
        for _w in self._workers:
            self._queue.put(None)


class _Follower(object):
    """Polls one operation; ``cancel()`` asks the core to stop it."""

    def __init__(self, bg, on_progress, on_done, on_error):
        self._bg = bg
        self._on_progress = on_progress
        self._on_done = on_done
        self._on_error = on_error
        self.operation: Any = None
        self._polling = False
        self._timer = QtCore.QTimer(bg)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self.started_at = time.monotonic()
        self.ended = False

    def started(self, operation):
        if self.ended:
            return
        self.operation = operation
        self._report()
        if operation.done:
            self._finish()
        else:
            self._timer.start()

    def failed(self, error):
        if self.ended:
            return
        self.stop()
        if self._on_error:
            self._on_error(error)

    def _poll(self):
        if self._polling or self.operation is None:
            return
        started, cpu = time.perf_counter(), time.thread_time()
        self._polling = True
        self._bg.call(lambda c: self.operation.refresh(), self._polled, self._poll_failed)
        Background.record(time.perf_counter() - started, "poll", time.thread_time() - cpu)

    def _polled(self, _op):
        self._polling = False
        if self.ended:
            return
        self._report()
        if self.operation.done:
            self._finish()

    def _poll_failed(self, error):
        self._polling = False
        if self.ended:
            return
        self.failed(error)

    def _report(self):
        if self._on_progress and self.operation is not None:
            self._on_progress(self.operation.progress)

    def _finish(self):
        self.stop()
        try:
            result = self.operation.result()
        except Exception as e:  # noqa: BLE001
            if self._on_error:
                self._on_error(e)
            return
        if self._on_done:
            self._on_done(result)

    def cancel(self):
        if self.operation is not None and not self.operation.done:
            op = self.operation
            self._bg.call(lambda c: op.cancel())

    def stop(self):
        self._timer.stop()
        self._bg._forget(self)


def describe(error):
    """One line for the artist: the typed error's message and what to do."""
    message = getattr(error, "message", None)
    hint = getattr(error, "hint", "")
    if message:
        return message + (" — " + hint if hint else "")
    return str(error) or error.__class__.__name__


def rate_and_eta(progress, elapsed):
    """'12 of 40 · 3.1/s · 9 s left' from a Progress and the seconds since the start."""
    text = "{} of {}".format(progress.done, progress.total) if progress.total else str(progress.done)
    if progress.rate:
        text += " · {:.1f}/s".format(progress.rate)
        if progress.total and progress.done < progress.total:
            text += " · {:.0f} s left".format((progress.total - progress.done) / progress.rate)
    return text
