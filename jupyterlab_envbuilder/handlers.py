"""REST API of the server extension, under ``<base_url>envbuilder/``.

Every handler requires Jupyter authentication, except the snapshot repository route
(``snapshot_handlers.py``), which proves itself with its capability; the test suite enumerates
the routes and fails when another one answers an anonymous request.
"""

import json
from typing import Any

import tornado
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

from .config import EnvBuilder
from .status import handshake

NAMESPACE = "envbuilder"


class BaseHandler(APIHandler):
    """Shared plumbing: the settings object and one way to answer with JSON or an error."""

    def initialize(self, config: EnvBuilder) -> None:
        self.envbuilder = config

    def reply(self, payload: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(payload))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Errors as JSON with a message a person can act on."""
        message = self._reason
        exc_info = kwargs.get("exc_info")
        if exc_info:
            exc = exc_info[1]
            message = getattr(exc, "log_message", None) or str(exc) or message
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"message": message, "status": status_code}))


class StatusHandler(BaseHandler):
    """``GET envbuilder/status?version=<frontend version>``: the handshake."""

    @tornado.web.authenticated
    async def get(self) -> None:
        version = self.get_query_argument("version", None)
        self.reply(await handshake(self.envbuilder, version))


def setup_handlers(web_app, config: EnvBuilder) -> None:
    # Imported here: these modules build on BaseHandler above.
    from .environment_handlers import environment_routes
    from .gateway import build_routes
    from .gitinfo import gitinfo_routes
    from .snapshot_handlers import snapshot_routes

    base_url = web_app.settings["base_url"]
    route = url_path_join(base_url, NAMESPACE)
    handlers = [
        (url_path_join(route, "status"), StatusHandler, {"config": config}),
        *snapshot_routes(route, config),
        *build_routes(route, config),
        *gitinfo_routes(route, config),
        *environment_routes(route, config),
    ]
    web_app.add_handlers(".*$", handlers)
