"""``GET envbuilder/git?path=<notebook>``: the git clone a notebook lives in."""

import tornado

from ..gitinfo import git_info
from .base import BaseHandler


class GitInfoHandler(BaseHandler):
    @tornado.web.authenticated
    async def get(self) -> None:
        path = self.get_query_argument("path", "")
        self.reply(await git_info(self.settings["server_root_dir"], path))
