"""The gateway's edges: only loopback, only with its token, typed errors, its lifetime."""
import json
import os
import signal
import socket
import subprocess
import time

import pytest
from py4j.java_gateway import GatewayParameters, JavaGateway
from py4j.protocol import Py4JError

from bridge_helpers import pid_alive, wait_for
from conftest import REPO

import batchrender
from batchrender.errors import (BadFramesError, BadRequestError, JobNotFoundError, OperationNotFoundError,
                                RenderSetupError, WatchError)


@pytest.fixture
def gateway(cli):
    """A raw gateway process: its hello line and the process."""
    proc = subprocess.Popen([str(REPO / "batchrender"), "gateway"], env=cli.env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    hello = json.loads(proc.stdout.readline())
    yield hello, proc
    if proc.poll() is None:
        proc.stdin.close()
        proc.wait(timeout=60)


@pytest.fixture
def client(cli):
    c = batchrender.Client(env=cli.env)
    yield c
    c.close()


def listening_addresses(port):
    """The local addresses of sockets listening on ``port``, from /proc/net/tcp and tcp6."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, p = local.split(":")
            if int(p, 16) == port and state == "0A":  # LISTEN
                found.append(addr)
    return found


def other_addresses():
    """This machine's non-loopback IPv4 addresses."""
    out = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    return [a for a in out if ":" not in a and not a.startswith("127.")]


def test_it_prints_one_json_line_and_listens_on_loopback_only(gateway):
    hello, proc = gateway
    assert set(hello) == {"port", "token"}
    assert len(hello["token"]) >= 32
    # 127.0.0.1 as /proc writes it, plain or IPv4-mapped in tcp6; nothing else listens on the port
    assert len(listening_addresses(hello["port"])) == 1
    assert listening_addresses(hello["port"])[0] in ("0100007F", "0000000000000000FFFF00000100007F")
    for addr in other_addresses():
        with pytest.raises(OSError):
            socket.create_connection((addr, hello["port"]), timeout=2).close()


def test_a_client_without_the_right_token_is_refused(gateway):
    hello, _ = gateway
    for token in ("wrong", None):
        params = GatewayParameters(port=hello["port"], auth_token=token, eager_load=True)
        with pytest.raises(Py4JError) as refused:
            JavaGateway(gateway_parameters=params).entry_point.ping()
        assert "uthenticat" in str(refused.value)
    good = JavaGateway(gateway_parameters=GatewayParameters(port=hello["port"], auth_token=hello["token"]))
    assert json.loads(good.entry_point.ping()) == {"ok": True, "value": "pong"}
    good.close()


def test_it_exits_when_its_stdin_closes(gateway):
    _, proc = gateway
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0


def test_an_unknown_job_is_a_typed_error(client):
    for call in (lambda: client.job("no-such-job"), lambda: client.cancel_job("no-such-job"),
                 lambda: client.start_watcher("no-such-job", "/tmp/x"), lambda: client.job_logs("no-such-job", "1")):
        with pytest.raises(JobNotFoundError) as e:
            call()
        assert e.value.code == "JobNotFound"
        assert "no-such-job" in e.value.message
        assert e.value.hint


def test_bad_requests_are_typed_errors_not_stack_traces(client, tmp_path):
    with pytest.raises(BadFramesError) as frames:
        client.submit(command=["true"], frames="10-1").wait(timeout=60)
    assert "10-1" in frames.value.message and "Traceback" not in str(frames.value)
    with pytest.raises(BadRequestError) as typo:
        client._operation("submit", json.dumps({"scene": "x.blend", "frame": "1"}))
    assert "'frame'" in typo.value.message and "frames" in typo.value.hint
    with pytest.raises(RenderSetupError):
        client.submit(scene=str(tmp_path / "missing.blend"), frames="1").wait(timeout=60)
    with pytest.raises(OperationNotFoundError):
        client.operation("op-999999")
    with pytest.raises(WatchError):
        client.watcher("never-watched")
    with pytest.raises(BadRequestError):
        client.watcher("../../etc")


def test_a_job_comes_a_page_of_tasks_at_a_time_with_its_counts_by_state(cli, client):
    assert cli.run("pool", "resize", "local", "0").returncode == 0     # paused: every task stays active
    job_id = client.submit(command=["true"], frames="1-250").wait(timeout=120)["jobId"]

    first = client.job(job_id)
    assert [t["frames"] for t in first["tasks"]] == [[f] for f in range(1, 101)], "the first 100, in submission order"
    assert first["page"] == {"number": 1, "pageSize": 100, "pages": 3, "matching": 250}
    assert first["taskCounts"]["active"] == 250
    last = client.job(job_id, page=3, page_size=100, state="active")
    assert [t["frames"] for t in last["tasks"]] == [[f] for f in range(201, 251)]
    assert last["page"]["state"] == "active" and last["page"]["matching"] == 250
    assert client.job(job_id, state="succeeded")["tasks"] == []

    client.cancel_job(job_id).wait(timeout=120)
    failed = client.job(job_id, page=2, page_size=120, state="failed")
    assert [t["frames"] for t in failed["tasks"]] == [[f] for f in range(121, 241)]
    assert failed["taskCounts"] == {"active": 0, "running": 0, "completed": 250, "succeeded": 0, "failed": 250}
    with pytest.raises(BadRequestError) as bad:
        client.job(job_id, state="done")
    assert "'done' is not a task state" in bad.value.message
    with pytest.raises(BadRequestError):
        client.job(job_id, page=0)


def test_a_preview_is_the_job_as_the_farm_would_take_it_and_submits_nothing(cli, client):
    # the same answer as 'batchrender submit --dry-run' (both are SubmitService.preview)
    preview = client.preview(command=["echo", "frame {frame}"], frames="1-3", name="peek").wait(timeout=60)
    assert preview["farm"] == "local"
    tasks = preview["job"]["tasks"]
    assert [t["command"]["program"]["name"] for t in tasks] == ["echo"] * 3
    assert [t["command"]["args"] for t in tasks] == [["frame 1"], ["frame 2"], ["frame 3"]]
    assert not [j for j in cli.json("jobs") if j["name"] == "peek"]


def test_a_dead_gateway_is_started_again(client):
    assert client.ping() == "pong"
    first = client.gateway_pid
    os.kill(first, signal.SIGKILL)
    wait_for("the gateway to die", lambda: not pid_alive(first), timeout=10)
    assert client.ping() == "pong"
    assert client.gateway_pid != first and client.restarts == 1


def test_a_submission_in_flight_outlives_the_gateway(cli, client):
    # a submission in flight when the parent goes away is finished, not dropped
    op = client.submit(command=["true"], frames="1-2", name="handoff")
    client.close()
    jobs = wait_for("the job to be stored", lambda: [j for j in cli.json("jobs") if j["name"] == "handoff"], timeout=60)
    assert len(jobs) == 1


def test_the_references_maya_reports_are_resolved_like_the_file(client):
    from test_bridge_end_to_end import CUBE, ftn_of
    written = ftn_of(CUBE, "file1")
    ref = {"node": "file1", "nodeType": "file", "attribute": "fileTextureName", "path": written}
    missing = dict(ref, node="file2", path="D:/nowhere/not_here.png")
    result = client.scan(CUBE, references=[ref, missing]).wait(timeout=60)
    by_node = {a["node"]: a for a in result["assets"]}
    assert by_node["file1"]["status"] == "found"
    assert by_node["file1"]["files"] == [str(CUBE.parent / written.rsplit("/", 1)[-1])]
    assert by_node["file2"]["status"] != "found"
    assert result["missing"] == 1
