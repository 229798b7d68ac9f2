"""The local build service, for real: a JupyterHub with the service registered by
``register_local_build_service``, its proxy, a Jupyter server reached through that proxy, and
repo2docker's dry run (no container engine here) cloning the snapshot over HTTP.
"""

import asyncio
import json
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from envfolder import write_env
from eventstreams import comments, parse, recorded_events
from hubprocess import HubProcess, free_port, running_hub
from traitlets.config import Config

from jupyterlab_envbuilder.hub.localbuilder import builds, register_local_build_service
from jupyterlab_envbuilder.hub.localbuilder.app import parse_git_spec
from jupyterlab_envbuilder.hub.localbuilder.builds import (
    DRY_RUN_NOTICE,
    LocalBuild,
    container_engine_available,
    image_name,
    run_command,
)

SHA = "1479e0252b2e648bb755ee913292b79495931717"
SCOPE = "needs a hub token with the scope access:services!service=binder"


# --- without a hub ---


def test_image_names_are_binderhubs():
    """The image name of the captured BinderHub build, computed here from its build slug."""
    built = next(json.loads(e) for e in recorded_events() if '"phase":"built"' in e)
    assert image_name("", "binder-examples-octave", SHA) == built["imageName"]
    long_repo = "https://hub.example.org/" + "a" * 400 + ".git"
    name = image_name("envbuilder-", long_repo, SHA)
    assert len(name.split(":")[0]) <= 255 and name.endswith(":" + SHA)
    assert name == name.lower() and "_" not in name


# Lines as repo2docker prints them, on both streams: many at once, one cut across the
# service's reads, one longer than a line may be, text that is not UTF-8, no final newline.
_PRINTER = r"""
import sys
out = sys.stdout.buffer
for i in range(20000):
    out.write(b"Collecting package-%d\n" % i)
out.write(b'{"phase": "building", "message": "Step 1/2\\n"}\n')
out.write(b"x" * 20000 + b"\n")
out.write(b"caf\xe9\n")
out.flush()
sys.stderr.write("warning: something\n")
sys.stderr.flush()
out.write(b"no newline at the end")
"""


async def test_command_output_comes_line_by_line(monkeypatch):
    monkeypatch.setattr(builds, "_READ_BYTES", 4096)
    monkeypatch.setattr(builds, "_LINE_LIMIT", 5000)
    lines: list[tuple[str, str]] = []
    code = await run_command(
        [sys.executable, "-c", _PRINTER], lambda name, line: lines.append((name, line))
    )
    assert code == 0
    assert [line for name, line in lines if name == "stderr"] == ["warning: something\n"]
    out = [line for name, line in lines if name == "stdout"]
    assert out[:20000] == [f"Collecting package-{i}\n" for i in range(20000)]
    assert out[20000] == '{"phase": "building", "message": "Step 1/2\\n"}\n'
    # The long line in pieces of about _LINE_LIMIT bytes (as they were read), then its end.
    long = [line for line in out if line.startswith("x")]
    assert "".join(long) == "x" * 20000 + "\n"
    assert 1 < len(long) <= 4
    assert all(5000 <= len(line) < 5000 + 4096 for line in long[:-1])
    assert out[20001 + len(long) :] == ["caf\ufffd\n", "no newline at the end"]


def test_only_json_objects_are_taken_as_events():
    build = LocalBuild("http://example.org/repo.git", "main", "image", dry_run=True)
    build.add_line("stdout", '{"phase": "building", "message": "Step 1/2\\n"}\n')
    build.add_line("stdout", "FROM ubuntu\n")
    build.add_line("stderr", "{not json\n")
    build.add_line("stderr", '  {"phase": "fetching", "message": "x"}\n')
    build.add_line("stdout", 'caf\u00e9 "quoted" \\ \x1b[32mgreen\x1b[0m\ttab\r\n')
    texts = [chunk[len(b"data: ") : -2].decode() for chunk in build.log.chunks]
    events = [json.loads(text) for text in texts]
    # Each as json.dumps writes it: the text lines are encoded without it.
    assert texts == [json.dumps(event) for event in events]
    assert events == [
        {"phase": "building", "message": "Step 1/2\n", "dryRun": True},
        {"phase": "building", "message": "FROM ubuntu\n", "dryRun": True},
        {"phase": "unknown", "message": "{not json\n", "dryRun": True},
        {"phase": "fetching", "message": "x", "dryRun": True},
        {
            "phase": "building",
            "message": 'caf\u00e9 "quoted" \\ \x1b[32mgreen\x1b[0m\ttab\r\n',
            "dryRun": True,
        },
    ]
    real = LocalBuild("http://example.org/repo.git", "main", "image", dry_run=False)
    real.add_line("stderr", "Step 1/2\n")
    assert real.log.chunks == [b'data: {"phase": "unknown", "message": "Step 1/2\\n"}\n\n']


def test_git_specs():
    url = "https://hub.example.org/user/a/envbuilder/snapshots/x.git"
    assert parse_git_spec(f"{quote(url, safe='')}/{SHA}") == (url, SHA)
    for bad, message in [
        (f"{quote('file:///etc', safe='')}/{SHA}", "only http and https"),
        (f"{quote(url, safe='')}/main", "full 40-character commit SHA"),
        (f"{quote(url, safe='')}", "Expected"),
    ]:
        with pytest.raises(ValueError, match=message):
            parse_git_spec(bad)


def test_register_in_a_hub_config():
    c = Config()
    c.JupyterHub.load_roles = [{"name": "server", "scopes": ["users:activity!user"]}]
    c.Spawner.environment = {"OTHER": "1"}
    service = register_local_build_service(c, port=9999, container_engine="none")
    register_local_build_service(c, port=9999, container_engine="none")  # idempotent

    assert c.JupyterHub.services == [service]
    assert service["name"] == "binder" and service["url"] == "http://127.0.0.1:9999"
    assert service["command"][:3] == [
        sys.executable,
        "-m",
        "jupyterlab_envbuilder.hub.localbuilder",
    ]
    roles = {role["name"]: role["scopes"] for role in c.JupyterHub.load_roles}
    assert roles["server"] == ["users:activity!user", "access:services!service=binder"]
    assert roles["user"] == ["self", "access:services!service=binder"]
    assert c.Spawner.environment == {
        "OTHER": "1",
        "ENVBUILDER_BUILD_SERVICE_URL": "http://127.0.0.1:9999/services/binder/",
    }


# --- a real hub ---


HUB_CONFIG = """
from jupyterlab_envbuilder.hub import register_local_build_service, register_snapshot_store

register_local_build_service(c, port={service_port}, keepalive_interval=0.05)
# The snapshot store beside it, for test_shared_builds.py.
register_snapshot_store(
    c,
    port={store_port},
    store_dir="{data}/store",
    public_url="http://127.0.0.1:{proxy_port}/services/snapshots/",
)
"""


class Hub(HubProcess):
    def __init__(self, data: Path) -> None:
        super().__init__(
            data, HUB_CONFIG, ["alice", "bob"], service_port=free_port(), store_port=free_port()
        )
        self.service_url = f"{self.url}/services/binder/"
        self.store_url = f"{self.url}/services/snapshots/"
        self.store = data / "store"

    def route(self, path: str, target: str) -> None:
        """A proxy route, as the hub adds for a user's server."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.api_port}/api/routes{path}",
            method="POST",
            data=json.dumps({"target": target}).encode(),
            headers={"Authorization": f"token {self.proxy_token}"},
        )
        urllib.request.urlopen(request, timeout=10).close()


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    if container_engine_available():
        pytest.skip("a container engine answers here: the build would be real, not a dry run")
    paths = ["/services/binder/versions", "/services/snapshots/api/"]
    with running_hub(Hub(tmp_path_factory.mktemp("hub")), paths) as hub:
        # A token like a server's $JUPYTERHUB_API_TOKEN: the scopes of the 'server' role.
        hub.server_token = hub.token("alice", roles=["server"], note="alice's server")
        hub.other_token = hub.token(
            "alice", scopes=["read:users!user=alice"], note="no build access"
        )
        yield hub


@pytest.fixture
def jp_base_url():
    return "/user/alice/"


@pytest.fixture
def envbuilder_config(envbuilder_config, hub):
    return {
        **envbuilder_config,
        "build_service_url": hub.service_url,
        "snapshot_base_url": hub.url,
        "hub_api_token": hub.server_token,
    }


@pytest.fixture
def alice(hub, jp_serverapp, http_server_client, http_server_port, jp_base_url):
    """Alice's server behind the hub's proxy, with a server token; its snapshot requests."""
    hub.route("/user/alice", f"http://127.0.0.1:{http_server_port[-1]}")
    requests = []
    log_request = jp_serverapp.web_app.settings["log_function"]

    def log_and_keep(handler):
        if "/envbuilder/snapshots/" in handler.request.path:
            requests.append(handler.request)
        log_request(handler)

    jp_serverapp.web_app.settings["log_function"] = log_and_keep
    return requests


async def post_snapshot(jp_fetch):
    response = await jp_fetch(
        "envbuilder", "snapshots", method="POST", body=json.dumps({"folder": "environment"})
    )
    return json.loads(response.body)


async def test_a_snapshot_is_built_through_the_hub(
    alice, hub, jp_fetch, jp_root_dir, http_server_client, jp_auth_header
):
    files = {"requirements.txt": b"numpy\n", "postBuild": b"#!/bin/sh\necho hi\n"}
    write_env(jp_root_dir / "environment", files)
    snapshot = await post_snapshot(jp_fetch)
    assert snapshot["repoUrl"].startswith(f"{hub.url}/user/alice/envbuilder/snapshots/")

    async def build():
        body = json.dumps({"spec": snapshot["spec"]})
        await jp_fetch("envbuilder", "builds", method="POST", body=body)
        response = await http_server_client.fetch(
            f"/user/alice/envbuilder/build/{snapshot['spec']}",
            headers={**jp_auth_header, "Accept": "text/event-stream"},
            request_timeout=60,
        )
        return parse(response.body)

    started = time.monotonic()
    events = await build()
    messages = "".join(e.get("message", "") for e in events)
    image = image_name("envbuilder-", snapshot["repoUrl"], snapshot["sha"])

    assert events[0] == {
        "phase": "waiting",
        "message": "Waiting for build to start...\n",
        "dryRun": True,
    }
    assert "Picked Git content provider." in messages
    assert "Cloning into" in messages
    assert f"HEAD is now at {snapshot['sha'][:7]} Environment snapshot" in messages
    assert "FROM docker.io/library/buildpack-deps" in messages
    # BinderHub's appendix, applied by the local service: the image comes back as a server.
    assert "pip install --no-cache-dir 'jupyterhub==" in messages
    assert "jupyterlab-envbuilder" in messages
    assert "requirements.txt" in messages and "postBuild" in messages
    assert events[-1] == {
        "phase": "ready",
        "imageName": image,
        "message": DRY_RUN_NOTICE + "\n",
        "dryRun": True,
    }
    assert all(e.get("dryRun") for e in events)
    assert time.monotonic() - started < 30

    # repo2docker cloned the snapshot from this server, through the hub's proxy.
    clones = [r for r in alice if r.path.endswith("/info/refs")]
    assert len(clones) == 1
    assert clones[0].headers.get("X-Forwarded-For")
    assert "git/" in clones[0].headers.get("User-Agent", "")

    # The same files again: the same SHA, the same image, answered at once.
    again = await post_snapshot(jp_fetch)
    assert (again["sha"], again["spec"]) == (snapshot["sha"], snapshot["spec"])
    (cached,) = await build()
    assert cached["phase"] == "ready" and cached["imageName"] == image
    assert cached["message"].startswith("Done! Found built image") and cached["dryRun"]
    assert len([r for r in alice if r.path.endswith("/info/refs")]) == 1

    # Each build has its own record: the cache hit did not replace the log of the real one.
    cache_hit, first = json.loads((await jp_fetch("envbuilder", "builds")).body)["builds"]
    for record in (cache_hit, first):
        assert record["result"] == "dry-run" and record["imageName"] == image


async def test_one_build_per_commit_with_keepalives(alice, hub, jp_fetch, jp_root_dir):
    write_env(jp_root_dir / "environment", {"requirements.txt": b"pandas\n"}, executable=set())
    snapshot = await post_snapshot(jp_fetch)
    url = f"{hub.service_url}build/{snapshot['spec']}?build_only=true"
    headers = {"Accept": "text/event-stream", "Authorization": f"token {hub.server_token}"}
    async with httpx.AsyncClient(timeout=60, trust_env=False) as client:
        # Keepalives would keep a stuck build's stream open: bound the wait.
        first, second = await asyncio.wait_for(
            asyncio.gather(client.get(url, headers=headers), client.get(url, headers=headers)),
            60,
        )
    assert first.headers["Content-Type"] == "text/event-stream"
    assert parse(first.content) == parse(second.content)
    assert parse(first.content)[-1]["phase"] == "ready"
    assert ":keepalive" in comments(first.content) + comments(second.content)
    assert len([r for r in alice if r.path.endswith("/info/refs")]) == 1


@pytest.mark.parametrize(
    "token, accept, path, status, message",
    [
        (None, "text/event-stream", f"git/x/{SHA}?build_only=true", 403, SCOPE),
        ("other", "text/event-stream", f"git/x/{SHA}?build_only=true", 403, SCOPE),
        ("server", "application/json", f"git/x/{SHA}?build_only=true", 400, "Missing Accept"),
        (
            "server",
            "text/event-stream, application/json",
            f"git/x/{SHA}?build_only=true",
            400,
            "Missing Accept",
        ),
        ("server", "text/event-stream", f"git/x/{SHA}", 400, "build_only=true"),
        ("server", "text/event-stream", "gh/a/b/HEAD?build_only=true", None, "No provider"),
        (
            "server",
            "text/event-stream",
            f"git/{quote('file:///etc', safe='')}/{SHA}?build_only=true",
            None,
            "only http and https",
        ),
    ],
)
async def test_build_api_errors_arrive_as_events(hub, token, accept, path, status, message):
    headers = {"Accept": accept}
    if token:
        headers["Authorization"] = f"token {getattr(hub, token + '_token')}"
    async with httpx.AsyncClient(timeout=30, trust_env=False) as client:
        response = await client.get(f"{hub.service_url}build/{path}", headers=headers)
    # As BinderHub: an event stream cannot carry a status, so it is HTTP 200 and an event.
    assert response.status_code == 200
    (event,) = parse(response.content)
    assert event["phase"] == "failed" and message in event["message"]
    assert event.get("status_code") == status


async def test_versions_and_health(hub):
    async with httpx.AsyncClient(timeout=30, trust_env=False) as client:
        versions = (await client.get(hub.service_url + "versions")).json()
        health = await client.get(hub.service_url + "health")
    assert versions["builder_info"]["repo2docker-version"]
    assert versions["builder_info"]["dryRun"] is True
    assert "jupyterlab-envbuilder" in versions["binderhub"]
    assert health.status_code == 200
    assert health.json()["ok"] is True
