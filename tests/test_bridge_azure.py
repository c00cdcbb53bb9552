"""The bridge against Azure stand-ins started by the tests: Azurite for Blob Storage and the Azure
Batch test double. Accounts saved through the bridge land in the core's secret store (0600, never
shown back), the authentication check asks both services, asset projects sync with progress, and
persistent pools are created, resized and deleted on the double."""
import json
import os
import stat
from pathlib import Path

import pytest

import bridge_helpers  # noqa: F401  (puts the client on sys.path)
from azure_services import azurite, batch_double  # noqa: F401
from conftest import REPO, SHARED
from batchrender import Client, FarmError, NotConfiguredError
from batchrender.errors import BadRequestError


def _clean_env(home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AZURE_")}
    env.update(BATCHRENDER_HOME=str(home), BATCHRENDER_AGENT_IDLE_SECONDS="5")
    return env


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    home = tmp_path_factory.mktemp("state")
    c = Client(env=_clean_env(home)).start()
    c.home = home
    yield c
    c.close()


def test_azure_calls_before_any_account_say_what_to_enter(client):
    with pytest.raises(NotConfiguredError) as e:
        client.pools(farm="azure")
    assert "URL, name, key" in e.value.message and "Config tab" in e.value.hint
    with pytest.raises(BadRequestError):
        client.pools(farm="moon")
    with pytest.raises(FarmError) as e:
        client.create_pool("p1", farm="local").wait(30)
    assert "resize it by slots" in str(e.value).lower()


def test_accounts_go_to_the_secret_store_and_authenticate_against_the_services(client, azurite, batch_double):
    view = client.save_azure_settings(batch_url=batch_double.url, batch_account=batch_double.account,
                                      batch_key=batch_double.key, storage_account=azurite.account,
                                      storage_key=azurite.key, storage_endpoint=azurite.endpoint)
    assert view["batch"] == {"url": batch_double.url, "account": batch_double.account, "key": "saved", "auth": "sharedKey"}
    assert view["storage"]["account"] == azurite.account and view["storage"]["key"] == "saved"
    assert view["storage"]["auth"] == "SHARED_KEY"
    assert batch_double.key not in json.dumps(view) and azurite.key not in json.dumps(view)
    for name in ("batch.json", "storage.json"):
        f = client.home / name
        assert stat.S_IMODE(f.stat().st_mode) == 0o600
    assert json.loads((client.home / "batch.json").read_text())["AZURE_BATCH_ACCESS_KEY"] == batch_double.key
    assert not list(client.home.glob(".*.part"))

    reply = client.check_authentication("azure")
    assert reply["authenticated"] is True and reply["message"] == "Authenticated"
    assert reply["batch"]["authenticated"] and reply["storage"]["authenticated"]

    # a wrong Batch key: the service's reason, the Storage side still fine
    wrong = "A" * 86 + "=="
    client.save_azure_settings(batch_key=wrong)
    reply = client.check_authentication("azure")
    assert reply["authenticated"] is False and reply["storage"]["authenticated"] is True
    assert reply["message"].startswith("Batch: ") and "authentication failed" in reply["message"].lower()
    assert "the service said AuthenticationFailed" in reply["message"]
    # a wrong Storage key: Azurite's refusal, named as such
    client.save_azure_settings(batch_key=batch_double.key, storage_key=wrong)
    reply = client.check_authentication("azure")
    assert reply["batch"]["authenticated"] is True and reply["storage"]["authenticated"] is False
    assert reply["message"].startswith("Storage: ") and "access denied by storage account " + azurite.account \
        in reply["message"] and "(AuthorizationFailure)" in reply["message"]
    client.save_azure_settings(storage_key=azurite.key)
    assert client.check_authentication("azure")["authenticated"] is True
    # no secret in the gateway's log
    log = "".join(p.read_text(errors="replace") for p in (client.home / "logs").glob("*.log"))
    assert batch_double.key not in log and azurite.key not in log and wrong not in log


def test_a_real_scenes_files_sync_to_azurite_with_progress_then_resync_skips_them(client, azurite, tmp_path):
    client.save_azure_settings(storage_account=azurite.account, storage_key=azurite.key,
                               storage_endpoint=azurite.endpoint)
    scene_dir = SHARED / "testdata" / "maya" / "deadline-cloud-for-maya" / "job_bundle_output_tests" / "cube" / "scene"
    files = sorted(p for p in scene_dir.iterdir() if p.is_file())
    total = sum(p.stat().st_size for p in files)
    seen = []
    result = client.sync_assets("cube-shot", files, store="azure").wait(120, on_progress=seen.append)
    assert result["uploaded"] == len(files) and result["skipped"] == 0 and result["complete"]
    assert result["bytesTotal"] == total and result["container"] == "fgrp-cube-shot"
    assert seen[-1].done == total and seen[-1].total == total
    assert {p["project"]: (p["files"], p["bytes"]) for p in client.projects("azure")}["cube-shot"] == (len(files), total)
    again = client.sync_assets("cube-shot", files, store="azure").wait(120)
    assert again["uploaded"] == 0 and again["skipped"] == len(files)


def test_pools_are_created_resized_and_deleted_on_the_double(client, batch_double):
    client.save_azure_settings(batch_url=batch_double.url, batch_account=batch_double.account,
                               batch_key=batch_double.key)
    pools = client.create_pool("render-a", vm_size="standard_d8s_v5", dedicated_nodes=2, slots_per_node=4).wait(60)
    [p] = [p for p in pools if p["id"] == "render-a"]
    assert p["vmSize"] == "standard_d8s_v5" and p["targetDedicatedNodes"] == 2 and p["taskSlotsPerNode"] == 4
    pools = client.resize_pool_nodes("render-a", 3, 1).wait(60)
    [p] = [p for p in pools if p["id"] == "render-a"]
    assert (p["targetDedicatedNodes"], p["targetLowPriorityNodes"]) == (3, 1)
    pools = client.resize_pool("render-a", 0, farm="azure").wait(60)
    assert [p["targetDedicatedNodes"] for p in pools if p["id"] == "render-a"] == [0]
    with pytest.raises(FarmError) as e:
        client.create_pool("render-a").wait(60)
    assert "exists" in str(e.value).lower()
    client.delete_pool("render-a").wait(60)
    assert all(p["id"] != "render-a" or p["state"] == "deleting" for p in client.pools(farm="azure"))


def test_a_batch_url_without_a_key_is_entra_id_and_the_check_says_how_to_sign_in(tmp_path, batch_double):
    home = tmp_path / "state"
    with Client(env=_clean_env(home)).start() as c:
        view = c.save_azure_settings(batch_url=batch_double.url)
        assert view["batch"]["auth"] == "entraId" and view["batch"]["key"] == "unset"
        reply = c.check_authentication("azure")
        assert reply["authenticated"] is False
        # nothing to sign in with on this machine (no az login, service principal or managed identity)
        assert reply["batch"]["message"].startswith("Cannot sign in to Azure Batch with Microsoft Entra ID: Run 'az login'")
        view = c.save_azure_settings(batch_account=batch_double.account, batch_key=batch_double.key)
        assert view["batch"]["auth"] == "sharedKey"
        assert isinstance(c.pools(farm="azure"), list)  # the key signs: the double answers
        assert c.save_azure_settings(batch_auth_mode="aad")["batch"]["auth"] == "entraId"
        assert json.loads((home / "batch.json").read_text())["AZURE_BATCH_AUTH_MODE"] == "aad"


def test_the_submit_checks_say_what_azure_would_refuse_before_anything_is_sent(client, batch_double):
    """The Submit tab's checks for Azure (issue 15, rules 1 and 8): a Maya scene on the default (Blender) image, a
    Compute Gallery image with a Shared Key; the same lines the submit itself refuses with."""
    client.save_azure_settings(batch_url=batch_double.url, batch_account=batch_double.account,
                               batch_key=batch_double.key)
    cube = SHARED / "testdata" / "maya" / "deadline-cloud-for-maya" / "job_bundle_output_tests" / "cube" / "scene" / "cube.ma"
    gallery = ("/subscriptions/0000/resourceGroups/render/providers/Microsoft.Compute/galleries/studio/images/maya2025"
               "/versions/1.0.0")

    [maya] = client.azure_checks(cube, {"mode": "auto"})
    assert maya.startswith("A Maya scene needs nodes with Maya and its renderer, and the default image has only Blender")
    [key] = client.azure_checks(cube, {"mode": "new", "id": "maya", "image": gallery})
    assert key.startswith("A Compute Gallery image needs you signed in with Microsoft Entra ID")
    assert "your key is fine" in key
    assert client.azure_checks(cube, {"mode": "existing", "id": "render"}) == []   # the artist's pool: it may have Maya
    assert client.azure_checks(REPO / "examples" / "shot.blend", {"mode": "auto"}) == []


def test_a_job_whose_preparation_failed_is_blocked_and_gets_fresh_nodes_or_ends_with_its_reason(
        client, cli, batch_double):
    """Issue 15, rule 3, through the gateway: the double keeps the tasks of a job whose preparation failed on its
    node active, as the service does; the job view says why (``blocked``), ``replace_nodes`` brings fresh nodes and
    ``cancel_job(reason=...)`` ends it."""
    import time
    client.save_azure_settings(batch_url=batch_double.url, batch_account=batch_double.account,
                               batch_key=batch_double.key)
    cli.env.update(AZURE_BATCH_ENDPOINT=batch_double.url, AZURE_BATCH_ACCOUNT=batch_double.account,
                   AZURE_BATCH_ACCESS_KEY=batch_double.key)
    assert cli.run("pool", "create", "prep-fails", "--farm", "azure", "--dedicated", "1").returncode == 0
    # the asset container cannot be reached from the node: the job's preparation (its download) fails there
    submit = cli.run("submit", "--farm", "azure", "--pool", "prep-fails", "--command", "echo {frame}",
                     "--frames", "1-2", "--assets-url", "http://127.0.0.1:1/fgrp-gone?sv=2019-12-12&sig=x", "--json")
    assert submit.returncode == 0, submit.stderr
    job_id = json.loads(submit.stdout)["jobId"]
    deadline = time.monotonic() + 60
    job = client.job(job_id, farm="azure")
    while "blocked" not in job and time.monotonic() < deadline:
        time.sleep(0.3)
        job = client.job(job_id, farm="azure")
    assert job["blocked"].startswith("The job's preparation (laying its asset project out on the node) failed on node")
    assert job["taskCounts"]["active"] == 2 and job["state"] == "active"
    done = client.replace_nodes(job_id).wait(120)
    assert done["message"] == ("Replaced 1 node(s) of pool prep-fails with fresh ones; the job's tasks run once a new "
                               "node has prepared.")
    ended = client.cancel_job(job_id, farm="azure", reason="Blocked: " + job["blocked"]).wait(120)
    assert ended["state"] == "completed"
