"""Builds shared through the snapshot store, for real: the hub of test_localbuilder.py with
the local build service and the snapshot store, a Jupyter server behind its proxy pushing
with real server tokens of two users, and repo2docker's dry run cloning from the store."""

import asyncio
import json
import os

import pytest
from envfolder import write_env
from eventstreams import parse
from test_localbuilder import hub  # noqa: F401 - the module's hub, started for this module
from tornado.httpclient import HTTPClientError

from jupyterlab_envbuilder.config import EnvBuilder

COURSE = {"requirements.txt": b"numpy==2.1.0\n", "postBuild": b"#!/bin/sh\necho course\n"}


@pytest.fixture
def jp_base_url():
    return "/user/alice/"


@pytest.fixture
def envbuilder_config(envbuilder_config, hub):  # noqa: F811
    return {
        **envbuilder_config,
        "build_service_url": hub.service_url,
        "snapshot_store_url": hub.store_url,
        "hub_api_token": hub.server_token,
    }


@pytest.fixture
def server(hub, jp_serverapp, http_server_port):  # noqa: F811
    """The server's settings, behind the hub's proxy; ``as_server(token, name)`` makes it
    push as another user's server (the snapshot and the build do not depend on who)."""
    hub.route("/user/alice", f"http://127.0.0.1:{http_server_port[-1]}")

    def configs(router):
        for rule in getattr(router, "rules", []):
            if isinstance(rule.target_kwargs.get("config"), EnvBuilder):
                yield rule.target_kwargs["config"]
            yield from configs(rule.target)

    settings = next(configs(jp_serverapp.web_app.default_router))

    def as_server(token: str, name: str) -> None:
        settings.hub_api_token = token
        settings.hub_server_name = name

    return as_server


async def snapshot(jp_fetch, folder="environment"):
    response = await jp_fetch(
        "envbuilder", "snapshots", method="POST", body=json.dumps({"folder": folder})
    )
    return json.loads(response.body)


async def build(jp_fetch, http_server_client, jp_auth_header, spec):
    await jp_fetch("envbuilder", "builds", method="POST", body=json.dumps({"spec": spec}))
    response = await http_server_client.fetch(
        f"/user/alice/envbuilder/build/{spec}",
        headers={**jp_auth_header, "Accept": "text/event-stream"},
        request_timeout=60,
    )
    return parse(response.body)


def stored(hub):  # noqa: F811
    return sorted(p.name for p in hub.store.glob("*.git"))


async def test_same_files_one_image_for_every_user_and_server(
    hub,  # noqa: F811
    server,
    jp_fetch,
    jp_root_dir,
    http_server_client,
    jp_auth_header,
):
    write_env(jp_root_dir / "environment", COURSE)
    bob_token = hub.token("bob", roles=["server"], note="bob's server")
    runs = []
    for token, name in ((hub.server_token, ""), (bob_token, "work"), (hub.server_token, "ta")):
        server(token, name)
        taken = await snapshot(jp_fetch)
        events = await build(jp_fetch, http_server_client, jp_auth_header, taken["spec"])
        runs.append((taken, events))

    specs = {taken["spec"] for taken, _ in runs}
    assert len(specs) == 1
    (spec,) = specs
    sha = runs[0][0]["sha"]
    assert runs[0][0]["repoUrl"] == f"{hub.store_url}{sha}.git"
    # Nothing in the spec, and so in the image name, says whose files they are.
    for word in ("alice", "bob", "work", hub.server_token, bob_token):
        assert word not in spec
    images = {events[-1]["imageName"] for _, events in runs}
    assert len(images) == 1 and "alice" not in images.pop()
    # One build: the first cloned from the store and ran repo2docker, the others were hits.
    first, *others = [events for _, events in runs]
    assert "Cloning into" in "".join(e.get("message", "") for e in first)
    for events in others:
        assert len(events) == 1 and events[0]["message"].startswith("Done! Found built image")
    assert stored(hub).count(f"{sha}.git") == 1

    # One file changed: another snapshot, another image, a build of its own.
    (jp_root_dir / "environment" / "requirements.txt").write_bytes(b"numpy==2.2.0\n")
    changed = await snapshot(jp_fetch)
    events = await build(jp_fetch, http_server_client, jp_auth_header, changed["spec"])
    assert changed["spec"] != spec
    assert "Cloning into" in "".join(e.get("message", "") for e in events)
    assert events[-1]["imageName"] not in images


@pytest.mark.parametrize("folder", [".", "./", "", "/", "../x", "home", "home/.ssh", "withkeys"])
async def test_refused_folders_publish_nothing(
    hub,  # noqa: F811
    server,
    jp_fetch,
    jp_root_dir,
    folder,
    monkeypatch,
):
    write_env(jp_root_dir / "environment", COURSE)
    monkeypatch.setenv("HOME", str(jp_root_dir / "home"))
    write_env(jp_root_dir / "home" / ".ssh", {"id_ed25519": b"-----BEGIN OPENSSH PRIVATE KEY"})
    write_env(jp_root_dir / "withkeys", {**COURSE, ".ssh/id_rsa": b"secret"})
    before = stored(hub)
    with pytest.raises(HTTPClientError) as e:
        await snapshot(jp_fetch, folder)
    body = json.loads(e.value.response.body)
    assert e.value.code == 400
    assert body["reason"] == "outsideBoundary"
    assert stored(hub) == before


async def test_a_deep_folder_is_a_clear_error(server, jp_fetch, jp_root_dir):
    deep = jp_root_dir / "environment" / os.path.join(*["d"] * 40)
    write_env(deep, {"requirements.txt": b"numpy\n"})
    with pytest.raises(HTTPClientError) as e:
        await snapshot(jp_fetch)
    assert e.value.code == 400
    assert json.loads(e.value.response.body)["reason"] == "tooDeep"


async def test_snapshots_at_once_never_fail(server, jp_fetch, jp_root_dir):
    write_env(jp_root_dir / "environment", COURSE)
    results = await asyncio.gather(*(snapshot(jp_fetch) for _ in range(6)))
    assert len({r["sha"] for r in results}) == 1
