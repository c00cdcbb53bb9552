"""``maya.OpenMaya`` (API 1.0) of the stand-in."""
from ._messages import MMessage, MObject, MSceneMessage  # noqa: F401
