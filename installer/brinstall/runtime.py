"""A Java runtime made with ``jlink`` holding just the modules the jar needs, so artists need no Java.

The module list comes from ``jdeps --print-module-deps`` on the jar, plus the modules the jar
only reaches at run time (by service lookup, not by a class reference jdeps can see): the
elliptic-curve crypto provider TLS to Azure negotiates with, and DNS name lookup.
The runtime is built for the platform of the JDK that builds it, and cached by jar, JDK and module
list so a second install does not run jlink again.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys

from . import InstallError
from .procs import hidden

RUNTIME_ONLY_MODULES = ("jdk.crypto.ec", "jdk.naming.dns", "jdk.zipfs")
# used when jdeps cannot read the jar (what jdeps reported for batchrender.jar, 2026-11)
FALLBACK_MODULES = ("java.base", "java.compiler", "java.desktop", "java.management", "java.naming",
                    "java.security.sasl", "java.sql", "jdk.httpserver", "jdk.unsupported")


def _exe(name):
    return name + (".exe" if sys.platform.startswith("win") else "")


def find_jdk(java_home=None):
    """The home of a JDK 17+ that has jlink, jdeps and its jmods: ``java_home``, JAVA_HOME, or the
    JDK of the java on PATH / in the usual places.

    Raises:
        InstallError: no such JDK.
    """
    candidates = [java_home, os.environ.get("JAVA_HOME")]
    jlink = shutil.which(_exe("jlink"))
    if jlink:
        candidates.append(os.path.dirname(os.path.dirname(os.path.realpath(jlink))))
    for home in candidates:
        if home and os.path.isfile(os.path.join(home, "bin", _exe("jlink"))) and \
                os.path.isdir(os.path.join(home, "jmods")):
            return home
    raise InstallError("--with-runtime needs a JDK 17+ with jlink and its jmods (Debian/Ubuntu: apt-get install "
                       "openjdk-17-jdk-headless; elsewhere https://adoptium.net): install one or set JAVA_HOME to it")


def modules_for(jdk, jar):
    """The modules the runtime needs for ``jar``: jdeps' answer plus :data:`RUNTIME_ONLY_MODULES`."""
    try:
        result = subprocess.run([os.path.join(jdk, "bin", _exe("jdeps")), "--print-module-deps",
                                 "--ignore-missing-deps", "--multi-release", "17", jar],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=600,
                                **hidden())
        found = result.stdout.strip().splitlines()[-1].split(",") if result.returncode == 0 and result.stdout.strip() \
            else list(FALLBACK_MODULES)
    except (OSError, subprocess.SubprocessError):
        found = list(FALLBACK_MODULES)
    return sorted(set(m.strip() for m in found if m.strip()) | set(RUNTIME_ONLY_MODULES))


def _jdk_release(jdk):
    try:
        with open(os.path.join(jdk, "release"), encoding="utf-8") as f:
            return f.read()
    except OSError:
        return jdk


def build(jar, cache_dir, jdk=None, log=print):
    """Returns a runtime folder for ``jar`` under ``cache_dir``, made with jlink unless already cached."""
    jdk = find_jdk(jdk)
    modules = modules_for(jdk, jar)
    with open(jar, "rb") as f:
        jar_sum = hashlib.sha256(f.read()).hexdigest()
    key = hashlib.sha256(json.dumps([jar_sum, _jdk_release(jdk), modules]).encode("utf-8")).hexdigest()[:16]
    out = os.path.join(cache_dir, "runtime-" + key)
    java = os.path.join(out, "bin", _exe("java"))
    if os.path.isfile(java) and os.path.isfile(os.path.join(out, ".complete")):
        log("Java runtime: cached " + out)
        return out
    log("Java runtime: jlink {} ({}; this takes a minute)".format(jdk, ",".join(modules)))
    tmp = out + ".partial"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(cache_dir, exist_ok=True)
    cmd = [os.path.join(jdk, "bin", _exe("jlink")), "--add-modules", ",".join(modules), "--strip-debug",
           "--no-man-pages", "--no-header-files", "--compress=2", "--output", tmp]
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, **hidden())
    if result.returncode != 0:
        raise InstallError("jlink failed ({}): run {} to see why".format(
            (result.stdout.strip().splitlines() or ["no output"])[-1], " ".join(cmd)))
    # the runtime must make its own class data sharing archive work; check it starts
    check = subprocess.run([os.path.join(tmp, "bin", _exe("java")), "-version"], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, universal_newlines=True, **hidden())
    if check.returncode != 0:
        raise InstallError("the jlink runtime does not start: " + check.stdout.strip().splitlines()[-1])
    with open(os.path.join(tmp, ".complete"), "w") as f:
        f.write(",".join(modules) + "\n")
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    for name in os.listdir(cache_dir):   # runtimes of earlier jars: 50 MB each
        if name.startswith("runtime-") and os.path.join(cache_dir, name) != out:
            shutil.rmtree(os.path.join(cache_dir, name), ignore_errors=True)
    return out
