"""``maya.app.general.mayaMixin`` of the stand-in: ``show(dockable=True)`` puts the widget in a
workspace control, as Maya does, named ``<objectName>WorkspaceControl``."""
from maya import cmds

from maya import _standin


class MayaQWidgetDockableMixin(object):
    def __init__(self, parent=None, *args, **kwargs):
        super(MayaQWidgetDockableMixin, self).__init__(parent, *args, **kwargs)

    def workspaceControlName(self):
        return self.objectName() + "WorkspaceControl"

    def show(self, dockable=False, retain=False, uiScript=None, **kwargs):
        if dockable:
            name = self.workspaceControlName()
            st = _standin.STATE
            if name in st.ui:
                st.ui[name].flags.update(visible=True, _widget=self)
            else:
                cmds.workspaceControl(name, label=self.windowTitle(), retain=retain, **(
                    {"uiScript": uiScript} if uiScript else {}))
                st.ui[name].flags["_widget"] = self
        super(MayaQWidgetDockableMixin, self).show()
