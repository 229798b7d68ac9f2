"""The snapshot store: a JupyterHub service holding environment snapshots by content.

Routes under the service prefix (``/services/snapshots/`` when registered as ``snapshots``):

- ``PUT api/snapshots/<sha>`` with ``{"files": [{"path", "executable", "data"}]}`` (data in
  base64): a user's server pushes a snapshot. The store rebuilds the content-addressed commit
  from the files and keeps it only if it is ``<sha>``. Answers ``{"sha", "url", "created"}``.
- ``POST api/snapshots/<sha>/uses``: a build uses a snapshot the store has (404 if it has not:
  then push it). Garbage collection keeps what was used recently (see ``store.py``).
- ``GET <sha>.git/...``: git's dumb HTTP protocol, read-only, for the build service. No user
  name and no secret in the URL: the same files have the same URL for everyone, so the build
  service names one image after them. A snapshot is as readable as the image built from it.
- ``GET api/``: the store's version and public URL, for the servers' handshake.

The two ``api/snapshots`` routes take a hub token with ``access:services!service=<name>``
(``configure()`` grants it to the ``user`` and ``server`` roles, so a server's own
``$JUPYTERHUB_API_TOKEN`` has it). Reads may be limited to given networks (``allowed_networks``).
"""

import asyncio
import ipaddress
import json
import os
import re
from typing import Any, Optional
from urllib.parse import urlsplit

from jupyterhub.services.auth import HubAuth, HubAuthenticated
from tornado.ioloop import PeriodicCallback
from tornado.log import app_log
from tornado.web import Application as WebApplication
from tornado.web import HTTPError, RequestHandler, authenticated
from traitlets import Float, Int, List, Unicode, default
from traitlets.config import Application

from ...config import Limits
from ...contract import MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES
from ...version import __version__
from .store import PushError, SnapshotStore, decode_files

Network = Any  # ipaddress.IPv4Network | ipaddress.IPv6Network


def client_address(peer: str, forwarded_for: str, trusted: list[Network]) -> Optional[str]:
    """The address a request came from: the peer, or, behind trusted proxies (the hub's), the
    last address in X-Forwarded-For that is not one of them. None if it does not parse."""
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    address = peer
    while True:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return None
        if not hops or not any(ip in network for network in trusted):
            return str(ip)
        address = hops.pop()


class JSONHandler(RequestHandler):
    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None))[1]
        message = self._reason
        if isinstance(exc, HTTPError) and exc.log_message:
            # HTTPError keeps the message %-escaped for logging: this undoes it.
            message = exc.log_message % exc.args
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"message": message}))

    def reply(self, status: int, body: dict) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))


class ServerHandler(HubAuthenticated, JSONHandler):
    """What users' servers ask, with their own hub token."""

    def initialize(self, store: SnapshotStore, limits: Limits, public_url: str) -> None:
        self.store = store
        self.limits = limits
        self.public_url = public_url

    def prepare(self) -> None:
        # A token without the scope: say what is missing (tornado's own 403 says nothing).
        if self.current_user is None:
            scope = max(self.hub_scopes or ["access to this service"], key=len)
            raise HTTPError(403, f"Forbidden: pushing a snapshot needs a hub token with {scope}")

    def answer(self, sha: str, created: bool) -> None:
        url = f"{self.public_url}{sha}.git"
        self.reply(201 if created else 200, {"sha": sha, "url": url, "created": created})


class PushHandler(ServerHandler):
    @authenticated
    async def put(self, sha: str) -> None:
        try:
            payload = json.loads(self.request.body or b"null")
        except ValueError:
            raise HTTPError(400, "The body of a push is JSON.") from None
        try:
            files = decode_files(payload, self.limits)
            pushed = await asyncio.to_thread(self.store.push, sha, files)
        except PushError as e:
            raise HTTPError(e.status, e.message) from None
        app_log.info("Snapshot %s %s", sha, "stored" if pushed.created else "pushed again")
        self.answer(sha, pushed.created)


class UseHandler(ServerHandler):
    @authenticated
    async def post(self, sha: str) -> None:
        if not self.store.use(sha):
            raise HTTPError(404, f"The store has no snapshot {sha}: push it.")
        self.answer(sha, created=False)


class GitHandler(JSONHandler):
    """Git's dumb HTTP protocol, read-only; public, or for the networks the admin allows."""

    def initialize(self, store: SnapshotStore, allowed: list, trusted: list) -> None:
        self.store = store
        self.allowed = allowed
        self.trusted = trusted

    def get(self, sha: str, path: str) -> None:
        if self.allowed:
            peer = self.request.connection.context.address[0]  # type: ignore[union-attr]
            forwarded = self.request.headers.get("X-Forwarded-For", "")
            address = client_address(peer, forwarded, self.trusted)
            ip = ipaddress.ip_address(address) if address else None
            if ip is None or not any(ip in network for network in self.allowed):
                raise HTTPError(403, "Snapshots are readable only from the build service.")
        served = self.store.served(sha, path)
        if served is None:
            raise HTTPError(404)
        data, content_type, immutable = served
        self.set_header("Content-Type", content_type)
        self.set_header("Cache-Control", "public, max-age=31536000" if immutable else "no-cache")
        self.finish(data)


class InfoHandler(JSONHandler):
    def initialize(self, public_url: str) -> None:
        self.public_url = public_url

    def get(self) -> None:
        self.reply(200, {"version": __version__, "url": self.public_url})


def networks(values: list[str]) -> list[Network]:
    return [ipaddress.ip_network(value, strict=False) for value in values]


class SnapshotStoreService(Application):
    """``python -m jupyterlab_envbuilder.hub.snapshotstore``, started by the hub."""

    name = "jupyterlab-envbuilder-snapshotstore"
    description = "Environment snapshots by content, for the hub's build service."

    service_url = Unicode(
        help="URL to listen on. Default: $JUPYTERHUB_SERVICE_URL, else http://127.0.0.1:8586.",
    ).tag(config=True)

    @default("service_url")
    def _default_service_url(self) -> str:
        return os.environ.get("JUPYTERHUB_SERVICE_URL") or "http://127.0.0.1:8586"

    service_prefix = Unicode(
        help="Path prefix of every route. Default: $JUPYTERHUB_SERVICE_PREFIX, else "
        "/services/snapshots/.",
    ).tag(config=True)

    @default("service_prefix")
    def _default_service_prefix(self) -> str:
        prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX") or "/services/snapshots/"
        return prefix if prefix.endswith("/") else prefix + "/"

    public_url = Unicode(
        help="""Where the build service clones snapshots from, ending in the service prefix,
        e.g. https://hub.example.org/services/snapshots/. It becomes part of every image name.
        Default: service_url + service_prefix.""",
    ).tag(config=True)

    @default("public_url")
    def _default_public_url(self) -> str:
        return self.service_url.rstrip("/") + self.service_prefix

    store_dir = Unicode(
        "envbuilder-snapshots", help="Folder holding the snapshots, <store_dir>/<sha>.git."
    ).tag(config=True)

    allowed_networks = List(
        Unicode(),
        help="""Networks (CIDR, e.g. 10.0.0.0/8) that may read snapshots, e.g. the build
        service's. Empty (the default): anyone who can reach the URL, as a BinderHub whose
        build pods clone through the hub's public URL needs.""",
    ).tag(config=True)

    trusted_proxies = List(
        Unicode(),
        ["127.0.0.1/32", "::1/128"],
        help="""Proxies (CIDR) whose X-Forwarded-For tells the reader's address for
        allowed_networks: the hub's proxy.""",
    ).tag(config=True)

    keep_unused_days = Float(
        30, help="Remove a snapshot no build has used for this many days."
    ).tag(config=True)

    gc_interval = Float(3600, help="Seconds between two garbage collections.").tag(config=True)

    max_file_size = Int(MAX_FILE_BYTES, help="Largest file a snapshot may hold, in bytes.").tag(
        config=True
    )
    max_total_size = Int(MAX_TOTAL_BYTES, help="Largest snapshot, in bytes.").tag(config=True)
    max_files = Int(MAX_FILES, help="Most files a snapshot may hold.").tag(config=True)

    port = Int(0, help="Port to listen on; 0 means the one in service_url.").tag(config=True)

    def make_app(self) -> WebApplication:
        prefix = re.escape(self.service_prefix)
        store = SnapshotStore(self.store_dir)
        self.store = store
        limits = Limits(self.max_file_size, self.max_total_size, self.max_files)
        public_url = self.public_url if self.public_url.endswith("/") else self.public_url + "/"
        HubAuth.instance(parent=self)  # the instance every HubAuthenticated handler uses
        push = {"store": store, "limits": limits, "public_url": public_url}
        git = {
            "store": store,
            "allowed": networks(self.allowed_networks),
            "trusted": networks(self.trusted_proxies),
        }
        return WebApplication(
            [
                (rf"{prefix}api/snapshots/([0-9a-f]{{40}})", PushHandler, push),
                (rf"{prefix}api/snapshots/([0-9a-f]{{40}})/uses", UseHandler, push),
                (rf"{prefix}([0-9a-f]{{40}})\.git/(.+)", GitHandler, git),
                (rf"{prefix}api/?", InfoHandler, {"public_url": public_url}),
            ]
        )

    def collect_garbage(self) -> None:
        removed = self.store.collect_garbage(self.keep_unused_days * 86400)
        if removed:
            self.log.info("Removed %d snapshots no build used lately", len(removed))

    def start(self) -> None:
        try:
            asyncio.run(self.serve())
        except KeyboardInterrupt:
            pass  # the hub stopping its services

    async def serve(self) -> None:
        url = urlsplit(self.service_url)
        app = self.make_app()
        # base64 in JSON: a third more than the files, plus the paths.
        body = self.max_total_size * 4 // 3 + 100 * self.max_files + 65536
        app.listen(self.port or url.port or 8586, url.hostname or "127.0.0.1", max_body_size=body)
        self.collect_garbage()
        PeriodicCallback(self.collect_garbage, self.gc_interval * 1000).start()
        self.log.info("Snapshot store at %s, in %s", self.public_url, self.store.root)
        await asyncio.Event().wait()


def main() -> None:
    SnapshotStoreService.launch_instance()
