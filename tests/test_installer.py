"""The installer (installer/install.py) as an artist runs it: from this clone into a temporary
MAYA_APP_DIR; the installed module loads through the Maya stand-in and reaches the real gateway;
installing twice changes nothing; uninstall leaves nothing behind; a release zip installs the same."""
import json
import os
import zipfile

import pytest

from conftest import REPO
from installer_support import BUILD_RELEASE, JAR, load_installed_plugin, run_installer, snapshot

PLUGIN_SRC = REPO / "maya-plugin"


def source_files(package):
    root = PLUGIN_SRC / "scripts" / package
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


@pytest.fixture
def maya_app_dir(tmp_path):
    d = tmp_path / "maya"
    d.mkdir()
    return d


@pytest.fixture
def installed(maya_app_dir):
    result = run_installer(maya_app_dir=maya_app_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return maya_app_dir / "modules"


def test_install_writes_the_mod_file_and_the_module_layout(installed):
    module = installed / "AzureBatch"
    # relative to the .mod file, as Maya allows: "+ NAME VERSION PATH"
    assert (installed / "AzureBatch.mod").read_text() == "+ AzureBatch 0.1.0 ./AzureBatch\n"
    assert (module / "plug-ins" / "AzureBatch.py").read_bytes() == \
        (PLUGIN_SRC / "plug-ins" / "AzureBatch.py").read_bytes()
    for package in ("batchrender", "batchrender_maya"):
        installed_files = sorted(str(p.relative_to(module / "scripts" / package))
                                 for p in (module / "scripts" / package).rglob("*") if p.is_file())
        assert installed_files == source_files(package)
    # the vendored dependencies: the Java side's py4j, Qt.py, with their licences
    assert "__version__ = '0.10.9.9'" in (module / "scripts" / "py4j" / "version.py").read_text()
    assert (module / "scripts" / "py4j" / "java_gateway.py").is_file()
    assert (module / "scripts" / "py4j-0.10.9.9.dist-info" / "LICENSE.txt").is_file()
    assert "__version__" in (module / "scripts" / "Qt.py").read_text()
    assert (module / "icons" / "batchrender.png").read_bytes() == \
        (PLUGIN_SRC / "scripts" / "batchrender_maya" / "icons" / "batchrender.png").read_bytes()
    assert (module / "java" / "batchrender.jar").read_bytes() == JAR.read_bytes()
    assert not (module / "runtime").exists()
    # the manifest lists exactly what is on disk
    manifest = json.loads((module / "install-manifest.json").read_text())
    on_disk = sorted(str(p.relative_to(installed)) for p in installed.rglob("*") if p.is_file())
    assert manifest["files"] == on_disk


def test_the_installed_plugin_loads_through_the_standin_with_its_own_packages(installed, tmp_path):
    module = installed / "AzureBatch"
    report = load_installed_plugin(module / "plug-ins" / "AzureBatch.py", tmp_path / "state")
    menu = report["ui"]["BatchRenderAzureBatchMenu"]
    assert menu[:2] == ["menu", "Azure Batch"]
    [image] = [v[2] for v in report["ui"].values() if v[0] == "shelfButton"]
    assert image.startswith(str(module))
    for name, path in report["files"].items():   # nothing from the clone nor site-packages
        assert path.startswith(str(module / "scripts")), (name, path)
    assert report["jar"] == str(module / "java" / "batchrender.jar")
    assert report["pong"] == "pong"
    assert "BatchRenderAzureBatchMenu" not in report["ui_after_unload"]


def test_uninstall_after_use_leaves_nothing_behind(installed, maya_app_dir, tmp_path):
    """Also the shelf file Maya saved when it quit with the plug-in loaded (issue 16, item 4), and only that one."""
    report = load_installed_plugin(installed / "AzureBatch" / "plug-ins" / "AzureBatch.py", tmp_path / "state",
                                   maya_app_dir=maya_app_dir)
    assert list((installed / "AzureBatch").rglob("__pycache__"))      # Python wrote byte code there
    shelves = maya_app_dir / "2024" / "prefs" / "shelves"
    assert report["shelf_dir"] == str(shelves).replace(os.sep, "/") + "/"
    assert "batchrender_maya" in (shelves / "shelf_AzureBatch.mel").read_text()
    (shelves / "shelf_Custom.mel").write_text("global proc shelf_Custom () {}\n")   # the artist's own shelf
    localized = maya_app_dir / "2023" / "ja_JP" / "prefs" / "shelves"
    localized.mkdir(parents=True)
    (localized / "shelf_AzureBatch.mel").write_bytes((shelves / "shelf_AzureBatch.mel").read_bytes())
    result = run_installer("--uninstall", maya_app_dir=maya_app_dir)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in maya_app_dir.iterdir()) == ["2023", "2024"]   # modules/ too: the installer made it
    assert [p.name for p in shelves.iterdir()] == ["shelf_Custom.mel"] and list(localized.iterdir()) == []
    again = run_installer("--uninstall", maya_app_dir=maya_app_dir)
    assert again.returncode == 0 and "Nothing to uninstall" in again.stdout


def test_uninstall_keeps_files_it_did_not_install_and_says_so(installed, maya_app_dir):
    (installed / "other.mod").write_text("+ Other 1.0 /somewhere\n")
    mine = installed / "AzureBatch" / "scripts" / "my_notes.txt"
    mine.write_text("mine")
    result = run_installer("--uninstall", maya_app_dir=maya_app_dir)
    assert result.returncode == 0
    assert str(mine) in result.stdout
    assert sorted(str(p.relative_to(installed)) for p in installed.rglob("*")) == \
        ["AzureBatch", "AzureBatch/scripts", "AzureBatch/scripts/my_notes.txt", "other.mod"]


def test_a_second_install_over_the_first_changes_nothing(installed, maya_app_dir):
    before = snapshot(maya_app_dir)
    result = run_installer(maya_app_dir=maya_app_dir)
    assert result.returncode == 0, result.stderr
    assert "nothing changed" in result.stdout
    assert snapshot(maya_app_dir) == before


def test_reinstall_repairs_a_changed_file_and_removes_what_the_new_version_dropped(installed, maya_app_dir):
    module = installed / "AzureBatch"
    (module / "scripts" / "batchrender" / "client.py").write_text("broken")
    # a file an earlier version installed, which this version no longer ships
    old = module / "scripts" / "batchrender" / "old_module.py"
    old.write_text("# gone in this version\n")
    manifest = json.loads((module / "install-manifest.json").read_text())
    manifest["files"].append("AzureBatch/scripts/batchrender/old_module.py")
    (module / "install-manifest.json").write_text(json.dumps(manifest))
    result = run_installer(maya_app_dir=maya_app_dir)
    assert result.returncode == 0, result.stderr
    assert "1 updated, 1 removed" in result.stdout
    assert (module / "scripts" / "batchrender" / "client.py").read_bytes() == \
        (PLUGIN_SRC / "scripts" / "batchrender" / "client.py").read_bytes()
    assert not old.exists()


def test_dry_run_lists_the_files_and_writes_nothing(maya_app_dir):
    result = run_installer("--dry-run", maya_app_dir=maya_app_dir)
    assert result.returncode == 0, result.stderr
    lines = [line.split() for line in result.stdout.splitlines()]
    assert ["would", "add", "AzureBatch/java/batchrender.jar"] in lines
    assert ["would", "add", "AzureBatch.mod"] in lines
    assert list(maya_app_dir.iterdir()) == []


def test_modules_dir_option_and_a_foreign_mod_file_is_not_overwritten(tmp_path):
    modules = tmp_path / "elsewhere"
    modules.mkdir()
    (modules / "AzureBatch.mod").write_text("+ AzureBatch 0.0.1 /old/hand/made\n")
    result = run_installer("--modules-dir", modules, maya_app_dir=tmp_path / "unused")
    assert result.returncode == 2
    assert result.stdout.strip().splitlines()[-1].startswith("error: ")
    assert "--force" in result.stdout
    assert (modules / "AzureBatch.mod").read_text() == "+ AzureBatch 0.0.1 /old/hand/made\n"
    assert not (tmp_path / "unused").exists()
    forced = run_installer("--modules-dir", modules, "--force")
    assert forced.returncode == 0, forced.stdout
    assert (modules / "AzureBatch.mod").read_text() == "+ AzureBatch 0.1.0 ./AzureBatch\n"


def test_a_jar_that_does_not_exist_is_a_one_line_error(maya_app_dir, tmp_path):
    result = run_installer("--jar", tmp_path / "nope.jar", maya_app_dir=maya_app_dir)
    assert result.returncode == 2
    assert "nope.jar does not exist" in result.stdout
    assert list(maya_app_dir.iterdir()) == []


def test_the_release_zip_installs_the_same_module(tmp_path, installed):
    out = tmp_path / "dist"
    built = run_installer("--out", out, script=BUILD_RELEASE)   # downloads the pinned wheels
    assert built.returncode == 0, built.stdout + built.stderr
    [archive] = list(out.iterdir())
    assert archive.name.startswith("batchrender-maya-0.1.0-") and archive.name.endswith("-nojre.zip")
    with zipfile.ZipFile(archive) as z:
        top = archive.name[:-4]
        names = z.namelist()
        assert {top + "/install.py", top + "/install.mel", top + "/AzureBatch/java/batchrender.jar",
                top + "/AzureBatch/plug-ins/AzureBatch.py"} <= set(names)
        z.extractall(tmp_path / "unzipped")
    apps = tmp_path / "maya-from-release"
    result = run_installer(maya_app_dir=apps, script=tmp_path / "unzipped" / top / "install.py")
    assert result.returncode == 0, result.stdout + result.stderr
    from_clone = {k: v[0] for k, v in snapshot(installed).items() if v and not k.endswith(".mod")
                  and not k.endswith("install-manifest.json")}
    from_release = {k: v[0] for k, v in snapshot(apps / "modules").items() if v and not k.endswith(".mod")
                    and not k.endswith("install-manifest.json")}
    assert from_release == from_clone


def test_install_mel_runs_the_maya_entry_point_which_installs_and_names_the_plugin(tmp_path, monkeypatch):
    mel = (REPO / "installer" / "install.mel").read_text()
    assert "import brinstall.cli as _azurebatch_installer" in mel
    assert "_azurebatch_installer.install_from_maya(r'" in mel and "loadPlugin $plugin;" in mel
    monkeypatch.syspath_prepend(str(REPO / "installer"))
    from brinstall import cli
    modules = tmp_path / "maya" / "modules"
    plugin = cli.install_from_maya(str(modules))          # what the MEL runs inside Maya
    assert plugin == str(modules / "AzureBatch" / "plug-ins" / "AzureBatch.py")
    assert (modules / "AzureBatch.mod").is_file() and os.path.isfile(plugin)
    other = tmp_path / "other"
    other.mkdir()
    (other / "AzureBatch.mod").write_text("+ AzureBatch 0.0.1 /hand/made\n")
    with pytest.raises(RuntimeError) as e:
        cli.install_from_maya(str(other))
    assert "--force" in str(e.value)


def test_a_clone_without_a_venv_vendors_the_same_files_from_the_pinned_wheels(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(REPO / "installer"))
    from brinstall import staging, vendor
    from_venv = vendor.from_site_packages(vendor.venv_site_packages(str(REPO)))
    no_venv = tmp_path / "clone-without-venv"
    no_venv.mkdir()
    downloaded = staging.vendored_for_clone(str(no_venv), None, str(tmp_path / "cache"), log=lambda line: None)
    assert sorted(downloaded) == sorted(from_venv)
    for rel in ("py4j/java_gateway.py", "Qt.py"):
        with open(downloaded[rel], "rb") as a, open(from_venv[rel], "rb") as b:
            assert a.read() == b.read()
