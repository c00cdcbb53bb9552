"""``maya.OpenMayaMPx`` of the stand-in."""
from ._messages import MFnPlugin  # noqa: F401
