"""Waits for a gateway started with state folder HOME to settle: its background warm-up (submit path, scanner,
upload path) logs "warm-up finished in N ms" in HOME's gateway.log once it has run and the JIT's queue has
drained. The artist uses the panel seconds after Maya loads the plug-in, not within the same second; a benchmark
that timed its call during the warm-up would share the two cores with it."""
import glob
import os
import time

SETTLED = "warm-up finished"


def gateway_log(home):
    """The text of HOME's gateway logs (rotated ones included), "" before the first is written."""
    text = ""
    for log in glob.glob(os.path.join(home, "**", "gateway.log*"), recursive=True):
        with open(log, encoding="utf-8", errors="replace") as f:
            text += f.read()
    return text


def wait_until_settled(home, timeout=180):
    """Waits for the settled line and returns the log's text then; exits the benchmark when it does not come."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = gateway_log(home)
        if SETTLED in text:
            return text
        time.sleep(0.05)
    raise SystemExit("the gateway did not finish its warm-up within {} s".format(timeout))
