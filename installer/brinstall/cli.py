"""``install.py``: the command line of the installer (also called by install.mel inside Maya)."""
import argparse
import importlib
import os
import sys
import tempfile
import types

from . import MODULE_NAME, MODULE_VERSION, InstallError, files, runtime, staging
from .mayapaths import default_modules_dir, saved_shelf_files

INSTALLER_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse(argv):
    p = argparse.ArgumentParser(prog="install.py", description="Installs Batch Render for Maya as the Maya module "
                                "{0} (plug-in {0}.py), or removes it again.".format(MODULE_NAME))
    p.add_argument("--modules-dir", metavar="DIR", help="the Maya modules folder to install into (default: $MAYA_APP_DIR/modules, "
                   "else Maya's default user folder's modules/)")
    p.add_argument("--jar", metavar="JAR", help="a built batchrender.jar to install (default: the release's, or the clone's, "
                   "built with ./batchrender when its sources changed)")
    p.add_argument("--wheels", metavar="DIR", help="a folder holding the py4j and Qt.py wheels to vendor (default in a clone: "
                   "the clone's .venv, else downloaded now)")
    p.add_argument("--with-runtime", action="store_true", help="bundle a Java runtime made with jlink "
                   "(needs a JDK 17+ here) so Maya needs no Java installed")
    p.add_argument("--runtime", metavar="DIR", help="bundle this already built Java runtime folder")
    p.add_argument("--uninstall", action="store_true", help="remove exactly what an earlier install put there")
    p.add_argument("--dry-run", action="store_true", help="print what would change, change nothing")
    p.add_argument("--force", action="store_true", help="replace an AzureBatch module or .mod file this "
                   "installer did not write")
    return p.parse_args(argv)


def main(argv=None, log=print):
    """Runs the installer; returns the exit code (0 done, 2 something to fix, said in one line)."""
    args = parse(sys.argv[1:] if argv is None else argv)
    try:
        if args.uninstall:
            return _uninstall(args, log)
        _install(args, log)
        return 0
    except InstallError as e:
        log("error: {}".format(e))
        return 2


def _layout(args):
    return files.Layout(args.modules_dir or default_modules_dir())


def _uninstall(args, log):
    layout = _layout(args)
    shelves = _remove_saved_shelves(layout, args.dry_run, log)
    removed, left = files.uninstall(layout, dry_run=args.dry_run, log=log)
    if removed is None and shelves:
        return 0
    if removed is None:
        log("Nothing to uninstall: no {} installed by this installer in {}".format(MODULE_NAME, layout.modules_dir))
        return 0
    verb = "Would remove" if args.dry_run else "Removed"
    log("{} {} file(s) of {} from {}.".format(verb, removed, MODULE_NAME, layout.modules_dir))
    if left:
        log("Left in place (not installed by this installer): " + ", ".join(left))
    return 0


def _remove_saved_shelves(layout, dry_run, log):
    """Removes the shelf files Maya saved of the plug-in's shelf, in the Maya user folder holding the modules
    folder (``<MAYA_APP_DIR>/modules``); returns how many."""
    if os.path.basename(os.path.normpath(layout.modules_dir)) != "modules":
        return 0
    shelves = saved_shelf_files(os.path.dirname(os.path.normpath(layout.modules_dir)))
    for path in shelves:
        log("  {} {}".format("would remove" if dry_run else "removed", path))
        if not dry_run:
            os.remove(path)
    return len(shelves)


def build_plan(args, work_dir, log):
    """The module's files {path in the module: source} for these arguments, from a release or a clone."""
    release = staging.release_module(INSTALLER_DIR)
    if release:
        plan = staging.plan_from_release(release)
        if args.jar:
            plan["java/batchrender.jar"] = _existing(args.jar, "--jar")
    else:
        repo = staging.clone_root(INSTALLER_DIR)
        if repo is None:
            raise InstallError("{} is neither a release (no {} folder beside it) nor in a clone: download the "
                               "release archive again".format(INSTALLER_DIR, MODULE_NAME))
        jar = _existing(args.jar, "--jar") if args.jar else staging.build_jar(repo, log)
        vendored = staging.vendored_for_clone(repo, args.wheels and _existing(args.wheels, "--wheels"),
                                              os.path.join(work_dir, "wheels"), log)
        plan = staging.plan_from_clone(repo, jar, vendored)
    has_runtime = any(rel.startswith("runtime/") for rel in plan)
    if args.runtime:
        plan = {rel: src for rel, src in plan.items() if not rel.startswith("runtime/")}
        staging.add_runtime(plan, _existing(args.runtime, "--runtime"))
    elif args.with_runtime and not has_runtime:
        cache = os.path.join(INSTALLER_DIR, "build") if not release else os.path.join(work_dir, "runtime")
        staging.add_runtime(plan, runtime.build(plan["java/batchrender.jar"], cache, log=log))
    return plan


def _install(args, log):
    layout = _layout(args)
    with tempfile.TemporaryDirectory(prefix="azurebatch-install-") as work:
        plan = build_plan(args, work, log)
        log("{} {} {} into {}".format("Dry run: would install" if args.dry_run else "Installing", MODULE_NAME,
                                      MODULE_VERSION, layout.modules_dir))
        counts = files.install(plan, layout, force=args.force, dry_run=args.dry_run, log=log)
    if args.dry_run:
        log("Dry run: {added} to add, {updated} to update, {removed} to remove, {unchanged} unchanged.".format(
            **counts))
        return
    if counts["added"] + counts["updated"] + counts["removed"] == 0:
        log("Already installed: nothing changed ({} files).".format(counts["unchanged"]))
    else:
        log("Installed: {added} added, {updated} updated, {removed} removed, {unchanged} unchanged.".format(**counts))
    log("Module file: " + layout.mod_file)
    log(java_status(layout.module_dir))
    log("Next: start Maya and tick {}.py in Windows > Settings/Preferences > Plug-in Manager "
        "(or drag install.mel onto Maya's viewport to install and load it in a running Maya).".format(MODULE_NAME))


def java_status(module_dir):
    """One line saying which Java the installed plug-in will run, or how to get one.

    Asks the installed client's own lookup (``scripts/batchrender/java.py``), so the answer is the
    one Maya will get: the bundled runtime, JAVA_HOME, PATH, then the platform's usual places.
    """
    package_dir = os.path.join(module_dir, "scripts", "batchrender")
    name = "_azurebatch_installed_client"
    package = types.ModuleType(name)  # the package without its __init__ (which needs py4j)
    package.__path__ = [package_dir]
    sys.modules[name] = package
    try:
        java = importlib.import_module(name + ".java")
        found = java.find_java()
        bundled = java.bundled_runtime_java()
        return "Java: {} ({})".format(found, "the bundled runtime" if found == bundled else
                                      "Java {}".format(java.java_version(found)))
    except Exception as e:  # JavaNotFoundError and its message + hint
        hint = getattr(e, "hint", "")
        return "Warning: {}{}. Or run install.py again with --with-runtime.".format(
            getattr(e, "message", str(e)), ": " + hint if hint else "")
    finally:
        for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
            del sys.modules[key]


def _existing(path, option):
    if not os.path.exists(path):
        raise InstallError("{} {} does not exist: give the path of an existing one".format(option, path))
    return os.path.abspath(path)


def install_from_maya(modules_dir, with_runtime=False):
    """What install.mel runs inside Maya: installs, then returns the installed plug-in's path.

    Raises:
        RuntimeError: the install failed (Maya shows the message).
    """
    lines = []
    argv = ["--modules-dir", modules_dir] + (["--with-runtime"] if with_runtime else [])
    code = main(argv, log=lambda line: (lines.append(line), print(line)))
    if code != 0:
        raise RuntimeError("Batch Render install failed: " + (lines[-1] if lines else "see the Script Editor"))
    return os.path.join(files.Layout(modules_dir).module_dir, "plug-ins", MODULE_NAME + ".py")
