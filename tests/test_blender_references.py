"""A .blend's files as Blender reports them, resolved, uploaded and path-mapped by the core.

Blender builds the scene here (``tests/blender/linked_shot.py``): a shot that links a collection from a library
.blend (whose texture is named relative to the library, ``//textures/green.png``) and has its own texture by an
absolute path. Blender lists the shot's data-blocks (``tests/blender/list_references.py``, the shape of the
add-on's ``dependencies``); the real gateway scans them (every file found; a deleted texture is missing and refuses
the submit in one line), then submits the shot to Azure (the Batch double and Azurite): the four files go to the
asset project, the artist's folder is moved away before a node exists, and the node renders from what was uploaded
through the path map. The frame comes home through the watcher and shows both textures' colours: neither the
black of a library left out nor Blender's magenta for a missing texture.
"""
import os
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

import bridge_helpers  # noqa: F401  (puts the client on sys.path)
from azure_services import azurite, batch_double  # noqa: F401
from bridge_helpers import png_checked, wait_for
from conftest import REPO
from batchrender import Client
from batchrender.errors import BadRequestError, RenderSetupError

BLENDER_SCRIPTS = REPO / "tests" / "blender"


def build_shot(root):
    """The shot and its library, built by Blender under ``root``; returns the shot's path."""
    subprocess.run(["blender", "-b", "--factory-startup", "--python-exit-code", "1",
                    "--python", str(BLENDER_SCRIPTS / "linked_shot.py"), "--", str(root)],
                   check=True, capture_output=True, timeout=120)
    return root / "shot" / "shot.blend"


def blender_references(scene):
    """What Blender reports for ``scene``: its data-blocks' files, as the add-on hands them to the core."""
    out = subprocess.run(["blender", "-b", str(scene), "--python-exit-code", "1",
                          "--python", str(BLENDER_SCRIPTS / "list_references.py")],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    import json
    [line] = [l for l in out.splitlines() if l.startswith("REFERENCES=")]
    return json.loads(line[len("REFERENCES="):])


def png_pixel(path, x, y):
    """The RGB of pixel (x, y) of an 8-bit RGB or RGBA PNG (no interlace), decoded here: filters of the PNG spec."""
    data = path.read_bytes()
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0, (depth, color, interlace)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    channels = 3 if color == 2 else 4
    stride = width * channels
    raw = zlib.decompress(idat)
    previous = bytearray(stride)
    for row in range(y + 1):
        kind, line = raw[row * (stride + 1)], bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        previous = line
    return tuple(previous[x * channels:x * channels + 3])


def close(rgb, expected, tolerance=4):
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, expected))


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    home = tmp_path_factory.mktemp("state")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AZURE_")}
    env.update(BATCHRENDER_HOME=str(home), BATCHRENDER_AGENT_IDLE_SECONDS="5")
    c = Client(env=env).start()
    yield c
    c.close()


def test_blenders_references_are_found_and_a_deleted_texture_refuses_the_submit(client, tmp_path):
    shot = build_shot(tmp_path / "artist")
    refs = blender_references(shot)
    library = tmp_path / "artist" / "library" / "props.blend"
    green = tmp_path / "artist" / "library" / "textures" / "green.png"
    blue = tmp_path / "artist" / "shot_textures" / "blue.png"
    # the library's "//textures/green.png" made absolute against the library, not the shot
    assert sorted((r["nodeType"], r["path"]) for r in refs) == sorted(
        [("Library", str(library)), ("Image", str(green)), ("Image", str(blue))])

    with pytest.raises(BadRequestError) as alone:
        client.scan(shot).wait(60)
    assert alone.value.message.startswith("The core cannot read a .blend (shot.blend)"), alone.value.message
    scan = client.scan(shot, references=refs).wait(60)
    assert scan["missing"] == 0
    assert {a["path"]: (a["status"], a["files"]) for a in scan["assets"]} == {
        str(p): ("found", [str(p)]) for p in (library, green, blue)}

    (tmp_path / "elsewhere").mkdir()
    blue.rename(tmp_path / "elsewhere" / "blue.png")
    scan = client.scan(shot, references=refs).wait(60)
    assert scan["missing"] == 1
    [gone] = [a for a in scan["assets"] if a["status"] != "found"]
    assert (gone["status"], gone["node"], gone["nodeType"]) == ("missing", "blue.png", "Image")
    with pytest.raises(RenderSetupError) as refused:
        client.submit(scene=shot, frames="1", references=refs).wait(60)
    message = refused.value.message
    assert "\n" not in message
    assert message.startswith("1 file(s) the scene needs are missing, first Image 'blue.png' = " + str(blue) + ": "), \
        message
    # the search path finds it where it went; --allow-missing goes on without it (a preview: nothing runs)
    found = client.scan(shot, search_paths=[tmp_path / "elsewhere"], references=refs).wait(60)
    assert found["missing"] == 0
    assert [a["files"] for a in found["assets"] if a["node"] == "blue.png"] == [[str(tmp_path / "elsewhere" / "blue.png")]]
    preview = client.preview(scene=shot, frames="1", references=refs, allowMissing=True).wait(60)
    assert preview["farm"] == "local"


def test_the_cli_takes_the_same_references_from_a_file(cli, tmp_path):
    import json
    shot = build_shot(tmp_path / "artist")
    listed = tmp_path / "references.json"
    listed.write_text(json.dumps(blender_references(shot)))
    scan = cli.json("scan", shot, "--references", listed)
    assert scan["missing"] == 0 and sorted(a["nodeType"] for a in scan["assets"]) == ["Image", "Image", "Library"]
    green = tmp_path / "artist" / "library" / "textures" / "green.png"
    green.unlink()
    run = cli.run("submit", shot, "--references", listed, "--frames", "1", "--dry-run")
    assert run.returncode == 2, run.stderr
    [line] = run.stderr.strip().splitlines()
    assert "1 file(s) the scene needs are missing, first Image 'green.png' = " + str(green) in line, line
    alone = cli.run("scan", shot)
    assert alone.returncode == 2 and alone.stderr.startswith("error: The core cannot read a .blend (shot.blend): give the"
                                                            " files Blender reports for it as references"), alone.stderr
    unreadable = cli.run("scan", shot, "--references", tmp_path / "none.json")
    assert unreadable.returncode == 2 and "Cannot read the references file" in unreadable.stderr, unreadable.stderr


def test_a_linked_blend_renders_on_azure_from_its_uploaded_files_and_comes_home(client, azurite, batch_double,
                                                                                 tmp_path):
    client.save_azure_settings(batch_url=batch_double.url, batch_account=batch_double.account,
                               batch_key=batch_double.key, storage_account=azurite.account,
                               storage_key=azurite.key, storage_endpoint=azurite.endpoint)
    artist = tmp_path / "artist"
    shot = build_shot(artist)
    refs = blender_references(shot)
    green = artist / "library" / "textures" / "green.png"
    blue = artist / "shot_textures" / "blue.png"
    expected = {"green": png_pixel(green, 4, 4), "blue": png_pixel(blue, 4, 4)}
    # a pool with no node yet: nothing runs until the artist's folder is gone
    client.create_pool("linked-blend", dedicated_nodes=0).wait(60)
    job = client.submit(scene=shot, frames="1", references=refs, farm="azure",
                        pool={"mode": "existing", "id": "linked-blend"}).wait(180)
    upload = job["upload"]
    assert upload["complete"] and upload["files"] == 4, upload   # the shot, the library and both textures
    assert not any(n.startswith("Only the .blend was uploaded") for n in job.get("notes", [])), job.get("notes")
    assert upload["bytesTotal"] == sum(p.stat().st_size for p in (shot, artist / "library" / "props.blend", green, blue))

    # the node finds nothing at the artist's paths (the double's node is this machine): only the path map helps
    artist.rename(tmp_path / "moved-away")
    client.resize_pool_nodes("linked-blend", 1, 0).wait(60)
    frames = tmp_path / "frames"
    client.start_watcher(job["jobId"], frames, poll_seconds=0.5, farm="azure").wait(60)
    frame = wait_for("the frame to come home", lambda: next(iter(frames.rglob("shot_0001.png")), None), timeout=180)
    width, height = png_checked(frame)
    assert (width, height) == (64, 32)
    # the library's card on the left, the shot's on the right (tests/blender/linked_shot.py), each its texture's colour
    left, right = png_pixel(frame, width // 4, height // 2), png_pixel(frame, 3 * width // 4, height // 2)
    assert close(left, expected["green"]), ("the linked library's card is not its texture's green (black: the library"
                                            " was not loaded; magenta: its texture was missing)", left, expected)
    assert close(right, expected["blue"]), ("the shot's card is not its texture's blue (magenta: missing)", right,
                                            expected)
