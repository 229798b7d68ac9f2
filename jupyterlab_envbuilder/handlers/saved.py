"""Saved environments: ``GET``/``POST envbuilder/saved``, ``PATCH``/``DELETE .../saved/<id>``."""

import tornado

from ..saved import delete, list_saved, save, update
from .base import BaseHandler


class SavedHandler(BaseHandler):
    @tornado.web.authenticated
    def get(self) -> None:
        self.reply({"environments": list_saved(self.envbuilder.data_dir)})

    @tornado.web.authenticated
    def post(self) -> None:
        """Save a build: ``{"buildId", "name", "description"}``."""
        body = self.json_object()
        config = self.envbuilder
        entry = save(
            config.data_dir,
            config.records_dir,
            body.get("buildId"),
            body.get("name"),
            body.get("description"),
        )
        self.reply(entry, status=201)


class SavedItemHandler(BaseHandler):
    @tornado.web.authenticated
    def patch(self, saved_id: str) -> None:
        """Rename, or change the description: ``{"name"?, "description"?}``."""
        self.reply(update(self.envbuilder.data_dir, saved_id, self.json_object()))

    @tornado.web.authenticated
    def delete(self, saved_id: str) -> None:
        delete(self.envbuilder.data_dir, saved_id)
        self.set_status(204)
        self.finish()
