"""Batch Render's Python side: a client of the Java core, for the Maya plug-in and for scripts.

Pure Python (3.7+), no Maya import. Start with :class:`batchrender.client.Client`.
"""
from .client import Client
from .errors import (BadFramesError, BadRequestError, BatchRenderError, FarmError, GatewayError, InternalError,
                     JarNotFoundError, JavaNotFoundError, JobNotFoundError, OperationCancelledError,
                     OperationNotFoundError, OperationTimeoutError, RenderSetupError, SceneUnreadableError,
                     ShuttingDownError, WatchError, StorageError, NotConfiguredError)
from .operation import Operation, Progress

__all__ = ["Client", "Operation", "Progress", "BatchRenderError", "BadFramesError", "BadRequestError", "FarmError",
           "GatewayError", "InternalError", "JarNotFoundError", "JavaNotFoundError", "JobNotFoundError",
           "OperationCancelledError", "OperationNotFoundError", "OperationTimeoutError", "RenderSetupError",
           "SceneUnreadableError", "ShuttingDownError", "WatchError", "StorageError", "NotConfiguredError"]
