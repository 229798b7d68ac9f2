"""The build gateway's routes: a build's event stream, the build history, one build record."""

from typing import Any, Optional

import tornado
from jupyter_server.utils import url_path_join
from tornado.iostream import StreamClosedError

from ..config import EnvBuilder
from ..contract import API_NAMESPACE
from ..errors import EnvBuilderError
from ..eventstream import Follower, encode_event
from ..gateway import BuildGateway, failed_event
from ..history import list_records, page_records, read_record
from ..packages import has_resolved, read_resolved
from .base import BaseHandler

# BinderHub's interval: a proxy between the browser and this server sees a byte this often.
KEEPALIVE_INTERVAL = 25
# The history, a page at a time: what the panel shows at once, and the most one request gets.
PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


def split_spec(full: Any) -> tuple[str, str]:
    """``<provider>/<spec>`` as a snapshot gives it, or EnvBuilderError."""
    provider, _, spec = str(full or "").partition("/")
    if not provider or not spec:
        raise EnvBuilderError(400, "badSpec", f"Not a build spec: {full!r}")
    return provider, spec


class BuildHandler(BaseHandler):
    """``GET envbuilder/build/<provider>/<spec>``: the event stream of a build that exists.

    A GET never starts a build (a cross-site link must not build with this server's token):
    it follows the running build of the spec, or replays the last one recorded. Starting is
    ``POST envbuilder/builds``.
    """

    def initialize(self, config: EnvBuilder, gateway: BuildGateway) -> None:
        super().initialize(config)
        self.gateway = gateway
        self.follower: Optional[Follower] = None

    def on_connection_close(self) -> None:
        if self.follower is not None:
            self.follower.stop()

    async def send(self, chunk: bytes) -> None:
        try:
            self.write(chunk)
            await self.flush()
        except StreamClosedError:
            self.on_connection_close()

    @tornado.web.authenticated
    async def get(self, provider: str, _spec: str) -> None:
        # The spec as sent, before tornado decodes "%2F" into "/".
        prefix = url_path_join(self.base_url, API_NAMESPACE, "build", provider) + "/"
        path = self.request.path
        spec = path[len(prefix) :] if path.startswith(prefix) else _spec
        self.set_header("Content-Type", "text/event-stream")
        self.set_header("Cache-Control", "no-cache")
        self.set_header("X-Accel-Buffering", "no")
        build = self.gateway.running(provider, spec)
        if build is None:
            self.replay(f"{provider}/{spec}")
            return
        self.set_header("X-Envbuilder-Build-Id", build.record.id)
        await self.flush()
        self.follower = Follower()
        await build.log.follow(self.follower, self.send, KEEPALIVE_INTERVAL)

    def replay(self, full_spec: str) -> None:
        """The events of the last recorded build of the spec; a failed event if there is none."""
        records_dir = self.envbuilder.records_dir
        last = next(
            (r for r in list_records(records_dir, set()) if r.get("spec") == full_spec), None
        )
        record = read_record(records_dir, last["id"], False) if last else None
        if record is None:
            error = EnvBuilderError(
                404,
                "notStarted",
                "No build of this environment has been started here. Start one with "
                "POST envbuilder/builds.",
            )
            self.write(encode_event(failed_event(error)))
            return
        self.set_header("X-Envbuilder-Build-Id", record["id"])
        events = [e["event"] for e in record["events"] if isinstance(e.get("event"), dict)]
        for event in events:
            self.write(encode_event(event))
        if not events or events[-1].get("phase") not in ("ready", "failed"):
            error = EnvBuilderError(
                410, "interrupted", "This build was interrupted when its server stopped."
            )
            self.write(encode_event(failed_event(error)))

    def finish(self, *args: Any, **kwargs: Any) -> Any:
        if self.get_status() == 200:
            kwargs.setdefault("set_content_type", "text/event-stream")
        return super().finish(*args, **kwargs)


class GatewayHandler(BaseHandler):
    """A handler of the build history, which asks the gateway what is running."""

    def initialize(self, config: EnvBuilder, gateway: BuildGateway) -> None:
        super().initialize(config)
        self.gateway = gateway


class BuildsHandler(GatewayHandler):
    """``GET envbuilder/builds?offset=&limit=``: the build history, newest first, a page at a
    time. ``POST envbuilder/builds`` with ``{"spec": "<provider>/<spec>"}``: start a build (or
    join the one of that spec already running); its events come from ``GET build/<spec>``."""

    def _number(self, name: str, default: int, largest: int) -> int:
        text = self.get_query_argument(name, str(default))
        # isdigit() alone takes "²", which int() refuses; nine digits are more than any history.
        if not (text.isascii() and text.isdigit() and len(text) <= 9):
            raise EnvBuilderError(400, "badQuery", f"{name} is a whole number, not {text!r}.")
        return min(int(text), largest)

    @tornado.web.authenticated
    def get(self) -> None:
        offset = self._number("offset", 0, 10**9)
        limit = self._number("limit", PAGE_SIZE, MAX_PAGE_SIZE)
        running = self.gateway.running_ids()
        page = page_records(self.envbuilder.records_dir, running, offset, limit)
        # Which builds can be compared: their image's packages are known (first start on it).
        for build in page["builds"]:
            build["packagesRecorded"] = has_resolved(
                self.envbuilder.data_dir, build.get("imageName")
            )
        self.reply(page)

    @tornado.web.authenticated
    def post(self) -> None:
        provider, spec = split_spec(self.json_object().get("spec"))
        build = self.gateway.attach(provider, spec)
        self.reply({"id": build.record.id, "spec": f"{provider}/{spec}"}, status=202)


class BuildRecordHandler(GatewayHandler):
    """``GET envbuilder/builds/<id>``: one build record with its events; ``?tail=N`` for the
    last N only, ``?offset=I&limit=N`` for a page."""

    def count_argument(self, name: str, smallest: int) -> Optional[int]:
        value = self.get_query_argument(name, None)
        if value is None:
            return None
        # Nine digits at most: more than any log has, and far from int()'s own limit.
        if not (value.isascii() and value.isdigit() and len(value) <= 9) or int(value) < smallest:
            raise EnvBuilderError(
                400,
                "badQuery",
                f"'{name}' must be a whole number of at least {smallest}, not {value!r}.",
                parameter=name,
            )
        return int(value)

    @tornado.web.authenticated
    def get(self, record_id: str) -> None:
        tail = self.count_argument("tail", 0)
        offset = self.count_argument("offset", 0)
        limit = self.count_argument("limit", 1)
        if tail is not None and (offset is not None or limit is not None):
            raise EnvBuilderError(
                400, "badQuery", "Ask for either 'tail' or 'offset' and 'limit', not both."
            )
        running = record_id in self.gateway.running_ids()
        if running:
            self.gateway.flush_record(record_id)
        record = read_record(
            self.envbuilder.records_dir,
            record_id,
            running,
            offset=offset or 0,
            limit=limit,
            tail=tail,
        )
        if record is None:
            raise EnvBuilderError(404, "noRecord", f"No build record {record_id!r}.", id=record_id)
        # What the image resolved to, once a server has started on it.
        resolved = read_resolved(self.envbuilder.data_dir, record.get("imageName"))
        if resolved is not None:
            record["resolved"] = resolved
        self.reply(record)
