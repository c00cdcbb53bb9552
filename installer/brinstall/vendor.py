"""Vendoring the pure-Python dependencies (py4j, Qt.py) into the module's ``scripts/`` folder.

Two sources give the same files: wheels (downloaded by ``build_release.py``, checked against
pinned sha256 sums) or an installed ``site-packages`` (the project's ``.venv``), read through each
distribution's ``RECORD``. Kept: the importable code and the licence/metadata files; left out:
``.data`` payloads (py4j's own jar), a package's own tests, type stubs and byte code.
"""
import glob
import hashlib
import os
import re
import subprocess
import zipfile

from . import VENDORED, WHEEL_SHA256, InstallError
from .procs import hidden, pip_python


def _canonical(name):
    return re.sub(r"[-_.]+", "_", name).lower()


def _keep(path):
    """True for a file of a distribution that belongs in the vendored copy (``path`` is /-separated)."""
    parts = path.split("/")
    top = parts[0]
    if top.endswith(".data") or top.endswith("-stubs") or "__pycache__" in parts or path.endswith(".pyc") or \
            parts[1:2] == ["tests"]:
        return False
    if path.startswith("..") or os.path.isabs(path) or ".." in parts:
        return False
    if top.endswith(".dist-info"):
        name = parts[-1]
        return name in ("METADATA", "top_level.txt") or "LICEN" in name.upper() or "COPYING" in name.upper()
    return True


def from_wheels(wheel_dir, cache_dir):
    """Extracts the pinned wheels found in ``wheel_dir`` into ``cache_dir``; returns {relpath: file}.

    Raises:
        InstallError: a wheel is missing or its checksum is not the pinned one.
    """
    files = {}
    for dist, version in VENDORED.items():
        found = [p for p in glob.glob(os.path.join(wheel_dir, "*.whl"))
                 if os.path.basename(p).lower().startswith("{}-{}-".format(_canonical(dist), version))]
        if not found:
            raise InstallError("no {}=={} wheel in {}: run build_release.py, or use a clone with a .venv".format(
                dist, version, wheel_dir))
        wheel = found[0]
        want = WHEEL_SHA256.get(os.path.basename(wheel))
        if want is None or _sha256(wheel) != want:
            raise InstallError("{} does not have the pinned checksum: delete it and download it again".format(wheel))
        target = os.path.join(cache_dir, os.path.basename(wheel)[:-4])
        with zipfile.ZipFile(wheel) as z:
            for name in z.namelist():
                if name.endswith("/") or not _keep(name):
                    continue
                dest = os.path.join(target, *name.split("/"))
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                with z.open(name) as src, open(dest, "wb") as out:
                    out.write(src.read())
                files[name] = dest
    return files


def from_site_packages(site_packages):
    """The vendored files as installed in ``site_packages``; returns {relpath: file}.

    Raises:
        InstallError: a dependency is missing there, or py4j is not the pinned version.
    """
    files = {}
    for dist, version in VENDORED.items():
        infos = [p for p in glob.glob(os.path.join(site_packages, "*.dist-info"))
                 if _canonical(os.path.basename(p)[:-len(".dist-info")].rsplit("-", 1)[0]) == _canonical(dist)]
        if not infos:
            raise InstallError("{} is not installed in {}: run .venv/bin/pip install -r tests/requirements.txt "
                               "(or ./test.sh) first".format(dist, site_packages))
        info = infos[0]
        found_version = os.path.basename(info)[:-len(".dist-info")].rsplit("-", 1)[1]
        if dist == "py4j" and found_version != version:
            raise InstallError("{} has py4j {}, the Java side speaks {}: pip install py4j=={} into it".format(
                site_packages, found_version, version, version))
        with open(os.path.join(info, "RECORD"), encoding="utf-8") as record:
            for line in record:
                rel = line.rsplit(",", 2)[0].strip()
                if rel and _keep(rel):
                    path = os.path.join(site_packages, *rel.split("/"))
                    if os.path.isfile(path):
                        files[rel] = path
    return files


def download_wheels(dest):
    """Downloads the pinned wheels (pure Python, any platform) into ``dest`` with pip (only downloads:
    nothing is installed anywhere); their checksums are checked by :func:`from_wheels`."""
    pins = ["{}=={}".format(name, version) for name, version in VENDORED.items()]
    python = pip_python()   # inside Maya sys.executable is Maya itself: mayapy beside it then
    cmd = [python, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
           "--only-binary=:all:", "--dest", dest] + pins
    try:
        ok = subprocess.run(cmd, **hidden()).returncode == 0
    except OSError:
        ok = False
    if not ok:
        raise InstallError("downloading {} with {} -m pip failed: check the network, or pass --wheels DIR with "
                           "the two wheels".format(" ".join(pins), python))
    return dest


def venv_site_packages(repo):
    """The site-packages folder of the clone's ``.venv``, or None."""
    for pattern in (os.path.join(repo, ".venv", "lib", "python3*", "site-packages"),
                    os.path.join(repo, ".venv", "Lib", "site-packages")):
        for path in sorted(glob.glob(pattern)):
            if os.path.isdir(path):
                return path
    return None


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
