#!/usr/bin/env python3
"""The plug-in's path for issue 18, section 4: from ``Client.submit`` to the start of the job's first task.

The artist does not run the CLI: they click Submit in Maya's panel, which calls ``batchrender.Client.submit``
through the gateway JVM that started when the plug-in loaded. One run of this script is one Maya session of
that: it starts the real gateway of the checkout ROOT as the plug-in does (``batchrender.Client``, ROOT's own
client module and jar), waits until the gateway has settled (its warm-up logged as finished: the artist clicks
Submit seconds after Maya loads the plug-in, not in the same second), then

1. stops the agent (``ROOT/batchrender agent --stop``, not timed) and submits: **cold**, the first submit of the
   session with no agent running;
2. submits again with the agent now running: **warm**;
3. and once more of each (**cold-again**, **warm-again**): later submits of the same session.

Each submit is ``Client.submit(command=["/bin/sh", "-c", "date +%s.%N > STAMP"], frames="1")``; the time is the
task process's own clock reading minus the wall clock just before the call (the marker the CLI bench uses). The
operation is then waited for (not timed) so that submits do not overlap. Prints one line per submit,
``NAME LABEL TASK_START_S OPERATION_END_S``, the lines ``bench/local_farm_first_task.sh`` collects.

Usage: python bench/local_farm_first_task_gateway.py NAME ROOT HOME   (HOME: the state folder, set up by the caller)
"""
import glob
import os
import re
import subprocess
import sys
import time

NAME, ROOT, HOME = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
sys.path.insert(0, os.path.join(ROOT, "maya-plugin", "scripts"))

import batchrender  # noqa: E402  (ROOT's own client)

STAMP = os.path.join(HOME, "stamp")


def settled_line():
    """The log line of ROOT's gateway that ends its warm-up: since the upload path's warm-up, "warm-up finished";
    before it (baseline revisions), the scanner's."""
    source = os.path.join(ROOT, "java-core", "src", "main", "java", "io", "batchrender", "cli", "GatewayCommand.java")
    with open(source, encoding="utf-8") as f:
        return r"warm-up finished" if "warm-up finished" in f.read() else r"scanner warm(?:ed up in|-up failed)"


SETTLED = settled_line()


def warmups_logged():
    n = 0
    for log in glob.glob(os.path.join(HOME, "**", "gateway.log*"), recursive=True):
        with open(log, encoding="utf-8", errors="replace") as f:
            n += len(re.findall(SETTLED, f.read()))
    return n


def settle(before, timeout=60):
    """Waits for this gateway's warm-up line (the plug-in has been loaded for a while when the artist submits)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if warmups_logged() > before:
            time.sleep(0.2)
            return
        time.sleep(0.05)
    raise SystemExit("error: {}: the gateway did not log its warm-up within {} s".format(NAME, timeout))


def stop_agent(env):
    subprocess.run([os.path.join(ROOT, "batchrender"), "agent", "--stop"], env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    status = subprocess.run([os.path.join(ROOT, "batchrender"), "agent", "--status"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, universal_newlines=True).stdout.strip()
    if status != "not running":
        raise SystemExit("error: {}: the agent did not stop ({})".format(NAME, status))


def measure(client, label):
    if os.path.exists(STAMP):
        os.remove(STAMP)
    t0 = time.time()
    op = client.submit(command=["/bin/sh", "-c", "date +%s.%N > " + STAMP], frames="1")
    deadline = time.monotonic() + 6
    while not (os.path.exists(STAMP) and os.path.getsize(STAMP) > 0):
        if time.monotonic() > deadline:
            raise SystemExit("error: {}: the task did not start within 6 s".format(NAME))
        time.sleep(0.002)
    time.sleep(0.01)  # the task's write is a line; let it end
    op.wait(timeout=60, poll=0.005)
    t1 = time.time()
    with open(STAMP) as f:
        started = float(f.read())
    print("{} {} {:.4f} {:.4f}".format(NAME, label, started - t0, t1 - t0), flush=True)


def main():
    env = dict(os.environ, BATCHRENDER_HOME=HOME, BATCHRENDER_JAR=os.path.join(ROOT, "java-core", "target", "batchrender.jar"))
    before = warmups_logged()
    with batchrender.Client(env=env) as client:
        settle(before)
        for suffix in ("", "-again"):
            stop_agent(env)
            measure(client, "gw-cold" + suffix)
            time.sleep(0.3)  # let the agent finish the task
            measure(client, "gw-warm" + suffix)
            time.sleep(0.3)


if __name__ == "__main__":
    main()
