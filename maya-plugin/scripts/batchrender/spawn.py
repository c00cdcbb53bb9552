"""How the plug-in starts processes on each platform: ``subprocess`` keyword arguments by platform name.

Inside Maya on Windows, ``maya.exe`` is a GUI program: a console program it starts (``java.exe``) gets a console
window of its own, which flashes for a probe and, for the gateway, stays open — closing it kills the gateway.
Windows' process creation flags (Microsoft, "Process Creation Flags",
https://learn.microsoft.com/windows/win32/procthread/process-creation-flags) prevent that:

- ``CREATE_NO_WINDOW`` (0x08000000): a console program runs without a console window;
- ``CREATE_NEW_PROCESS_GROUP`` (0x00000200): Ctrl+C and Ctrl+Break sent to Maya's console group do not reach it;
- not ``DETACHED_PROCESS`` (0x00000008, no console at all): a console program started that way gives each console
  program it starts a new, visible console; with ``CREATE_NO_WINDOW`` they share its hidden one.

On macOS and Linux the gateway starts in a new session (``start_new_session``: ``setsid()`` in the child), so a
signal to Maya's terminal or process group does not reach it, nor the output watchers and render agent it starts
(the Java core also puts those in a session of their own where ``setsid`` exists, which macOS lacks). The JDK
starts its own child processes on Windows with ``CREATE_NO_WINDOW`` (``ProcessImpl_md.c``), so the watcher and
agent the gateway starts open no window either.
"""
import sys

CREATE_NEW_PROCESS_GROUP = 0x00000200
CREATE_NO_WINDOW = 0x08000000


def _windows(platform):
    return (platform or sys.platform).startswith("win")


def hidden(platform=None):
    """For a short-lived console program (a ``java -version`` probe, a build): no console window on Windows."""
    return {"creationflags": CREATE_NO_WINDOW} if _windows(platform) else {}


def background(platform=None):
    """For a long-lived helper that must not share Maya's console, terminal or signals (the gateway JVM): on
    Windows no window and its own process group, elsewhere its own session."""
    if _windows(platform):
        return {"creationflags": CREATE_NO_WINDOW | CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}

