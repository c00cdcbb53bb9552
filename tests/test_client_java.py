"""The client finds a Java 17+ runtime and the jar, or says how to get them."""
import os
import stat

import pytest

import bridge_helpers  # noqa: F401 - puts the client on sys.path
from conftest import REPO

from batchrender.errors import JarNotFoundError, JavaNotFoundError
from batchrender.java import find_jar, find_java, java_version


def test_the_java_on_this_machine_is_found_and_is_17_or_later():
    java = find_java()
    assert os.path.isfile(java)
    assert java_version(java) >= 17


def test_no_java_says_how_to_get_one(tmp_path, monkeypatch):
    monkeypatch.setattr("batchrender.java.usual_places", lambda env=None: [])  # a machine without Java
    with pytest.raises(JavaNotFoundError) as e:
        find_java({"PATH": str(tmp_path), "JAVA_HOME": str(tmp_path / "nowhere")})
    assert "Java 17 or later" in e.value.message
    assert "JAVA_HOME" in e.value.hint and "openjdk-17" in e.value.hint


def test_a_too_old_java_is_named_and_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("batchrender.java.usual_places", lambda env=None: [])  # a machine without Java 17+
    # an executable that answers as Java 11 does to -XshowSettings:properties
    old = tmp_path / "jdk11" / "bin" / "java"
    old.parent.mkdir(parents=True)
    old.write_text("#!/bin/sh\necho '    java.specification.version = 11' >&2\n")
    old.chmod(old.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(JavaNotFoundError) as e:
        find_java({"PATH": str(tmp_path), "JAVA_HOME": str(tmp_path / "jdk11")})
    assert str(old) + " is Java 11" in e.value.message


def test_the_jar_of_this_checkout_is_found_and_a_wrong_override_is_named(tmp_path):
    assert find_jar(dict(os.environ)) == str(REPO / "java-core" / "target" / "batchrender.jar")
    with pytest.raises(JarNotFoundError) as e:
        find_jar({"BATCHRENDER_JAR": str(tmp_path / "missing.jar")})
    assert "missing.jar" in e.value.message


def test_java_in_a_usual_place_is_found_without_path_or_java_home(tmp_path):
    # this machine's JDK lives where Debian puts it (/usr/lib/jvm/...): found with an empty PATH
    java = find_java({"PATH": str(tmp_path)})
    assert java.startswith("/usr/lib/jvm/") and java_version(java) >= 17
