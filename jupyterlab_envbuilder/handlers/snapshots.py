"""``POST envbuilder/snapshots``, and the snapshot repository served to the build service.

The repository route ``envbuilder/snapshots/<capability>.git/<path>`` is the one route without
Jupyter auth: the build service has no Jupyter credentials, so the route proves itself with the
capability and answers nothing but the files of that one repository, read-only.
"""

import asyncio
from typing import Any, Optional

import tornado
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.utils import url_path_join

from ..boundary import normalize_folder
from ..config import EnvBuilder, origin
from ..contract import API_NAMESPACE, DEFAULT_FOLDER
from ..errors import EnvBuilderError
from ..http import fetch
from ..publish import publish
from ..snapshot_repository import served_file
from ..snapshots import (
    Snapshot,
    capability_for,
    check_capability,
    load_secret,
    spec_for,
    take_snapshot,
)
from .base import BaseHandler


def _files(snapshot: Snapshot) -> list[dict[str, Any]]:
    return [{"path": f.path, "size": f.size, "executable": f.executable} for f in snapshot.files]


def _confirmed(body: dict[str, Any]) -> Optional[list[str]]:
    paths = body.get("paths")
    if paths is None:
        return None
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise EnvBuilderError(400, "badPaths", "'paths' must be a list of file paths.")
    return paths


class SnapshotsHandler(BaseHandler):
    """``POST envbuilder/snapshots`` with ``{"folder": "environment"}``: commit the folder.

    ``GET envbuilder/snapshots?folder=`` answers which files a POST would send, and their
    sizes, without writing or sending anything: the list a user confirms before the first
    build of a folder. A POST with ``"paths"`` (that list) is refused when the folder has
    gained a file since, so what is sent is never more than what was shown."""

    def initialize(self, config: EnvBuilder, lock: asyncio.Lock) -> None:
        super().initialize(config)
        self.lock = lock

    @tornado.web.authenticated
    async def get(self) -> None:
        folder = self.get_argument("folder", DEFAULT_FOLDER)
        snapshot = await asyncio.get_running_loop().run_in_executor(
            None,
            take_snapshot,
            self.settings["server_root_dir"],
            folder,
            None,
            self.envbuilder.limits,
        )
        self.reply(
            {
                "sha": snapshot.sha,
                "folder": normalize_folder(folder),
                "store": bool(self.envbuilder.snapshot_store_url),
                "files": _files(snapshot),
            }
        )

    @tornado.web.authenticated
    async def post(self) -> None:
        body = self.json_object()
        # No "or": an empty folder name is refused, never read as the default.
        folder = body.get("folder", DEFAULT_FOLDER)
        confirmed = _confirmed(body)
        config = self.envbuilder
        root_dir = self.settings["server_root_dir"]
        loop = asyncio.get_running_loop()
        if config.snapshot_store_url:
            # The store keeps it: nothing written here, nothing served from this server.
            snapshot = await loop.run_in_executor(
                None, take_snapshot, root_dir, folder, None, config.limits, confirmed
            )
            repo_url = await publish(
                config.snapshot_store_url, snapshot.sha, snapshot.files, self.send
            )
        else:
            async with self.lock:
                snapshot = await loop.run_in_executor(
                    None,
                    take_snapshot,
                    root_dir,
                    folder,
                    config.repository_path,
                    config.limits,
                    confirmed,
                )
                secret = load_secret(config.data_dir, create=True)
            if secret is None:
                raise EnvBuilderError(
                    500,
                    "emptySecret",
                    f"The snapshot secret in {config.data_dir} is empty; "
                    "delete the file 'snapshot-secret' there to make a new one.",
                )
            repo_url = self.repo_url(capability_for(secret))
        self.reply(
            {
                "sha": snapshot.sha,
                "repoUrl": repo_url,
                "spec": spec_for(repo_url, snapshot.sha),
                "folder": normalize_folder(folder),
                "store": bool(config.snapshot_store_url),
                "files": _files(snapshot),
            }
        )

    async def send(self, method: str, url: str, body: Optional[bytes]) -> tuple[int, bytes]:
        """The store's requests, with this server's hub token, through the one HTTP client."""
        headers = {"Content-Type": "application/json"} if body is not None else None
        response = await fetch(
            url,
            token=self.envbuilder.hub_api_token,
            method=method,
            headers=headers,
            body=body,
            timeout=30,
        )
        return response.code, response.body if response.code else (response.error or "").encode()

    def repo_url(self, capability: str) -> str:
        base = origin(self.envbuilder.snapshot_base_url)
        if base is None:
            base = f"{self.request.protocol}://{self.request.host}"
        path = url_path_join(self.base_url, API_NAMESPACE, "snapshots", f"{capability}.git")
        return base + path


class SnapshotRepoHandler(tornado.web.RequestHandler):
    """``GET|HEAD envbuilder/snapshots/<capability>.git/<path>``: git's dumb HTTP, read-only."""

    def initialize(self, config: EnvBuilder) -> None:
        self.envbuilder = config

    @allow_unauthenticated
    def get(self, capability: str, path: str) -> None:
        self._serve(capability, path, include_body=True)

    @allow_unauthenticated
    def head(self, capability: str, path: str) -> None:
        self._serve(capability, path, include_body=False)

    def _serve(self, capability: str, path: str, include_body: bool) -> None:
        found = None
        if check_capability(self.envbuilder.data_dir, capability):
            found = served_file(self.envbuilder.repository_path, path)
        if found is None:
            raise tornado.web.HTTPError(404)
        body, content_type, immutable = found
        self.set_header("Content-Type", content_type)
        self.set_header("X-Content-Type-Options", "nosniff")
        if immutable:
            self.set_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.set_header("Cache-Control", "no-cache, max-age=0, must-revalidate")
        if include_body:
            self.finish(body)
        else:
            self.set_header("Content-Length", str(len(body)))
            self.finish()

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        # git reads plain text; the capability route says nothing more than the status.
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code} {self._reason}\n")
