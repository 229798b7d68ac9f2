"""The REST API of the server extension, under ``<base_url>envbuilder/``: the route table.

Handlers turn HTTP into calls of the domain modules and domain errors into HTTP, nothing more.
Every route requires Jupyter authentication except the snapshot repository, which proves itself
with its capability; the test suite walks the routes and fails when another one answers an
anonymous request.
"""

import asyncio

from jupyter_server.utils import url_path_join

from ..config import EnvBuilder
from ..contract import API_NAMESPACE
from ..gateway import BuildGateway
from .builds import BuildHandler, BuildRecordHandler, BuildsHandler
from .environments import EnvironmentsHandler
from .git import GitInfoHandler
from .packages import PackagesHandler
from .pins import PinsHandler
from .saved import SavedHandler, SavedItemHandler
from .snapshots import SnapshotRepoHandler, SnapshotsHandler
from .status import StatusHandler


def routes(base_url: str, config: EnvBuilder) -> list[tuple]:
    """(path pattern, handler, arguments) of every route."""
    root = url_path_join(base_url, API_NAMESPACE)
    plain = {"config": config}
    builds = {"config": config, "gateway": BuildGateway(config)}
    snapshots = {"config": config, "lock": asyncio.Lock()}
    return [
        (url_path_join(root, "status"), StatusHandler, plain),
        (url_path_join(root, "snapshots"), SnapshotsHandler, snapshots),
        (url_path_join(root, "snapshots", r"([^/]+)\.git/(.*)"), SnapshotRepoHandler, plain),
        (url_path_join(root, "build", r"([^/]+)/(.+)"), BuildHandler, builds),
        (url_path_join(root, "builds"), BuildsHandler, builds),
        (url_path_join(root, "builds", r"([^/]+)"), BuildRecordHandler, builds),
        (url_path_join(root, "git"), GitInfoHandler, plain),
        (url_path_join(root, "environments"), EnvironmentsHandler, plain),
        (url_path_join(root, "pins"), PinsHandler, plain),
        (url_path_join(root, "packages"), PackagesHandler, plain),
        (url_path_join(root, "saved"), SavedHandler, plain),
        (url_path_join(root, "saved", r"([^/]+)"), SavedItemHandler, plain),
    ]


def setup_handlers(web_app, config: EnvBuilder) -> None:
    web_app.add_handlers(".*$", routes(web_app.settings["base_url"], config))
