"""The panel's buttons. Each call to the core runs on the session's workers; an operator invoked from the UI
follows it as a modal operator (a window timer, Esc cancels) and says how it ended with one line in Blender's
report area. Run from a script (``bpy.ops.batchrender.submit()``, EXEC), it waits for the answer as
``bpy.ops.render.render()`` does, which is what background Blender (``blender -b``) needs.
"""
import time

import bpy
from bpy.props import StringProperty

from . import checks, classes, runtime, scene_reader

WAIT_SECONDS = 3600


def _describe(error):
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _form(props):
    return {"farm": props.farm, "allowMissing": props.allow_missing, "watch": props.watch,
            "download": bpy.path.abspath(props.download) if props.download else "", "vmSize": props.vm_size}


def pool_request(props):
    """The ``pool`` field of an Azure submit, as the Maya panel's Submit tab makes it."""
    if props.pool_mode == "existing":
        return {"mode": "existing", "id": props.pool_id}
    pool = {"mode": props.pool_mode, "dedicatedNodes": props.dedicated_nodes}
    if props.spot_nodes:
        pool["spotNodes"] = props.spot_nodes
    if props.pool_mode == "new":
        pool["id"] = props.new_pool_id.strip()
    if props.vm_size.strip():
        pool["vmSize"] = props.vm_size.strip()
    return pool


def submit_request(props, snap):
    """The fields of ``Client.submit`` for the form and the open file."""
    req = {"scene": snap["scene"], "frames": snap["frames"] if props.use_scene_range else props.frames.strip(),
           "chunk": props.chunk}
    if props.job_name.strip():
        req["name"] = props.job_name.strip()
    if props.output.strip():
        req["output"] = bpy.path.abspath(props.output.strip())
    if props.allow_missing:
        req["allowMissing"] = True
    # the files Blender names: the core resolves them (search folders too), refuses the submit in one line when one
    # is missing (unless allowMissing), and on Azure uploads them with the scene and maps their paths on the nodes
    req["references"] = snap["references"]
    if search_paths(props):
        req["searchPaths"] = search_paths(props)
    if props.farm == "azure":
        req["farm"] = "azure"
        req["pool"] = pool_request(props)
    return req


def search_paths(props):
    """The form's search folder as the core's ``searchPaths`` (absolute; none when empty)."""
    return [bpy.path.abspath(props.search_folder)] if props.search_folder.strip() else []


def run_checks(context, missing=None):
    """Reads the file, runs the checks (``missing``: the core's answer, None before it), keeps them for the panel;
    returns (snapshot, [Check])."""
    props = context.scene.batchrender
    snap = scene_reader.snapshot(context)
    results = checks.run(snap, _form(props), missing)
    rt = runtime.current()
    if rt is not None:
        rt.checks = results
    return snap, results


class _Followed(object):
    """Mix-in: follows a session's work to its end, modal from the UI, blocking from a script."""

    _work = None
    _timer = None
    cancellable = False

    def begin(self, context):
        """Starts the work and returns it (or returns a set to end the operator now)."""
        raise NotImplementedError

    def succeeded(self, context, value):
        """The report's level and line for the work's value."""
        raise NotImplementedError

    failure_prefix = ""

    def execute(self, context):
        work = self.begin(context)
        if isinstance(work, set):
            return work
        try:
            value = runtime.current().session.wait(work, WAIT_SECONDS)
        except Exception as e:  # noqa: BLE001 - reported as one line
            return self._failed(e)
        return self._succeeded(context, value)

    #: the longest an invoke or a modal step held the main thread, in seconds (the responsiveness check reads it)
    longest_step = [0.0]

    def invoke(self, context, event):
        started = time.perf_counter()
        try:
            return self._invoke(context, event)
        finally:
            _Followed.longest_step[0] = max(_Followed.longest_step[0], time.perf_counter() - started)

    def modal(self, context, event):
        started = time.perf_counter()
        try:
            return self._modal(context, event)
        finally:
            _Followed.longest_step[0] = max(_Followed.longest_step[0], time.perf_counter() - started)

    def _invoke(self, context, event):
        work = self.begin(context)
        if isinstance(work, set):
            return work
        self._work = work
        wm = context.window_manager
        self._timer = wm.event_timer_add(0.1, window=context.window)
        wm.modal_handler_add(self)
        return {"RUNNING_MODAL"}

    def _modal(self, context, event):
        work = self._work
        if event.type == "ESC" and self.cancellable and not work.cancelled:
            work.cancel()
            runtime.current().set_status("INFO", "Cancelling...")
            return {"RUNNING_MODAL"}
        if event.type != "TIMER" or not work.done:
            return {"PASS_THROUGH"}
        context.window_manager.event_timer_remove(self._timer)
        if work.error is not None:
            return self._failed(work.error)
        return self._succeeded(context, work.value)

    def _failed(self, error):
        line = self.failure_prefix + _describe(error)
        rt = runtime.current()
        if rt is not None:
            rt.set_status("ERROR", line)
            rt.submitting = None
        self.report({"ERROR"}, line)
        return {"CANCELLED"}

    def _succeeded(self, context, value):
        level, line = self.succeeded(context, value)
        rt = runtime.current()
        if rt is not None:
            rt.set_status(level, line)
            rt.submitting = None
            rt.refresh_jobs()
        self.report({level}, line)
        return {"CANCELLED"} if level == "ERROR" else {"FINISHED"}


class BATCHRENDER_OT_check(_Followed, bpy.types.Operator):
    """Check the file before submitting: saved, every file it names found by the core, renderer and device"""
    bl_idname = "batchrender.check"
    bl_label = "Check"
    cancellable = True
    failure_prefix = "Not checked: "

    def begin(self, context):
        snap, results = run_checks(context)
        blocking = checks.first_blocking(results)
        if blocking:
            self.report({"ERROR"}, blocking)
            return {"CANCELLED"}
        self._snap = snap
        scene, refs, folders = snap["scene"], snap["references"], search_paths(context.scene.batchrender)
        runtime.current().set_status("INFO", "Checking {} file(s)...".format(len(refs)))
        return runtime.current().session.follow(lambda c: c.scan(scene, search_paths=folders, references=refs))

    def succeeded(self, context, manifest):
        missing = [a for a in manifest.get("assets", []) if a.get("status") == "missing"]
        results = checks.run(self._snap, _form(context.scene.batchrender), missing)
        runtime.current().checks = results
        blocking = checks.first_blocking(results)
        if blocking:
            return "ERROR", blocking
        warnings = [c.text for c in results if not c.ok]
        return ("WARNING", warnings[0]) if warnings else ("INFO", "Ready to submit")


class BATCHRENDER_OT_submit(_Followed, bpy.types.Operator):
    """Submit this .blend to the farm (Esc cancels while it uploads)"""
    bl_idname = "batchrender.submit"
    bl_label = "Submit"
    cancellable = True
    failure_prefix = "Not submitted: "

    @classmethod
    def poll(cls, context):
        rt = runtime.current()
        return rt is not None and rt.submitting is None

    def begin(self, context):
        props = context.scene.batchrender
        snap, results = run_checks(context)
        blocking = checks.first_blocking(results)
        if blocking:
            runtime.current().set_status("ERROR", blocking)
            self.report({"ERROR"}, blocking)
            return {"CANCELLED"}
        req = submit_request(props, snap)
        form = _form(props)
        watch_to = form["download"] if props.watch else ""
        rt = runtime.current()

        def then(client, job):
            watcher = None
            if watch_to:
                try:
                    watcher = client.start_watcher(job["jobId"], watch_to, farm=props_farm).wait(timeout=120)
                except Exception as e:  # noqa: BLE001 - the job is submitted; the watcher's failure is a warning
                    watcher = e
            return job, watcher

        props_farm = props.farm
        rt.set_status("INFO", "Submitting...")
        work = rt.session.follow(lambda c: c.submit(**req), on_progress=lambda p: rt.set_status(
            "INFO", p.message or "Submitting..."), then=then)
        rt.submitting = work
        rt.selected_job = ""
        return work

    def succeeded(self, context, value):
        job, watcher = value
        rt = runtime.current()
        rt.selected_job = job["jobId"]
        line = "Submitted job {}".format(job["jobId"])
        if isinstance(watcher, Exception):
            return "WARNING", line + "; not watching: " + _describe(watcher)
        if watcher is not None:
            return "INFO", line + "; watching: its frames come home to " + context.scene.batchrender.download
        return "INFO", line


class BATCHRENDER_OT_cancel_job(_Followed, bpy.types.Operator):
    """Cancel this job: running frames stop, the rest never start"""
    bl_idname = "batchrender.cancel_job"
    bl_label = "Cancel Job"
    job_id: StringProperty()
    failure_prefix = "Not cancelled: "

    def begin(self, context):
        farm, job_id = context.scene.batchrender.farm, self.job_id
        return runtime.current().session.follow(lambda c: c.cancel_job(job_id, farm=farm))

    def succeeded(self, context, value):
        return "INFO", "Cancelled job {}".format(self.job_id)


class BATCHRENDER_OT_watch(_Followed, bpy.types.Operator):
    """Bring this job's frames home to the download folder as they finish, in a background process that keeps
    going after Blender quits"""
    bl_idname = "batchrender.watch"
    bl_label = "Watch"
    job_id: StringProperty()
    failure_prefix = "Not watching: "

    def begin(self, context):
        props = context.scene.batchrender
        folder = bpy.path.abspath(props.download) if props.download else ""
        if not folder:
            self.report({"ERROR"}, "Choose the download folder for the frames first")
            return {"CANCELLED"}
        farm, job_id = props.farm, self.job_id
        self._folder = folder
        return runtime.current().session.follow(lambda c: c.start_watcher(job_id, folder, farm=farm))

    def succeeded(self, context, value):
        return "INFO", "Watching job {}: its frames come home to {}".format(self.job_id, self._folder)


class BATCHRENDER_OT_select_job(bpy.types.Operator):
    """Show this job's latest frame"""
    bl_idname = "batchrender.select_job"
    bl_label = "Select Job"
    job_id: StringProperty()

    def execute(self, context):
        rt = runtime.current()
        rt.selected_job = self.job_id
        rt.refresh_jobs()
        return {"FINISHED"}


class BATCHRENDER_OT_refresh(bpy.types.Operator):
    """Read this file's jobs again, and on Azure Batch the account and its pools"""
    bl_idname = "batchrender.refresh"
    bl_label = "Refresh"

    def execute(self, context):
        rt = runtime.current()
        rt.refresh_jobs()
        if context.scene.batchrender.farm == "azure":
            rt.refresh_account()
        return {"FINISHED"}


CLASSES = (BATCHRENDER_OT_check, BATCHRENDER_OT_submit, BATCHRENDER_OT_cancel_job, BATCHRENDER_OT_watch,
           BATCHRENDER_OT_select_job, BATCHRENDER_OT_refresh)


def register():
    classes.register(CLASSES)
