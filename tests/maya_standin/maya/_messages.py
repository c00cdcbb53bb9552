"""Scene messages (``MSceneMessage``) shared by maya.OpenMaya and maya.api.OpenMaya."""
from . import _standin


class MSceneMessage(object):
    kBeforeNew = "kBeforeNew"
    kAfterNew = "kAfterNew"
    kBeforeOpen = "kBeforeOpen"
    kAfterOpen = "kAfterOpen"
    kAfterSave = "kAfterSave"
    kMayaExiting = "kMayaExiting"

    @staticmethod
    def addCallback(message, function, clientData=None):
        st = _standin.STATE
        cid = st.next_callback
        st.next_callback += 1
        st.callbacks[cid] = (message, function, clientData)
        return cid


class MMessage(object):
    @staticmethod
    def removeCallback(cid):
        if cid not in _standin.STATE.callbacks:
            raise RuntimeError("(kInvalidParameter): callback {} is not registered".format(cid))
        del _standin.STATE.callbacks[cid]

    @staticmethod
    def removeCallbacks(ids):
        for cid in ids:
            MMessage.removeCallback(cid)


class MFnPlugin(object):
    """What initializePlugin gets: vendor, version; registers nothing (the plug-in has no nodes)."""

    def __init__(self, mobject=None, vendor="", version="", apiVersion="Any"):
        self.vendor = vendor
        self.version = version


class MObject(object):
    pass
