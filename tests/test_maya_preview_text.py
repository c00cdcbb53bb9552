"""The Preview dialog's texts (``PreviewText.of``) over every dry-run golden file of the core
(java-core/src/test/resources/golden/dry-run: ``submit --dry-run --json`` for each scene of
../shared/testdata on both farms, reviewed by hand): every task's command line as the farm takes it, the
counts, frames, pool and notes read from the same JSON, and a long job cut after the first tasks."""
import json
import shlex

import pytest

from maya_support import *  # noqa: F401,F403

GOLDEN = REPO / "java-core" / "src" / "test" / "resources" / "golden" / "dry-run"
FILES = sorted(GOLDEN.glob("*.json"))


def test_there_are_golden_files_for_both_farms():
    assert any(f.name.endswith(".local.json") for f in FILES) and any(f.name.endswith(".azure.json") for f in FILES)


@pytest.mark.parametrize("golden", FILES, ids=lambda f: f.name)
def test_every_task_of_a_golden_dry_run_is_shown_with_its_command_line(golden):
    from batchrender_maya.panel.preview_dialog import CONTINUED, PreviewText
    answer = json.loads(golden.read_text())
    shown = 3
    text = PreviewText.of(answer, shown=shown)
    summary = dict(text.summary)
    assert json.loads(text.json) == answer and "".join(p + "\n" for p in text.json_pieces) == text.json + "\n"
    blocks = text.tasks.split("\n\n")
    if answer["farm"] == "azure":
        job, tasks = answer["addJob"], answer["addTasks"]
        meta = {m["name"]: m["value"] for m in job.get("metadata", [])}
        assert summary["Frames"] == meta.get("frames", "none")
        if "poolId" in job["poolInfo"]:
            assert summary["Pool"] == job["poolInfo"]["poolId"]
        else:   # an auto-pool: its VM size, node counts and image, from its specification
            pool = job["poolInfo"]["autoPoolSpecification"]["pool"]
            image = pool["virtualMachineConfiguration"]["imageReference"]
            assert summary["Pool"] == "auto-pool for this job: {} x {} dedicated, {} spot, image {} {} {}".format(
                pool["vmSize"], pool["targetDedicatedNodes"], pool["targetLowPriorityNodes"], image["publisher"],
                image["offer"], image["sku"])
        assert summary["Notes"] == "\n".join(answer.get("notes", [])) or "none"
        lines = [t["commandLine"] for t in tasks[:shown]]
        if "jobPreparationTask" in job:
            lines.insert(0, job["jobPreparationTask"]["commandLine"])
    else:
        job = answer["job"]
        tasks = job["tasks"]
        frames = sorted({f for t in tasks for f in t["frames"]})
        assert summary["Frames"].split("-")[0].split(",")[0] == str(frames[0])
        assert summary["Notes"] == "\n".join(job["notes"]) or "none"
        lines = [" ".join(shlex.quote(a) for a in [t["command"]["program"]["name"]] + t["command"]["args"])
                 for t in tasks[:shown]]
    assert summary["Tasks"] == "{:,}".format(len(tasks)) and text.task_count == len(tasks)
    commands = [b for b in blocks if "\n  command: " in b]
    assert len(commands) == len(lines)
    for block, line in zip(commands, lines):
        assert "\n  command: " + line.replace("\n", "\n" + CONTINUED) + "\n" in block + "\n"
    if len(tasks) > shown:
        assert blocks[-1].startswith("... and {:,} more task(s)".format(len(tasks) - shown))
    else:
        assert not blocks[-1].startswith("...")


def test_frame_ranges_are_compact():
    from batchrender_maya.panel.preview_dialog import frame_ranges
    assert frame_ranges([3, 1, 2, 2, 7, 9, 10]) == "1-3, 7, 9-10"
    assert frame_ranges([]) == ""
