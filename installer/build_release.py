#!/usr/bin/env python3
"""Builds the release archive for this platform: ``dist/batchrender-maya-VERSION-PLATFORM.zip``.

The zip holds one folder with the staged Maya module ``AzureBatch/`` (the jar built from this
clone, py4j and Qt.py vendored from wheels downloaded now and checked against pinned sums, and
with ``--with-runtime`` a jlink Java runtime for this platform), the two install entry points
``install.py`` and ``install.mel`` with the installer's ``brinstall/`` package, and a README.

    python3 installer/build_release.py [--with-runtime] [--jar JAR] [--wheels DIR] [--out DIR]
    python3 installer/build_release.py --blender [...]   # the Blender add-on zip instead (docs/blender-addon.md)

The runtime can only be made for the platform of the JDK running jlink: build each platform's
archive on that platform (the archive without a runtime works anywhere Java 17+ is installed).
"""
import argparse
import os
import shutil
import stat
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from brinstall import MODULE_NAME, MODULE_VERSION, InstallError, blender, cli, vendor  # noqa: E402
from brinstall.mayapaths import platform_tag  # noqa: E402

README = """Batch Render for Maya {version} ({platform})

Install, either way:
  - drag install.mel onto Maya's viewport (installs and loads the plug-in), or
  - run:  python3 install.py     (or Maya's mayapy; --help for the options)
Remove: python3 install.py --uninstall
{java}
"""


def _add_tree(z, root, arc_prefix):
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".pyc"):
                continue
            path = os.path.join(folder, name)
            arc = arc_prefix + "/" + os.path.relpath(path, root).replace(os.sep, "/")
            info = zipfile.ZipInfo(arc, date_time=(2026, 1, 1, 0, 0, 0))
            mode = 0o755 if os.access(path, os.X_OK) else 0o644
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as f:
                z.writestr(info, f.read())


def build(out_dir, with_runtime=False, jar=None, wheels=None, log=print):
    """Builds the archive and returns its path."""
    tag = platform_tag()
    name = "batchrender-maya-{}-{}{}".format(MODULE_VERSION, tag, "" if with_runtime else "-nojre")
    with tempfile.TemporaryDirectory(prefix="azurebatch-release-") as work:
        args = cli.parse(["--wheels", wheels or vendor.download_wheels(os.path.join(work, "downloads"))]
                         + (["--jar", jar] if jar else []) + (["--with-runtime"] if with_runtime else []))
        plan = cli.build_plan(args, work, log)
        stage = os.path.join(work, "stage", name)
        module = os.path.join(stage, MODULE_NAME)
        for rel, src in plan.items():
            dest = os.path.join(module, *rel.split("/"))
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copy2(src, dest)
        shutil.copy2(os.path.join(HERE, "install.py"), stage)
        shutil.copy2(os.path.join(HERE, "install.mel"), stage)
        shutil.copytree(os.path.join(HERE, "brinstall"), os.path.join(stage, "brinstall"),
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        java = ("A Java runtime is included: Maya needs no Java installed." if with_runtime else
                "Needs Java 17 or later (https://adoptium.net, or Debian/Ubuntu: apt-get install "
                "openjdk-17-jre-headless), or the archive with the runtime.")
        with open(os.path.join(stage, "README.txt"), "w") as f:
            f.write(README.format(version=MODULE_VERSION, platform=tag, java=java))
        os.makedirs(out_dir, exist_ok=True)
        target = os.path.join(out_dir, name + ".zip")
        tmp = target + ".partial"
        with zipfile.ZipFile(tmp, "w") as z:
            _add_tree(z, stage, name)
        os.replace(tmp, target)
    log("Built " + target)
    return target


def main(argv=None):
    p = argparse.ArgumentParser(description="Builds the Batch Render for Maya release zip for this platform.")
    p.add_argument("--with-runtime", action="store_true", help="include a jlink Java runtime (this platform's)")
    p.add_argument("--jar", help="a built batchrender.jar (default: build this clone's)")
    p.add_argument("--wheels", help="a folder with the py4j and Qt.py wheels (default: download them now)")
    p.add_argument("--out", default=os.path.join(os.path.dirname(HERE), "dist"), help="where the zip goes")
    p.add_argument("--blender", action="store_true",
                   help="build the Blender add-on zip (Preferences > Add-ons > Install) instead of Maya's")
    args = p.parse_args(argv)
    try:
        if args.blender:
            with tempfile.TemporaryDirectory(prefix="batchrender-blender-") as work:
                blender.build(os.path.dirname(HERE), args.out, work, args.with_runtime, args.jar, args.wheels)
            return 0
        build(args.out, args.with_runtime, args.jar, args.wheels)
        return 0
    except InstallError as e:
        print("error: {}".format(e), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
