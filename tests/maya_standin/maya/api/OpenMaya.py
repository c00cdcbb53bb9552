"""``maya.api.OpenMaya`` (API 2.0) of the stand-in."""
from .._messages import MFnPlugin, MMessage, MObject, MSceneMessage  # noqa: F401


def maya_useNewAPI():
    pass
