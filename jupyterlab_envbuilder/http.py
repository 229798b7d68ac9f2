"""The one place the server extension makes outgoing HTTP requests (hub API, build service)."""

import json
from dataclasses import dataclass
from typing import Any, Optional

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest


@dataclass
class Response:
    code: int
    body: bytes
    error: Optional[str] = None

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


async def fetch(
    url: str,
    *,
    token: str = "",
    method: str = "GET",
    timeout: float = 10,
    headers: Optional[dict] = None,
) -> Response:
    """Fetch ``url``; never raises for HTTP or network errors, it reports them in the result.

    ``code`` is the HTTP status, or 0 when no answer came (``error`` says why).
    """
    all_headers = dict(headers or {})
    if token:
        all_headers["Authorization"] = f"token {token}"
    request = HTTPRequest(
        url,
        method=method,
        headers=all_headers,
        connect_timeout=timeout,
        request_timeout=timeout,
        follow_redirects=False,
    )
    try:
        response = await AsyncHTTPClient().fetch(request, raise_error=False)
    except HTTPClientError as e:  # pragma: no cover - raise_error=False covers HTTP codes
        return Response(e.code, b"", str(e))
    except Exception as e:
        return Response(0, b"", f"{type(e).__name__}: {e}")
    if response.code == 599:
        return Response(0, b"", str(response.error))
    return Response(response.code, response.body or b"")
