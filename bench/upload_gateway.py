#!/usr/bin/env python3
"""The plug-in's path for the upload benchmark: an upload through the running gateway, as the Maya plug-in's
Submit (and its Assets tab's upload) makes it.

Starts the real gateway JVM as the plug-in does (batchrender.Client) with the environment given (the storage
connection string through the benchmark's proxy), waits until its background warm-up has finished (the "warm-up
finished" line of its log: the artist submits seconds after Maya loads the plug-in, not within the same
second), then times one sync of DIR into asset project PROJECT in Azure storage: from the call until its result
is in Python (polled every 5 ms). Prints the seconds on stdout; exits non-zero when a file was not uploaded.

Usage: .venv/bin/python bench/upload_gateway.py PROJECT DIR
"""
import os
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "maya-plugin", "scripts"))

import batchrender  # noqa: E402
from gateway_settled import wait_until_settled  # noqa: E402


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    project, folder = sys.argv[1], os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, BATCHRENDER_HOME=home)
        with batchrender.Client(env=env) as client:
            wait_until_settled(home)
            t0 = time.perf_counter()
            result = client.sync_assets(project, [folder], store="azure").wait(poll=0.005)
            took = time.perf_counter() - t0
    if result.get("failed"):
        print("failed: {}".format(result["failed"][:3]), file=sys.stderr)
        return 1
    print("{:.3f} {}".format(took, result.get("uploaded")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
