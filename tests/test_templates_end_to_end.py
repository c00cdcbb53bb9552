"""The shipped Blender template on the local farm, through the launcher: real frames from a real scene."""
import json
import os
import struct

import bridge_helpers  # noqa: F401  (puts the Python client, which finds the jar, on sys.path)
from azure_services import azurite, batch_double  # noqa: F401 (fixtures)
from conftest import SHARED

SCENE = SHARED / "testdata" / "blender" / "BatchExplorer-data" / "runner" / "Assets" / "shapes.blend"


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def blob_name(path):
    # the storage layer's rule: the absolute path as given (links not followed: ../shared may be a link or a
    # copy, and the upload names the file by the path it was handed), without its root, '/' separators
    return os.path.normpath(os.path.abspath(path)).lstrip("/")


def test_shipped_blender_template_renders_frames_on_the_local_farm(cli, tmp_path):
    up = cli.run("upload", "--project", "shapes-in", "--store", "local", SCENE, "--json")
    assert up.returncode == 0, up.stderr
    assert json.loads(up.stdout)["uploaded"] == 1

    # Eevee: the scene's own engine, ~6 s a frame here (Cycles at the scene's 128 samples takes much longer)
    run = cli.run("template", "run", "blender-eevee-linux",
                  "--param", "inputData=shapes-in", "--param", f"sceneFile={blob_name(SCENE)}",
                  "--param", "frameStart=1", "--param", "frameEnd=2", "--param", "outputs=shapes-out",
                  "--param", "jobName=shapes-template",
                  "--wait", timeout=600)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "shapes-template"

    show = cli.run("job", "show", "shapes-template")
    assert show.returncode == 0, show.stderr
    assert "file groups" in show.stdout and "completed success" in show.stdout, show.stdout

    listing = cli.json("project", "ls", "shapes-out")
    names = sorted(f["name"] for f in listing["files"]) if isinstance(listing, dict) else sorted(f["name"] for f in listing)
    assert "shapes-template/images/frame_0001.png" in names, names
    assert "shapes-template/images/frame_0002.png" in names, names
    assert "shapes-template/logs/frame_1.log" in names, names

    out = tmp_path / "out"
    down = cli.run("download", "--container", "fgrp-shapes-out", "--to", out, "--prefix", "shapes-template/images/")
    assert down.returncode == 0, down.stderr
    # shapes.blend's render settings, read from the file with Blender: 1920x1080 at 50 %
    for frame in (1, 2):
        w, h = png_size(out / f"frame_{frame:04d}.png")  # download puts names under the prefix into --to
        assert (w, h) == (960, 540)

    # the watcher brings home what the tasks uploaded, by their blob names, and the same bytes
    watched = tmp_path / "watched"
    watch = cli.run("watch", "shapes-template", "--to", watched, "--foreground", timeout=120)
    assert watch.returncode == 0, watch.stderr
    assert "Job ended; %d output(s)" % len(names) in watch.stderr, watch.stderr
    fetched = sorted(p.relative_to(watched).as_posix() for p in watched.rglob("*") if p.is_file())
    assert fetched == names, fetched
    for frame in (1, 2):
        image = watched / "shapes-template" / "images" / f"frame_{frame:04d}.png"
        assert image.read_bytes() == (out / f"frame_{frame:04d}.png").read_bytes()


def test_dry_run_prints_one_task_per_frame_and_submits_nothing(cli):
    run = cli.run("template", "run", "blender-cycles-linux", "--param", "inputData=proj",
                  "--param", "sceneFile=shots/a b.blend", "--param", "frameStart=3", "--param", "frameEnd=5",
                  "--param", "outputs=out", "--dry-run")
    assert run.returncode == 0, run.stderr
    expanded = json.loads(run.stdout)
    assert [t["id"] for t in expanded["tasks"]] == ["0", "1", "2"]
    assert [t["displayName"] for t in expanded["tasks"]] == ["Frame 3", "Frame 4", "Frame 5"]
    assert expanded["job"]["id"] == "blender-cycles-linux"
    assert cli.json("jobs") == []


def test_bad_parameter_is_one_line_and_submits_nothing(cli):
    run = cli.run("template", "run", "blender-cycles-linux", "--param", "inputData=p", "--param", "sceneFile=s.blend",
                  "--param", "outputs=o", "--param", "frameEnd=ten")
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "frameEnd" in lines[0], run.stderr
    assert cli.json("jobs") == []


def test_params_lists_what_the_template_declares(cli):
    params = {p["name"]: p for p in cli.json("template", "params", "maya-vray-linux")}
    # read from templates/maya-vray-linux/job.template.json
    assert params["sceneFile"]["required"] is True
    assert params["frameStart"]["defaultValue"] == 1 and params["frameStart"]["minValue"] == 0
    assert params["mayaVersion"]["allowedValues"] == ["2022", "2023", "2024", "2025", "2026"]
    assert "VRAY_AUTH_CLIENT_SETTINGS" in params["vrayLicenseServer"]["description"]


def test_a_pool_template_on_the_local_farm_creates_nothing_and_says_what_it_ignored(cli):
    run = cli.run("template", "pool", "blender-linux")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "local"
    assert "vmSize" in run.stderr and "pool resize local" in run.stderr


def test_a_dry_run_for_azure_needs_no_account(cli):
    run = cli.run("template", "run", "maya-arnold-windows", "--farm", "azure", "--dry-run", "--param", "inputData=shot",
                  "--param", "sceneFile=scenes/robot.ma", "--param", "outputs=out", "--param", "frameEnd=2")
    assert run.returncode == 0, run.stderr
    tasks = json.loads(run.stdout)["tasks"]
    assert [t["displayName"] for t in tasks] == ["Frame 1", "Frame 2"]
    assert "-s 2 -e 2" in tasks[1]["commandLine"]


def test_a_job_template_given_to_template_pool_says_which_command_to_use(cli):
    run = cli.run("template", "pool", "blender-cycles-linux")
    assert run.returncode == 2
    assert "is a shipped job template: use 'batchrender template run blender-cycles-linux'" in run.stderr, run.stderr


def test_the_same_template_on_azure_makes_the_pool_and_the_same_tasks(cli, azurite, batch_double, tmp_path):
    cli.env.update(AZURE_BATCH_ENDPOINT=batch_double.url, AZURE_BATCH_ACCOUNT=batch_double.account,
                   AZURE_BATCH_ACCESS_KEY=batch_double.key, AZURE_STORAGE_CONNECTION_STRING=azurite.connection_string)
    up = cli.run("upload", "--project", "shapes-az", "--store", "azure", SCENE, "--json")
    assert up.returncode == 0, up.stderr

    pool = cli.run("template", "pool", "blender-linux", "--farm", "azure", "--param", "poolId=tpl-blender",
                   "--param", "dedicatedNodes=0")
    assert pool.returncode == 0, pool.stderr
    assert pool.stdout.strip() == "tpl-blender"

    params = ["--param", "inputData=shapes-az", "--param", f"sceneFile={blob_name(SCENE)}", "--param", "frameEnd=3",
              "--param", "outputs=shapes-az-out", "--param", "poolId=tpl-blender", "--param", "jobName=shapes-az-job"]
    dry = json.loads(cli.run("template", "run", "blender-eevee-linux", "--farm", "azure", "--dry-run", *params).stdout)
    run = cli.run("template", "run", "blender-eevee-linux", "--farm", "azure", *params)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "shapes-az-job"

    shown = cli.json("job", "show", "shapes-az-job", "--farm", "azure")
    assert [t["id"] for t in shown["tasks"]] == [t["id"] for t in dry["tasks"]] == ["0", "1", "2"]
    assert "fgrp-shapes-az-out" in cli.run("projects", "--store", "azure").stdout

    # a node joins (this machine's Blender renders, as the double runs tasks here); the watcher, reading
    # each task's outputFiles from Batch, brings the frames home from the output file group
    resize = cli.run("pool", "resize", "tpl-blender", "1", "--farm", "azure")
    assert resize.returncode == 0, resize.stderr
    watched = tmp_path / "watched"
    watch = cli.run("watch", "shapes-az-job", "--to", watched, "--farm", "azure", "--poll", "0.5", "--foreground",
                    timeout=600)
    assert watch.returncode == 0, watch.stderr
    done = cli.json("job", "show", "shapes-az-job", "--farm", "azure")
    assert [(t["state"], t.get("result")) for t in done["tasks"]] == [("completed", "success")] * 3, done
    for frame in (1, 2, 3):
        # shapes.blend's render settings, read from the file with Blender: 1920x1080 at 50 %
        assert png_size(watched / "shapes-az-job" / "images" / f"frame_{frame:04d}.png") == (960, 540)
        assert (watched / "shapes-az-job" / "logs" / f"frame_{frame}.log").is_file()
