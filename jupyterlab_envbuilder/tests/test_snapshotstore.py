"""The snapshot store, for real: a JupyterHub with the store registered by ``configure()``,
its proxy, pushes with users' server tokens, and ``git clone`` over git's dumb HTTP."""

import asyncio
import base64
import os
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from hubprocess import HubProcess, free_port, running_hub
from traitlets.config import Config

from jupyterlab_envbuilder.config import Limits
from jupyterlab_envbuilder.errors import EnvBuilderError
from jupyterlab_envbuilder.hub import configure
from jupyterlab_envbuilder.hub.snapshotstore.app import (
    SnapshotStoreService,
    client_address,
    networks,
)
from jupyterlab_envbuilder.hub.snapshotstore.store import decode_files
from jupyterlab_envbuilder.publish import publish
from jupyterlab_envbuilder.snapshots import SnapshotFile, snapshot_commit

SCOPE = "access:services!service=snapshots"
COURSE = {"requirements.txt": b"numpy==2.1.0\n", "binder/postBuild": b"#!/bin/sh\necho hi\n"}


def snapshot_of(files: dict[str, bytes]) -> tuple[str, dict]:
    """The SHA of a snapshot of ``files`` (``postBuild`` executable) and its push body."""
    entries = [SnapshotFile(p, d, p.endswith("postBuild")) for p, d in sorted(files.items())]
    sha = snapshot_commit(entries)[0].id.decode()
    body = {
        "files": [
            {"path": f.path, "executable": f.executable, "data": base64.b64encode(f.data).decode()}
            for f in entries
        ]
    }
    return sha, body


HUB_CONFIG = """
from jupyterlab_envbuilder.hub import configure

c.JupyterHub.public_url = "http://127.0.0.1:{proxy_port}/"
configure(
    c,
    snapshot_store=True,
    snapshot_store_options={{
        "port": {store_port}, "store_dir": "{data}/store", "gc_interval": 0.2
    }},
    spawn_options=None,
    restart=False,
)
"""


class Hub(HubProcess):
    def __init__(self, data: Path) -> None:
        super().__init__(data, HUB_CONFIG, ["alice", "bob"], store_port=free_port())
        self.store = data / "store"
        self.store_url = f"{self.url}/services/snapshots/"

    def snapshots(self) -> list[str]:
        return sorted(p.name for p in self.store.glob("*.git"))


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    with running_hub(Hub(tmp_path_factory.mktemp("hub")), ["/services/snapshots/api/"]) as hub:
        # Tokens like the servers' $JUPYTERHUB_API_TOKEN: the scopes of the 'server' role.
        hub.alice = hub.token("alice", roles=["server"], note="alice's server")
        hub.bob = hub.token("bob", roles=["server"], note="bob's server")
        hub.no_scope = hub.token("alice", scopes=["read:users!user=alice"], note="no store")
        yield hub


async def push(hub, token, sha, body):
    headers = {"Authorization": f"token {token}"} if token else {}
    async with httpx.AsyncClient(timeout=30, trust_env=False) as client:
        return await client.put(f"{hub.store_url}api/snapshots/{sha}", json=body, headers=headers)


async def use(hub, token, sha):
    headers = {"Authorization": f"token {token}"} if token else {}
    async with httpx.AsyncClient(timeout=30, trust_env=False) as client:
        return await client.post(f"{hub.store_url}api/snapshots/{sha}/uses", headers=headers)


def clone(url: str, sha: str, into: Path) -> subprocess.CompletedProcess:
    """What repo2docker does: clone, then check out the SHA; stdout says what HEAD is then."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    done = subprocess.run(
        ["git", "clone", "--quiet", url, str(into)], capture_output=True, text=True, env=env
    )
    if done.returncode == 0:
        subprocess.run(["git", "-C", str(into), "checkout", "--quiet", sha], check=True, env=env)
        done = subprocess.run(
            ["git", "-C", str(into), "rev-parse", "HEAD"], capture_output=True, text=True, env=env
        )
    return done


async def test_a_push_needs_the_scope(hub):
    sha, body = snapshot_of({"requirements.txt": b"scope-check\n"})
    for token in (None, hub.no_scope):
        answer = await push(hub, token, sha, body)
        assert answer.status_code == 403
        assert SCOPE in answer.json()["message"]
        answer = await use(hub, token, sha)
        assert answer.status_code == 403
    assert f"{sha}.git" not in hub.snapshots()


async def test_identical_files_from_two_users_are_one_repository(hub, tmp_path):
    sha, body = snapshot_of(COURSE)
    first = await push(hub, hub.alice, sha, body)
    assert first.status_code == 201, first.text
    url = first.json()["url"]
    # The URL says nothing about who pushed: no user name, no secret.
    assert url == f"{hub.store_url}{sha}.git"
    # The second student's push of the same files: the same URL, nothing new stored.
    again = await push(hub, hub.bob, sha, body)
    assert again.status_code == 200
    assert again.json() == {"sha": sha, "url": url, "created": False}
    assert hub.snapshots().count(f"{sha}.git") == 1

    # Anyone who can reach the hub clones it with plain git over HTTP: the exact commit.
    done = clone(url, sha, tmp_path / "clone")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == sha
    cloned = {
        str(p.relative_to(tmp_path / "clone")): p.read_bytes()
        for p in (tmp_path / "clone").rglob("*")
        if p.is_file() and ".git" not in p.relative_to(tmp_path / "clone").parts
    }
    assert cloned == COURSE
    assert os.access(tmp_path / "clone" / "binder" / "postBuild", os.X_OK)
    assert not os.access(tmp_path / "clone" / "requirements.txt", os.X_OK)


async def test_a_push_must_be_the_commit_it_claims(hub):
    sha, body = snapshot_of({"requirements.txt": b"honest\n"})
    other, _ = snapshot_of({"requirements.txt": b"something else\n"})
    answer = await push(hub, hub.alice, other, body)
    assert answer.status_code == 400
    assert f"These files are the snapshot {sha}, not {other}" in answer.json()["message"]
    assert f"{other}.git" not in hub.snapshots() and f"{sha}.git" not in hub.snapshots()


@pytest.mark.parametrize(
    "path", ["../x", "/etc/passwd", "a/../../x", ".git/config", "a//b", "./a", ""]
)
async def test_a_push_holds_only_paths_inside_the_snapshot(hub, path):
    sha = "0" * 40
    body = {"files": [{"path": path, "executable": False, "data": ""}]}
    answer = await push(hub, hub.alice, sha, body)
    assert answer.status_code == 400
    assert "path" in answer.json()["message"]


async def test_odd_bodies_are_clear_errors(hub):
    sha = "1" * 40
    for body in (None, [], {"files": "x"}, {"files": [{"path": "a", "data": "%%%"}]}):
        answer = await push(hub, hub.alice, sha, body)
        assert answer.status_code == 400, body
        assert answer.json()["message"]
    answer = await use(hub, hub.alice, sha)
    assert answer.status_code == 404
    assert "push it" in answer.json()["message"]
    # A message quoting a "%" says it once.
    body = {"files": [{"path": "../100%", "executable": False, "data": ""}]}
    message = (await push(hub, hub.alice, sha, body)).json()["message"]
    assert "'../100%'" in message and "%%" not in message


async def test_garbage_collection_keeps_what_builds_use(hub, tmp_path):
    old, old_body = snapshot_of({"requirements.txt": b"last term\n"})
    kept, kept_body = snapshot_of({"requirements.txt": b"this term\n"})
    for sha, body in ((old, old_body), (kept, kept_body)):
        assert (await push(hub, hub.alice, sha, body)).status_code == 201
    # The store keeps unused snapshots 30 days: one was last used 60 days ago, the other 29 days
    # ago (a sweep, which runs every 0.2 s here, may come at any moment and must keep it)...
    now = time.time()
    for sha, days in ((old, 60), (kept, 29)):
        then = now - days * 86400
        os.utime(hub.store / f"{sha}.git" / "last-use", (then, then))
    # ...then a build asks for it, which starts its 30 days again.
    assert (await use(hub, hub.bob, kept)).status_code == 200
    assert (hub.store / f"{kept}.git" / "last-use").stat().st_mtime >= now - 60

    for _ in range(100):
        if f"{old}.git" not in hub.snapshots():
            break
        await asyncio.sleep(0.1)
    assert f"{old}.git" not in hub.snapshots()
    assert clone(f"{hub.store_url}{old}.git", old, tmp_path / "old").returncode != 0
    assert f"{kept}.git" in hub.snapshots()
    assert clone(f"{hub.store_url}{kept}.git", kept, tmp_path / "kept").returncode == 0
    # A collected snapshot comes back with the next push of its files.
    assert (await use(hub, hub.alice, old)).status_code == 404
    assert (await push(hub, hub.alice, old, old_body)).status_code == 201


async def test_only_git_files_are_served(hub):
    sha, body = snapshot_of({"requirements.txt": b"served\n"})
    await push(hub, hub.alice, sha, body)
    async with httpx.AsyncClient(timeout=30, trust_env=False) as client:
        refs = await client.get(f"{hub.store_url}{sha}.git/info/refs")
        assert refs.status_code == 200 and sha in refs.text
        for path in ("last-use", "config", "description", "../store"):
            answer = await client.get(f"{hub.store_url}{sha}.git/{path}")
            assert answer.status_code == 404, path


# --- reads limited to networks, in this process ---


def test_client_address_behind_the_hubs_proxy():
    local = networks(["127.0.0.1/32"])
    assert client_address("127.0.0.1", "10.1.2.3", local) == "10.1.2.3"
    # Only the trusted proxy's word counts: a reader cannot claim another address.
    assert client_address("192.0.2.7", "10.1.2.3", local) == "192.0.2.7"
    assert client_address("127.0.0.1", "10.1.2.3, 192.0.2.7", local) == "192.0.2.7"
    assert client_address("127.0.0.1", "", local) == "127.0.0.1"
    assert client_address("127.0.0.1", "not-an-address", local) is None


async def test_reads_limited_to_allowed_networks(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "unused")
    service = SnapshotStoreService(
        store_dir=str(tmp_path / "store"), allowed_networks=["10.0.0.0/8"]
    )
    app = service.make_app()
    port = free_port()
    server = app.listen(port, "127.0.0.1")
    sha, body = snapshot_of({"requirements.txt": b"private\n"})
    service.store.push(sha, decode_files(body, Limits()))
    url = f"http://127.0.0.1:{port}/services/snapshots/{sha}.git/info/refs"
    try:
        async with httpx.AsyncClient(timeout=30, trust_env=False) as client:
            build_pod = await client.get(url, headers={"X-Forwarded-For": "10.1.2.3"})
            outsider = await client.get(url, headers={"X-Forwarded-For": "192.0.2.7"})
            direct = await client.get(url)
    finally:
        server.stop()
    assert build_pod.status_code == 200 and sha in build_pod.text
    assert outsider.status_code == 403 and direct.status_code == 403


def test_registration_needs_the_url_builds_clone_from():
    with pytest.raises(ValueError, match="public_url"):
        configure(Config(), snapshot_store=True)
    c = Config()
    c.JupyterHub.public_url = "https://hub.example.org/"
    configure(c, snapshot_store=True, snapshot_store_options={"allowed_networks": ["10.0.0.0/8"]})
    (service,) = c.JupyterHub.services
    assert service["name"] == "snapshots"
    assert (
        "--SnapshotStoreService.public_url=https://hub.example.org/services/snapshots/"
        in service["command"]
    )
    assert "--SnapshotStoreService.allowed_networks=10.0.0.0/8" in service["command"]
    roles = {role["name"]: role["scopes"] for role in c.JupyterHub.load_roles}
    assert SCOPE in roles["server"] and SCOPE in roles["user"]
    assert c.Spawner.environment["ENVBUILDER_SNAPSHOT_STORE_URL"] == (
        "http://127.0.0.1:8586/services/snapshots/"
    )


# --- the server extension's side: publish() ---


async def test_publish_pushes_once_then_uses(hub, tmp_path):
    entries = [SnapshotFile("requirements.txt", b"published\n", False)]
    sha = snapshot_commit(entries)[0].id.decode()
    sent = []

    def sender(token):
        async def send(method, url, body):
            sent.append(method)
            headers = {"Authorization": f"token {token}"}
            async with httpx.AsyncClient(timeout=30, trust_env=False) as client:
                try:
                    answer = await client.request(method, url, content=body, headers=headers)
                except httpx.ConnectError as e:  # as the server's one HTTP client reports it
                    return 0, str(e).encode()
            return answer.status_code, answer.content

        return send

    url = await publish(hub.store_url, sha, entries, sender(hub.alice))
    assert url == f"{hub.store_url}{sha}.git" and sent == ["POST", "PUT"]
    # Bob's server, the same files: a use, no upload.
    sent.clear()
    assert await publish(hub.store_url, sha, entries, sender(hub.bob)) == url
    assert sent == ["POST"]
    with pytest.raises(EnvBuilderError, match="administrator"):
        await publish(hub.store_url, sha, entries, sender(hub.no_scope))
    with pytest.raises(EnvBuilderError, match="did not answer"):
        await publish(f"http://127.0.0.1:{free_port()}/", sha, entries, sender(hub.alice))
