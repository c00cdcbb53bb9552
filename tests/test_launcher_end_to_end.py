"""The README's path, end to end: the ./batchrender launcher, the CLI jar, the detached agent and
real Blender rendering the example scene the project builds itself."""
import ast
import os
import struct
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, SHARED

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path):
    data = path.read_bytes()[:24]
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def script_constants(path: Path):
    """The module-level integer constants of a Python file, read from its source."""
    tree = ast.parse(path.read_text())
    return {node.targets[0].id: node.value.value for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            and isinstance(node.targets[0], ast.Name)}


@pytest.fixture(scope="module")
def demo_scene(tmp_path_factory):
    scene = tmp_path_factory.mktemp("scene") / "demo.blend"
    subprocess.run(["blender", "-b", "--factory-startup", "--python-exit-code", "1",
                    "--python", str(REPO / "examples" / "build_scene.py"), "--", str(scene)],
                   check=True, capture_output=True, timeout=300)
    return scene


def test_the_example_scene_renders_through_the_launcher(cli, demo_scene, tmp_path):
    out = tmp_path / "frames"
    result = cli.run("submit", demo_scene, "--frames", "1-4", "--chunk", "2", "--output", out, "--wait")

    assert result.returncode == 0, result.stderr
    consts = script_constants(REPO / "examples" / "build_scene.py")
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"demo_{i:04d}.png" for i in range(1, 5)]
    for png in out.iterdir():
        assert png_size(png) == (consts["RES_X"], consts["RES_Y"])
    job_id = result.stdout.strip()
    job = cli.json("job", "show", job_id)
    assert job["state"] == "completed"
    assert [t["frames"] for t in job["tasks"]] == [[1, 2], [3, 4]]
    assert all(t["exitCode"] == 0 and t["attempts"] == 1 for t in job["tasks"])


def test_a_scene_nobody_here_wrote_renders_too(cli, tmp_path):
    shapes = SHARED / "testdata" / "blender" / "BatchExplorer-data" / "runner" / "Assets" / "shapes.blend"
    out = tmp_path / "shapes"
    result = cli.run("submit", shapes, "--frames", "1", "--output", out, "--wait")

    assert result.returncode == 0, result.stderr
    [png] = list(out.iterdir())
    assert png.name == "shapes_0001.png"
    # the size the scene was saved with, per shared/testdata/README.md
    assert png_size(png) == (960, 540)


@pytest.mark.parametrize("args, says", [
    (["missing.blend", "--frames", "1"], "does not exist"),
    (["{scene}", "--frames", "10-1"], "ends before it starts"),
    (["{scene}", "--frames", "1", "--renderer", "povray"], "Unknown renderer 'povray'"),
    (["{notblend}", "--frames", "1"], "is not a Blender file"),
    (["{scene}", "--frames", "1", "--output", "{file}/out"], "Cannot create the output folder"),
])
def test_bad_input_gets_one_line_and_creates_no_job(cli, tmp_path, demo_scene, args, says):
    notblend = tmp_path / "notes.blend"
    notblend.write_text("not a scene")
    file = tmp_path / "a-file"
    file.write_text("x")
    args = [a.format(scene=demo_scene, notblend=notblend, file=file) for a in args]

    result = cli.run("submit", *args)

    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], result.stderr
    assert cli.json("jobs") == []


def test_the_agent_maps_the_class_archive_the_launcher_made(cli, tmp_path):
    """The detached agent starts from the launcher's class archive as the command does (issue 18, section 4):
    the archive is mapped into the agent's memory (/proc/PID/maps, proc(5)), not merely named."""
    stamp = tmp_path / "stamp"
    result = cli.run("submit", "--command", f"/bin/sh -c 'echo ran > {stamp}'", "--frames", "1", "--wait")
    assert result.returncode == 0, result.stderr
    assert stamp.read_text() == "ran\n"
    pid = int((cli.home / "agent.lock").read_text().strip())
    archive = REPO / "java-core" / "target" / "batchrender.jsa"
    assert archive.is_file(), "the launcher made no class archive"
    maps = Path(f"/proc/{pid}/maps").read_text()
    assert str(archive) in maps, f"agent {pid} did not map {archive}"
