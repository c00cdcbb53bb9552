"""The Blender add-on on Azure Batch, in real Blender: the linked shot of test_blender_references.py (a library
with its own texture relative to it, a texture by an absolute path) submitted by the add-on (its own listing of
the files, its Azure choices: the account from the core's settings, an existing pool; Watch) to the Batch double
and Azurite; Blender is gone and the artist's folder moved away before the pool has a node, and the frame comes
home through the watcher with both textures' colours."""
from azure_services import azurite, batch_double  # noqa: F401
from blender_support import Blender, addon_zip, user_scripts  # noqa: F401
from bridge_helpers import png_checked, wait_for
from batchrender import Client
from test_blender_references import build_shot, close, png_pixel

ADDON_AZURE_SUBMIT = """
    import bpy, sys
    import blender_driver as d
    from batchrender_blender import runtime
    frames, pool = sys.argv[-2:]
    rt = runtime.current()
    props = bpy.context.scene.batchrender
    props.farm = "azure"
    rt.session.wait(rt.refresh_account(), 120)       # the account from the core's settings, and its pools
    props.pool_mode = "existing"
    props.pool_id = pool
    props.use_scene_range = False
    props.frames = "1"
    props.watch = True
    props.download = frames
    bpy.ops.batchrender.submit()                      # from a script: waits for the core, as render.render() does
    d.write({"job": rt.selected_job, "status": list(rt.status), "account": rt.account})
"""


def test_the_blender_addon_submits_a_linked_blend_to_azure_and_its_watcher_brings_the_frame_home(
        user_scripts, cli, azurite, batch_double, tmp_path):  # noqa: F811
    """The same shot, submitted by the Blender add-on in real Blender (its own listing of the files, its panel's
    Azure choices, Watch), with Blender gone before the pool has a node."""
    with Client(env=dict(cli.env)) as c:
        c.save_azure_settings(batch_url=batch_double.url, batch_account=batch_double.account,
                              batch_key=batch_double.key, storage_account=azurite.account,
                              storage_key=azurite.key, storage_endpoint=azurite.endpoint)
        c.create_pool("addon-blend", dedicated_nodes=0).wait(60)
    artist = tmp_path / "artist"
    shot = build_shot(artist)
    green = artist / "library" / "textures" / "green.png"
    blue = artist / "shot_textures" / "blue.png"
    expected = {"green": png_pixel(green, 4, 4), "blue": png_pixel(blue, 4, 4)}
    frames = tmp_path / "frames"
    blender = Blender(user_scripts, cli.home, tmp_path)
    blender.env = {k: v for k, v in blender.env.items() if not k.startswith("AZURE_")}
    out = blender.run(ADDON_AZURE_SUBMIT, blend=shot, args=(frames, "addon-blend"), timeout=300)
    assert out["_exit"] == 0, out["_stderr"][-3000:]
    assert out["account"]["batch"]["account"] == batch_double.account and out["account"]["batch"]["key"] == "saved"
    job_id = out["job"]
    assert out["status"] == ["INFO", "Submitted job {}; watching: its frames come home to {}".format(job_id, frames)]

    artist.rename(tmp_path / "moved-away")   # the node can only render from what the add-on had uploaded
    with Client(env=dict(cli.env)) as c:
        c.resize_pool_nodes("addon-blend", 1, 0).wait(60)
    frame = wait_for("the frame to come home", lambda: next(iter(frames.rglob("shot_0001.png")), None), timeout=180)
    width, height = png_checked(frame)
    left, right = png_pixel(frame, width // 4, height // 2), png_pixel(frame, 3 * width // 4, height // 2)
    assert close(left, expected["green"]), ("the linked library's card", left, expected)
    assert close(right, expected["blue"]), ("the shot's card", right, expected)
