"""The panel: six tabs around one client of the Java core and, inside Maya, the scene adapter.

Inside Maya it docks through Maya's workspace-control mixin; outside Maya (``python -m
batchrender_maya.panel``) it is a plain window for following jobs and submitting scene files.
"""
from typing import TYPE_CHECKING, Any

from Qt import QtWidgets

from .assets_tab import AssetsTab
from .background import Background
from .config_tab import ConfigTab
from .env_tab import EnvTab
from .jobs_tab import JobsTab
from .pools_tab import PoolsTab
from .settings import PanelSettings
from .submit_tab import SubmitTab

try:
    from maya.app.general.mayaMixin import MayaQWidgetDockableMixin
except ImportError:  # outside Maya
    MayaQWidgetDockableMixin = None

_BASES = (MayaQWidgetDockableMixin, QtWidgets.QWidget) if MayaQWidgetDockableMixin else (QtWidgets.QWidget,)
TABS = ("Config", "Submit", "Assets", "Pools", "Jobs", "Env")

if TYPE_CHECKING:   # the bases are chosen at run time (the mixin exists only inside Maya); mypy sees the widget
    _Base = QtWidgets.QWidget
else:
    class _Base(*_BASES):
        pass


class BatchRenderPanel(_Base):
    """Args:
        client: a callable returning the :class:`batchrender.Client` (called on a worker thread).
        scene: the adapter module (:mod:`batchrender_maya.adapter`) inside Maya, None outside.
        settings: a :class:`PanelSettings` (default: loaded from the state folder).
    """

    # made in __init__, in an order where a tab made early may ask for one made later (it is not there yet)
    assets_tab: AssetsTab
    submit_tab: SubmitTab
    pools_tab: PoolsTab
    jobs_tab: JobsTab

    def __init__(self, client, scene=None, dockable=False, settings=None, parent=None):
        super(BatchRenderPanel, self).__init__(parent)
        self.setWindowTitle("Batch Render")
        self.scene = scene
        self.settings = settings or PanelSettings.load()
        self.background = Background(client, self)
        self._snapshot = None
        self.core = None  # type: Any  # what the core decides for the panel (Client.submit_defaults), once it answers
        self._asking_core = False
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)   # the workspace control has its own frame
        self.tabs = QtWidgets.QTabWidget()
        layout.addWidget(self.tabs)
        self.env_tab = EnvTab(self)
        self.config_tab = ConfigTab(self)
        self.assets_tab = AssetsTab(self)
        self.submit_tab = SubmitTab(self)
        self.pools_tab = PoolsTab(self)
        self.jobs_tab = JobsTab(self)
        for name, tab in zip(TABS, (self.config_tab, self.submit_tab, self.assets_tab, self.pools_tab,
                                    self.jobs_tab, self.env_tab)):
            self.tabs.addTab(tab, name)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.resize(720, 640)
        self.scene_changed()
        self.ask_core()

    # ---- for the tabs -------------------------------------------------------------------------

    def read_scene(self):
        """The open scene as the adapter reads it (Maya's main thread), or None outside Maya."""
        if self.scene is None:
            return None
        self._snapshot = self.scene.snapshot()
        return self._snapshot

    def renderer_labels(self):
        """The renderers the core renders with, by the name a scene gives (Maya's currentRenderer, or ``blender``),
        to the label the artist sees; empty until the core has answered."""
        return {r["sceneName"]: r["label"] for r in (self.core or {}).get("renderers", [])}

    def ask_core(self):
        """Asks the core for its defaults (off the main thread) unless it answered or is being asked; a failed ask
        (no gateway yet) is asked again by the next Refresh."""
        if self.core is not None or self._asking_core:
            return
        self._asking_core = True
        self.background.call(lambda c: c.submit_defaults(), self._core_answered, self._core_unanswered)

    def _core_answered(self, defaults):
        self._asking_core = False
        self.core = defaults
        self.submit_tab.core_answered()

    def _core_unanswered(self, _error):
        self._asking_core = False

    def scene_file(self):
        return self.submit_tab.scene.text().strip()

    def save_scene(self):
        if self.scene is None:
            raise RuntimeError("no Maya scene to save")
        self.scene.save_scene()

    def farm(self):
        """The chosen farm: ``local`` (this workstation) or ``azure``."""
        return self.settings.get("farm")

    def farm_changed(self, farm):
        if getattr(self, "submit_tab", None) is not None:
            self.submit_tab.farm_changed(farm)
        if getattr(self, "pools_tab", None) is not None:
            self.pools_tab.farm_changed(farm)
        if getattr(self, "jobs_tab", None) is not None and hasattr(self.jobs_tab, "farm_changed"):
            self.jobs_tab.farm_changed(farm)

    def authenticated(self, farm):
        """After a successful Authenticate: the pools to offer on the Submit tab."""
        if farm == "azure":
            self.pools_tab.refresh()

    def pools_listed(self, farm, pools):
        self.submit_tab.pools_listed(farm, pools)

    def assets_checked(self):
        self.submit_tab.update_checks()

    def job_submitted(self, job):
        self.jobs_tab.refresh()
        self.jobs_tab.status.show_status("ok", "Submitted {}: select it to follow its tasks.".format(job.get("jobId")))

    # ---- for the plug-in ----------------------------------------------------------------------

    def scene_changed(self):
        """After File > New or Open: read the new scene, forget the old one's files."""
        snapshot = self.read_scene()
        self.assets_tab.scene_changed(snapshot)
        self.submit_tab.refresh()

    def select_tab(self, name):
        self.tabs.setCurrentIndex(TABS.index(name))

    def _tab_changed(self, index):
        name = TABS[index]
        if name == "Pools":
            self.pools_tab.refresh()
        elif name == "Assets" and self.assets_tab.assets is None and self.scene_file():
            self.assets_tab.scan()
        elif name == "Submit":
            self.submit_tab.update_checks()

    def gateway_stopped(self, message, hint, code=None):
        """The plug-in let the gateway go: stop following its operations, each with this note (one line)."""
        self.background.abandon(message, hint, code)

    def shutdown(self):
        """Stops timers and polling (the plug-in stops the gateway itself)."""
        self.jobs_tab.timer.stop()
        self.background.close()
        self.env_tab.save()

    if MayaQWidgetDockableMixin is None:
        def show(self, dockable=False, **kwargs):
            super(BatchRenderPanel, self).show()
