"""A user's Jupyter server with nbgitpuller and JupyterLab, and what nbgitpuller makes of a link.

``start_jupyter_server`` runs a real server (a subprocess, with the base URL of a hub user's
server); ``check_nbgitpuller`` reads a ``git-pull?...`` query back through nbgitpuller's page,
starts the sync the way its script does, and checks the clone and the page the browser is sent
to.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from hubprocess import free_port, stop_process
from tornado.escape import url_unescape
from tornado.httpclient import AsyncHTTPClient, HTTPResponse

SERVER_BASE = "/user/student/"


@dataclass
class JupyterServer:
    url: str
    token: str
    root: Path

    async def get(self, path: str, timeout: float = 60) -> HTTPResponse:
        """GET a path relative to the server's base URL, sent exactly as given."""
        return await AsyncHTTPClient().fetch(
            self.url + path,
            headers={"Authorization": f"token {self.token}"},
            follow_redirects=False,
            raise_error=False,
            request_timeout=timeout,
        )


class BodyData(HTMLParser):
    """The data-* attributes of a page's <body>."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.data = {
                name[len("data-") :]: value or ""
                for name, value in attrs
                if name.startswith("data-")
            }


def page_config(html: str) -> dict:
    start = html.index('<script id="jupyter-config-data" type="application/json">')
    start = html.index(">", start) + 1
    return json.loads(html[start : html.index("</script>", start)])


async def nbgitpuller_reads(server: JupyterServer, query: str) -> dict[str, str]:
    """What nbgitpuller's `git-pull` page hands to its script, decoded as the script does."""
    response = await server.get(f"git-pull?{query}")
    assert response.code == 200, response.body
    parser = BodyData()
    parser.feed(response.body.decode())
    # The script reads each attribute with decodeURIComponent.
    return {name: unquote(value) for name, value in parser.data.items()}


async def nbgitpuller_pulls(server: JupyterServer, read: dict[str, str]) -> None:
    """Start the sync with the values the page gave its script, as the script does."""
    params = {"repo": read["repo"], "targetpath": read["targetpath"]}
    if "branch" in read:
        params["branch"] = read["branch"]
    response = await server.get(f"git-pull/api?{urlencode(params)}", timeout=120)
    events = [
        json.loads(line[len("data: ") :])
        for line in response.body.decode().splitlines()
        if line.startswith("data: ")
    ]
    assert events[-1]["phase"] == "finished", events


@dataclass
class Expected:
    repo: str
    branch: str
    folder: str
    urlpath: str
    opens: str  # the file or folder opened, relative to the server's root


async def check_nbgitpuller(server: JupyterServer, query: str, expected: Expected) -> None:
    """nbgitpuller reads the query back exactly, clones, and opens the right file."""
    shutil.rmtree(server.root / expected.folder.split("/")[0], ignore_errors=True)

    read = await nbgitpuller_reads(server, query)
    assert read["repo"] == expected.repo
    assert read["branch"] == expected.branch
    assert read["targetpath"] == expected.folder
    assert read["path"] == expected.urlpath

    await nbgitpuller_pulls(server, read)
    clone = server.root / expected.folder
    assert (clone / "BRANCH").read_text(encoding="utf-8") == expected.branch
    assert (server.root / expected.opens).exists()

    # The browser then goes to the server's base URL + urlpath.
    if expected.urlpath.startswith("lab/tree/"):
        response = await server.get(expected.urlpath)
        assert response.code == 200
        assert page_config(response.body.decode())["treePath"] == expected.opens
    else:
        # The notebook server reads the path with the percent-decoding tornado
        # applies to every route.
        page, _, path = expected.urlpath.partition("/")
        assert page == ("notebooks" if expected.opens.endswith(".ipynb") else "tree")
        assert url_unescape(path, plus=False) == expected.opens


@contextmanager
def start_jupyter_server(base: Path) -> Iterator[JupyterServer]:
    """A Jupyter server with nbgitpuller and JupyterLab, based at /user/student/."""
    root = base / "home"
    config = base / "config"
    root.mkdir()
    config.mkdir()
    # Only what the links need: the extension under development stays out.
    (config / "jupyter_server_config.json").write_text(
        json.dumps(
            {
                "ServerApp": {
                    "jpserver_extensions": {
                        "nbgitpuller": True,
                        "jupyterlab": True,
                        "jupyterlab_envbuilder": False,
                        "jupyter_lsp": False,
                    }
                }
            }
        )
    )
    port = free_port()
    token = secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "HOME": str(base),
    }
    env.pop("NBGITPULLER_PARENTPATH", None)
    env.pop("NBGITPULLER_APP", None)
    log = (base / "server.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_server",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.base_url={SERVER_BASE}",
            f"--ServerApp.root_dir={root}",
            f"--IdentityProvider.token={token}",
            "--ServerApp.open_browser=False",
            "--ServerApp.allow_root=True",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = JupyterServer(f"http://127.0.0.1:{port}{SERVER_BASE}", token, root)
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, (base / "server.log").read_text()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            assert time.monotonic() < deadline, (base / "server.log").read_text()
            time.sleep(0.2)
    try:
        yield server
    finally:
        stop_process(process)
        log.close()


def path_segments(path: str) -> list[str]:
    return [part for part in path.split("/") if part not in ("", ".")]


def server_query(link: str) -> str:
    """The `git-pull` query a link hands to the user's server."""
    parts = urlsplit(link)
    if parts.path.startswith("/v2/"):
        # BinderHub sends the new server to `urlpath`, relative to its base URL.
        (urlpath,) = parse_qs(parts.query)["urlpath"]
        path, _, query = urlpath.partition("?")
    else:
        path, query = parts.path, parts.query
    assert path.endswith("git-pull"), link
    return query
