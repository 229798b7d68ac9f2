"""The packages of an environment, to see and compare them: ``GET envbuilder/packages``."""

import asyncio

import tornado

from ..packages import read_installed, read_resolved
from .base import BaseHandler


class PackagesHandler(BaseHandler):
    @tornado.web.authenticated
    async def get(self) -> None:
        """``?image=<image>``: what that image resolved to, recorded at the first start on it
        (``installed`` is null until a server has started on it). Without ``image``: what this
        server has installed now, packages installed by hand since its start included."""
        image = self.get_query_argument("image", None)
        if image is not None:
            recorded = read_resolved(self.envbuilder.data_dir, image) or {
                "image": image,
                "recordedAt": None,
                "installed": None,
            }
            self.reply({**recorded, "running": False})
            return
        # pip (and conda) run for a second or two: not on the server's event loop.
        installed = await asyncio.get_running_loop().run_in_executor(None, read_installed)
        self.reply(
            {
                "image": self.envbuilder.image or None,
                "recordedAt": None,
                "installed": installed.to_json(),
                "running": True,
            }
        )
