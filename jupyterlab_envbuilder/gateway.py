"""The build gateway: the browser's way to the hub's build service (BinderHub's build API).

``GET envbuilder/build/<provider>/<spec>`` forwards to
``<build_service_url>/build/<provider>/<spec>?build_only=true`` with this server's hub token,
and only ever there. The build runs on in the server when every browser tab has gone: every
event is recorded (see :mod:`.history`), a tab that comes (back) gets the events so far, then
the new ones. What comes back is always a well-formed event stream that ends in one terminal
event: ``ready`` with ``imageName`` (the image is ready), or ``failed`` with a message a person
can act on, also when the build service is down, refuses, rate-limits or cuts the stream.
"""

import asyncio
import functools
import json
import logging
import os
import re
import ssl
from collections.abc import Callable
from typing import Any, Optional
from urllib.parse import unquote, urlsplit

import httpx
import tornado
from httpx_sse import SSEError, aconnect_sse
from jupyter_server.utils import url_path_join

from .config import EnvBuilder
from .eventstream import EventLog, Follower, encode_event
from .handlers import NAMESPACE, BaseHandler
from .history import RECORDS_DIRNAME, BuildRecord, build_id, list_records, read_record

log = logging.getLogger(__name__)

KEEPALIVE_INTERVAL = 25
_PROVIDER = re.compile(r"[A-Za-z0-9_-]+")
# What encodeURIComponent and BinderHub's specs produce; no "?", "#", "\" or spaces.
_SPEC_SEGMENT = re.compile(r"[A-Za-z0-9._~!*'()%@:+,=-]+")
_RETRY_SECONDS = re.compile(r"(\d+)\s*seconds?", re.IGNORECASE)
_ERROR_BODY_BYTES = 4096


class UpstreamError(Exception):
    """The build service cannot be asked, or followed to the end: why, for the user."""

    def __init__(self, message: str, error: str, **fields: Any) -> None:
        super().__init__(message)
        self.message = message
        self.error = error
        self.fields = fields

    def event(self) -> dict[str, Any]:
        return {
            "phase": "failed",
            "message": self.message + "\n",
            "error": self.error,
            "gateway": True,
            **self.fields,
        }


def service_scope(build_service_url: str) -> str:
    """The scope a server's token needs for the build service, after its hub service name."""
    match = re.search(r"/services/([^/]+)/?$", urlsplit(build_service_url).path)
    name = unquote(match.group(1)) if match else "binder"
    return f"access:services!service={name}"


def upstream_url(build_service_url: str, provider: str, spec: str) -> str:
    """``<build_service_url>/build/<provider>/<spec>?build_only=true``, or UpstreamError."""
    base = build_service_url.strip()
    if not base:
        raise UpstreamError(
            "No build service is configured for this server. An admin sets "
            "c.Spawner.environment = {'ENVBUILDER_BUILD_SERVICE_URL': "
            "'https://<hub>/services/binder/'} in jupyterhub_config.py.",
            "not-configured",
        )
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise UpstreamError(
            f"EnvBuilder.build_service_url is not an http(s) URL: {base!r}.", "not-configured"
        )
    segments = spec.split("/")
    if (
        not _PROVIDER.fullmatch(provider)
        or not all(_SPEC_SEGMENT.fullmatch(s) for s in segments)
        or any(unquote(s) in (".", "..") for s in segments)
    ):
        raise UpstreamError(f"Not a build spec: {provider}/{spec}", "bad-spec")
    url = base.rstrip("/") + f"/build/{provider}/{spec}?build_only=true"
    # The URL stays on the configured service whatever the spec holds.
    checked = urlsplit(url)
    same_service = (checked.scheme, checked.netloc) == (parts.scheme, parts.netloc)
    if not same_service or not checked.path.startswith(parts.path.rstrip("/") + "/build/"):
        raise UpstreamError(f"Not a build spec: {provider}/{spec}", "bad-spec")
    return url


def _retry_after(text: str, header: Optional[str]) -> Optional[int]:
    for candidate in (header or "", text):
        match = _RETRY_SECONDS.search(candidate) or re.fullmatch(r"\s*(\d+)\s*", candidate)
        if match:
            return int(match.group(1))
    return None


def explain_status(
    code: int, detail: str, scope: str, retry_after_header: Optional[str] = None
) -> tuple[str, str, dict[str, Any]]:
    """Message, error kind and extra fields for an HTTP status from the build service."""
    detail = detail.strip()
    suffix = f" ({detail})" if detail else ""
    if code in (401, 403):
        return (
            f"The build service refused this server (HTTP {code}): its token needs the scope "
            f"{scope}. Ask your hub admin to grant it to the 'server' role "
            f"(jupyterlab_envbuilder.hub.configure(c) does it){suffix}.",
            "forbidden",
            {"missingScope": scope},
        )
    if code == 429:
        seconds = _retry_after(detail, retry_after_header)
        when = f"try again in {seconds} seconds" if seconds else "try again later"
        fields = {"retryAfter": seconds} if seconds else {}
        return f"Rate limited by the build service: {when}.", "rate-limited", fields
    if code == 404:
        return (
            f"The build service has no such page (HTTP 404){suffix}. "
            "Check EnvBuilder.build_service_url.",
            "upstream-http",
            {},
        )
    if 300 <= code < 400:
        return (
            f"The build service redirected (HTTP {code}){suffix} instead of building: "
            "it may want a login, which means this server's token was not accepted.",
            "upstream-http",
            {},
        )
    if code >= 500:
        return (
            f"The build service failed (HTTP {code}){suffix}. Try again later; "
            "if it persists, tell your hub admin.",
            "upstream-http",
            {},
        )
    return f"The build service answered HTTP {code}{suffix}.", "upstream-http", {}


async def _error_detail(response: httpx.Response) -> str:
    body = b""
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) >= _ERROR_BODY_BYTES:
            break
    try:
        message = json.loads(body).get("message")
    except (ValueError, AttributeError):
        return ""
    return str(message) if message else ""


@functools.lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    """One TLS context for every build: building it is most of the cost of a new client
    (tens of milliseconds, measured by bench/gateway.py)."""
    return ssl.create_default_context()


async def stream_build_events(
    url: str,
    *,
    token: str,
    idle_timeout: float,
    scope: str,
    on_data: Callable[[str], bool],
) -> None:
    """The one place the gateway talks to the build service.

    Calls ``on_data`` with the data of each event until it returns True (then the stream
    is closed) or the service ends the stream. Raises UpstreamError for everything that
    keeps the stream from being followed: refused, unreachable, silent, cut.
    """
    headers = {"Authorization": f"token {token}"} if token else {}
    timeout = httpx.Timeout(10, read=idle_timeout)
    try:
        async with httpx.AsyncClient(
            timeout=timeout, trust_env=False, verify=_tls_context()
        ) as client:
            async with aconnect_sse(client, "GET", url, headers=headers) as source:
                response = source.response
                if response.status_code != 200:
                    message, error, fields = explain_status(
                        response.status_code,
                        await _error_detail(response),
                        scope,
                        response.headers.get("Retry-After"),
                    )
                    raise UpstreamError(message, error, status_code=response.status_code, **fields)
                async for event in source.aiter_sse():
                    if event.data and on_data(event.data):
                        return
    except SSEError as e:
        raise UpstreamError(
            f"The build service did not answer with an event stream ({e}). "
            "Check EnvBuilder.build_service_url.",
            "not-event-stream",
        ) from e
    except httpx.TimeoutException as e:
        if isinstance(e, httpx.ReadTimeout):
            message = f"No word from the build service for {idle_timeout:g} seconds; gave up."
            raise UpstreamError(message, "silent") from e
        message = f"The build service at {url} did not answer in time."
        raise UpstreamError(message, "unreachable") from e
    except httpx.ConnectError as e:
        raise UpstreamError(
            f"The build service cannot be reached ({e}). It may be down; try again later.",
            "unreachable",
        ) from e
    except (httpx.RemoteProtocolError, httpx.ReadError) as e:
        raise UpstreamError(
            f"The connection to the build service broke off mid-build ({e}). "
            "The build may go on there: build again to attach to it.",
            "cut",
        ) from e


def interpret(data: str, scope: str) -> dict[str, Any]:
    """One event from the build service as the browser gets it.

    The phase is lower-cased; a ``failed`` event gets a message a person can act on (the
    service's own text stays in ``detail``); a line that is not a JSON object becomes a log
    line with a ``warning``.
    """
    try:
        event = json.loads(data)
    except ValueError:
        event = None
    if not isinstance(event, dict):
        log.warning("The build service sent a line that is not a JSON object: %.200r", data)
        return {
            "message": data + "\n",
            "warning": "The build service sent this line, which is not a JSON object.",
        }
    phase = event.get("phase")
    if isinstance(phase, str):
        event["phase"] = phase = phase.strip().lower()
    if phase != "failed":
        return event
    original = event.get("message")
    text = original.strip() if isinstance(original, str) else ""
    code = event.get("status_code")
    if isinstance(code, int) and code >= 300:
        message, error, fields = explain_status(code, text, scope)
        detail = {"detail": text} if text else {}
        return {**event, **fields, **detail, "message": message + "\n", "error": error}
    if text:
        return {**event, "error": "build-failed"}
    message = "The build failed; the build service gave no reason. The log above may show why."
    return {**event, "message": message + "\n", "error": "build-failed"}


class Build:
    """One build followed by the gateway: its events, its record, its result."""

    def __init__(self, provider: str, spec: str, records_dir: str) -> None:
        self.record = BuildRecord(records_dir, provider, spec)
        # One running build per spec; each build has a record (and log) of its own.
        self.id = build_id(provider, spec)
        self.log = EventLog()
        self.result: Optional[str] = None
        self.image_name: Optional[str] = None
        self.message: Optional[str] = None
        self.task: Optional[asyncio.Task] = None

    @property
    def finished(self) -> bool:
        return self.result is not None

    def add(self, event: dict[str, Any]) -> None:
        """Record and pass on an event; a terminal one settles the result."""
        if self.finished:
            return
        self.record.add(event)
        self.log.append(event)
        phase = event.get("phase")
        image = event.get("imageName") or event.get("image")
        if phase == "failed":
            self._settle("failed", None, event.get("message"))
        elif phase == "ready":
            if image:
                result = "dry-run" if event.get("dryRun") else "built"
                self._settle(result, str(image), event.get("message"))
            else:
                self.fail("The build service said ready but named no image.", "no-image")
        elif phase == "built" and image:
            # Without build_only BinderHub would launch next: never follow it there.
            self.add(
                {
                    "phase": "ready",
                    "imageName": image,
                    "message": "Done! Image built; not launching anything from here.\n",
                    "gateway": True,
                }
            )

    def fail(self, message: str, error: str, **fields: Any) -> None:
        self.add(UpstreamError(message, error, **fields).event())

    def _settle(self, result: str, image: Optional[str], message: Any) -> None:
        self.result = result
        self.image_name = image
        self.message = message.strip() if isinstance(message, str) else None

    def close(self) -> None:
        if not self.finished:
            self.fail("The build gateway stopped following this build.", "gateway")
        self.record.finish(self.result or "failed", self.image_name, self.message)
        self.log.close()


class BuildGateway:
    """The builds this server follows, at most one per spec."""

    def __init__(self, config: EnvBuilder) -> None:
        self.config = config
        self.builds: dict[str, Build] = {}

    @property
    def records_dir(self) -> str:
        return os.path.join(self.config.data_dir, RECORDS_DIRNAME)

    def running_ids(self) -> set[str]:
        """Record ids of the builds being followed."""
        return {build.record.id for build in self.builds.values()}

    def attach(self, provider: str, spec: str) -> Build:
        """The running build of this spec, or a new one (raises UpstreamError if refused)."""
        running = self.builds.get(build_id(provider, spec))
        if running is not None:
            return running
        url = upstream_url(self.config.build_service_url, provider, spec)
        build = Build(provider, spec, self.records_dir)
        self.builds[build.id] = build
        build.task = asyncio.ensure_future(self._follow(build, url))
        return build

    async def _follow(self, build: Build, url: str) -> None:
        scope = service_scope(self.config.build_service_url)

        def on_data(data: str) -> bool:
            build.add(interpret(data, scope))
            return build.finished

        try:
            await stream_build_events(
                url,
                token=os.environ.get("JUPYTERHUB_API_TOKEN", ""),
                idle_timeout=self.config.build_idle_timeout,
                scope=scope,
                on_data=on_data,
            )
            if not build.finished:
                build.fail(
                    "The build service closed the stream before the build finished. "
                    "Build again to see whether it goes on.",
                    "cut",
                )
        except UpstreamError as e:
            build.add(e.event())
        except Exception as e:
            log.exception("Build gateway failed following %s", url)
            build.fail(f"The build gateway failed: {type(e).__name__}: {e}", "gateway")
        finally:
            self.builds.pop(build.id, None)
            build.close()


class BuildHandler(BaseHandler):
    """``GET envbuilder/build/<provider>/<spec>``: the event stream of a build."""

    def initialize(self, config: EnvBuilder, gateway: BuildGateway) -> None:
        super().initialize(config)
        self.gateway = gateway
        self.follower: Optional[Follower] = None

    def on_connection_close(self) -> None:
        if self.follower is not None:
            self.follower.stop()

    async def send(self, chunk: bytes) -> None:
        self.write(chunk)
        await self.flush()

    @tornado.web.authenticated
    async def get(self, provider: str, _spec: str) -> None:
        # The spec as sent, before tornado decodes "%2F" into "/".
        prefix = url_path_join(self.base_url, NAMESPACE, "build", provider) + "/"
        path = self.request.path
        spec = path[len(prefix) :] if path.startswith(prefix) else _spec
        self.set_header("Content-Type", "text/event-stream")
        self.set_header("Cache-Control", "no-cache")
        self.set_header("X-Accel-Buffering", "no")
        try:
            build = self.gateway.attach(provider, spec)
        except UpstreamError as e:
            self.write(encode_event(e.event()))
            return
        self.set_header("X-Envbuilder-Build-Id", build.record.id)
        await self.flush()
        self.follower = Follower()
        await build.log.follow(self.follower, self.send, KEEPALIVE_INTERVAL)

    def finish(self, *args: Any, **kwargs: Any) -> Any:
        if self.get_status() == 200:
            kwargs.setdefault("set_content_type", "text/event-stream")
        return super().finish(*args, **kwargs)


class BuildsHandler(BaseHandler):
    """``GET envbuilder/builds``: the build history, newest first."""

    def initialize(self, config: EnvBuilder, gateway: BuildGateway) -> None:
        super().initialize(config)
        self.gateway = gateway

    @tornado.web.authenticated
    def get(self) -> None:
        records = list_records(self.gateway.records_dir, self.gateway.running_ids())
        self.reply({"builds": records})


class BuildRecordHandler(BuildsHandler):
    """``GET envbuilder/builds/<id>``: one build record with its events."""

    @tornado.web.authenticated
    def get(self, record_id: str) -> None:
        running = record_id in self.gateway.running_ids()
        record = read_record(self.gateway.records_dir, record_id, running)
        if record is None:
            raise tornado.web.HTTPError(404, f"No build record {record_id!r}.")
        self.reply(record)


def build_routes(route: str, config: EnvBuilder) -> list[tuple]:
    gateway = BuildGateway(config)
    kwargs = {"config": config, "gateway": gateway}
    return [
        (url_path_join(route, "build", r"([^/]+)/(.+)"), BuildHandler, kwargs),
        (url_path_join(route, "builds"), BuildsHandler, kwargs),
        (url_path_join(route, "builds", r"([^/]+)"), BuildRecordHandler, kwargs),
    ]
