"""Finding what the gateway needs: a Java 17+ runtime and the Batch Render jar."""
import glob
import os
import re
import shutil
import subprocess
import sys

from .errors import JarNotFoundError, JavaNotFoundError
from .spawn import hidden

MIN_JAVA = 17

_INSTALL_HINT = ("install Java {0} or later (Debian/Ubuntu: apt-get install openjdk-{0}-jre-headless; "
                 "Windows and macOS: https://adoptium.net) or set JAVA_HOME to it").format(MIN_JAVA)


def java_version(java):
    """The feature version (17, 21, ...) of the java executable ``java``, or None if it does not run."""
    try:
        out = subprocess.run([java, "-XshowSettings:properties", "-version"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=30, universal_newlines=True,
                             **hidden()).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"java\.specification\.version = (\d+)(?:\.(\d+))?", out)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 and match.group(2) else major


def bundled_runtime_java():
    """The java of the runtime the installer bundled (``--with-runtime``): the module's ``runtime/``
    folder beside ``scripts/``; None when there is none."""
    exe = "java.exe" if sys.platform.startswith("win") else "java"
    java = os.path.abspath(os.path.join(_package_dir(), "..", "..", "runtime", "bin", exe))
    return java if os.path.isfile(java) else None


def usual_places(env=None):
    """Where Java installers put Java on this platform (existing java executables, newest-looking first)."""
    env = os.environ if env is None else env
    if sys.platform.startswith("win"):
        roots = [env.get(k) for k in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)") if env.get(k)]
        patterns = [os.path.join(r, vendor, "*", "bin", "java.exe") for r in roots
                    for vendor in ("Eclipse Adoptium", "Java", "Microsoft", "Zulu", "Amazon Corretto", "BellSoft")]
    elif sys.platform == "darwin":
        patterns = ["/Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java",
                    os.path.expanduser("~/Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java"),
                    "/opt/homebrew/opt/openjdk*/bin/java", "/usr/local/opt/openjdk*/bin/java"]
    else:
        patterns = ["/usr/lib/jvm/*/bin/java", "/usr/java/*/bin/java", "/opt/java/*/bin/java", "/opt/jdk*/bin/java",
                    os.path.expanduser("~/.sdkman/candidates/java/*/bin/java")]
    found = []
    for pattern in patterns:
        found.extend(sorted(glob.glob(pattern), reverse=True))
    return found


def find_java(env=None):
    """The path of a java executable of version 17 or later.

    In order: the runtime bundled with the installed module (``runtime/bin/java``), ``$JAVA_HOME/bin/java``,
    ``java`` on PATH, then the platform's usual places (:func:`usual_places`).

    Raises:
        JavaNotFoundError: with what was found and how to get a suitable one.
    """
    env = os.environ if env is None else env
    exe = "java.exe" if sys.platform.startswith("win") else "java"
    candidates = []
    bundled = bundled_runtime_java()
    if bundled:
        candidates.append(bundled)
    if env.get("JAVA_HOME"):
        candidates.append(os.path.join(env["JAVA_HOME"], "bin", exe))
    on_path = shutil.which(exe, path=env.get("PATH", os.defpath))
    if on_path:
        candidates.append(on_path)
    candidates.extend(usual_places(env))
    seen, tried = [], set()
    for candidate in candidates:
        real = os.path.realpath(candidate)
        if real in tried or not os.path.isfile(candidate):
            continue
        tried.add(real)
        version = java_version(candidate)
        if version is not None and version >= MIN_JAVA:
            return candidate
        seen.append("{} is Java {}".format(candidate, version or "?"))
    found = ("; ".join(seen) + ", too old") if seen else \
        "no java in the module's runtime, JAVA_HOME, PATH or the usual places"
    raise JavaNotFoundError("Batch Render needs Java {} or later ({})".format(MIN_JAVA, found), _INSTALL_HINT)


def _package_dir():
    return os.path.dirname(os.path.abspath(__file__))


def repo_root():
    """The source checkout this package sits in (``maya-plugin/scripts/batchrender``), or None when installed."""
    root = os.path.abspath(os.path.join(_package_dir(), "..", "..", ".."))
    if os.path.isfile(os.path.join(root, "java-core", "pom.xml")) and os.path.isfile(os.path.join(root, "batchrender")):
        return root
    return None


def _sources_newer(root, jar):
    jar_time = os.path.getmtime(jar)
    for top in (os.path.join(root, "pom.xml"), os.path.join(root, "java-core", "pom.xml")):
        if os.path.getmtime(top) > jar_time:
            return True
    for folder, _dirs, files in os.walk(os.path.join(root, "java-core", "src", "main")):
        for name in files:
            if os.path.getmtime(os.path.join(folder, name)) > jar_time:
                return True
    return False


def find_jar(env=None, build=True):
    """The Batch Render jar to run.

    In order: ``$BATCHRENDER_JAR``; the installed module's ``java/batchrender.jar`` (beside
    ``scripts/``); in a source checkout, ``java-core/target/batchrender.jar``, built first with the
    checkout's ``./batchrender`` launcher when it is missing or older than the sources (``build``).

    Raises:
        JarNotFoundError: saying where it looked and what to do.
    """
    env = os.environ if env is None else env
    if env.get("BATCHRENDER_JAR"):
        jar = env["BATCHRENDER_JAR"]
        if os.path.isfile(jar):
            return os.path.abspath(jar)
        raise JarNotFoundError("BATCHRENDER_JAR names {}, which does not exist".format(jar),
                               "point it at batchrender.jar or unset it")
    installed = os.path.abspath(os.path.join(_package_dir(), "..", "..", "java", "batchrender.jar"))
    if os.path.isfile(installed):
        return installed
    root = repo_root()
    if root is None:
        raise JarNotFoundError("batchrender.jar is not at {}".format(installed),
                               "reinstall the AzureBatch module or set BATCHRENDER_JAR")
    jar = os.path.join(root, "java-core", "target", "batchrender.jar")
    if build and (not os.path.isfile(jar) or _sources_newer(root, jar)):
        result = subprocess.run([os.path.join(root, "batchrender"), "--version"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, universal_newlines=True, env=dict(env), **hidden())
        if result.returncode != 0:
            raise JarNotFoundError("building batchrender.jar failed: " + result.stderr.strip().splitlines()[-1]
                                   if result.stderr.strip() else "building batchrender.jar failed",
                                   "run {} --version to see why".format(os.path.join(root, "batchrender")))
    if not os.path.isfile(jar):
        raise JarNotFoundError("batchrender.jar is not built in {}".format(root),
                               "run {} --version to build it".format(os.path.join(root, "batchrender")))
    return jar
