"""The one outgoing HTTP client of the package (httpx): the hub API, the build service.

``fetch`` asks once and never raises for HTTP or network errors; ``event_stream`` follows a
server-sent event stream and turns every transport failure into a :class:`StreamError` with a
``kind`` the caller explains. The server extension and the local build service both use it.
"""

import functools
import json
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Optional

import httpx

_ERROR_BODY_BYTES = 4096


@functools.lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    """One TLS context for every request: building it is most of the cost of a new client
    (tens of milliseconds, measured by bench/gateway.py)."""
    return ssl.create_default_context()


def _client(timeout: httpx.Timeout) -> httpx.AsyncClient:
    # trust_env=False: no proxy from the environment between a server and its own hub.
    return httpx.AsyncClient(
        timeout=timeout, trust_env=False, verify=_tls_context(), follow_redirects=False
    )


def _headers(token: str, headers: Optional[dict[str, str]]) -> dict[str, str]:
    merged = dict(headers or {})
    if token:
        merged["Authorization"] = f"token {token}"
    return merged


@dataclass
class Response:
    code: int
    body: bytes
    error: Optional[str] = None
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


async def fetch(
    url: str,
    *,
    token: str = "",
    method: str = "GET",
    timeout: float = 10,
    headers: Optional[dict[str, str]] = None,
    body: Optional[bytes] = None,
) -> Response:
    """Fetch ``url``; ``code`` is the HTTP status, or 0 when no answer came (``error`` says why)."""
    try:
        async with _client(httpx.Timeout(timeout)) as client:
            response = await client.request(
                method, url, headers=_headers(token, headers), content=body
            )
    except (httpx.HTTPError, OSError, ValueError) as e:
        return Response(0, b"", f"{type(e).__name__}: {e}")
    return Response(response.status_code, response.content, None, dict(response.headers))


class StreamError(Exception):
    """An event stream that cannot be followed: ``kind`` is ``unreachable`` (no connection),
    ``timeout`` (no answer in time), ``silent`` (nothing for ``idle_timeout`` once answered),
    ``cut`` (broken off) or ``notEventStream``."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


def event_data(block: str) -> str:
    """The data of one event (its lines without the blank one that ends it): the values of
    its ``data`` fields joined by newlines; comments and other fields are left out."""
    if block.startswith("data: ") and "\n" not in block:
        return block[6:]
    values = []
    for line in block.split("\n"):
        name, _, value = line.partition(":")
        if name == "data":
            values.append(value[1:] if value.startswith(" ") else value)
    return "\n".join(values)


class EventStream:
    """An open event stream: its status and headers, then the data of each event."""

    def __init__(self, response: httpx.Response) -> None:
        self.status = response.status_code
        self.headers = response.headers
        self._response = response

    async def error_message(self) -> str:
        """The ``message`` of a JSON error body (read up to a few KiB), or ''."""
        body = b""
        async for chunk in self._response.aiter_bytes():
            body += chunk
            if len(body) >= _ERROR_BODY_BYTES:
                break
        try:
            message = json.loads(body).get("message")
        except (ValueError, AttributeError):
            return ""
        return str(message) if message else ""

    async def data(self) -> AsyncIterator[list[str]]:
        """The data of each event with data (comments and empty events are skipped), in
        lists: the events that one network read completed.

        Parsed a network read at a time rather than line by line, and handed over the same
        way rather than one step of this generator per event: a build log is tens of
        thousands of events, and per-line decoding cost more than everything else the
        gateway does with them. Lines may end in CRLF, LF or CR (the event stream format)."""
        content_type = self.headers.get("content-type", "").partition(";")[0].strip()
        if content_type != "text/event-stream":
            raise StreamError(
                "notEventStream",
                f"Content-Type is {content_type!r}, not 'text/event-stream'",
            )
        buffer = ""
        async for text in self._response.aiter_text():
            buffer += text
            if "\r" in buffer:
                # A CR at the end may be the first half of a CRLF still to come.
                held = "\r" if buffer.endswith("\r") else ""
                body = buffer[:-1] if held else buffer
                buffer = body.replace("\r\n", "\n").replace("\r", "\n") + held
            *blocks, buffer = buffer.split("\n\n")
            found = [data for data in map(event_data, blocks) if data]
            if found:
                yield found


@asynccontextmanager
async def event_stream(url: str, *, token: str, idle_timeout: float) -> AsyncIterator[EventStream]:
    """Open ``url`` as an event stream; failures while opening or reading raise StreamError."""
    timeout = httpx.Timeout(10, read=idle_timeout)
    try:
        # BinderHub takes exactly this Accept header, no list.
        headers = _headers(token, {"Accept": "text/event-stream", "Cache-Control": "no-store"})
        async with _client(timeout) as client:
            async with client.stream("GET", url, headers=headers) as response:
                yield EventStream(response)
    except httpx.ReadTimeout as e:
        raise StreamError("silent", str(e)) from e
    except httpx.TimeoutException as e:
        raise StreamError("timeout", str(e)) from e
    except httpx.ConnectError as e:
        raise StreamError("unreachable", str(e)) from e
    except (httpx.RemoteProtocolError, httpx.ReadError) as e:
        raise StreamError("cut", str(e)) from e
