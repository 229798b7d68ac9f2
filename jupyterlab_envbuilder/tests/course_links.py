"""The course-link test kit: the extension's TypeScript link builder run through ``tsx``
(``links_table.ts``), and a logged-in browser following a link through a hub.

Importing it skips the importing test module when ``tsx`` is missing.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hubprocess import ROOT, end_processes, interruptible_children, process_tree, warn_left
from tornado.httpclient import AsyncHTTPClient

TSX = ROOT / "node_modules" / ".bin" / "tsx"
TABLE_SCRIPT = Path(__file__).with_name("links_table.ts")

if not TSX.exists():
    pytest.skip(
        "node_modules/.bin/tsx is missing: run `jlpm install` to build links with the TS code",
        allow_module_level=True,
    )

# JupyterHub's test helpers; imported after the skip so a missing tsx skips cleanly.
from jupyterhub.tests.mocking import MockHub  # noqa: E402
from jupyterhub.tests.utils import public_url  # noqa: E402


def build_links(requests: list[dict]) -> list[dict]:
    """Run the TypeScript builder on link requests."""
    completed = subprocess.run(
        [str(TSX), str(TABLE_SCRIPT)],
        input=json.dumps(requests),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def build_link(request: dict) -> str:
    (result,) = build_links([request])
    assert result["ok"], result
    return result["value"]["url"]


# --- the course repositories, on the git server ---


async def follow_hub_redirects(hub, link: str, user: str) -> str:
    """Follow a link through the hub as a logged-in browser would; return where
    the hub sends the browser on the user's server."""
    cookies = await hub.login_user(user)
    cookie_header = "; ".join(f"{name}={value}" for name, value in cookies.items())
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(public_url(hub)))
    user_server = f"{hub.base_url}user/{user}/"
    url = link
    redirects = 0
    # A loaded machine can take well over ten seconds to start a server: the pending page is
    # polled for up to three minutes, and only redirects count towards the hop limit.
    polls = 900
    while redirects < 30 and polls > 0:
        response = await AsyncHTTPClient().fetch(
            url,
            headers={"Cookie": cookie_header},
            follow_redirects=False,
            raise_error=False,
        )
        if response.code == 200 and "/spawn-pending/" in url:
            polls -= 1
            await asyncio.sleep(0.2)  # the server is starting: the page polls
            continue
        redirects += 1
        assert response.code in (301, 302, 303), (url, response.code, response.body[:500])
        location = response.headers["Location"]
        if location.startswith(user_server):
            return location
        url = origin + location
    raise AssertionError(f"the hub never sent {link} to the user's server")


@asynccontextmanager
async def mock_hub(monkeypatch: Any, folder: Path, config: Any = None) -> AsyncIterator:
    """JupyterHub's own test hub (the hub in-process, a real configurable-http-proxy, mock
    single-user servers), running in ``folder``, where it writes its cookie secret."""
    monkeypatch.chdir(folder)
    monkeypatch.setenv("PATH", f"{ROOT / 'node_modules' / '.bin'}{os.pathsep}{os.environ['PATH']}")
    app = MockHub.instance(config=config) if config is not None else MockHub.instance()
    try:
        with interruptible_children():
            await app.initialize([])
            await app.start()
            yield app
    finally:
        # The proxy and the servers run in sessions of their own: remembered before the hub's
        # cleanup, to end any it leaves (a failed test, a cleanup cut short).
        started = process_tree(hub_children(app))
        app.log.handlers = []
        MockHub.clear_instance()

        # `stop` cleans up, then schedules the cancelling of every task on the loop, as
        # a hub process does on its way out; the test's loop goes on running fixtures.
        async def keep_other_tasks(sig=None):
            pass

        app.shutdown_cancel_tasks = keep_other_tasks
        try:
            await app.stop()
        finally:
            warn_left(f"the hub in {folder}", end_processes(started))


def hub_children(app) -> list[int]:
    """The processes an in-process hub started: its proxy, services and users' servers."""
    proxy = getattr(app.proxy, "proxy_process", None) if getattr(app, "proxy", None) else None
    spawners = [s for user in app.users.values() for s in user.spawners.values()]
    spawners += [s.spawner for s in app._service_map.values() if s.spawner]
    return [pid for p in [proxy, *spawners] if (pid := getattr(p, "pid", None))]
