#!/usr/bin/env python3
"""The plug-in's path for issue 18: the first scan of a session through the gateway.

Starts the real gateway JVM as the Maya plug-in does (batchrender.Client), waits until its background warm-up has
finished (the "warm-up finished" line of its log: the artist clicks Check Assets seconds after
Maya loads the plug-in, not within the same second), then times the first scan of SCENE (the operation started,
polled every 5 ms, until its result is in Python), and prints one line of JSON: {"first_scan_s", "warmup_s",
"second_scan_s" (the same scan again: the warm speed), "files"}. With --cold the warm-up is not waited for (what the first scan costs right after the gateway started).

Usage: .venv/bin/python bench/scan_gateway.py SCENE [--cold]
"""
import json
import os
import re
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "maya-plugin", "scripts"))

import batchrender  # noqa: E402
from gateway_settled import wait_until_settled  # noqa: E402


def warmed_up(home):
    """Seconds the scanner's warm-up took, as its log line says, once the whole warm-up has finished (the upload
    path's comes after the scanner's, and would otherwise share the two cores with the timed scan)."""
    m = re.search(r"scanner warmed up in (\d+) ms", wait_until_settled(home))
    return int(m.group(1)) / 1000.0 if m else None


def main():
    scene = os.path.abspath(sys.argv[1])
    cold = "--cold" in sys.argv[2:]
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, BATCHRENDER_HOME=home)
        with batchrender.Client(env=env) as client:
            warmup = None if cold else warmed_up(home)
            t0 = time.perf_counter()
            result = client.scan(scene).wait(poll=0.005)
            took = time.perf_counter() - t0
            t1 = time.perf_counter()
            client.scan(scene).wait(poll=0.005)
            again = time.perf_counter() - t1
    print(json.dumps({"first_scan_s": round(took, 3), "second_scan_s": round(again, 3), "warmup_s": warmup,
                      "files": len(result["assets"])}))


if __name__ == "__main__":
    main()
