"""Shared fixtures: the repository, a private state folder per test, and a way to run the CLI."""
import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


class Cli:
    """Runs ./batchrender (the launcher users run) with a private BATCHRENDER_HOME."""

    def __init__(self, home: Path):
        self.home = home
        self.env = dict(os.environ, BATCHRENDER_HOME=str(home), BATCHRENDER_AGENT_IDLE_SECONDS="5")

    def run(self, *args, timeout=300):
        return subprocess.run([str(REPO / "batchrender"), *map(str, args)], env=self.env, cwd=REPO,
                              capture_output=True, text=True, timeout=timeout)

    def json(self, *args):
        result = self.run(*args, "--json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    def stop_agent(self):
        self.run("agent", "--stop", timeout=60)


@pytest.fixture
def cli(tmp_path):
    c = Cli(tmp_path / "state")
    yield c
    c.stop_agent()
