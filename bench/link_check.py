"""Checks that bench/latency_proxy.py is not the ceiling of bench/upload.sh: pushes bytes through the
proxy with plain sockets (no storage client) to a sink on loopback and prints the rate it got.

Usage: python3 bench/link_check.py RTT_MS UP_MB_PER_S [CONNECTIONS] [MB]
UP_MB_PER_S 0 measures the proxy uncapped: that must be well above the caps the benchmark uses.
Prints "<MB/s>" (MB = 10^6 bytes): total bytes over the time until the sink has all of them.
"""
import os
import socket
import subprocess
import sys
import threading
import time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    rtt, cap = sys.argv[1], sys.argv[2]
    conns = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    total = int(float(sys.argv[4] if len(sys.argv) > 4 else 200) * 1e6)
    each = total // conns
    sink = socket.socket()
    sink.bind(("127.0.0.1", 0))
    sink.listen(conns)

    def drain(c):
        got = 0
        while got < each:
            b = c.recv(1 << 20)
            if not b:
                break
            got += len(b)
        c.sendall(b"k")   # the client's clock stops when the sink has every byte
        c.close()

    def accept():
        for _ in range(conns):
            c, _ = sink.accept()
            threading.Thread(target=drain, args=(c,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    port = free_port()
    here = os.path.dirname(os.path.abspath(__file__))
    proxy = subprocess.Popen([sys.executable, os.path.join(here, "latency_proxy.py"), str(port),
                              str(sink.getsockname()[1]), rtt, cap], stdout=subprocess.PIPE, text=True)
    try:
        if proxy.stdout.readline().strip() != "ready":
            print("error: the proxy did not start", file=sys.stderr)
            return 1
        block = os.urandom(1 << 20)

        def push():
            s = socket.create_connection(("127.0.0.1", port))
            left = each
            while left > 0:
                n = s.send(block[:min(left, len(block))])
                left -= n
            s.recv(1)
            s.close()

        t0 = time.monotonic()
        workers = [threading.Thread(target=push) for _ in range(conns)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        seconds = time.monotonic() - t0
        print(f"{each * conns / seconds / 1e6:.1f}")
    finally:
        proxy.terminate()
        proxy.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
