"""``maya.mel`` of the stand-in: the few MEL globals a plug-in reads to find Maya's UI."""
from . import _standin

_GLOBALS = {"$gMainWindow": "MayaWindow", "$gShelfTopLevel": "ShelfLayout"}


def eval(script):  # noqa: A001 - Maya's name
    _standin.CALLS.append(("mel.eval", (script,), {}))
    text = script.strip().rstrip(";").strip()
    if text.startswith("$tmp=") or text.startswith("$tmp ="):
        var = text.split("=", 1)[1].strip()
        if var in _GLOBALS:
            return _GLOBALS[var]
    raise RuntimeError("stand-in: MEL '{}' is not modelled".format(script))
