"""The launcher's class archive is made for any jar it runs, not only for one it built itself: a jar from
`mvn package` (or a CI cache) started without an archive loaded every class from the jar, which cost the
upload command 0.4 s of its first request (issue 18, section 3)."""
import os
import shutil
import subprocess
from pathlib import Path

from conftest import REPO

JAR = REPO / "java-core" / "target" / "batchrender.jar"


def launcher_beside(jar_dir: Path) -> Path:
    """A copy of the launcher in a checkout of its own that holds only a built jar (no sources: nothing to build)."""
    root = jar_dir.parent.parent
    shutil.copy2(REPO / "batchrender", root / "batchrender")
    return root / "batchrender"


def test_a_jar_built_elsewhere_gets_its_archive_on_first_run_and_again_when_replaced(tmp_path):
    subprocess.run([str(REPO / "batchrender"), "--version"], check=True, capture_output=True, timeout=900)
    target = tmp_path / "checkout" / "java-core" / "target"
    target.mkdir(parents=True)
    jar = target / "batchrender.jar"
    shutil.copy2(JAR, jar)
    launcher = launcher_beside(target)
    archive = target / "batchrender.jsa"

    first = subprocess.run([str(launcher), "--version"], capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("batchrender "), first.stdout
    assert archive.is_file(), "no class archive was made for a jar the launcher did not build"
    assert archive.stat().st_mtime >= jar.stat().st_mtime

    # a newer jar (rebuilt by Maven): the old archive no longer matches it and is made again
    made = archive.stat().st_mtime_ns
    os.utime(jar, ns=(made + 10**9, made + 10**9))
    again = subprocess.run([str(launcher), "--version"], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert archive.stat().st_mtime_ns > made, "the stale archive was not remade"
    assert not (target / "batchrender.jsa.failed").exists()
