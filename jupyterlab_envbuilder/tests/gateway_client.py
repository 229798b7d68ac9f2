"""How a browser talks to the build gateway in these tests: the build it asks for, and a tab
that follows the build's event stream one event at a time."""

from urllib.parse import quote

from eventstreams import parse

REPO = (
    "https://hub.example.org/user/alice/envbuilder/snapshots/0123456789abcdef0123456789abcdef.git"
)
SHA = "1479e0252b2e648bb755ee913292b79495931717"
SPEC = f"git/{quote(REPO, safe='')}/{SHA}"
TOKEN = "the-servers-hub-token"
READY = '{"phase":"ready","imageName":"img:tag","message":"Done! Image built\\n"}'


class Tab:
    """A browser tab following a build's event stream, one event at a time."""

    def __init__(self, response):
        self.chunks = response.aiter_bytes()
        self.buffer = b""
        self.seen = 0

    async def text(self, length):
        """The next events, until their messages make at least ``length`` characters (or the
        stream ends)."""
        events = []
        while sum(len(event.get("message", "")) for event in events) < length:
            more = await self.events(1)
            if not more:
                break
            events += more
        return events

    async def events(self, count=None):
        """The next ``count`` events, or all the rest until the stream ends."""
        while True:
            complete = parse(self.buffer[: self.buffer.rfind(b"\n\n") + 2])[self.seen :]
            if count is not None and len(complete) >= count:
                self.seen += count
                return complete[:count]
            try:
                self.buffer += await self.chunks.__anext__()
            except StopAsyncIteration:
                self.seen += len(complete)
                return complete
