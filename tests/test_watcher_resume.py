"""The watcher killed with SIGKILL in the middle of a download, then started again: every output
ends complete and intact, no partial file is ever visible under its final name, and what had
already landed is not fetched again."""
import os
import signal
import time
from pathlib import Path

from bridge_helpers import pid_alive, sha256, wait_for, wait_job_done, watcher_state

FRAMES = [1, 2, 3]
SIZE = 64 * 1024 * 24  # bytes per output: 1.5 MiB


def test_a_killed_watcher_resumes_without_partial_or_repeated_files(cli, tmp_path):
    farm_out = tmp_path / "farm-output"
    job = cli.json("submit", "--command",
                   f"dd if=/dev/urandom of={{output}}/chunk_{{frame:4}}.bin bs=65536 count={SIZE // 65536} status=none",
                   "--frames", "1-3", "--output", farm_out)
    job_id = job["jobId"]
    wait_job_done(cli, job_id)
    names = [f"chunk_{f:04d}.bin" for f in FRAMES]
    source = {n: sha256(farm_out / n) for n in names}

    dest = tmp_path / "fetched"
    # 600 KB/s: each file takes about 2.6 s, so the kill lands inside a download
    started = cli.run("watch", job_id, "--to", dest, "--limit-rate", "600k", "--poll", "0.2")
    assert started.returncode == 0, started.stderr
    pid = int(started.stdout.strip())

    seen_partial = []

    def check_final_names():
        """Every file under a final name is the whole output; returns the partial files seen."""
        if not dest.exists():
            return []
        partial = []
        for p in dest.iterdir():
            if p.name in source:
                assert sha256(p) == source[p.name], f"{p.name} is visible but not whole"
            else:
                assert p.name.startswith(".") and p.name.endswith(".batchrender-partial"), p.name
                partial.append(p)
        return partial

    # wait until one file is done and the next is half-way, checking the final names all along
    def one_done_one_half():
        partial = check_final_names()
        done = [n for n in names if (dest / n).exists()]
        if done and partial and partial[0].stat().st_size > SIZE // 4:
            seen_partial.extend(partial)
            return done
        return None

    done_before = wait_for("a download in progress", one_done_one_half, timeout=60, every=0.05)
    before = {n: (dest / n).stat() for n in done_before}
    os.kill(pid, signal.SIGKILL)
    wait_for("the watcher to die", lambda: not pid_alive(pid), timeout=10)
    assert seen_partial and seen_partial[0].exists(), "the kill should leave the half-written temp file behind"
    check_final_names()
    assert watcher_state(cli, job_id)["status"] == "interrupted"

    restarted = cli.run("watch", job_id, "--to", dest, "--poll", "0.2")
    assert restarted.returncode == 0, restarted.stderr
    state = wait_for("the watcher to finish", lambda: (lambda w: w if w["status"] != "running" else None)(
        watcher_state(cli, job_id)), timeout=120, every=0.1)
    assert state["status"] == "finished", state["message"]

    assert sorted(p.name for p in dest.iterdir()) == names  # the temp file is gone
    for n in names:
        assert sha256(dest / n) == source[n]
    for n, st in before.items():
        after = (dest / n).stat()
        assert (after.st_ino, after.st_mtime_ns) == (st.st_ino, st.st_mtime_ns), f"{n} was fetched again"
    assert sorted(f["name"] for f in state["files"]) == names
    assert {f["name"]: f["sha256"] for f in state["files"]} == source
    log = Path(cli.home) / "logs" / f"watch-{job_id}.log"
    assert "removing a half-written file" in log.read_text()


def test_stop_then_start_again_and_the_job_end_ends_it(cli, tmp_path):
    # the second frame waits until the test lets it finish
    gate = tmp_path / "gate"
    farm_out = tmp_path / "farm-output"
    job = cli.json("submit", "--command", f"python3 -c \"import os,sys,time; f=int(sys.argv[1]);"
                   f" [time.sleep(0.1) for _ in iter(lambda: f == 2 and not os.path.exists('{gate}'), False)];"
                   f" open(sys.argv[2] + '/f_%04d.txt' % f, 'w').write(str(f))\" {{frame}} {{output}}",
                   "--frames", "1-2", "--output", farm_out)
    job_id = job["jobId"]
    dest = tmp_path / "fetched"
    started = cli.run("watch", job_id, "--to", dest, "--poll", "0.2")
    assert started.returncode == 0, started.stderr
    pid = int(started.stdout.strip())
    wait_for("frame 1", lambda: (dest / "f_0001.txt").exists(), timeout=120)
    assert watcher_state(cli, job_id)["status"] == "running"

    stopped = cli.run("watch", "--stop", job_id)
    assert stopped.returncode == 0, stopped.stderr
    assert not pid_alive(pid)
    assert watcher_state(cli, job_id)["status"] == "stopped"

    again = cli.run("watch", job_id, "--to", dest, "--poll", "0.2")
    assert again.returncode == 0, again.stderr
    # a second watcher of the same job into another folder is refused, with what to do
    other = cli.run("watch", job_id, "--to", tmp_path / "elsewhere")
    assert other.returncode == 2 and "watch --stop" in other.stderr
    gate.write_text("go")
    state = wait_for("the watcher to finish", lambda: (lambda w: w if w["status"] != "running" else None)(
        watcher_state(cli, job_id)), timeout=120, every=0.2)
    assert state["status"] == "finished", state["message"]
    assert sorted(p.name for p in dest.iterdir()) == ["f_0001.txt", "f_0002.txt"]
    assert (dest / "f_0002.txt").read_text() == "2"


def test_watch_refuses_what_it_cannot_do_in_one_line(cli, tmp_path):
    for args, says in [(["no-such-job", "--to", tmp_path], "No job 'no-such-job'"),
                       (["../etc", "--to", tmp_path], "is not a job id"),
                       (["some-job"], "--to DIR")]:
        r = cli.run("watch", *args)
        assert r.returncode == 2, r.stderr
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], r.stderr
