"""The local build service: BinderHub's build API for one machine, as a JupyterHub service.

Routes under the service prefix (``/services/binder/`` when registered as ``binder``):

- ``GET build/git/<url-encoded repository>/<sha>?build_only=true`` with
  ``Accept: text/event-stream``: the build's event stream, as BinderHub sends it. Like
  BinderHub, errors come as a ``failed`` event with ``status_code`` in an HTTP 200 stream.
- ``GET versions``, ``GET health``: public, as in BinderHub.

Requests are authenticated with the hub: the token must carry ``access:services!service=<name>``.
"""

import asyncio
import json
import os
import re
from http.client import responses
from typing import Any, Optional
from urllib.parse import unquote, urlsplit

import jupyterhub
import repo2docker
from jupyterhub.services.auth import HubAuth, HubAuthenticated
from tornado.iostream import StreamClosedError
from tornado.web import Application as WebApplication
from tornado.web import HTTPError, RequestHandler, authenticated
from traitlets import Enum, Float, Int, List, Unicode, default
from traitlets.config import Application

from ...eventstream import Follower, encode_event
from ...http import fetch
from ...version import __version__
from .builds import Builder

_SHA = re.compile(r"[0-9a-f]{40}")


def parse_git_spec(spec: str) -> tuple[str, str]:
    """Repository URL and SHA of ``<url-encoded repository>/<sha>``, or ValueError."""
    escaped, _, ref = spec.rstrip("/").partition("/")
    repo_url = unquote(escaped)
    if not escaped or not ref:
        raise ValueError(f"Expected <url-encoded repository>/<sha>, got {spec!r}")
    scheme = urlsplit(repo_url).scheme
    if scheme not in ("http", "https"):
        raise ValueError(f"Unsupported git url {repo_url}: only http and https are built here")
    if not _SHA.fullmatch(ref):
        raise ValueError(f"This build service needs a full 40-character commit SHA, not {ref!r}")
    return repo_url, ref


class BuildHandler(HubAuthenticated, RequestHandler):
    """The build API: an event stream, whose errors are events too (EventSource has no status)."""

    def initialize(self, builder: Builder, keepalive_interval: float) -> None:
        self.builder = builder
        self.keepalive_interval = keepalive_interval
        self.follower: Optional[Follower] = None

    def set_default_headers(self) -> None:
        self.set_header("Content-Type", "text/event-stream")
        self.set_header("Cache-Control", "no-cache")

    def get_login_url(self) -> str:
        # No login page for an event stream: say what is missing instead.
        # The narrowest scope that grants access (the hub offers it and access:services).
        scope = max(self.hub_scopes or ["access to this service"], key=len)
        raise HTTPError(403, f"Forbidden: this needs a hub token with the scope {scope}")

    def prepare(self) -> None:
        # Exactly BinderHub's check: a list of types is not an event-stream request.
        accept = self.request.headers.get("Accept", "")
        if "text/event-stream" not in {part.strip().lower() for part in accept.split(";")}:
            raise HTTPError(400, "Missing Accept header: text/event-stream")

    def send_error(self, status_code: int = 500, **kwargs: Any) -> None:
        message = ""
        exc_info = kwargs.get("exc_info")
        if exc_info and isinstance(exc_info[1], HTTPError):
            message = exc_info[1].log_message or ""
        event = {
            "phase": "failed",
            "status_code": status_code,
            "message": (message or responses.get(status_code, "Unknown HTTP Error")) + "\n",
        }
        self.write(encode_event(event))
        self.finish()

    async def emit(self, event: dict[str, Any]) -> None:
        await self.send(encode_event(event))

    async def send(self, chunk: bytes) -> None:
        try:
            self.write(chunk)
            await self.flush()
        except StreamClosedError:
            self.on_connection_close()

    def on_connection_close(self) -> None:
        if self.follower is not None:
            self.follower.stop()

    @authenticated
    async def get(self, provider: str, _spec: str) -> None:
        if self.get_query_argument("build_only", "").lower() != "true":
            raise HTTPError(
                400, "This build service only builds images: add build_only=true to the request."
            )
        if provider != "git":
            message = f"No provider found for prefix {provider}\n"
            await self.emit({"phase": "failed", "message": message})
            return
        # The spec as sent, before tornado decodes "%2F" into "/".
        prefix = f"{self.settings['service_prefix']}build/{provider}/"
        path = self.request.path
        spec = path[len(prefix) :] if path.startswith(prefix) else _spec
        try:
            repo_url, ref = parse_git_spec(spec)
        except ValueError as e:
            await self.emit({"phase": "failed", "message": f"{e}\n"})
            return
        user = self.current_user if isinstance(self.current_user, dict) else {}
        build = await self.builder.build(repo_url, ref, requested_by=user.get("name", ""))
        if isinstance(build, dict):
            await self.emit(build)
            return
        self.follower = Follower()
        await build.log.follow(self.follower, self.send, self.keepalive_interval)


class VersionsHandler(RequestHandler):
    def initialize(self, builder: Builder) -> None:
        self.builder = builder

    async def get(self) -> None:
        dry_run = await self.builder.dry_run()
        self.set_header("Content-Type", "application/json")
        self.set_header("Access-Control-Allow-Origin", "*")
        self.finish(
            json.dumps(
                {
                    "builder_info": {
                        "repo2docker-version": repo2docker.__version__,
                        "container-engine": None if dry_run else "docker",
                        "dryRun": dry_run,
                    },
                    "binderhub": f"jupyterlab-envbuilder {__version__} (local build service)",
                }
            )
        )


class HealthHandler(RequestHandler):
    def initialize(self, builder: Builder, hub_api_url: str) -> None:
        self.builder = builder
        self.hub_api_url = hub_api_url

    async def hub_ok(self) -> bool:
        if not self.hub_api_url:
            return False
        response = await fetch(self.hub_api_url.rstrip("/") + "/", timeout=3)
        return response.code == 200

    async def get(self) -> None:
        dry_run = await self.builder.dry_run()
        checks = [
            {"service": "JupyterHub API", "ok": await self.hub_ok()},
            {"service": "Container engine", "ok": True, "dryRun": dry_run},
        ]
        ok = all(check["ok"] for check in checks)
        self.set_status(200 if ok else 503)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"ok": ok, "checks": checks}))


def default_appendix() -> str:
    """What an image needs to come back as a server of this hub with this extension."""
    packages = [f"jupyterhub=={jupyterhub.__version__}", "jupyterlab>=4.4,<5"]
    # A development version is not on PyPI: then the image gets the latest release.
    release = __version__.replace(".", "").isdigit()
    packages.append(f"jupyterlab-envbuilder=={__version__}" if release else "jupyterlab-envbuilder")
    return "RUN python3 -m pip install --no-cache-dir " + " ".join(f"'{p}'" for p in packages)


class LocalBuildService(Application):
    """``python -m jupyterlab_envbuilder.hub.localbuilder``, started by the hub."""

    name = "jupyterlab-envbuilder-localbuilder"
    description = "BinderHub's build API on one machine, backed by repo2docker."

    service_url = Unicode(
        help="URL to listen on. Default: $JUPYTERHUB_SERVICE_URL, else http://127.0.0.1:8585.",
    ).tag(config=True)

    @default("service_url")
    def _default_service_url(self) -> str:
        return os.environ.get("JUPYTERHUB_SERVICE_URL") or "http://127.0.0.1:8585"

    service_prefix = Unicode(
        help="""Path prefix of every route.
        Default: $JUPYTERHUB_SERVICE_PREFIX, else /services/binder/.""",
    ).tag(config=True)

    @default("service_prefix")
    def _default_service_prefix(self) -> str:
        prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX") or "/services/binder/"
        return prefix if prefix.endswith("/") else prefix + "/"

    keepalive_interval = Float(
        25, help="Seconds between ':keepalive' comments on an event stream (BinderHub: 25)."
    ).tag(config=True)

    image_prefix = Unicode(
        "envbuilder-", help="Prefix of the names of the images built (BinderHub's image_prefix)."
    ).tag(config=True)

    container_engine = Enum(
        ["auto", "docker", "none"],
        default_value="auto",
        help="""'docker' builds images; 'none' always does repo2docker's dry run (--no-build);
        'auto' builds when a docker daemon answers and does a dry run otherwise.""",
    ).tag(config=True)

    repo2docker_command = List(
        Unicode(),
        help="Command that runs repo2docker. Default: this Python's ``-m repo2docker``.",
    ).tag(config=True)

    port = Int(0, help="Port to listen on; 0 means the one in service_url.").tag(config=True)

    appendix = Unicode(
        help="""Dockerfile lines added at the end of every build (BinderHub's ``appendix``),
        so that each image can run as this hub's server with this extension: by default they
        install the running JupyterHub's version of jupyterhub and jupyterlab-envbuilder.
        Set it to '' to build the images unchanged.""",
    ).tag(config=True)

    @default("appendix")
    def _default_appendix(self) -> str:
        return default_appendix()

    def make_app(self) -> WebApplication:
        prefix = self.service_prefix
        builder = Builder(
            image_prefix=self.image_prefix,
            container_engine=self.container_engine,
            repo2docker_command=self.repo2docker_command or None,
            appendix=self.appendix,
        )
        # The instance every HubAuthenticated handler uses.
        hub_auth = HubAuth.instance(parent=self)
        stream = {"builder": builder, "keepalive_interval": self.keepalive_interval}
        return WebApplication(
            [
                (rf"{re.escape(prefix)}build/([^/]+)/(.+)", BuildHandler, stream),
                (rf"{re.escape(prefix)}versions", VersionsHandler, {"builder": builder}),
                (
                    rf"{re.escape(prefix)}health",
                    HealthHandler,
                    {"builder": builder, "hub_api_url": hub_auth.api_url},
                ),
            ],
            service_prefix=prefix,
        )

    def start(self) -> None:
        try:
            asyncio.run(self.serve())
        except KeyboardInterrupt:
            pass  # the hub stopping its services

    async def serve(self) -> None:
        url = urlsplit(self.service_url)
        app = self.make_app()
        app.listen(self.port or url.port or 8585, url.hostname or "127.0.0.1")
        where = self.service_url.rstrip("/") + self.service_prefix
        self.log.info("Local build service at %s", where)
        await asyncio.Event().wait()


def main() -> None:
    LocalBuildService.launch_instance()
