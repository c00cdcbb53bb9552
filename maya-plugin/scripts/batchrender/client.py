"""The Python face of the Java core: one :class:`Client` wraps the gateway's API in functions.

Every call goes to the Java core over a Py4J gateway on the loopback address, authenticated with
the gateway's random token, and returns plain Python values (parsed JSON). Long work returns an
:class:`~batchrender.operation.Operation` to poll, wait for or cancel. Errors are raised as the
typed exceptions of :mod:`batchrender.errors`. When the gateway JVM has died, the next call starts
a new one and tries once more.

Example::

    from batchrender import Client
    with Client() as br:
        job = br.submit(scene="/shots/sh010.ma", frames="1-100").wait()
        br.start_watcher(job["jobId"], "/renders/sh010").wait()
"""
import json
import threading

from .errors import GatewayError, from_json
from .gateway import GatewayProcess
from .operation import Operation

try:
    from py4j.java_gateway import GatewayParameters, JavaGateway
    from py4j.protocol import Py4JError, Py4JNetworkError
except ImportError:  # pragma: no cover - reported when a client is made
    JavaGateway = None


#: calls not sent again when the gateway died while they ran: they may have taken effect
_NOT_REPEATED = frozenset(["submit", "createPool"])


class Client(object):
    """A connection to the Java core, started on first use.

    Args:
        java: the java executable (default: found from JAVA_HOME or PATH, 17 or later).
        jar: the Batch Render jar (default: found, see :func:`batchrender.java.find_jar`).
        env: the environment of the gateway and of the jobs it submits (default: this process's).
        log_path: a file for the gateway JVM's own error output (default: discarded; it logs to its state folder).
    """

    def __init__(self, java=None, jar=None, env=None, log_path=None):
        if JavaGateway is None:
            raise GatewayError("the py4j package is missing", "install it: pip install py4j==0.10.9.9")
        self._java = java
        self._jar = jar
        self._env = env
        self._log_path = log_path
        self._lock = threading.RLock()
        self._process = None
        self._gateway = None
        self._api = None
        self.restarts = 0
        self._closes = 0  # counts close(): a call that was under way when it came does not restart the gateway

    # ---- lifetime -----------------------------------------------------------------------------

    def start(self):
        """Starts the gateway and connects, unless already connected; returns self."""
        with self._lock:
            if self._process is not None and self._process.alive() and self._api is not None:
                return self
            if self._process is not None and not self._process.alive():
                self.restarts += 1  # it died since the last call
            self._disconnect()
            self._process = GatewayProcess.start(self._java, self._jar, self._env, self._log_path)
            try:
                self._gateway = JavaGateway(gateway_parameters=GatewayParameters(
                    address="127.0.0.1", port=self._process.port, auth_token=self._process.token,
                    auto_field=False, auto_convert=False, eager_load=True))
            except Py4JError as e:
                self._process.stop(timeout=10)
                self._process = None
                raise GatewayError("could not connect to the gateway ({})".format(e), "see the gateway's log")
            self._api = self._gateway.entry_point
            return self

    def close(self):
        """Disconnects and lets the gateway exit (after submissions in progress); watchers keep running."""
        with self._lock:
            self._closes += 1
            self._disconnect()

    def _disconnect(self):
        if self._gateway is not None:
            try:
                self._gateway.close(keep_callback_server=False, close_callback_server_connections=False)
            except Exception:  # noqa: BLE001 - a dead gateway cannot be closed politely
                pass
        self._gateway = None
        self._api = None
        if self._process is not None:
            self._process.stop()
        self._process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()

    @property
    def gateway_pid(self):
        """The gateway JVM's process id, or None when none runs."""
        return self._process.process.pid if self._process is not None and self._process.alive() else None

    # ---- plumbing -----------------------------------------------------------------------------

    def _call(self, method, *args):
        """Calls ``method`` of the Java API; returns its value or raises its typed error.

        A call that fails because the gateway died starts a new gateway and is tried once more,
        unless it is a submission (which may have reached the farm before the gateway died).
        """
        closes = self._closes
        for attempt in (0, 1):
            api = self.start()._api
            try:
                reply = getattr(api, method)(*args)
                break
            except Py4JError as e:
                with self._lock:
                    dead = self._process is None or not self._process.still_running_after(1.0)
                    if dead:
                        self._disconnect()
                if not dead:
                    raise GatewayError("the gateway failed to answer {} ({})".format(method, e),
                                       "see the gateway's log in the state folder")
                if self._closes != closes:
                    raise GatewayError("the client was closed during {}".format(method),
                                       "start it again (any call does) if you still need it")
                if attempt == 1 or method in _NOT_REPEATED:
                    raise GatewayError("the gateway stopped during {}".format(method),
                                       "check with jobs() whether it happened, then try again")
                self.restarts += 1  # died during the call: the next start() makes a new one
        data = json.loads(reply)
        if not data.get("ok"):
            raise from_json(data.get("error") or {})
        return data.get("value")

    def _operation(self, method, *args):
        return Operation(self, self._call(method, *args))

    # ---- the API ------------------------------------------------------------------------------

    def ping(self):
        """``"pong"``: the cheapest round trip to the Java core."""
        return self._call("ping")

    def settings(self):
        """Version, Java version, the state folder, the farm and its pools."""
        return self._call("settings")

    def check_authentication(self, farm=None, timeout=120):
        """Whether the farm accepts this user: ``{"authenticated": bool, "message": "Authenticated" or the
        service's reason, "farm": ...}``.

        Args:
            farm: ``"local"`` (default: the state folder is writable) or ``"azure"``: Azure Batch lists
                its pools and Azure Storage its containers with the saved accounts; the answer then also
                has ``"batch"`` and ``"storage"``, each ``{"authenticated", "message"}``.
            timeout: seconds to wait for the services (azure).
        """
        if farm in (None, "local"):
            return self._call("checkAuthentication")
        return self.authenticate(farm).wait(timeout)

    def authenticate(self, farm):
        """The authentication check of ``farm`` as an :class:`Operation` (its result as :meth:`check_authentication`)."""
        return self._operation("authenticate", farm)

    def azure_settings(self):
        """The saved Azure accounts, never a secret::

            {"batch": {"url", "account", "key": "saved"|"environment"|"unset", "auth": "sharedKey"|"entraId"|"none"},
             "storage": {"store", "account", "endpoint", "key", "sasToken", "connectionString", "auth"}}
        """
        return self._call("azureSettings")

    def save_azure_settings(self, batch_url=None, batch_account=None, batch_key=None, storage_account=None,
                            storage_key=None, storage_sas_token=None, storage_connection_string=None,
                            storage_endpoint=None, batch_auth_mode=None):
        """Saves Azure accounts in the core's secret store (files in the state folder readable by the
        user only; secrets never logged nor returned). An argument left None keeps what is saved; an
        empty string removes it. A Storage key replaces a saved SAS token and the other way round.
        A Batch URL without a key signs in with Microsoft Entra ID; ``batch_auth_mode`` ("aad" or
        "shared_key") says which one when both could be used.
        Returns :meth:`azure_settings`."""
        fields = {"batchUrl": batch_url, "batchAccount": batch_account, "batchKey": batch_key,
                  "storageAccount": storage_account, "storageKey": storage_key, "storageSasToken": storage_sas_token,
                  "storageConnectionString": storage_connection_string, "storageEndpoint": storage_endpoint,
                  "batchAuthMode": batch_auth_mode}
        return self._call("saveAzureSettings", json.dumps({k: v for k, v in fields.items() if v is not None}))

    def sync_assets(self, project, paths, excluded=None, store=None):
        """Uploads files and folders into an asset project (an :class:`Operation`).

        Only what changed is sent (size and MD5 against what the project holds); progress counts
        bytes (``done``/``total``), ``rate`` is bytes per second over the last seconds and the
        message says files, bytes and time left. ``cancel()`` stops it; syncing again resumes.

        Args:
            project: the asset project's name (its container is ``fgrp-<name>``).
            paths: files and folders (folders are taken whole).
            excluded: files and folders to leave out.
            store: ``"local"`` or ``"azure"`` (default: the saved choice, else local).

        The result: ``container``, ``uploaded``, ``skipped``, ``bytesUploaded``, ``bytesTotal``,
        ``failed`` (path, reason), ``complete``.
        """
        request = {"project": project, "paths": [str(p) for p in paths]}
        if excluded:
            request["excluded"] = [str(p) for p in excluded]
        if store:
            request["store"] = store
        return self._operation("syncAssets", json.dumps(request))

    def projects(self, store=None):
        """The asset projects in a store: ``project``, ``container``, ``files``, ``bytes``."""
        return self._call("projects", store or "")

    def scan(self, scene, search_paths=None, references=None):
        """Scans a scene for every file it needs (an :class:`Operation`).

        Args:
            scene: the .ma or .mb file, or a .blend with ``references``.
            search_paths: extra folders to look for missing files in, recursively.
            references: the references the application reports for the open scene, as dicts with ``node``,
                ``nodeType``, ``attribute``, ``path`` (and optionally ``tiling``, ``frameSequence``);
                only these are resolved. Maya: its file nodes; Blender: each data-block's absolute
                ``filepath`` (``nodeType`` ``Image``, ``Library``, ...). None: a Maya file is read,
                references at every depth.

        The result is the scene's manifest: settings, layers, cameras and ``assets`` with each
        file's ``status`` (``found``, ``missing``, ...).
        """
        request = {"scene": str(scene)}  # type: dict[str, object]
        if search_paths:
            request["searchPaths"] = [str(p) for p in search_paths]
        if references is not None:
            request["references"] = list(references)
        return self._operation("scan", json.dumps(request))

    def submit(self, scene=None, frames=None, command=None, **options):
        """Submits a job (an :class:`Operation` whose result is the job, with ``jobId``).

        Args:
            scene: the scene to render (or give ``command``).
            frames: a frame spec such as ``"1-100x2"``; Maya scenes default to their own range.
            command: a program and its arguments (a list) to run per frame instead of a renderer.
            **options: the other fields of ``batchrender submit``: ``chunk``, ``output``, ``renderer``,
                ``name``, ``retries``, ``timeoutSeconds``, ``searchPaths``, ``allowMissing``, ``engine``,
                ``format``, ``imageName``, ``camera``, ``layer``, ``project``; ``references`` for a .blend (as
                :meth:`scan` takes them: checked, uploaded and path-mapped as a Maya scene's files); and for Azure Batch
                ``farm="azure"`` with ``pool`` (``{"mode": "auto"|"existing"|"new", "id", "dedicatedNodes",
                "spotNodes", "slotsPerNode", "vmSize", "image"}``), ``assetProject``, ``licenseServers``
                (``["autodesk=27000@lic"]``), ``environment`` (a dict), ``excluded``, ``extraFiles`` and
                ``limitRate`` (the upload's most bytes a second over all connections: ``"500k"``, ``"20M"``).

        On Azure the scene and its files are synced to the asset project first (progress in bytes,
        with rate and time left), then the job gets its own output container; the result adds
        ``assetProject``, ``outputContainer`` and ``upload``.
        """
        return self._operation("submit", json.dumps(_submit_request(scene, frames, command, options)))

    def preview(self, scene=None, frames=None, command=None, **options):
        """What :meth:`submit` with the same arguments would store or send, exactly, submitting, uploading and
        creating nothing (an :class:`Operation`): ``{"farm", "job"}`` as the farm would take it (every task's
        command, environment with secrets masked, files and outputs); on Azure the request bodies. The same
        answer as ``batchrender submit --dry-run``."""
        return self._operation("previewSubmit", json.dumps(_submit_request(scene, frames, command, options)))

    def azure_checks(self, scene=None, pool=None):
        """What Azure Batch would refuse in a submit of ``scene`` to ``pool`` (the same ``pool`` dict as
        :meth:`submit`), found without sending anything: a list of one-line problems (a Maya scene on
        the Blender image, a Compute Gallery image with a Shared Key), empty when there are none."""
        request = {"farm": "azure", "pool": dict(pool or {})}
        if scene:
            request["scene"] = str(scene)
        return self._call("azureChecks", json.dumps(request))

    def submit_defaults(self, scene=None, project=None):
        """What the core decides for the panel, so it and the CLI agree: ``renderers`` (each with ``sceneName``,
        Maya's currentRenderer or ``blender``; ``name``, what ``renderer`` takes; ``label``), ``vmSize`` (of a pool
        made for a job), and with a ``scene`` its default ``assetProject`` (the Maya ``project``'s folder name, else
        the scene's name)."""
        request = {}  # type: dict[str, str]
        if scene:
            request["scene"] = str(scene)
        if project:
            request["project"] = str(project)
        return self._call("submitDefaults", json.dumps(request))

    def upload_plan(self, scene, assets, project=None, asset_project=None, excluded=None, extra_files=None):
        """What an upload of a checked scene sends, by the rule an Azure submit uses: ``assetProject`` (the one
        named, else the core's default), ``container`` and ``paths`` (the scene, its project's workspace.mel, every
        file found for a needed reference, less ``excluded`` (references as named, files or folders), plus the
        ``extra_files`` that exist). ``assets`` are the scan's, as it returned them."""
        request = {"assets": list(assets or [])}  # type: dict[str, object]
        if scene:
            request["scene"] = str(scene)
        if project:
            request["project"] = str(project)
        if asset_project:
            request["assetProject"] = asset_project
        if excluded:
            request["excluded"] = [str(p) for p in excluded]
        if extra_files:
            request["extraFiles"] = [str(p) for p in extra_files]
        return self._call("uploadPlan", json.dumps(request))

    # Every job and pool call takes ``farm``: ``"local"`` (this workstation, the default) or
    # ``"azure"`` (the Batch account saved with save_azure_settings, or from the environment).

    def jobs(self, farm=None):
        """Every job, oldest first, with its state and task counts."""
        return self._call("jobs", farm or "local")

    def job(self, job_id, farm=None, page=1, page_size=100, state=None):
        """One job with one page of its tasks, in submission order (``batchrender job show --json``): ``tasks``
        (``page_size`` of them, at most 10,000, page ``page`` counting from 1), ``taskCounts`` (every state) and
        ``page`` (``number``, ``pageSize``, ``pages``, ``matching``: the tasks ``state`` takes). ``state``:
        ``"active"``, ``"running"``, ``"completed"``, ``"failed"`` or ``"succeeded"``; None for every task. Raises
        :class:`~batchrender.errors.JobNotFoundError` when there is no such job, a bad request error for a page
        or state that is not one."""
        return self._call("job", farm or "local", job_id, int(page), int(page_size), state or "")

    def cancel_job(self, job_id, farm=None, reason=None):
        """Cancels a job (an :class:`Operation`): running tasks stop, the rest never start. ``reason`` is kept
        as the job's terminate reason on Azure Batch (what Batch Explorer and the portal show)."""
        if reason:
            return self._operation("cancelJob", farm or "local", job_id, str(reason))
        return self._operation("cancelJob", farm or "local", job_id)

    def replace_nodes(self, job_id, farm="azure"):
        """Azure: replaces the nodes where the job's preparation failed with fresh ones (an :class:`Operation`
        whose result is ``{"message"}``); the job's ``blocked`` reason says when it is needed."""
        return self._operation("replaceNodes", farm, job_id)

    def delete_job(self, job_id, farm=None):
        """Cancels a job and removes it and the files the farm keeps for it (an :class:`Operation`)."""
        return self._operation("deleteJob", farm or "local", job_id)

    def job_logs(self, job_id, task_id, attempt=0, farm=None):
        """The logs of a task's attempt (0: the latest): paths and the last 64 KB of stdout and stderr."""
        return self._call("jobLogs", farm or "local", job_id, str(task_id), int(attempt))

    def pools(self, farm=None):
        """The farm's pools: ``id``, ``state``, ``targetSlots``, ``runningTasks``, ``vmSize``, node counts."""
        return self._call("pools", farm or "local")

    def resize_pool(self, pool_id, slots, policy="requeue", farm=None):
        """Sets how many tasks a pool runs at once, 0 pauses it (an :class:`Operation` whose result is the pools).

        Args:
            policy: what happens to running tasks beyond the new size: ``requeue`` (stopped and
                queued again) or ``taskcompletion`` (they finish).
            farm: on ``"azure"`` the pool gets enough dedicated nodes for ``slots`` tasks.
        """
        return self._operation("resizePool", farm or "local", pool_id, int(slots), policy)

    def resize_pool_nodes(self, pool_id, dedicated, spot=0, policy="requeue", farm="azure"):
        """Sets an Azure pool's dedicated and Spot node counts (an :class:`Operation` whose result is the pools)."""
        return self._operation("resizePoolNodes", farm, pool_id, int(dedicated), int(spot), policy)

    def create_pool(self, pool_id, vm_size=None, dedicated_nodes=1, spot_nodes=0, slots_per_node=1, image=None,
                    node_agent_sku=None, autoscale_max_nodes=None, subnet_id=None, farm="azure"):
        """Creates a persistent Azure Batch pool (an :class:`Operation` whose result is the pools).

        Args:
            vm_size: e.g. ``"standard_d4s_v5"`` (the default).
            image: a Compute Gallery image id (``/subscriptions/...``), ``publisher:offer:sku[:version]``,
                or None for Ubuntu 22.04 whose start task installs Blender.
            node_agent_sku: a Compute Gallery image's node agent (a marketplace image's is looked up).
            autoscale_max_nodes: instead of fixed counts, follow the pending tasks up to this many nodes.
            subnet_id: the virtual network subnet the nodes join (its resource id), e.g. to reach a license server.
        The local farm has one pool and refuses (:class:`~batchrender.errors.FarmError`).
        """
        request = {"farm": farm, "id": pool_id, "dedicatedNodes": int(dedicated_nodes), "spotNodes": int(spot_nodes),
                   "slotsPerNode": int(slots_per_node)}
        for key, value in (("vmSize", vm_size), ("image", image), ("nodeAgentSku", node_agent_sku),
                           ("subnetId", subnet_id)):
            if value:
                request[key] = value
        if autoscale_max_nodes:
            request["autoscaleMaxNodes"] = int(autoscale_max_nodes)
        return self._operation("createPool", json.dumps(request))

    def delete_pool(self, pool_id, farm="azure"):
        """Deletes a pool (an :class:`Operation` whose result is the pools left); its nodes go, running tasks stop."""
        return self._operation("deletePool", farm, pool_id)

    def start_watcher(self, job_id, destination, poll_seconds=None, limit_rate=None, farm=None):
        """Starts a background watcher that fetches the job's outputs into ``destination`` (an :class:`Operation`).

        The watcher is a separate process: it keeps going when Maya (and this client) close, and
        resumes where it stopped when started again.

        Args:
            poll_seconds: how often it asks the farm for finished tasks (default 2).
            limit_rate: download limit such as ``"20M"`` bytes per second (default: none).
            farm: ``"azure"`` for a Batch job: it fetches from the job's output container.
        """
        options = {}  # type: dict[str, object]
        if poll_seconds is not None:
            options["pollSeconds"] = float(poll_seconds)
        if limit_rate is not None:
            options["limitRate"] = str(limit_rate)
        return self._operation("startWatcher", farm or "local", job_id, str(destination), json.dumps(options))

    def watchers(self):
        """Every watcher, running and finished, with its files and latest thumbnail."""
        return self._call("watchers")

    def watcher(self, job_id, files=True):
        """One job's watcher: status, ``filesFetched``, ``latestThumbnailPath`` and, with ``files``, every file it
        fetched (read from its journal: a long list for a long job; ``files=False`` reads one small file)."""
        return self._call("watcher", job_id, bool(files))

    def stop_watcher(self, job_id):
        """Stops a job's watcher (an :class:`Operation`); starting it again resumes."""
        return self._operation("stopWatcher", job_id)

    def operation(self, op_id):
        """The :class:`Operation` of that id, as it is now."""
        return self._operation("operation", op_id)

    def operations(self):
        """Every operation this gateway knows, as :class:`Operation` handles."""
        return [Operation(self, data) for data in self._call("operations")]


def _submit_request(scene, frames, command, options):
    """The JSON fields of a submit (or its preview) from :meth:`Client.submit`'s arguments."""
    request = dict(options)
    if scene is not None:
        request["scene"] = str(scene)
    if frames is not None:
        request["frames"] = str(frames)
    if command is not None:
        request["command"] = [str(c) for c in command]
    for key in ("output", "project"):
        if key in request and request[key] is not None:
            request[key] = str(request[key])
    for key in ("searchPaths", "excluded", "extraFiles"):
        if key in request:
            request[key] = [str(p) for p in request[key]]
    return request
