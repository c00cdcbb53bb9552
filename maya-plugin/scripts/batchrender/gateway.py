"""The gateway JVM: starting it, reading its port and token, and stopping it.

The gateway lives as long as its stdin stays open: this process holds the write end, so the
gateway stops by itself when this process ends, however it ends (after letting a submission in
progress finish; output watchers and the render agent are separate processes and carry on).
"""
import json
import os
import subprocess
import threading

from .errors import GatewayError
from .java import find_jar, find_java
from .spawn import background

START_TIMEOUT = 60.0


def class_archive_options(jar):
    """The JVM options that map the class archive the ``batchrender`` launcher keeps beside the jar
    (``batchrender.jar`` -> ``batchrender.jsa``), when it is newer than the jar; none otherwise. The gateway then
    starts, and answers its first call, about 0.1 s sooner (0.25 s instead of 0.3 s to its port; 0.08 s instead of
    0.13-0.2 s for the first call). A JVM other than the one that recorded the archive ignores it; its messages
    are turned off, since the gateway's stdout carries the handshake. The agent's JVM maps it the same way
    (``DetachedJvm.classArchiveOptions``)."""
    if not jar.endswith(".jar"):
        return []
    archive = jar[:-len(".jar")] + ".jsa"
    try:
        if not os.path.isfile(archive) or os.path.getmtime(archive) <= os.path.getmtime(jar):
            return []
    except OSError:
        return []   # without it the JVM only starts slower
    return ["-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
            "-Dbatchrender.classArchive=" + archive]


class GatewayProcess(object):
    """One running gateway JVM.

    Attributes:
        port: the loopback port it listens on.
        token: the secret a client must present (never logged).
        process: the ``subprocess.Popen`` of the JVM.
    """

    def __init__(self, process, port, token):
        self.process = process
        self.port = port
        self.token = token

    @classmethod
    def start(cls, java=None, jar=None, env=None, log_path=None, timeout=START_TIMEOUT):
        """Starts ``java -jar batchrender.jar gateway`` and waits for its ``{"port", "token"}`` line.

        Args:
            java: the java executable; found with :func:`batchrender.java.find_java` when None.
            jar: the jar; found with :func:`batchrender.java.find_jar` when None.
            env: the environment of the gateway (and so of the jobs it submits); ``os.environ`` when None.
            log_path: where the JVM's stderr goes; discarded when None (the gateway logs to its state folder).
            timeout: seconds to wait for the gateway to be ready.

        Raises:
            JavaNotFoundError, JarNotFoundError: nothing to run it with.
            GatewayError: it did not start; the message carries the end of its error output.
        """
        env = dict(os.environ if env is None else env)
        java = java or find_java(env)
        jar = jar or find_jar(env)
        cmd = [java, "--add-opens", "java.base/java.util=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xshare:auto"]
        cmd += class_archive_options(jar)
        cmd += ["-jar", jar, "gateway"]
        log_file = open(log_path, "ab") if log_path else None
        stderr = log_file if log_file is not None else subprocess.PIPE
        try:
            # no console window on Windows, its own session elsewhere: Maya's console and signals do not reach it
            process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, env=env,
                                       **background())
        except OSError as e:
            raise GatewayError("could not run {} ({})".format(java, e), "check the Java installation")
        finally:
            if log_file is not None:
                log_file.close()
        errors: list = []
        if process.stderr is not None:
            threading.Thread(target=_drain, args=(process.stderr, errors), daemon=True).start()
        line = _read_line(process.stdout, timeout)
        if not line:
            process.kill()
            process.wait()
            tail = "".join(errors).strip().splitlines()[-3:]
            raise GatewayError("the gateway did not start" + (": " + " / ".join(tail) if tail else ""),
                               "run 'batchrender gateway' in a terminal to see why")
        try:
            hello = json.loads(line)
            return cls(process, int(hello["port"]), str(hello["token"]))
        except (ValueError, KeyError, TypeError):
            process.kill()
            process.wait()
            raise GatewayError("the gateway said something unexpected instead of its port",
                               "check that BATCHRENDER_JAR is a Batch Render jar")

    def alive(self):
        """True while the JVM runs."""
        return self.process.poll() is None

    def still_running_after(self, seconds):
        """True while it runs after waiting up to ``seconds`` for it to end (a dying JVM takes a moment)."""
        try:
            self.process.wait(timeout=seconds)
            return False
        except subprocess.TimeoutExpired:
            return True

    def stop(self, timeout=600.0):
        """Closes its stdin (it then finishes submissions in progress and exits) and waits for it."""
        try:
            if self.process.stdin and not self.process.stdin.closed:
                self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


def _drain(stream, sink):
    for raw in iter(stream.readline, b""):
        sink.append(raw.decode("utf-8", "replace"))
        del sink[:-20]
    stream.close()


def _read_line(stream, timeout):
    """The first line of ``stream`` as text, or '' when none came within ``timeout`` seconds."""
    box = []

    def read():
        box.append(stream.readline())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    return box[0].decode("utf-8").strip() if box else ""
