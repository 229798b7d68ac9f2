"""HTTP side of snapshots: take one, and serve the snapshot repository to the build service.

``POST envbuilder/snapshots`` is authenticated like every other route. The repository route
``envbuilder/snapshots/<capability>.git/<path>`` is the one route without Jupyter auth: the
build service has no Jupyter credentials, so the route proves itself with the capability and
answers nothing but the files of that one repository, read-only.
"""

import asyncio
import os
from typing import Any, Optional
from urllib.parse import urlsplit

import tornado
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.utils import url_path_join

from .config import EnvBuilder
from .handlers import NAMESPACE, BaseHandler
from .snapshots import (
    DEFAULT_FOLDER,
    REPO_DIRNAME,
    Limits,
    SnapshotError,
    capability_for,
    check_capability,
    load_secret,
    served_file,
    spec_for,
    take_snapshot,
)


def origin(url: str) -> Optional[str]:
    """``scheme://host[:port]`` of an http(s) URL, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


class SnapshotsHandler(BaseHandler):
    """``POST envbuilder/snapshots`` with ``{"folder": "environment"}``: commit the folder."""

    def initialize(self, config: EnvBuilder, lock: asyncio.Lock) -> None:
        super().initialize(config)
        self.lock = lock

    @tornado.web.authenticated
    async def post(self) -> None:
        body = self.get_json_body() or {}
        if not isinstance(body, dict):
            raise tornado.web.HTTPError(400, 'Send a JSON object like {"folder": "environment"}.')
        folder = body.get("folder") or DEFAULT_FOLDER
        config = self.envbuilder
        limits = Limits(
            config.snapshot_max_file_size,
            config.snapshot_max_total_size,
            config.snapshot_max_files,
        )
        repo_path = os.path.join(config.data_dir, REPO_DIRNAME)
        root_dir = self.settings["server_root_dir"]
        loop = asyncio.get_running_loop()
        try:
            async with self.lock:
                snapshot = await loop.run_in_executor(
                    None, take_snapshot, root_dir, folder, repo_path, limits
                )
                secret = load_secret(config.data_dir, create=True)
        except SnapshotError as e:
            raise tornado.web.HTTPError(e.status, e.message) from e
        if secret is None:
            raise tornado.web.HTTPError(
                500,
                f"The snapshot secret in {config.data_dir} is empty; "
                "delete the file 'snapshot-secret' there to make a new one.",
            )
        repo_url = self.repo_url(capability_for(secret))
        self.reply(
            {
                "sha": snapshot.sha,
                "repoUrl": repo_url,
                "spec": spec_for(repo_url, snapshot.sha),
                "folder": folder.strip("/"),
                "files": [
                    {"path": f.path, "size": len(f.data), "executable": f.executable}
                    for f in snapshot.files
                ],
            }
        )

    def repo_url(self, capability: str) -> str:
        base = origin(self.envbuilder.snapshot_base_url)
        if base is None:
            base = f"{self.request.protocol}://{self.request.host}"
        path = url_path_join(self.base_url, NAMESPACE, "snapshots", f"{capability}.git")
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
        data_dir = self.envbuilder.data_dir
        found = None
        if check_capability(data_dir, capability):
            found = served_file(os.path.join(data_dir, REPO_DIRNAME), path)
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
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code} {self._reason}\n")


def snapshot_routes(route: str, config: EnvBuilder) -> list[tuple]:
    lock = asyncio.Lock()
    return [
        (url_path_join(route, "snapshots"), SnapshotsHandler, {"config": config, "lock": lock}),
        (
            url_path_join(route, "snapshots", r"([^/]+)\.git/(.*)"),
            SnapshotRepoHandler,
            {"config": config},
        ),
    ]
