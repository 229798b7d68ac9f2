"""Publishing a snapshot to the hub's snapshot store (``hub/snapshotstore``).

The store holds snapshots by content at ``<store>/<sha>.git``: the same files give the same
URL for every user and server, so the build service names one image after them and builds
once. A build first tells the store it uses the snapshot (``POST api/snapshots/<sha>/uses``,
which keeps it from garbage collection); only when the store does not have it are the files
sent (``PUT api/snapshots/<sha>``), and the store checks they make that very commit.
Requests go out with the server's own hub token, through ``send`` (the one HTTP client).
"""

import base64
import json
from collections.abc import Awaitable
from typing import Callable, Optional

from .errors import EnvBuilderError
from .snapshots import SnapshotFile

# (method, url, body) → (HTTP status, or 0 when nothing answered; body or the error)
Send = Callable[[str, str, Optional[bytes]], Awaitable[tuple[int, bytes]]]


def push_body(files: list[SnapshotFile]) -> bytes:
    entries = [
        {"path": f.path, "executable": f.executable, "data": base64.b64encode(f.data).decode()}
        for f in files
    ]
    return json.dumps({"files": entries}).encode()


def _message(body: bytes) -> str:
    try:
        message = json.loads(body).get("message")
    except (ValueError, AttributeError):
        message = None
    return str(message) if message else body[:200].decode("utf-8", "replace").strip()


async def publish(store_url: str, sha: str, files: list[SnapshotFile], send: Send) -> str:
    """Make sure the store has the snapshot ``sha`` of ``files``; the URL builds clone."""
    base = store_url.rstrip("/") + "/api/snapshots/" + sha
    status, body = await send("POST", base + "/uses", None)
    if status == 404:
        status, body = await send("PUT", base, push_body(files))
    if status in (200, 201):
        try:
            url = json.loads(body)["url"]
        except (ValueError, KeyError, TypeError):
            url = None
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            return url
        raise EnvBuilderError(
            502, "snapshotStoreAnswer", "The hub's snapshot store answered without a URL."
        )
    if status == 0:
        raise EnvBuilderError(
            502,
            "snapshotStoreUnreachable",
            f"The hub's snapshot store did not answer ({_message(body)}). Tell your administrator.",
            detail=_message(body),
        )
    if status == 403:
        raise EnvBuilderError(
            502,
            "snapshotStoreScope",
            "This server may not push to the hub's snapshot store: the 'server' role needs "
            "the store's access scope (jupyterlab_envbuilder.hub.configure(c, "
            "snapshot_store=True) grants it). Tell your administrator.",
        )
    raise EnvBuilderError(
        502 if status >= 500 else 400,
        "snapshotStoreRefused",
        f"The hub's snapshot store refused the snapshot (HTTP {status}): {_message(body)}",
        httpStatus=status,
        detail=_message(body),
    )
