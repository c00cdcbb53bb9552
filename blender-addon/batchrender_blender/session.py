"""The add-on's one connection to the Java core, and the work done for it off Blender's main thread.

Blender's UI and ``bpy`` live on the main thread; a call to the core can take seconds (starting the gateway JVM,
a scan, an upload before an Azure submit). So every call runs on one of the session's worker threads, and what it
returns is handed back to the main thread by a ``bpy.app.timers`` function (:meth:`Session.pump`), which runs the
callbacks and redraws the Properties editor. Nothing here touches ``bpy`` off the main thread.

The gateway starts lazily, on the first call (on a worker). :meth:`Session.close` (add-on disabled, Reload
Scripts, Blender quitting) stops the workers, unregisters the timer and lets the gateway go without waiting: its
stdin is closed on a short-lived thread, so the gateway finishes a submission in flight by itself and exits. The
watchers and the render agent are separate processes started by the core and carry on.
"""
import queue
import threading
import time

PUMP_SECONDS = 0.2
WORKERS = 2
THREAD_PREFIX = "batchrender-"


class Work(object):
    """One piece of work on a worker: its result or error, and progress an operation reported (read on the main
    thread, written on the worker: plain attribute assignments)."""

    def __init__(self, fn, on_done=None, on_error=None, on_progress=None):
        self.fn = fn
        self.on_done = on_done
        self.on_error = on_error
        self.on_progress = on_progress
        self.done = False
        self.value = None
        self.error = None
        self.progress = None
        self.operation = None
        self.cancelled = False

    def cancel(self):
        """Asks the operation this work follows to stop (a submit already handed to the farm stays submitted)."""
        self.cancelled = True
        op = self.operation
        if op is not None:
            try:
                op.cancel()
            except Exception:  # noqa: BLE001 - it may have ended, or the gateway gone
                pass


class Session(object):
    """Worker threads, the lazily started client, and the main-thread pump.

    Args:
        make_client: returns a new ``batchrender.Client`` (called on a worker, on first use).
        timers: ``bpy.app.timers`` (or any object with ``register``, ``unregister``, ``is_registered``).
        on_main: called on the main thread after each pump that ran callbacks (the add-on redraws there).
    """

    def __init__(self, make_client, timers, on_main=None):
        self._make_client = make_client
        self._timers = timers
        self._on_main = on_main
        self._client = None
        self._client_lock = threading.Lock()
        self._queue = queue.Queue()
        self._finished = queue.Queue()
        self._closed = threading.Event()
        self._threads = []
        self.in_flight = set()
        #: the longest a pump held the main thread, in seconds (the responsiveness check reads it)
        self.longest_pump = 0.0
        # bpy.app.timers knows a function by its object's address: one bound method, kept, registered and removed
        self.timer_function = self.pump

    # ---- lifetime -----------------------------------------------------------------------------

    @property
    def closed(self):
        return self._closed.is_set()

    def client(self):
        """The client, started on first use (call on a worker: starting the JVM takes a second)."""
        with self._client_lock:
            if self._closed.is_set():
                from batchrender import GatewayError
                raise GatewayError("the Batch Render add-on was disabled", "enable it again")
            if self._client is None:
                self._client = self._make_client()
            return self._client

    @property
    def gateway_pid(self):
        c = self._client
        return c.gateway_pid if c is not None else None

    def close(self, at_exit=False):
        """Stops the workers and the pump, and lets the gateway go without waiting for it; returns at once.

        ``at_exit`` (Python is ending with Blender): only stop taking work. The gateway's stdin is a pipe held by
        this process alone, so it closes with the process and the gateway exits by itself (after a submission in
        flight); no thread is started while the interpreter shuts down."""
        if self._closed.is_set():
            return
        self._closed.set()
        for _ in self._threads:
            self._queue.put(None)
        if self._timers.is_registered(self.timer_function):
            self._timers.unregister(self.timer_function)
        if at_exit:
            return
        with self._client_lock:
            client, self._client = self._client, None
        if client is not None:
            # close() closes the gateway's stdin and waits for the JVM, which first finishes a submission in
            # flight: on a thread of its own, so Blender's main thread (or its quitting) never waits for that
            threading.Thread(target=client.close, name=THREAD_PREFIX + "gateway-stop", daemon=True).start()

    def threads(self):
        """This session's threads still alive (workers, and the gateway's stopper after close)."""
        return [t for t in threading.enumerate() if t.name.startswith(THREAD_PREFIX)]

    # ---- work ---------------------------------------------------------------------------------

    def call(self, fn, on_done=None, on_error=None):
        """Runs ``fn(client)`` on a worker; ``on_done(value)`` or ``on_error(exception)`` later on the main thread."""
        return self._submit(Work(fn, on_done, on_error))

    def follow(self, start, on_done=None, on_error=None, on_progress=None, then=None):
        """Runs ``start(client)`` on a worker, which returns a ``batchrender.Operation``, and waits there for it;
        ``on_progress(progress)`` runs on the main thread as it goes, then ``on_done(result)`` or ``on_error``.
        ``then(client, result)``, when given, runs on the worker after the operation and its value is the work's."""
        work = Work(None, on_done, on_error, on_progress)

        def run(client):
            op = start(client)
            work.operation = op
            if work.cancelled:
                work.cancel()
            while not op.done:
                if self._closed.is_set():
                    from batchrender import GatewayError
                    raise GatewayError("the add-on was disabled while this ran",
                                       "it goes on in the gateway until it ends; look at the jobs again")
                time.sleep(PUMP_SECONDS)
                op.refresh()
                work.progress = op.progress
            result = op.result()
            return then(client, result) if then is not None else result

        work.fn = run
        return self._submit(work)

    def _submit(self, work):
        if self._closed.is_set():
            raise RuntimeError("the Batch Render session is closed")
        self._start_threads()
        self.in_flight.add(work)
        self._queue.put(work)
        self._ensure_timer()
        return work

    def _start_threads(self):
        if self._threads:
            return
        for i in range(WORKERS):
            t = threading.Thread(target=self._work, name="{}worker-{}".format(THREAD_PREFIX, i + 1), daemon=True)
            t.start()
            self._threads.append(t)

    def _work(self):
        while True:
            work = self._queue.get()
            if work is None or self._closed.is_set():
                return
            try:
                work.value = work.fn(self.client())
            except Exception as e:  # noqa: BLE001 - handed to the main thread as the work's error
                work.error = e
            work.done = True
            self._finished.put(work)

    # ---- the main thread ----------------------------------------------------------------------

    def _ensure_timer(self):
        if not self._timers.is_registered(self.timer_function):
            self._timers.register(self.timer_function, first_interval=PUMP_SECONDS, persistent=True)

    def pump(self):
        """The timer function (main thread): progress and results to their callbacks. Returns the next interval,
        or None (the timer ends) when nothing is left to follow."""
        if self._closed.is_set():
            return None
        started = time.perf_counter()
        try:
            return self._pump()
        finally:
            self.longest_pump = max(self.longest_pump, time.perf_counter() - started)

    def _pump(self):
        ran = False
        for work in list(self.in_flight):
            if work.on_progress is not None and work.progress is not None and not work.done:
                _safely(work.on_progress, work.progress)
                ran = True
        while True:
            try:
                work = self._finished.get_nowait()
            except queue.Empty:
                break
            self.in_flight.discard(work)
            ran = True
            if work.error is not None:
                if work.on_error is not None:
                    _safely(work.on_error, work.error)
            elif work.on_done is not None:
                _safely(work.on_done, work.value)
        if ran and self._on_main is not None:
            _safely(self._on_main, None)
        if self.in_flight or self.keep_alive():
            return PUMP_SECONDS
        return None

    def keep_alive(self):
        """Overridden by the add-on: True while something wants the pump to go on (jobs being followed)."""
        return False

    def wait(self, work, timeout=None):
        """Blocks until ``work`` ends, pumping (for background Blender, ``blender -b``, where no timer runs and no
        UI waits); returns its value or raises its error."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not work.done:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError("the core did not answer within {} s".format(timeout))
            time.sleep(0.05)
            self.pump()
        self.pump()
        if work.error is not None:
            raise work.error
        return work.value


def _safely(fn, arg):
    try:
        fn(arg)
    except Exception:  # noqa: BLE001 - a UI callback failing must not stop the pump
        import traceback
        traceback.print_exc()
