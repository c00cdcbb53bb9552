"""What goes into the AzureBatch module folder: a plan {path in the module: source file}.

The plan comes from a clone (the plug-in from ``maya-plugin/``, the jar built with the clone's
``./batchrender`` launcher, the vendored dependencies from wheels or the clone's ``.venv``) or from
a release archive (its already staged ``AzureBatch/`` folder).

Module layout::

    AzureBatch/
      plug-ins/AzureBatch.py
      scripts/batchrender/  scripts/batchrender_maya/  scripts/py4j/  scripts/Qt.py  (+ licences)
      icons/batchrender.png
      java/batchrender.jar
      runtime/              (only with --with-runtime: a jlink Java runtime)
"""
import os
import subprocess
import sys

from . import MODULE_NAME, InstallError, vendor
from .procs import hidden

PACKAGES = ("batchrender", "batchrender_maya")
SHELF_ICON = os.path.join("batchrender_maya", "icons", "batchrender.png")


def _tree(root, prefix):
    """{prefix/relpath: path} for every file under ``root``, without byte code."""
    out = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            out[prefix + "/" + rel if prefix else rel] = path
    return out


def release_module(installer_dir):
    """The staged ``AzureBatch/`` folder shipped beside install.py in a release archive, or None."""
    path = os.path.join(installer_dir, MODULE_NAME)
    return path if os.path.isfile(os.path.join(path, "plug-ins", MODULE_NAME + ".py")) else None


def clone_root(installer_dir):
    """The clone install.py sits in (``installer/`` beside ``maya-plugin/``), or None."""
    root = os.path.dirname(os.path.abspath(installer_dir))
    return root if os.path.isfile(os.path.join(root, "maya-plugin", "plug-ins", MODULE_NAME + ".py")) else None


def plan_from_release(module_dir):
    """The plan of a release archive's staged module: every file in it."""
    return _tree(module_dir, "")


def build_jar(repo, log):
    """Builds (only when the sources are newer) and returns the clone's batchrender.jar."""
    launcher = os.path.join(repo, "batchrender")
    jar = os.path.join(repo, "java-core", "target", "batchrender.jar")
    if sys.platform.startswith("win"):
        cmd = ["mvn", "-B", "-q", "-f", os.path.join(repo, "pom.xml"), "-DskipTests", "package"]
    else:
        cmd = [launcher, "--version"]
    log("Building the jar (only when its sources changed): " + " ".join(cmd))
    try:
        result = subprocess.run(cmd, cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                universal_newlines=True, **hidden())
    except OSError as e:
        raise InstallError("could not run {} ({}): build the jar yourself and pass --jar".format(cmd[0], e))
    if result.returncode != 0 or not os.path.isfile(jar):
        last = (result.stderr.strip().splitlines() or ["no error output"])[-1]
        raise InstallError("building batchrender.jar failed ({}): run {} to see why, or pass --jar".format(
            last, " ".join(cmd)))
    return jar


def plan_from_clone(repo, jar, vendored):
    """The plan for a clone: the plug-in, its packages, the vendored files, the icon and the jar."""
    plugin = os.path.join(repo, "maya-plugin")
    plan = {"plug-ins/{}.py".format(MODULE_NAME): os.path.join(plugin, "plug-ins", MODULE_NAME + ".py")}
    for package in PACKAGES:
        plan.update(_tree(os.path.join(plugin, "scripts", package), "scripts/" + package))
    for rel, path in vendored.items():
        plan["scripts/" + rel] = path
    plan["icons/batchrender.png"] = os.path.join(plugin, "scripts", SHELF_ICON)
    plan["java/batchrender.jar"] = jar
    return plan


def vendored_for_clone(repo, wheel_dir, cache_dir, log=print):
    """The vendored dependencies of a clone: from ``wheel_dir`` when given, else from the clone's
    ``.venv``, else from the pinned wheels downloaded now (pip download only, nothing installed)."""
    if wheel_dir:
        return vendor.from_wheels(wheel_dir, cache_dir)
    site = vendor.venv_site_packages(repo)
    if site is not None:
        try:
            return vendor.from_site_packages(site)
        except InstallError as e:
            log("Not taking py4j and Qt.py from .venv ({}); downloading the pinned wheels".format(e))
    else:
        log("No .venv in {}: downloading the pinned py4j and Qt.py wheels".format(repo))
    downloads = os.path.join(cache_dir, "downloads")
    return vendor.from_wheels(vendor.download_wheels(downloads), os.path.join(cache_dir, "extracted"))


def add_runtime(plan, runtime_dir):
    """Adds a Java runtime folder to the plan as ``runtime/``."""
    plan.update(_tree(runtime_dir, "runtime"))
    return plan
