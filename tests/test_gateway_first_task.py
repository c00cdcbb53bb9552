"""The plug-in's path to a job's first task (issue 18, section 4): the artist's Submit calls ``Client.submit`` through
the gateway the plug-in started, with the real gateway JVM, the real detached agent and real task processes.

- With no agent running, the submit starts one, detached (it outlives the gateway, as it must outlive Maya), through
  its own entry point and mapping the launcher's class archive, and the task runs.
- Submits that race the agent's start and its exit (an agent that exits the moment it is idle, two gateways
  submitting at once) lose no job.
"""
import random
import threading
import time

from bridge_helpers import pid_alive, wait_for  # puts the client on the path
from conftest import REPO

import batchrender  # noqa: E402

JAR = REPO / "java-core" / "target" / "batchrender.jar"
ARCHIVE = REPO / "java-core" / "target" / "batchrender.jsa"


def agent_pid(cli):
    status = cli.run("agent", "--status").stdout.strip()
    return int(status.rsplit(" ", 1)[1]) if status.startswith("running") else None


def test_a_gateway_submit_starts_the_agent_which_runs_the_task(cli, tmp_path):
    stamp = tmp_path / "ran"
    assert agent_pid(cli) is None
    with batchrender.Client(env=cli.env) as client:
        job = client.submit(command=["/bin/sh", "-c", "echo ran > " + str(stamp)], frames="1").wait(timeout=120)
        wait_for("the task to run", stamp.exists, timeout=60, every=0.05)
        assert stamp.read_text().strip() == "ran"
        pid = agent_pid(cli)
        assert pid is not None, "the submit started an agent"
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = f.read().decode().split("\0")
    assert pid_alive(pid), "the agent outlives the gateway (as it outlives Maya)"
    assert "io.batchrender.cli.AgentMain" in argv, argv
    # the launcher records the archive beside the jar; the gateway and the agent it starts both map it
    assert ARCHIVE.is_file() and ARCHIVE.stat().st_mtime > JAR.stat().st_mtime, "run ./batchrender --version first"
    assert "-XX:SharedArchiveFile=" + str(ARCHIVE) in argv, argv
    done = wait_for("the job to complete", lambda: (lambda j: j if j["state"] == "completed" else None)(
        cli.json("job", "show", job["jobId"])), timeout=60, every=0.2)
    assert done["tasks"][0]["result"] == "success", done


def test_the_gateway_maps_the_class_archive_beside_its_jar(cli):
    """The plug-in starts the gateway with plain ``java -jar``: it maps the launcher's archive itself (gateway.py),
    mapped into its memory (/proc/PID/maps, proc(5)), not merely named, and still hands over its port and token on
    stdout (the archive's messages are off)."""
    assert ARCHIVE.is_file() and ARCHIVE.stat().st_mtime > JAR.stat().st_mtime, "run ./batchrender --version first"
    with batchrender.Client(env=cli.env) as client:
        pid = client._process.process.pid
        assert client.ping()
        maps = open(f"/proc/{pid}/maps").read()
    assert str(ARCHIVE) in maps, f"gateway {pid} did not map {ARCHIVE}"


def test_submits_racing_the_agent_start_and_exit_lose_no_job(cli, tmp_path):
    # an agent that exits as soon as it is idle: each submit meets one starting, running, or letting its lock go
    env = dict(cli.env, BATCHRENDER_AGENT_IDLE_SECONDS="0")
    rounds = 4
    jobs, errors = [], []

    def submit_from(client, tag, seed):
        pause = random.Random(seed)
        try:
            for i in range(rounds):
                op = client.submit(command=["/bin/sh", "-c", "echo {0} > {1}/{0}".format(tag + str(i), tmp_path)],
                                   frames="1")
                jobs.append(op.wait(timeout=120)["jobId"])
                time.sleep(pause.uniform(0, 0.4))
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    with batchrender.Client(env=env) as a, batchrender.Client(env=env) as b:  # two Maya sessions
        threads = [threading.Thread(target=submit_from, args=(a, "a", 1)),
                   threading.Thread(target=submit_from, args=(b, "b", 2))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(300)
    assert not errors, errors
    expected = {tag + str(i) for tag in "ab" for i in range(rounds)}
    wait_for("every task to run", lambda: {p.name for p in tmp_path.iterdir()} >= expected, timeout=120, every=0.1)
    for job_id in jobs:
        state = wait_for("job " + job_id + " to complete", lambda: (lambda j: j if j["state"] == "completed" else None)(
            cli.json("job", "show", job_id)), timeout=60, every=0.2)
        assert state["tasks"][0]["result"] == "success", state
    assert len(set(jobs)) == 2 * rounds
