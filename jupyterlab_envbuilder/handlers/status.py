"""``GET envbuilder/status?version=<frontend version>``: the handshake."""

import tornado

from ..status import handshake
from .base import BaseHandler


class StatusHandler(BaseHandler):
    @tornado.web.authenticated
    async def get(self) -> None:
        version = self.get_query_argument("version", None)
        self.reply(await handshake(self.envbuilder, version))
