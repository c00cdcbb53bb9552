"""Fixtures of the Maya plug-in tests: the Maya stand-in on sys.path (answering from real scenes in
../shared/testdata/maya), the plug-in loaded as Maya loads it, the real gateway, real Qt offscreen.

Import the fixtures into a test module with ``from maya_support import *``.
"""
import importlib.util
import os
import sys

import pytest

from conftest import REPO, SHARED

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_PREFERRED_BINDING", "PySide6")
for _p in (REPO / "tests" / "maya_standin", REPO / "maya-plugin" / "scripts"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

MAYA = SHARED / "testdata" / "maya"
DEADLINE = MAYA / "deadline-cloud-for-maya" / "job_bundle_output_tests"
CUBE = DEADLINE / "cube" / "scene" / "cube.ma"
LAYERS = DEADLINE / "layers" / "scene" / "layers.ma"
RENDERMAN = DEADLINE / "renderman" / "scene" / "renderman.ma"
REFERENCED = DEADLINE / "referenced_layers" / "scene" / "referenced_layers.ma"
UDIM = MAYA / "maya-usd" / "test" / "lib" / "usd" / "translators" / "UsdExportImportUDIMTest" / "UsdExportUDIMTest.ma"
NCACHE = MAYA / "maya-usd" / "plugin" / "pxr" / "maya" / "lib" / "pxrUsdMayaGL" / "testenv" / "InstancerDrawTest" / \
    "InstancerDrawTest.ma"
TREE = MAYA / "maya-usd" / "test" / "testSamples" / "tree" / "tree.ma"
#: real V-Ray and Redshift scenes kept in this repository (tests/data/maya/renderers/README.md: source, license)
VRAY = REPO / "tests" / "data" / "maya" / "renderers" / "vray_test.ma"
REDSHIFT = REPO / "tests" / "data" / "maya" / "renderers" / "redshift_test.ma"
SCREENSHOTS = REPO / "tests" / "screenshots"
PLUGIN_FILE = REPO / "maya-plugin" / "plug-ins" / "AzureBatch.py"

__all__ = ["maya", "plugin_module", "loaded_plugin", "gateway_client", "panel_settings", "screenshot", "MAYA",
           "DEADLINE", "CUBE", "LAYERS", "VRAY", "REDSHIFT", "RENDERMAN", "REFERENCED", "UDIM", "NCACHE", "TREE", "REPO", "SHARED",
           "load_plugin_file", "SCREENSHOTS", "PLUGIN_FILE"]


@pytest.fixture
def maya():
    """The stand-in's state module, fresh: no scene, Maya's own UI only, an empty call log."""
    from maya import _standin, cmds  # noqa: F401  (cmds installs Maya's main-window UI on reset)
    _standin.reset()
    yield _standin
    _standin.reset()


def load_plugin_file():
    """Imports AzureBatch.py the way Maya's plug-in manager does: from its file, as a fresh module."""
    spec = importlib.util.spec_from_file_location("AzureBatch", str(PLUGIN_FILE))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def plugin_module(maya):
    return load_plugin_file()


@pytest.fixture
def loaded_plugin(maya, qapp):
    """AzureBatch.py loaded by the stand-in's Plug-in Manager in an interactive Maya, which then got idle (so
    the menu and shelf the plug-in defers are there)."""
    module = maya.load_plugin(str(PLUGIN_FILE))
    maya.run_deferred()
    yield module
    from batchrender_maya import plugin
    if plugin._state["loaded"]:
        maya.unload_plugin(module)


def maya_ui():
    from maya import _standin
    return _standin.STATE.ui


@pytest.fixture(scope="module")
def gateway_client(tmp_path_factory):
    """A real client of a real gateway JVM with a private state folder."""
    from batchrender import Client
    home = tmp_path_factory.mktemp("state")
    env = dict(os.environ, BATCHRENDER_HOME=str(home), BATCHRENDER_AGENT_IDLE_SECONDS="5")
    client = Client(env=env).start()
    client.home = home
    client.env = env
    yield client
    client.close()
    import subprocess
    subprocess.run([str(REPO / "batchrender"), "agent", "--stop"], env=env, capture_output=True, timeout=60)


@pytest.fixture
def panel_settings(tmp_path):
    from batchrender_maya.panel.settings import PanelSettings
    return PanelSettings.load({"BATCHRENDER_HOME": str(tmp_path / "panel-state")})


@pytest.fixture
def screenshot():
    """Saves a widget's picture as tests/screenshots/NAME.png (ignored by git) and returns the path."""
    def take(widget, name):
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / (name + ".png")
        assert widget.grab().save(str(path)), "could not save " + str(path)
        return path
    return take
