"""The build gateway: the browser's way to the hub's build service (BinderHub's build API).

A build of ``<provider>/<spec>`` (``GET envbuilder/build/<provider>/<spec>``) forwards to
``<build_service_url>/build/<provider>/<spec>?build_only=true`` with this server's hub token,
and only ever there. The build runs on in the server when every browser tab has gone: every
event is recorded (see :mod:`.history`), a tab that comes (back) gets the events so far, then
the new ones; the log text of one network read goes to them as one event (the record keeps
each). What comes back is always a well-formed event stream that ends in one terminal
event: ``ready`` with ``imageName`` (the image is ready), or ``failed`` with an ``error`` code
and its parameters, also when the build service is down, refuses, rate-limits or cuts the
stream. The gateway's own events carry no prose: the Lab page words each code in the user's
language; the build service's own text stays as it came (``message`` or ``detail``).
"""

import asyncio
import json
import logging
import re
from collections.abc import Callable
from typing import Any, Optional
from urllib.parse import unquote, urlsplit

from .config import EnvBuilder
from .errors import EnvBuilderError
from .eventstream import EventLog, parse_json
from .history import BuildRecord, build_id, prune_records
from .http import StreamError, event_stream

log = logging.getLogger(__name__)

_PROVIDER = re.compile(r"[A-Za-z0-9_-]+")
# What encodeURIComponent and BinderHub's specs produce; no "?", "#", "\" or spaces.
_SPEC_SEGMENT = re.compile(r"[A-Za-z0-9._~!*'()%@:+,=-]+")
_RETRY_SECONDS = re.compile(r"(\d+)\s*seconds?", re.IGNORECASE)
# Log text only: such events of one network read go to the browser as one (see Build.add_all).
_TEXT_KEYS = frozenset(("phase", "message", "dryRun"))
_TEXT_PHASES = frozenset(("waiting", "fetching", "building", "pushing", "unknown"))
# At most this much log text in one event: a page takes an event in one piece of work.
TEXT_EVENT_CHARS = 64 * 1024
# Such an event as json.dumps writes it (BinderHub and the local build service do): taken as
# it is, without parsing it, its message joined to others as it is escaped (JSON's escapes
# stand alone, so the joined text reads as the messages joined). Anything else is parsed.
_TEXT_EVENT = re.compile(
    r'\{"phase": "(waiting|fetching|building|pushing|unknown)", '
    r'"message": "((?:[^"\\\x00-\x1f]+|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*)"'
    r'(?:, "dryRun": (true|false))?\}'
)


def upstream_error(message: str, error: str, **fields: Any) -> EnvBuilderError:
    """The build service cannot be asked, or followed to the end: why, for the user."""
    return EnvBuilderError(502, error, message, **fields)


def is_text_event(event: dict[str, Any]) -> bool:
    """Whether an event is only log text of a phase that goes on (see Build.add_all)."""
    return (
        isinstance(event.get("message"), str)
        and event.get("phase") in _TEXT_PHASES
        and _TEXT_KEYS.issuperset(event)
    )


def failed_event(e: EnvBuilderError) -> dict[str, Any]:
    """The terminal event a build that the gateway gave up on ends with: the error's code and
    parameters; its English message goes to the server log only."""
    log.info("Build failed (%s): %s", e.reason, e.message)
    return {"phase": "failed", "error": e.reason, "gateway": True, **e.details}


def upstream_url(build_service_url: str, provider: str, spec: str) -> str:
    """``<build_service_url>/build/<provider>/<spec>?build_only=true``, or EnvBuilderError."""
    base = build_service_url.strip()
    if not base:
        raise upstream_error(
            "No build service is configured for this server. An admin sets "
            "c.Spawner.environment = {'ENVBUILDER_BUILD_SERVICE_URL': "
            "'https://<hub>/services/binder/'} in jupyterhub_config.py.",
            "notConfigured",
            setting="EnvBuilder.build_service_url",
        )
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise upstream_error(
            f"EnvBuilder.build_service_url is not an http(s) URL: {base!r}.",
            "notConfigured",
            setting="EnvBuilder.build_service_url",
        )
    segments = spec.split("/")
    if (
        not _PROVIDER.fullmatch(provider)
        or not all(_SPEC_SEGMENT.fullmatch(s) for s in segments)
        or any(unquote(s) in (".", "..") for s in segments)
    ):
        raise EnvBuilderError(400, "badSpec", f"Not a build spec: {provider}/{spec}")
    url = base.rstrip("/") + f"/build/{provider}/{spec}?build_only=true"
    # The URL stays on the configured service whatever the spec holds.
    checked = urlsplit(url)
    same_service = (checked.scheme, checked.netloc) == (parts.scheme, parts.netloc)
    if not same_service or not checked.path.startswith(parts.path.rstrip("/") + "/build/"):
        raise EnvBuilderError(400, "badSpec", f"Not a build spec: {provider}/{spec}")
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
        return f"Rate limited by the build service: {when}.", "rateLimited", fields
    if code == 404:
        return (
            f"The build service has no such page (HTTP 404){suffix}. "
            "Check EnvBuilder.build_service_url.",
            "upstreamHttp",
            {},
        )
    if 300 <= code < 400:
        return (
            f"The build service redirected (HTTP {code}){suffix} instead of building: "
            "it may want a login, which means this server's token was not accepted.",
            "upstreamHttp",
            {},
        )
    if code >= 500:
        return (
            f"The build service failed (HTTP {code}){suffix}. Try again later; "
            "if it persists, tell your hub admin.",
            "upstreamHttp",
            {},
        )
    return f"The build service answered HTTP {code}{suffix}.", "upstreamHttp", {}


async def stream_build_events(
    url: str,
    *,
    token: str,
    idle_timeout: float,
    scope: str,
    on_data: Callable[[list[str]], bool],
) -> None:
    """Follow the build service's event stream of one build.

    Calls ``on_data`` with the data of the events of each network read until it returns
    True (then the stream is closed) or the service ends the stream. Raises EnvBuilderError
    for everything that keeps the stream from being followed: refused, unreachable, silent,
    cut.
    """
    try:
        async with event_stream(url, token=token, idle_timeout=idle_timeout) as stream:
            if stream.status != 200:
                message, error, fields = explain_status(
                    stream.status,
                    await stream.error_message(),
                    scope,
                    stream.headers.get("Retry-After"),
                )
                raise upstream_error(message, error, status_code=stream.status, **fields)
            async for found in stream.data():
                if on_data(found):
                    return
    except StreamError as e:
        raise _stream_failure(e, url, idle_timeout) from e


def _stream_failure(e: StreamError, url: str, idle_timeout: float) -> EnvBuilderError:
    if e.kind == "notEventStream":
        return upstream_error(
            f"The build service did not answer with an event stream ({e.detail}).",
            "notEventStream",
            detail=e.detail,
            setting="EnvBuilder.build_service_url",
        )
    if e.kind == "silent":
        message = f"No word from the build service for {idle_timeout:g} seconds; gave up."
        return upstream_error(message, "silent", seconds=idle_timeout)
    if e.kind == "timeout":
        message = f"The build service at {url} did not answer in time."
        return upstream_error(message, "unreachable", detail="timeout")
    if e.kind == "unreachable":
        message = f"The build service cannot be reached ({e.detail})."
        return upstream_error(message, "unreachable", detail=e.detail)
    message = f"The connection to the build service broke off mid-build ({e.detail})."
    return upstream_error(message, "cut", detail=e.detail)


def interpret(data: str, scope: str) -> tuple[dict[str, Any], Optional[str]]:
    """One event from the build service as the browser gets it, and its JSON text when that
    is the service's own, unchanged (most events: the record keeps them without re-encoding).

    The phase is lower-cased; a ``failed`` event gets an ``error`` code (an HTTP status of
    the service's becomes its code and parameters, the service's own text moving to
    ``detail``); a line that is not a JSON object becomes a log line with ``warning: notJson``.
    """
    event = parse_json(data)
    if not isinstance(event, dict):
        log.warning("The build service sent a line that is not a JSON object: %.200r", data)
        return {"message": data + "\n", "warning": "notJson"}, None
    # An event's data may span lines; on the wire it must be one.
    verbatim: Optional[str] = None if "\n" in data or "\r" in data else data
    phase = event.get("phase")
    if isinstance(phase, str):
        normal = phase.strip().lower()
        if normal != phase:
            event["phase"] = phase = normal
            verbatim = None
    if phase != "failed":
        return event, verbatim
    original = event.get("message")
    text = original.strip() if isinstance(original, str) else ""
    code = event.get("status_code")
    if isinstance(code, int) and code >= 300:
        _message, error, fields = explain_status(code, text, scope)
        detail = {"detail": text} if text else {}
        rest = {k: v for k, v in event.items() if k != "message"}
        return {**rest, **fields, **detail, "error": error}, None
    if not text:
        # No word from the service: no message, the page says it in its own words.
        event.pop("message", None)
    return {**event, "error": "buildFailed"}, None


class Build:
    """One build followed by the gateway: its events, its record, its result."""

    def __init__(self, provider: str, spec: str, records_dir: str, max_bytes: int) -> None:
        self.record = BuildRecord(records_dir, provider, spec, max_bytes)
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

    def add(self, event: dict[str, Any], encoded: Optional[str] = None) -> None:
        """Record and pass on an event (``encoded``: its JSON text, when known); a terminal
        one settles the result."""
        if self.finished:
            return
        self.record.add(event, self.log.append(event, encoded))
        phase = event.get("phase")
        image = event.get("imageName") or event.get("image")
        if phase == "failed":
            self._settle("failed", None, event.get("message"))
        elif phase == "ready":
            if image:
                result = "dry-run" if event.get("dryRun") else "built"
                self._settle(result, str(image), event.get("message"))
            else:
                self.fail("The build service said ready but named no image.", "noImage")
        elif phase == "built" and image:
            # Without build_only BinderHub would launch next: never follow it there.
            self.add({"phase": "ready", "imageName": image, "gateway": True})

    def add_all(self, found: list[str], scope: str) -> None:
        """Add the events of one network read, each the data of one server-sent event.

        The record keeps each event. Consecutive ones that are only log text of one phase go
        to the browser as one event with their messages joined (up to ``TEXT_EVENT_CHARS``
        of JSON text): a build service sends a 50,000-line log as 50,000 events, and each
        event costs the page an object to parse and collect. The text, the phases and the
        end are the same.
        """
        escaped: list[str] = []
        recorded: list[str] = []
        size = 0
        kind: Optional[tuple[str, Any]] = None
        for data in found:
            if self.finished:
                break
            match = _TEXT_EVENT.fullmatch(data)
            if match:
                phase, text, dry_run = match.groups()
                this = (phase, None if dry_run is None else dry_run == "true")
                encoded: Optional[str] = data
            else:
                event, encoded = interpret(data, scope)
                if not is_text_event(event):
                    self._add_text(kind, escaped, recorded)
                    escaped, size, kind = [], 0, None
                    self.add(event, encoded)
                    continue
                this = (event["phase"], event.get("dryRun"))
                text = json.dumps(event["message"])[1:-1]
                encoded = encoded or json.dumps(event)
            if kind != this or size >= TEXT_EVENT_CHARS:
                self._add_text(kind, escaped, recorded)
                escaped, size, kind = [], 0, this
            recorded.append(encoded)
            escaped.append(text)
            size += len(text)
        self._add_text(kind, escaped, recorded)

    def _add_text(
        self, kind: Optional[tuple[str, Any]], escaped: list[str], recorded: list[str]
    ) -> None:
        """Record the events of log text in ``recorded`` (emptied), and pass their messages
        on as JSON escapes them, ``escaped``: one event for the browser."""
        if recorded:
            self.record.add_texts(recorded)
            recorded.clear()
        if kind is None or not escaped:
            return
        phase, dry_run = kind
        more = "" if dry_run is None else f', "dryRun": {json.dumps(dry_run)}'
        joined = "".join(escaped)
        self.log.append_encoded(f'{{"phase": "{phase}", "message": "{joined}"{more}}}')

    def fail(self, message: str, error: str, **fields: Any) -> None:
        """End the build with ``error``; ``message`` is for the server log."""
        self.add(failed_event(upstream_error(message, error, **fields)))

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

    def running_ids(self) -> set[str]:
        """Record ids of the builds being followed."""
        return {build.record.id for build in self.builds.values()}

    def flush_record(self, record_id: str) -> None:
        """Write out what a running build's record holds so far, for a reader of the file."""
        for build in self.builds.values():
            if build.record.id == record_id:
                build.record.flush()

    def running(self, provider: str, spec: str) -> Optional[Build]:
        """The build of this spec being followed, if any: what a GET attaches to."""
        return self.builds.get(build_id(provider, spec))

    def attach(self, provider: str, spec: str) -> Build:
        """The running build of this spec, or a new one (raises EnvBuilderError if refused)."""
        running = self.running(provider, spec)
        if running is not None:
            return running
        config = self.config
        url = upstream_url(config.gateway_build_service_url, provider, spec)
        prune_records(config.records_dir, max(config.max_build_records - 1, 0))
        build = Build(provider, spec, config.records_dir, config.max_build_record_size)
        self.builds[build.id] = build
        build.task = asyncio.ensure_future(self._follow(build, url))
        return build

    async def _follow(self, build: Build, url: str) -> None:
        scope = self.config.build_service_scope

        def on_data(found: list[str]) -> bool:
            build.add_all(found, scope)
            return build.finished

        try:
            await stream_build_events(
                url,
                token=self.config.hub_api_token,
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
        except EnvBuilderError as e:
            build.add(failed_event(e))
        except Exception as e:
            log.exception("Build gateway failed following %s", url)
            build.fail(f"The build gateway failed: {e!r}", "gateway", detail=type(e).__name__)
        finally:
            self.builds.pop(build.id, None)
            build.close()
