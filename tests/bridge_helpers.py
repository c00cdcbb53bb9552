"""Helpers of the bridge and watcher tests: the Python client on the path, PNG checks, waiting."""
import hashlib
import json
import os
import struct
import sys
import time
import zlib
from pathlib import Path

from conftest import REPO

sys.path.insert(0, str(REPO / "maya-plugin" / "scripts"))

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_checked(path: Path):
    """(width, height) of a PNG after checking every chunk's CRC and that its image data inflates."""
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    pos, idat, size, seen_end = 8, b"", None, False
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc, f"{path}: bad CRC in {kind!r}"
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            seen_end = True
        pos += 12 + length
    assert seen_end and size, f"{path} is cut short"
    assert len(zlib.decompress(idat)) > 0
    return size


def sha256(path: Path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wait_for(what, predicate, timeout=300, every=0.2):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(every)


def pid_alive(pid: int):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead for our purposes
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1].split()[0] != "Z"
    except OSError:
        return False


def watcher_state(cli, job_id):
    for w in cli.json("watchers"):
        if w["jobId"] == job_id:
            return w
    return None


def wait_job_done(cli, job_id, timeout=300):
    return wait_for(f"job {job_id} to end", lambda: (lambda j: j if j["state"] == "completed" else None)(
        cli.json("job", "show", job_id)), timeout=timeout, every=0.5)


def read_json_line(text):
    return json.loads(text.strip().splitlines()[-1])
