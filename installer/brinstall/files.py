"""Putting a plan on disk and taking it off again, with a manifest of exactly what was installed.

The manifest (``AzureBatch/install-manifest.json``) lists every file the install wrote, relative
to the modules folder, the ``.mod`` file included; it has no timestamps, so installing the same
thing twice writes nothing at all. Files are written to a temporary name and renamed into place,
and the manifest of everything that may be on disk is written before any file, so an interrupted
install can still be uninstalled.
"""
import filecmp
import json
import os
import shutil
import stat
import tempfile

from . import MANIFEST_NAME, MODULE_NAME, MODULE_VERSION, InstallError
from .mayapaths import mod_file_text

# Inside a Java runtime, these must stay executable even when an unzip tool dropped the mode bits.
_EXECUTABLE_DIRS = ("runtime/bin/",)
_EXECUTABLE_FILES = ("runtime/lib/jspawnhelper", "runtime/lib/jexec")


class Layout(object):
    """Where the module goes: ``modules_dir/AzureBatch/`` and ``modules_dir/AzureBatch.mod``."""

    def __init__(self, modules_dir):
        self.modules_dir = os.path.abspath(modules_dir)
        self.module_dir = os.path.join(self.modules_dir, MODULE_NAME)
        self.mod_file = os.path.join(self.modules_dir, MODULE_NAME + ".mod")
        self.manifest = os.path.join(self.module_dir, MANIFEST_NAME)

    def rel(self, path):
        return os.path.relpath(path, self.modules_dir).replace(os.sep, "/")

    def abs(self, rel):
        return os.path.join(self.modules_dir, *rel.split("/"))


def read_manifest(layout):
    """The manifest of an earlier install, or None when there is none."""
    try:
        with open(layout.manifest, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        return None
    except ValueError:
        raise InstallError("{} is damaged: delete the {} folder and {} by hand, then install again".format(
            layout.manifest, layout.module_dir, layout.mod_file))
    return data


def _manifest_text(files, created_modules_dir):
    data = {"module": MODULE_NAME, "version": MODULE_VERSION, "files": sorted(files),
            "createdModulesDir": bool(created_modules_dir)}
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def _write_atomic(dest, write):
    folder = os.path.dirname(dest)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        os.replace(tmp, dest)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _same_text(path, text):
    try:
        with open(path, "rb") as f:
            return f.read() == text.encode("utf-8")
    except OSError:
        return False


def _wants_exec(rel, source):
    inner = rel[len(MODULE_NAME) + 1:]
    return inner.startswith(_EXECUTABLE_DIRS) or inner in _EXECUTABLE_FILES or os.access(source, os.X_OK) and \
        inner.startswith("runtime/")


def _mode_ok(dest, executable):
    return not executable or os.access(dest, os.X_OK)


def install(plan, layout, force=False, dry_run=False, log=print):
    """Installs ``plan`` ({path in the module: source file}) into ``layout``.

    Returns a dict of counts: ``added``, ``updated``, ``unchanged``, ``removed``.

    Raises:
        InstallError: something not installed by this installer is in the way (``force`` overwrites it).
    """
    old = read_manifest(layout)
    old_files = set(old["files"]) if old else set()
    created = old.get("createdModulesDir", False) if old else not os.path.isdir(layout.modules_dir)
    if old is None and not force:
        for path in (layout.module_dir, layout.mod_file):
            if os.path.exists(path) and not (os.path.isdir(path) and not os.listdir(path)):
                raise InstallError("{} exists and was not installed by this installer: move it away, or pass "
                                   "--force to replace it".format(path))
    wanted = {MODULE_NAME + "/" + rel: src for rel, src in plan.items()}
    mod_rel = layout.rel(layout.mod_file)
    manifest_rel = layout.rel(layout.manifest)
    new_files = set(wanted) | {mod_rel, manifest_rel}
    counts = {"added": 0, "updated": 0, "unchanged": 0, "removed": 0}

    def change(kind, rel):
        counts[kind] += 1
        if dry_run or kind != "unchanged":
            verb = {"added": "add", "updated": "update", "removed": "remove", "unchanged": "keep"}[kind]
            log("  {:12} {}".format("would " + verb if dry_run else kind, rel))

    # 1. a manifest covering old and new files before touching anything
    union_text = _manifest_text(old_files | new_files, created)
    if not dry_run and (old is None or (old_files | new_files) != old_files):
        _write_atomic(layout.manifest, lambda out: out.write(union_text.encode("utf-8")))
        os.chmod(layout.manifest, 0o644)
    # 2. the module's files
    for rel in sorted(wanted):
        src, dest = wanted[rel], layout.abs(rel)
        executable = _wants_exec(rel, src)
        if os.path.isfile(dest) and filecmp.cmp(src, dest, shallow=False):
            if _mode_ok(dest, executable):
                change("unchanged", rel)
                continue
        change("updated" if os.path.exists(dest) else "added", rel)
        if not dry_run:
            def copy(out, src=src):
                with open(src, "rb") as f:
                    shutil.copyfileobj(f, out)
            _write_atomic(dest, copy)
            mode = 0o755 if executable else 0o644
            os.chmod(dest, mode)
    # 3. files of the earlier install that this one no longer has
    for rel in sorted(old_files - new_files):
        if os.path.exists(layout.abs(rel)):
            change("removed", rel)
            if not dry_run:
                for victim in [layout.abs(rel)] + _byte_code_of(layout.abs(rel)):
                    _remove_file(victim)
    if not dry_run:
        _prune_dirs(layout, old_files - new_files)
    # 4. the .mod file, then the final manifest
    text = mod_file_text(layout.module_dir)
    if _same_text(layout.mod_file, text):
        change("unchanged", mod_rel)
    else:
        change("updated" if os.path.exists(layout.mod_file) else "added", mod_rel)
        if not dry_run:
            _write_atomic(layout.mod_file, lambda out: out.write(text.encode("utf-8")))
            os.chmod(layout.mod_file, 0o644)
    final = _manifest_text(new_files, created)
    if not dry_run and not _same_text(layout.manifest, final):
        _write_atomic(layout.manifest, lambda out: out.write(final.encode("utf-8")))
        os.chmod(layout.manifest, 0o644)
    return counts


def uninstall(layout, dry_run=False, log=print):
    """Removes every file the manifest lists (and the byte code Python wrote beside them), then the
    folders that are left empty. Returns (removed count, files left behind that were not ours).
    """
    manifest = read_manifest(layout)
    if manifest is None:
        return None, []
    files = set(manifest["files"])
    manifest_rel = layout.rel(layout.manifest)
    removed = 0
    for rel in sorted(files - {manifest_rel}) + [manifest_rel]:
        path = layout.abs(rel)
        for victim in [path] + _byte_code_of(path):
            if os.path.lexists(victim):
                removed += 1
                log("  {} {}".format("would remove" if dry_run else "removed", layout.rel(victim)))
                if not dry_run:
                    _remove_file(victim)
    left = []
    if not dry_run:
        _prune_dirs(layout, files)
        if os.path.isdir(layout.module_dir):
            for folder, _dirs, names in os.walk(layout.module_dir):
                left.extend(os.path.join(folder, n) for n in names)
        elif manifest.get("createdModulesDir"):
            try:
                os.rmdir(layout.modules_dir)  # only when empty: other modules stay
            except OSError:
                pass
    return removed, sorted(left)


def _byte_code_of(path):
    """The ``__pycache__/NAME.*.pyc`` files Python wrote for the module at ``path``."""
    if not path.endswith(".py"):
        return []
    cache = os.path.join(os.path.dirname(path), "__pycache__")
    stem = os.path.basename(path)[:-3] + "."
    try:
        return [os.path.join(cache, n) for n in sorted(os.listdir(cache)) if n.startswith(stem) and n.endswith(".pyc")]
    except OSError:
        return []


def _remove_file(path):
    try:
        os.unlink(path)
    except PermissionError:  # read-only on Windows
        os.chmod(path, stat.S_IWRITE)
        os.unlink(path)


def _prune_dirs(layout, rels):
    """Removes the now empty folders (and their empty ``__pycache__``) that held ``rels``, deepest first."""
    dirs = set()
    for rel in rels:
        parts = rel.split("/")[:-1]
        for i in range(len(parts), 0, -1):
            dirs.add("/".join(parts[:i]))
    for rel in sorted(dirs, key=lambda d: d.count("/"), reverse=True):
        path = layout.abs(rel)
        cache = os.path.join(path, "__pycache__")
        for d in (cache, path):
            try:
                os.rmdir(d)
            except OSError:
                pass
