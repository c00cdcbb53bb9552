#!/usr/bin/env python3
"""Round-trip latency of the Py4J bridge: 10,000 calls of ping() through the real gateway JVM
(Python client -> loopback socket -> Java -> JSON reply -> parsed in Python), beside the same
call made directly in this Python process (the JSON reply built and parsed, no bridge).

Usage: .venv/bin/python bench/bridge_latency.py [N]
Target: median under 0.3 ms per round trip through the gateway.
"""
import json
import os
import statistics
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "maya-plugin", "scripts"))

import batchrender  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
WARMUP = 2000
TARGET_MS = 0.3


def direct_ping():
    """What ping() does, in process: the same envelope, serialized and parsed."""
    return json.loads(json.dumps({"ok": True, "value": "pong"}))["value"]


def measure(call, n):
    times = []
    clock = time.perf_counter_ns
    for _ in range(n):
        t0 = clock()
        call()
        times.append(clock() - t0)
    times.sort()
    return statistics.median(times) / 1e6, times[int(len(times) * 0.99) - 1] / 1e6


def main():
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, BATCHRENDER_HOME=home)
        with batchrender.Client(env=env) as client:
            for _ in range(WARMUP):
                client.ping()
                direct_ping()
            base_med, base_p99 = measure(direct_ping, N)
            gw_med, gw_p99 = measure(client.ping, N)
    print("round trips: {}".format(N))
    print("baseline, in-process Python call:  median {:.4f} ms   p99 {:.4f} ms".format(base_med, base_p99))
    print("through the Py4J gateway:          median {:.4f} ms   p99 {:.4f} ms".format(gw_med, gw_p99))
    print("ratio gateway/baseline:            median {:.1f}x   p99 {:.1f}x".format(gw_med / base_med, gw_p99 / base_p99))
    print("target median < {} ms: {}".format(TARGET_MS, "met" if gw_med < TARGET_MS else "MISSED"))
    return 0  # a measurement: the figures above are the result


if __name__ == "__main__":
    sys.exit(main())
