"""Server-sent events as BinderHub sends them: ``data: <json>\\n\\n``, ``:keepalive`` comments.

An :class:`EventLog` keeps every event of one build in memory so that any number of
connections can follow it: each gets the events so far (a replay), then the new ones as
they come, until the build is done. Used by the build gateway and the local build service.
"""

import asyncio
import json
import json.scanner
from collections.abc import Awaitable, Callable
from typing import Any, Optional

KEEPALIVE = b":keepalive\n\n"

# The scanner json.loads ends in, called without the two Python layers around it: a third of
# the time json.loads takes on a log line's event, tens of thousands of times per build.
_scan_json = json.scanner.make_scanner(json.JSONDecoder())


def parse_json(data: str) -> Any:
    """``json.loads(data)``, or None when ``data`` is not JSON."""
    try:
        value, end = _scan_json(data, 0)
    except (StopIteration, ValueError):
        end = -1
    if end == len(data):
        return value
    # Whitespace around the value, or not JSON at all: json.loads tells.
    try:
        return json.loads(data)
    except ValueError:
        return None


def encode_event(event: Any) -> bytes:
    """One event on the wire."""
    return wire(json.dumps(event))


def wire(text: str) -> bytes:
    """An event already encoded as JSON text, on the wire."""
    return b"data: " + text.encode("utf-8") + b"\n\n"


class Follower:
    """One connection following an :class:`EventLog`; ``stop()`` it when the peer goes away."""

    def __init__(self) -> None:
        self.wake = asyncio.Event()
        self.gone = False

    def stop(self) -> None:
        self.gone = True
        self.wake.set()


class EventLog:
    def __init__(self) -> None:
        # Each event as it goes on the wire: encoded once, however many follow it.
        self.chunks: list[bytes] = []
        self.done = False
        self._followers: set[Follower] = set()

    def append(self, event: dict, encoded: Optional[str] = None) -> str:
        """Add an event (``encoded``: its JSON text on one line, when the caller has it);
        its JSON text, for whoever records it too."""
        text = json.dumps(event) if encoded is None else encoded
        self.append_encoded(text)
        return text

    def append_encoded(self, text: str) -> None:
        """Add an event given as its JSON text on one line."""
        self.chunks.append(wire(text))
        self._wake_all()

    def close(self) -> None:
        self.done = True
        self._wake_all()

    def _wake_all(self) -> None:
        for follower in self._followers:
            follower.wake.set()

    async def follow(
        self,
        follower: Follower,
        send: Callable[[bytes], Awaitable[None]],
        keepalive_interval: float,
    ) -> None:
        """Send every event, past and future, until the log is done or the follower stops.

        ``send`` writes and flushes; when the peer has gone it stops the follower, which
        ends the following quietly and never affects the log or the other followers.
        """
        self._followers.add(follower)
        sent = 0
        try:
            while not follower.gone:
                follower.wake.clear()
                if sent < len(self.chunks):
                    pending = self.chunks[sent:]
                    sent += len(pending)
                    await send(b"".join(pending))
                elif self.done:
                    return
                else:
                    try:
                        await asyncio.wait_for(follower.wake.wait(), keepalive_interval)
                    except asyncio.TimeoutError:
                        await send(KEEPALIVE)
        finally:
            self._followers.discard(follower)
