"""``maya.mel`` of the stand-in: the few MEL globals a plug-in reads to find Maya's UI."""
from . import _standin

_GLOBALS = {"$gMainWindow": "MayaWindow", "$gShelfTopLevel": "ShelfLayout"}


def eval(script):  # noqa: A001 - Maya's name
    _standin.CALLS.append(("mel.eval", (script,), {}))
    text = script.strip().rstrip(";").strip()
    if text.startswith("$tmp=") or text.startswith("$tmp ="):
        var = text.split("=", 1)[1].strip()
        if var in _GLOBALS:
            if _standin.STATE.batch:
                # declared by Maya's UI start-up scripts, which batch mode does not run: MEL reports
                # '"$gMainWindow" is an undeclared variable.' and maya.mel.eval raises RuntimeError
                raise RuntimeError('Error occurred during execution of MEL script\n'
                                   '"{}" is an undeclared variable.'.format(var))
            return _GLOBALS[var]
    raise RuntimeError("stand-in: MEL '{}' is not modelled".format(script))
