"""The Blender add-on zip: ``dist/batchrender-blender-VERSION-PLATFORM[-nojre].zip``, installed through Blender's
Preferences › Add-ons › Install.

One folder, ``batchrender_blender/``, as Blender wants an add-on package in a zip::

    batchrender_blender/
      __init__.py ...               the add-on (blender-addon/batchrender_blender/)
      vendor/batchrender/           the Maya plug-in's client, copied here at build time (one client in git)
      vendor/py4j/, vendor/py4j-0.10.9.9.dist-info/   the pinned py4j, licence kept
      java/batchrender.jar          the core
      runtime/                      only with --with-runtime: this platform's jlink Java runtime

``vendor/batchrender`` finds ``java/`` and ``runtime/`` two folders above itself, where the Maya module keeps them.
"""
import os
import stat
import zipfile

from . import MODULE_VERSION, InstallError, runtime, staging
from .mayapaths import platform_tag

ADDON = "batchrender_blender"


def plan(repo, jar, vendored, runtime_dir=None):
    """{path in the zip under batchrender_blender/: source file}."""
    addon = os.path.join(repo, "blender-addon", ADDON)
    if not os.path.isfile(os.path.join(addon, "__init__.py")):
        raise InstallError("{} is not a clone with the Blender add-on (no {}): use a full clone".format(repo, addon))
    out = staging._tree(addon, "")
    out = {rel: src for rel, src in out.items() if not rel.startswith(("vendor/", "java/", "runtime/"))}
    out.update(staging._tree(os.path.join(repo, "maya-plugin", "scripts", "batchrender"), "vendor/batchrender"))
    for rel, src in vendored.items():
        if rel.split("/")[0].lower().startswith("py4j"):
            out["vendor/" + rel] = src
    if not any(rel.startswith("vendor/py4j/") for rel in out):
        raise InstallError("py4j was not found to vendor: run ./test.sh once (it makes .venv) or pass --wheels DIR")
    out["java/batchrender.jar"] = jar
    if runtime_dir:
        out.update(staging._tree(runtime_dir, "runtime"))
    return out


def write_zip(files, target):
    """Writes ``files`` under ``batchrender_blender/`` into ``target`` (a temp file renamed into place), with
    fixed dates and the files' modes."""
    tmp = target + ".partial"
    with zipfile.ZipFile(tmp, "w") as z:
        for rel in sorted(files):
            src = files[rel]
            info = zipfile.ZipInfo(ADDON + "/" + rel, date_time=(2026, 1, 1, 0, 0, 0))
            mode = 0o755 if os.access(src, os.X_OK) else 0o644
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(src, "rb") as f:
                z.writestr(info, f.read())
    os.replace(tmp, target)
    return target


def build(repo, out_dir, work_dir, with_runtime=False, jar=None, wheels=None, log=print):
    """Builds the add-on zip from the clone ``repo``; returns its path."""
    jar = jar or staging.build_jar(repo, log)
    vendored = staging.vendored_for_clone(repo, wheels, os.path.join(work_dir, "wheels"), log)
    runtime_dir = runtime.build(jar, os.path.join(repo, "installer", "build"), log=log) if with_runtime else None
    name = "batchrender-blender-{}-{}{}".format(MODULE_VERSION, platform_tag(), "" if with_runtime else "-nojre")
    os.makedirs(out_dir, exist_ok=True)
    target = write_zip(plan(repo, jar, vendored, runtime_dir), os.path.join(out_dir, name + ".zip"))
    log("Built " + target)
    return target
