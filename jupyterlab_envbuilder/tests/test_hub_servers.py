"""Shared builds between really spawned servers, and a build service that stops answering,
on a real JupyterHub: its proxy (configurable-http-proxy), named servers started by the hub
as their own processes (each with its own $JUPYTERHUB_API_TOKEN and home), the snapshot store
and the local build service set up by ``configure()``, repo2docker's dry run cloning from the
store.
"""

import asyncio
import json
import os
import signal
import socket
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from envfolder import write_env
from eventstreams import parse
from hubprocess import ROOT, HubProcess, free_port, running_hub
from tornado.httpclient import AsyncHTTPClient

from jupyterlab_envbuilder.hub.localbuilder.builds import container_engine_available

COURSE = {"requirements.txt": b"numpy==2.1.0\n", "postBuild": b"#!/bin/sh\necho course\n"}
# Seconds between the build service's keepalives, and the gateway's patience: 2.5 of them.
KEEPALIVE = 0.5
IDLE_TIMEOUT = 1.25
SINGLEUSER = Path(sys.executable).parent / "jupyterhub-singleuser"

HUB_CONFIG = """
from pathlib import Path
from jupyterlab_envbuilder.hub import configure
from spawner import LocalServerSpawner


# For "porttaken", the first port offered is one the tests hold, named in a file: as if
# something held it when the server listens, so that the server exits.
class FirstPortTakenSpawner(LocalServerSpawner):
    def choose_port(self):
        held = Path("{data}/held-port")
        if self.user.name == "porttaken" and held.exists():
            port = int(held.read_text())
            held.unlink()
            return port
        return super().choose_port()


c.JupyterHub.spawner_class = FirstPortTakenSpawner
c.JupyterHub.allow_named_servers = True
c.SimpleLocalProcessSpawner.home_dir_template = "{data}/homes/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = ["--ServerApp.allow_root=True"]
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
configure(
    c,
    local_build_service=True,
    local_build_service_options={{
        "port": {service_port},
        "container_engine": "none",
        "keepalive_interval": {keepalive},
    }},
    snapshot_store=True,
    snapshot_store_options={{
        "port": {store_port},
        "store_dir": "{data}/store",
        "public_url": "http://127.0.0.1:{proxy_port}/services/snapshots/",
    }},
)
for service in c.JupyterHub.services:
    if service["name"] == "binder":
        # Its process id, to stop it as a dead machine would; slow builds for "slowbuild*".
        service["command"] = [
            "/bin/sh", "-c", 'echo $$ > "{data}/binder.pid"; exec "$@"', "sh",
            *service["command"],
            "--LocalBuildService.repo2docker_command=" + sys.executable,
            "--LocalBuildService.repo2docker_command={paced}",
        ]
"""


class Hub(HubProcess):
    def __init__(self, data: Path) -> None:
        super().__init__(
            data,
            HUB_CONFIG,
            ["alice", "bob", "slowbuild", "porttaken"],
            service_port=free_port(),
            store_port=free_port(),
            singleuser=str(SINGLEUSER),
            keepalive=KEEPALIVE,
            paced=str(ROOT / "dev" / "paced_repo2docker.py"),
        )
        self.service_url = f"{self.url}/services/binder/"
        self.store_url = f"{self.url}/services/snapshots/"

    def spawn(self, user: str, server: str) -> str:
        """Start the named server ('' = default) through the hub's API; its URL once ready."""
        path = f"users/{user}/servers/{server}" if server else f"users/{user}/server"
        self.api("POST", path, {})
        deadline = time.monotonic() + 180
        while True:
            state = self.api("GET", f"users/{user}")["servers"].get(server, {})
            if state.get("ready"):
                self.note_children()
                return self.url + state["url"]
            assert time.monotonic() < deadline, self.logs()
            time.sleep(0.5)

    def build_service_pid(self) -> int:
        return int((self.data / "binder.pid").read_text())


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    if container_engine_available():
        pytest.skip("a container engine answers here: the build would be real, not a dry run")
    paths = ["/services/binder/versions", "/services/snapshots/api/"]
    with running_hub(Hub(tmp_path_factory.mktemp("hub")), paths) as hub:
        yield hub


class Server:
    """A spawned server, driven as its owner's browser would: with the owner's token."""

    def __init__(self, hub: Hub, user: str, name: str) -> None:
        self.hub = hub
        self.url = hub.spawn(user, name)
        self.token = hub.api("POST", f"users/{user}/tokens", {"note": "test browser"})["token"]

    def call(self, method: str, path: str, body=None):
        return self.hub.request(method, self.url + path, body, token=self.token, timeout=60)

    def write(self, files: dict[str, bytes]) -> None:
        self.call("PUT", "api/contents/environment", {"type": "directory"})
        for name, data in files.items():
            body = {"type": "file", "format": "text", "content": data.decode()}
            self.call("PUT", f"api/contents/environment/{quote(name)}", body)

    def build(self, files: dict[str, bytes]) -> tuple[dict, list[dict]]:
        self.write(files)
        snapshot = self.call("POST", "envbuilder/snapshots", {"folder": "environment"})
        self.call("POST", "envbuilder/builds", {"spec": snapshot["spec"]})
        request = urllib.request.Request(
            f"{self.url}envbuilder/build/{snapshot['spec']}",
            headers={"Authorization": f"token {self.token}", "Accept": "text/event-stream"},
        )
        with urllib.request.urlopen(request, timeout=120) as r:
            return snapshot, parse(r.read())


def log_of(events: list[dict]) -> str:
    return "".join(e.get("message", "") for e in events)


def test_spawned_servers_of_two_users_with_the_same_files_share_one_build(hub):
    servers = [Server(hub, "alice", ""), Server(hub, "bob", "work"), Server(hub, "alice", "ta")]
    # Each is a process of its own, with its own token, pushing to the store itself.
    for server in servers:
        capabilities = server.call("GET", "envbuilder/status")["capabilities"]
        assert capabilities["snapshotStore"]["available"] is True
    runs = [server.build(COURSE) for server in servers]

    specs = {snapshot["spec"] for snapshot, _ in runs}
    assert len(specs) == 1
    (spec,) = specs
    # Cloned from the store by content, at the URL the build service reaches it.
    sha = runs[0][0]["sha"]
    assert runs[0][0]["repoUrl"] == f"{hub.store_url}{sha}.git"
    for word in ("alice", "bob", "work", "ta"):
        assert f"/{word}" not in spec
    images = {events[-1]["imageName"] for _, events in runs}
    assert len(images) == 1
    (image,) = images
    assert "alice" not in image and "bob" not in image
    first, *others = [events for _, events in runs]
    assert "Cloning into" in log_of(first)
    for events in others:
        assert [e["phase"] for e in events] == ["ready"]
        assert events[0]["message"].startswith("Done! Found built image")
    assert sorted(p.name for p in (hub.data / "store").glob("*.git")) == [f"{sha}.git"]

    # Bob changes one file: another snapshot, another image, a build of its own.
    snapshot, events = servers[1].build({**COURSE, "requirements.txt": b"numpy==2.2.0\n"})
    assert snapshot["spec"] != spec
    assert "Cloning into" in log_of(events)
    assert events[-1]["imageName"] != image


def test_a_server_whose_port_is_taken_before_it_listens_starts_on_another(hub):
    with socket.socket() as holder:
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        port = free_port()
        holder.bind(("127.0.0.1", port))
        holder.listen()
        (hub.data / "held-port").write_text(str(port))
        server = Server(hub, "porttaken", "")
        assert not (hub.data / "held-port").exists()
        assert server.call("GET", "envbuilder/status")["capabilities"]
    logs = hub.logs()
    assert f"port {port} is not available" in logs
    assert (
        f"porttaken's server exited (code 1) before it listened on port {port}; "
        "starting it again on another port (2 of 3)"
    ) in logs


@pytest.fixture
def jp_base_url():
    return "/user/slowbuild/"


@pytest.fixture
def envbuilder_config(envbuilder_config, hub):
    token = hub.api("POST", "users/slowbuild/tokens", {"roles": ["server"]})["token"]
    return {
        **envbuilder_config,
        "build_service_url": hub.service_url,
        "snapshot_store_url": hub.store_url,
        "hub_api_token": token,
        "build_idle_timeout": IDLE_TIMEOUT,
    }


async def test_a_build_service_that_stops_answering_behind_the_proxy_is_reported(
    hub, jp_fetch, jp_root_dir, http_server_port, jp_auth_header
):
    """The build service stops mid-build (SIGSTOP: its connections stay open, as behind the
    hub's proxy when the machine under it dies). Only the missing keepalives tell: the build
    fails with ``silent`` after the gateway's idle timeout, 2.5 keepalives here."""
    write_env(jp_root_dir / "environment", {"requirements.txt": b"requests==2.32.3\n"})
    reply = await jp_fetch(
        "envbuilder", "snapshots", method="POST", body=json.dumps({"folder": "environment"})
    )
    spec = json.loads(reply.body)["spec"]
    await jp_fetch("envbuilder", "builds", method="POST", body=json.dumps({"spec": spec}))

    received = bytearray()
    started = asyncio.Event()

    def on_chunk(chunk: bytes) -> None:
        received.extend(chunk)
        if b"Picked Git content provider" in received:
            started.set()

    stream = asyncio.ensure_future(
        AsyncHTTPClient().fetch(
            f"http://127.0.0.1:{http_server_port[-1]}/user/slowbuild/envbuilder/build/{spec}",
            headers={**jp_auth_header, "Accept": "text/event-stream"},
            streaming_callback=on_chunk,
            request_timeout=120,
        )
    )
    pid = hub.build_service_pid()
    try:
        await asyncio.wait_for(started.wait(), 90)
        os.kill(pid, signal.SIGSTOP)
        await asyncio.wait_for(stream, 60)
        events = parse(bytes(received))
        # Reported while the service is still stopped, as a silent build service.
        last = events[-1]
        assert last["phase"] == "failed"
        assert last["error"] == "silent"
        assert last["seconds"] == IDLE_TIMEOUT and "message" not in last
        # The build was still going when the service stopped: no image came out of it.
        assert not any(e.get("imageName") for e in events)
    finally:
        os.kill(pid, signal.SIGCONT)
        if not stream.done():
            stream.cancel()

    # The proxy still routes to the service: answering again, it is reachable at once.
    answer = await AsyncHTTPClient().fetch(hub.service_url + "versions", request_timeout=30)
    assert answer.code == 200
