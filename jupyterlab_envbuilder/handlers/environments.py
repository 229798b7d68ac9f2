"""``envbuilder/environments``: what this server runs on, and the last-known-good image."""

import asyncio

import tornado

from ..contract import DEFAULT_FOLDER
from ..environments import record, summary
from ..errors import EnvBuilderError
from .base import BaseHandler

# What the Lab page may record, by the key it sends.
FACTS = {"lastKnownGood": "last-known-good", "failedStart": "failed-start"}


class EnvironmentsHandler(BaseHandler):
    """``GET envbuilder/environments?folder=``: running, last-known-good, the folder's snapshot SHA.

    ``POST envbuilder/environments`` with ``{"lastKnownGood": "<image>"}``: recorded by the Lab
    page before it restarts the server onto another image; with ``{"failedStart": "<image>"}``:
    recorded by the Lab page when it is back after the server could not start on that image.
    """

    @tornado.web.authenticated
    async def get(self) -> None:
        config = self.envbuilder
        folder = self.get_query_argument("folder", DEFAULT_FOLDER)
        loop = asyncio.get_running_loop()
        answer = await loop.run_in_executor(
            None,
            summary,
            config.data_dir,
            config.image or None,
            self.settings["server_root_dir"],
            folder,
            config.limits,
        )
        self.reply(answer)

    @tornado.web.authenticated
    def post(self) -> None:
        body = self.json_object()
        kind, image = next(
            ((kind, body[key]) for key, kind in FACTS.items() if key in body), (None, None)
        )
        if kind is None or not isinstance(image, str) or not image.strip():
            raise EnvBuilderError(
                400,
                "noImage",
                'Send {"lastKnownGood": "<image name>"} or {"failedStart": "<image name>"}.',
            )
        config = self.envbuilder
        entry = record(config.data_dir, kind, image.strip(), config.hub_server_name)
        self.reply(entry, status=201)
