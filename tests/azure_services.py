"""Real Azure stand-ins for the Python tests, started by the tests themselves:

- Azurite (the npm package installed by ``scripts/ensure-deps.sh azurite`` into ``node_modules``), the
  blob service alone on a free loopback port with a temp folder, as the Java fixture
  ``storage.azure.AzuriteServer`` starts it;
- the Azure Batch test double (Java test code, ``farm/azure/testdouble``) as its own process through
  ``BatchDoubleMain``, on 127.0.0.1 with a free port and a random key.

Import the fixtures with ``from azure_services import azurite, batch_double``.
"""
import json
import os
import shutil
import socket
import subprocess
import time

import pytest

from conftest import REPO

#: Azurite's well-known development account (Azurite's documentation)
DEV_ACCOUNT = "devstoreaccount1"
DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
JAVA_CORE = REPO / "java-core"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Azurite(object):
    def __init__(self, port, folder, process):
        self.port = port
        self.folder = folder
        self.process = process
        self.account = DEV_ACCOUNT
        self.key = DEV_KEY
        self.endpoint = "http://127.0.0.1:{}/{}".format(port, DEV_ACCOUNT)

    @property
    def connection_string(self):
        return ("DefaultEndpointsProtocol=http;AccountName={};AccountKey={};BlobEndpoint={};"
                .format(self.account, self.key, self.endpoint))


@pytest.fixture(scope="session")
def azurite(tmp_path_factory):
    binary = REPO / "node_modules" / ".bin" / "azurite-blob"
    if not binary.exists():
        pytest.fail("Azurite is not installed: run scripts/ensure-deps.sh azurite")
    folder = tmp_path_factory.mktemp("azurite")
    port = free_port()
    log = open(folder / "azurite.log", "ab")
    process = subprocess.Popen([str(binary), "--blobHost", "127.0.0.1", "--blobPort", str(port), "--location",
                                str(folder / "data"), "--skipApiVersionCheck", "--silent", "--disableTelemetry"],
                               stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("Azurite did not start; see {}".format(folder / "azurite.log"))
            time.sleep(0.1)
    yield Azurite(port, folder, process)
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def _test_classes():
    """The compiled test code (compiled now when missing or older than its sources)."""
    classes = JAVA_CORE / "target" / "test-classes" / "io" / "batchrender" / "farm" / "azure" / "testdouble" / \
        "BatchDoubleMain.class"
    sources = JAVA_CORE / "src"
    newest = max(p.stat().st_mtime for p in sources.rglob("*.java"))
    if not classes.exists() or classes.stat().st_mtime < newest:
        subprocess.run(["mvn", "-o", "-q", "-f", str(REPO / "pom.xml"), "-pl", "java-core", "test-compile"],
                       check=True, timeout=600)
    return JAVA_CORE / "target" / "test-classes"


class BatchDoubleProcess(object):
    def __init__(self, process, hello):
        self.process = process
        self.url = hello["url"]
        self.account = hello["account"]
        self.key = hello["key"]


@pytest.fixture(scope="session")
def batch_double(tmp_path_factory):
    from batchrender.java import find_jar, find_java
    jar = find_jar()        # builds the shaded jar when the sources are newer
    classes = _test_classes()
    java = find_java()
    nodes = tmp_path_factory.mktemp("batch-nodes")
    # batchrender.repo: where the double finds ../shared (the recorded supported images), as under Surefire
    process = subprocess.Popen([java, "--add-opens", "java.base/java.util=ALL-UNNAMED", "-Dbatchrender.repo=" + str(REPO), "-cp",
                                os.pathsep.join([str(classes), str(jar)]),
                                "io.batchrender.farm.azure.testdouble.BatchDoubleMain", str(nodes)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line = process.stdout.readline()
    if not line:
        process.kill()
        pytest.fail("the Batch test double did not start")
    double = BatchDoubleProcess(process, json.loads(line))
    yield double
    process.stdin.close()   # it exits when its stdin closes
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
    shutil.rmtree(nodes, ignore_errors=True)
