"""Handles of long work in the Java core: poll progress, wait for the result, cancel."""
import time

from .errors import OperationTimeoutError, from_json


class Progress(object):
    """How far an operation has come.

    Attributes:
        done: units done (files, tasks, ...; the message says which).
        total: units in all, 0 when not known yet.
        rate: units per second since it started.
        message: one line for the panel.
    """

    def __init__(self, done=0, total=0, rate=0.0, message=""):
        self.done = done
        self.total = total
        self.rate = rate
        self.message = message

    @property
    def fraction(self):
        """done / total, or None when the total is not known."""
        return float(self.done) / self.total if self.total else None

    def __repr__(self):
        return "Progress({}/{}, {!r})".format(self.done, self.total, self.message)


class Operation(object):
    """One operation of the gateway (a scan, a submit, a job cancel, a watcher start, ...).

    Attributes:
        id: its id in the gateway (``op-N``).
        kind: what it does (``scan``, ``submit``, ...).
        state: ``running``, ``succeeded``, ``failed`` or ``cancelled`` as of the last :meth:`refresh`.
        progress: a :class:`Progress` as of the last refresh.
    """

    def __init__(self, client, data):
        self._client = client
        self._update(data)

    def _update(self, data):
        self.id = data["id"]
        self.kind = data["kind"]
        self.state = data["state"]
        p = data.get("progress") or {}
        self.progress = Progress(p.get("done", 0), p.get("total", 0), p.get("rate", 0.0), p.get("message", ""))
        self._result = data.get("result")
        self._error = data.get("error")

    @property
    def done(self):
        """True once it ended, however it ended."""
        return self.state != "running"

    def refresh(self):
        """Asks the gateway for its state now; returns self."""
        self._update(self._client._call("operation", self.id))
        return self

    def cancel(self):
        """Asks it to stop; it ends at its next step (a submit already handed to the farm stays submitted)."""
        self._update(self._client._call("cancelOperation", self.id))
        return self

    def result(self):
        """Its result (parsed JSON) if it succeeded; raises its typed error if it failed or was cancelled."""
        if self._error is not None:
            raise from_json(self._error)
        if self.state != "succeeded":
            raise OperationTimeoutError("operation {} is still {}".format(self.id, self.state),
                                        "wait for it with wait()")
        return self._result

    def wait(self, timeout=None, poll=0.1, on_progress=None):
        """Polls until it ends and returns :meth:`result`.

        Args:
            timeout: seconds to wait at most (None: no limit); the operation goes on after a timeout.
            poll: seconds between polls.
            on_progress: called with the :class:`Progress` after each poll.

        Raises:
            OperationTimeoutError: it did not end in time.
            BatchRenderError: its typed error, when it failed.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            if on_progress is not None:
                on_progress(self.progress)
            if self.done:
                return self.result()
            if deadline is not None and time.monotonic() > deadline:
                raise OperationTimeoutError("operation {} ({}) did not end within {} s".format(self.id, self.kind, timeout),
                                            "it goes on: poll it again or cancel it")
            time.sleep(poll)
            self.refresh()

    def __repr__(self):
        return "Operation({}, {}, {})".format(self.id, self.kind, self.state)
