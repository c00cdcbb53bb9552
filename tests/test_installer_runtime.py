"""The installer's bundled Java runtime (``--with-runtime``, made with jlink): with it the gateway
starts on a machine with no Java on PATH and no JAVA_HOME, and the Azure SDK inside the jar works
on it (an upload to Azurite over HTTPS, as to Azure). jlink runs once per test session (and is cached in installer/build/)."""
import base64
import hashlib
import json
import os
import socket
import ssl
import subprocess
import time
import urllib.request

import pytest

from conftest import REPO
from installer_support import BUILD_RELEASE, load_installed_plugin, run_installer

AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="


@pytest.fixture(scope="session")
def runtime_install(tmp_path_factory):
    apps = tmp_path_factory.mktemp("maya-with-runtime")
    result = run_installer("--with-runtime", maya_app_dir=apps)
    assert result.returncode == 0, result.stdout + result.stderr
    module = apps / "modules" / "AzureBatch"
    assert "(the bundled runtime)" in result.stdout
    return module


def no_java_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_HOME", "BATCHRENDER_JAR")}
    empty = tmp_path / "empty-bin"
    empty.mkdir(exist_ok=True)
    env["PATH"] = str(empty)   # no java (nor anything else) on PATH
    return env


def test_the_runtime_holds_the_modules_the_jar_needs(runtime_install):
    java = runtime_install / "runtime" / "bin" / "java"
    assert os.access(str(java), os.X_OK)
    modules = subprocess.run([str(java), "--list-modules"], capture_output=True, text=True, timeout=60).stdout
    names = {line.split("@")[0] for line in modules.split()}
    # what the Azure SDK reaches by service lookup (TLS to Azure, DNS) and what sqlite-jdbc/picocli use
    assert {"java.base", "java.sql", "jdk.crypto.ec", "jdk.unsupported", "java.naming"} <= names
    assert "jdk.compiler" not in names and "jdk.jshell" not in names   # not a whole JDK


def test_with_the_bundled_runtime_the_gateway_starts_with_no_java_on_path(runtime_install, tmp_path):
    report = load_installed_plugin(runtime_install / "plug-ins" / "AzureBatch.py", tmp_path / "state",
                                   env=no_java_env(tmp_path), no_usual_places=True)
    assert report["gateway_java"] == str(runtime_install / "runtime" / "bin" / "java")
    assert report["pong"] == "pong"
    assert int(report["settings"]["java"].split(".")[0].split("+")[0]) >= 17
    assert report["jar"] == str(runtime_install / "java" / "batchrender.jar")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def azurite_https(runtime_install, tmp_path):
    """Azurite over HTTPS with a fresh elliptic-curve certificate (made with the runtime's own keytool),
    and a trust store holding that certificate; yields (endpoint, trust store)."""
    keytool = str(runtime_install / "runtime" / "bin" / "keytool")
    server, cert, trust = tmp_path / "server.p12", tmp_path / "server.pem", tmp_path / "trust.p12"
    for args in (["-genkeypair", "-alias", "azurite", "-keyalg", "EC", "-groupname", "secp256r1",
                  "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                  "-keystore", str(server)],
                 ["-exportcert", "-rfc", "-alias", "azurite", "-keystore", str(server), "-file", str(cert)],
                 ["-importcert", "-noprompt", "-alias", "azurite", "-file", str(cert), "-keystore", str(trust)]):
        done = subprocess.run([keytool, *args, "-storetype", "PKCS12", "-storepass", "changeit"],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stdout + done.stderr
    port = _free_port()
    proc = subprocess.Popen([str(REPO / "node_modules" / ".bin" / "azurite-blob"), "--blobHost", "127.0.0.1",
                             "--blobPort", str(port), "--location", str(tmp_path / "azurite"),
                             "--cert", str(server), "--pwd", "changeit",
                             "--skipApiVersionCheck", "--silent", "--disableTelemetry"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = "https://127.0.0.1:{}/devstoreaccount1".format(port)
    deadline = time.time() + 60
    while True:
        try:   # only "is it listening": the certificate is checked by Java below
            urllib.request.urlopen(endpoint + "?comp=list", timeout=2, context=ssl._create_unverified_context())
        except urllib.error.HTTPError:
            break   # it answers (403 without a signature)
        except OSError:
            assert time.time() < deadline, "Azurite did not start"
            time.sleep(0.2)
    yield endpoint, trust
    proc.terminate()
    proc.wait(timeout=30)


def test_the_azure_sdk_in_the_jar_uploads_over_https_on_the_bundled_runtime(runtime_install, azurite_https,
                                                                             tmp_path):
    endpoint, trust = azurite_https
    env = no_java_env(tmp_path)
    env["BATCHRENDER_HOME"] = str(tmp_path / "state")
    env["AZURE_STORAGE_CONNECTION_STRING"] = ("DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;"
                                              "AccountKey={};BlobEndpoint={};".format(AZURITE_KEY, endpoint))
    texture = tmp_path / "tex" / "wood.png"
    texture.parent.mkdir()
    texture.write_bytes(bytes(range(256)) * 4000)
    java = str(runtime_install / "runtime" / "bin" / "java")
    jar = str(runtime_install / "java" / "batchrender.jar")
    base = [java, "-Djavax.net.ssl.trustStore=" + str(trust), "-Djavax.net.ssl.trustStorePassword=changeit",
            "--add-opens", "java.base/java.util=ALL-UNNAMED", "-jar", jar]
    up = subprocess.run(base + ["upload", "--store", "azure", "--project", "shot010", str(texture.parent), "--json"],
                        env=env, capture_output=True, text=True, timeout=300)
    assert up.returncode == 0, up.stdout + up.stderr
    ls = subprocess.run(base + ["project", "ls", "shot010", "--store", "azure", "--json"],
                        env=env, capture_output=True, text=True, timeout=300)
    assert ls.returncode == 0, ls.stdout + ls.stderr
    listing = json.dumps(json.loads(ls.stdout))
    md5 = hashlib.md5(texture.read_bytes())
    assert "wood.png" in listing
    assert md5.hexdigest() in listing or base64.b64encode(md5.digest()).decode() in listing


def test_the_release_zip_with_runtime_installs_a_runtime_that_runs_after_a_plain_unzip(runtime_install, tmp_path):
    out = tmp_path / "dist"
    built = run_installer("--with-runtime", "--out", out, script=BUILD_RELEASE)  # jlink's output is cached
    assert built.returncode == 0, built.stdout + built.stderr
    [archive] = list(out.iterdir())
    assert not archive.name.endswith("-nojre.zip")
    top = archive.name[:-4]
    import zipfile
    with zipfile.ZipFile(archive) as z:
        info = z.getinfo(top + "/AzureBatch/runtime/bin/java")
        assert (info.external_attr >> 16) & 0o111            # unzip tools that keep modes keep it runnable
        z.extractall(tmp_path / "unzipped")                   # Python's extractall drops the modes
    apps = tmp_path / "maya"
    result = run_installer(maya_app_dir=apps, script=tmp_path / "unzipped" / top / "install.py",
                           env=no_java_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    java = apps / "modules" / "AzureBatch" / "runtime" / "bin" / "java"
    assert "Java: {} (the bundled runtime)".format(java) in result.stdout
    version = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and "version" in version.stderr
