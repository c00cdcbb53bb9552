"""The Python client against the real gateway JVM, the local farm and Blender: settings, a scan of
a real Maya scene, a submission followed to its end, a watcher started, and the client gone
before the frames arrive: the watcher, a separate process, still brings each frame exactly once."""
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bridge_helpers import png_checked, pid_alive, wait_for, watcher_state
from conftest import REPO, SHARED
from test_launcher_end_to_end import script_constants

CUBE = SHARED / "testdata" / "maya" / "deadline-cloud-for-maya" / "job_bundle_output_tests" / "cube" / "scene" / "cube.ma"


def ftn_of(scene: Path, node: str):
    """The fileTextureName written for ``node`` in a Maya ASCII file, read straight from its text."""
    text = scene.read_text(errors="replace")
    block = text[text.index(f'createNode file -n "{node}"'):]
    return re.search(r'setAttr "\.ftn" -type "string" "([^"]*)"', block).group(1)


@pytest.fixture(scope="module")
def tiny_scene(tmp_path_factory):
    scene = tmp_path_factory.mktemp("scene") / "demo.blend"
    subprocess.run(["blender", "-b", "--factory-startup", "--python-exit-code", "1",
                    "--python", str(REPO / "examples" / "build_scene.py"), "--", str(scene)],
                   check=True, capture_output=True, timeout=300)
    return scene


CLIENT_SCRIPT = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, sys.argv[1])
    import batchrender
    scene, cube, dest = sys.argv[2], sys.argv[3], sys.argv[4]
    client = batchrender.Client()
    out = {"settings": client.settings(), "auth": client.check_authentication()}
    out["scan"] = client.scan(cube).wait(timeout=120)
    # the pool waits until the test resumes it, so the frames surely land after this process is gone
    out["paused"] = client.resize_pool("local", 0).wait(timeout=60)
    progress = []
    op = client.submit(scene=scene, frames="1-3", engine="WORKBENCH", name="bridge demo")
    out["job"] = op.wait(timeout=120, on_progress=lambda p: progress.append(p.message))
    out["submitState"] = op.state
    out["progress"] = progress
    out["watcher"] = client.start_watcher(out["job"]["jobId"], dest, poll_seconds=0.5).wait(timeout=60)
    out["gatewayPid"] = client.gateway_pid
    print(json.dumps(out))
    # no close(): the process just ends, as Maya does when the artist quits
""")


def test_the_client_submits_and_the_watcher_outlives_it(cli, tiny_scene, tmp_path):
    dest = tmp_path / "frames"
    client = subprocess.run([sys.executable, "-c", CLIENT_SCRIPT, str(REPO / "maya-plugin" / "scripts"),
                             str(tiny_scene), str(CUBE), str(dest)],
                            env=cli.env, capture_output=True, text=True, timeout=600)
    assert client.returncode == 0, client.stderr
    out = json.loads(client.stdout.strip().splitlines()[-1])

    # settings and authentication
    assert out["settings"]["stateHome"] == str(cli.home)
    assert out["settings"]["pools"][0]["id"] == "local"
    assert out["auth"] == {"farm": "local", "authenticated": True, "message": "Authenticated"}

    # the scan found the texture the scene names, beside the scene (its D:/ path does not exist here)
    written = ftn_of(CUBE, "file1")
    [tex] = [a for a in out["scan"]["assets"] if a["node"] == "file1"]
    assert tex["path"] == written
    assert tex["status"] == "found"
    assert tex["files"] == [str(CUBE.parent / written.rsplit("/", 1)[-1])]

    # the submission, followed to its end
    assert out["submitState"] == "succeeded"
    job_id = out["job"]["jobId"]
    assert out["job"]["taskCounts"]["active"] + out["job"]["taskCounts"]["running"] == 3
    assert out["progress"] and out["progress"][-1] == "Done."
    assert out["watcher"]["jobId"] == job_id and out["watcher"]["status"] == "running"
    watcher_pid = out["watcher"]["pid"]

    # the client is gone, and so is its gateway; the watcher is not tied to either
    assert out["paused"][0]["targetSlots"] == 0
    wait_for("the gateway to exit with its parent", lambda: not pid_alive(out["gatewayPid"]), timeout=60)
    assert pid_alive(watcher_pid)
    assert not dest.exists() or list(dest.iterdir()) == []
    resumed = cli.run("pool", "resize", "local", "2")
    assert resumed.returncode == 0, resumed.stderr
    state = wait_for("the watcher to finish", lambda: (lambda w: w if w and w["status"] != "running" else None)(
        watcher_state(cli, job_id)), timeout=600, every=0.5)
    assert state["status"] == "finished", state["message"]
    assert state["pid"] == watcher_pid
    assert not pid_alive(watcher_pid)

    consts = script_constants(REPO / "examples" / "build_scene.py")
    expected = [f"demo_{i:04d}.png" for i in range(1, 4)]
    assert sorted(p.name for p in dest.iterdir()) == expected  # each once, nothing half-written beside them
    for name in expected:
        assert png_checked(dest / name) == (consts["RES_X"], consts["RES_Y"])
    assert sorted(f["name"] for f in state["files"]) == expected
    # a thumbnail of every frame, 256 pixels on the long side, same aspect
    thumbs = Path(state["thumbnailDir"])
    for name in expected:
        w, h = png_checked(thumbs / (name + ".png"))
        assert max(w, h) == 256 and abs(w / h - consts["RES_X"] / consts["RES_Y"]) < 0.02
    assert Path(state["latestThumbnailPath"]).exists()
