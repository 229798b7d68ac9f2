"""``envbuilder/environments``: what this server runs on, and the last-known-good image."""

import asyncio
import os

import tornado
from jupyter_server.utils import url_path_join

from .environments import record, summary
from .handlers import BaseHandler
from .history import RECORDS_DIRNAME
from .snapshots import Limits
from .status import current_image, hub_context


class EnvironmentsHandler(BaseHandler):
    """``GET envbuilder/environments?folder=``: running, last-known-good, changed since start.

    ``POST envbuilder/environments`` with ``{"lastKnownGood": "<image>"}``: recorded by the Lab
    page before it restarts the server onto another image.
    """

    @tornado.web.authenticated
    async def get(self) -> None:
        config = self.envbuilder
        folder = self.get_query_argument("folder", "environment")
        limits = Limits(
            config.snapshot_max_file_size,
            config.snapshot_max_total_size,
            config.snapshot_max_files,
        )
        loop = asyncio.get_running_loop()
        answer = await loop.run_in_executor(
            None,
            summary,
            config.data_dir,
            os.path.join(config.data_dir, RECORDS_DIRNAME),
            current_image(),
            self.settings["server_root_dir"],
            folder,
            limits,
        )
        self.reply(answer)

    @tornado.web.authenticated
    def post(self) -> None:
        body = self.get_json_body() or {}
        image = body.get("lastKnownGood") if isinstance(body, dict) else None
        if not isinstance(image, str) or not image.strip():
            raise tornado.web.HTTPError(400, 'Send {"lastKnownGood": "<image name>"}.')
        hub = hub_context() or {}
        self.reply(
            record(
                self.envbuilder.data_dir,
                "last-known-good",
                image.strip(),
                hub.get("serverName", ""),
            ),
            status=201,
        )


def environment_routes(route: str, config) -> list[tuple]:
    return [(url_path_join(route, "environments"), EnvironmentsHandler, {"config": config})]
