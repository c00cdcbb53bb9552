"""Exceptions of the Batch Render client.

Errors from the Java core arrive as JSON ``{"code", "message", "hint"}`` and are raised as the
subclass of :class:`BatchRenderError` named after their code, so callers can catch exactly what
they can handle (``JobNotFoundError``) or everything (``BatchRenderError``). ``str(error)`` is the
message followed by the hint: one line to show the artist.
"""


class BatchRenderError(Exception):
    """Base of every error this package raises.

    Attributes:
        code: the stable error code (``"JobNotFound"``, ``"BadFrames"``, ...).
        message: what went wrong, one line.
        hint: what to do about it, one line (may be empty).
    """

    code = "Error"

    def __init__(self, message, hint="", code=None):
        self.message = message
        self.hint = hint
        if code is not None:
            self.code = code
        super(BatchRenderError, self).__init__(message + (": " + hint if hint else ""))


class BadRequestError(BatchRenderError):
    """A request had a misspelt field or a value of the wrong type."""
    code = "BadRequest"


class BadFramesError(BatchRenderError):
    """A frame spec could not be read (e.g. ``10-1``)."""
    code = "BadFrames"


class RenderSetupError(BatchRenderError):
    """The submission cannot render as given (missing scene, unknown renderer, missing files)."""
    code = "RenderSetup"


class SceneUnreadableError(BatchRenderError):
    """The scene file could not be read."""
    code = "SceneUnreadable"


class JobNotFoundError(BatchRenderError):
    """No job has that id."""
    code = "JobNotFound"


class OperationNotFoundError(BatchRenderError):
    """The gateway has no operation of that id (it may have restarted)."""
    code = "OperationNotFound"


class FarmError(BatchRenderError):
    """The farm could not do what was asked."""
    code = "FarmError"


class WatchError(BatchRenderError):
    """An output watcher could not be started, found or stopped."""
    code = "WatchError"


class StorageError(BatchRenderError):
    """Blob Storage refused or failed (access denied, not found, network): the message says which."""
    code = "StorageError"


class NotConfiguredError(BatchRenderError):
    """An Azure account is not set: the hint says what to enter on the Config tab."""
    code = "NotConfigured"


class OperationCancelledError(BatchRenderError):
    """The operation was cancelled before it finished."""
    code = "Cancelled"


class ShuttingDownError(BatchRenderError):
    """The gateway is stopping and takes no new work."""
    code = "ShuttingDown"


class InternalError(BatchRenderError):
    """Something the Java core did not expect; the details are in its log."""
    code = "Internal"


class JavaNotFoundError(BatchRenderError):
    """No Java 17 or later was found to run the gateway."""
    code = "JavaNotFound"


class JarNotFoundError(BatchRenderError):
    """The Batch Render jar was not found (and could not be built)."""
    code = "JarNotFound"


class GatewayError(BatchRenderError):
    """The gateway process could not be started or reached."""
    code = "Gateway"


class OperationTimeoutError(BatchRenderError):
    """Waiting for an operation took longer than the caller allowed (the operation goes on)."""
    code = "Timeout"


_BY_CODE = dict((cls.code, cls) for cls in (
    BadRequestError, BadFramesError, RenderSetupError, SceneUnreadableError, JobNotFoundError,
    OperationNotFoundError, FarmError, WatchError, StorageError, NotConfiguredError, OperationCancelledError, ShuttingDownError, InternalError))


def from_json(error):
    """The exception for an error object ``{"code", "message", "hint"}`` from the Java core."""
    code = error.get("code", "Internal")
    cls = _BY_CODE.get(code, BatchRenderError)
    return cls(error.get("message", ""), error.get("hint", ""), code=code)
