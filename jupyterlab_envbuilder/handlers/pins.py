"""Pinned environment files and drift: ``GET``/``POST envbuilder/pins``."""

import asyncio

import tornado

from ..contract import DEFAULT_FOLDER
from ..errors import EnvBuilderError
from ..packages import read_baseline, read_installed
from ..pins import PinError, find_drift, propose_pins, write_pins
from ..snapshots import resolve_folder
from .base import BaseHandler


class PinsHandler(BaseHandler):
    def _folder(self, folder: object) -> str:
        name = folder if isinstance(folder, str) and folder else DEFAULT_FOLDER
        return resolve_folder(self.settings["server_root_dir"], name)

    @tornado.web.authenticated
    async def get(self) -> None:
        """``?folder=environment&add=<name>...``: the pinned files as diffs, and the drift.

        Nothing is written: the user accepts the diffs first.
        """
        folder = self._folder(self.get_query_argument("folder", DEFAULT_FOLDER))
        add = self.get_query_arguments("add")
        # pip (and conda) run for a second or two: not on the server's event loop.
        installed = await asyncio.get_running_loop().run_in_executor(None, read_installed)
        config = self.envbuilder
        baseline = read_baseline(config.data_dir, config.hub_server_name)
        self.reply(
            {
                "changes": propose_pins(folder, installed, add),
                "drift": find_drift(baseline, installed, folder) if baseline else None,
            }
        )

    @tornado.web.authenticated
    def post(self) -> None:
        """``{"folder", "changes": [{"file", "fingerprint", "text"}]}``: write accepted pins."""
        body = self.json_object()
        folder = self._folder(body.get("folder"))
        changes = body.get("changes")
        if not isinstance(changes, list) or not all(
            isinstance(c, dict)
            and isinstance(c.get("file"), str)
            and isinstance(c.get("fingerprint"), str)
            and isinstance(c.get("text"), str)
            for c in changes
        ):
            raise EnvBuilderError(400, "badChanges", "Send the changes the proposal listed.")
        try:
            written = write_pins(folder, changes)
        except PinError as e:
            raise EnvBuilderError(
                409,
                "fileChanged",
                f"{e} changed since the pins were proposed; look at the new proposal.",
                file=str(e),
            ) from e
        self.reply({"written": written})
