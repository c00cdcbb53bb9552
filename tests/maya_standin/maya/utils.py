"""``maya.utils`` of the stand-in: deferred calls run by ``_standin.run_deferred`` (Maya: when idle)."""
from . import _standin


def executeDeferred(fn, *args, **kwargs):
    _standin.STATE.deferred.append((fn, args, kwargs))


def executeInMainThreadWithResult(fn, *args, **kwargs):
    return fn(*args, **kwargs)
