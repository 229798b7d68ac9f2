"""Real JupyterHub processes for tests, and an end that leaves nothing running.

A hub starts its proxy (configurable-http-proxy), its services and the users' servers each
in a session of its own, so that no signal of ours reaches them; only the hub's own cleanup
stops them. On a loaded machine that cleanup can be cut short (the hub killed after a timeout,
an interrupted run), and they would run on. ``HubProcess.stop`` ends them in order: the
servers through the hub's API, then the hub, then by process id whatever is left (the proxy
by its pid file, and every process the hub started, with its process group).
"""

from __future__ import annotations

import json
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHP = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
# The ports the hubs, their proxies, services and servers listen on come from dev/ports.py;
# ending what a hub left running, from dev/processes.py (the dev hub does it the same way).
sys.path.insert(0, str(ROOT / "dev"))

from ports import free_port  # noqa: E402
from processes import end_processes, process_tree  # noqa: E402


@contextmanager
def interruptible_children() -> Iterator[None]:
    """Processes started meanwhile take SIGINT as usual. A hub stops its services and servers
    with SIGINT first; a test run started in the background ignores it, and so would they,
    each then stopped only after the hub's 10 s wait for it."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def stop_process(process: subprocess.Popen, timeout: float = 30) -> None:
    """End a subprocess of the tests: SIGTERM, then SIGKILL if it does not end in time."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)


def warn_left(what: str, pids: list[int]) -> None:
    if pids:
        warnings.warn(f"{what}: processes {pids} were still running and were killed", stacklevel=2)


# --- a hub as a process ---

HUB_CONFIG = """
import sys
sys.path.insert(0, {root!r})
sys.path.insert(0, {dev!r})
from spawner import LocalServerSpawner

c = get_config()  # noqa
# Servers get ports below the range for outgoing connections, not JupyterHub's random_port,
# and another one if theirs is taken before they listen (dev/spawner.py).
c.JupyterHub.spawner_class = LocalServerSpawner
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {proxy_port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.auth_token = "{proxy_token}"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.pid_file = "{data}/proxy.pid"
c.JupyterHub.db_url = "sqlite:///{data}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{data}/cookie_secret"
c.JupyterHub.pid_file = "{data}/jupyterhub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = {users!r}
c.JupyterHub.services = [{{"name": "tests", "api_token": "{admin_token}"}}]
c.JupyterHub.load_roles = [
    {{"name": "tests", "scopes": ["tokens", "admin:users", "admin:servers", "access:servers"],
      "services": ["tests"]}}
]
"""


class HubProcess:
    """``jupyterhub -f`` on free ports in ``data``: the settings every test hub shares, then
    ``config`` (formatted with ``data``, ``proxy_port`` and ``values``). The test service's
    token, ``admin_token``, may manage users, their tokens and their servers."""

    def __init__(self, data: Path, config: str, users: Iterable[str], **values) -> None:
        self.data = data
        self.proxy_port = free_port()
        self.api_port = free_port()
        self.proxy_token = secrets.token_hex(16)
        self.admin_token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.proxy_port}"
        common = {"data": data, "proxy_port": self.proxy_port}
        (data / "jupyterhub_config.py").write_text(
            HUB_CONFIG.format(
                root=str(ROOT),
                dev=str(ROOT / "dev"),
                hub_port=free_port(),
                api_port=self.api_port,
                proxy_token=self.proxy_token,
                admin_token=self.admin_token,
                chp=str(CHP),
                users=set(users),
                **common,
            )
            + config.format(**common, **values)
        )
        self.started: dict[int, int] = {}
        self.log = (data / "hub.log").open("w")
        # A session of its own, as its children have: an interrupt at the terminal reaches the
        # test run alone, whose teardown then stops the hub in order.
        with interruptible_children():
            self.process = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(data / "jupyterhub_config.py")],
                cwd=data,
                stdout=self.log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def logs(self) -> str:
        return (self.data / "hub.log").read_text()

    def note_children(self) -> None:
        """Remember the processes the hub runs now, to end them even if the hub dies first."""
        self.started.update(process_tree([self.process.pid]))

    def request(self, method: str, url: str, body=None, token=None, timeout: float = 30):
        request = urllib.request.Request(
            url,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {token or self.admin_token}"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as r:
            raw = r.read()
        return json.loads(raw) if raw else None

    def api(self, method: str, path: str, body=None, timeout: float = 30):
        return self.request(method, f"{self.url}/hub/api/{path}", body, timeout=timeout)

    def token(self, user: str, **body) -> str:
        return self.api("POST", f"users/{user}/tokens", body)["token"]

    def wait_until_up(self, paths: Iterable[str], timeout: float = 90) -> None:
        """Wait until the hub's API and each of ``paths`` (behind the proxy) answer 200."""
        deadline = time.monotonic() + timeout
        for path in ("/hub/api/", *paths):
            while True:
                assert self.process.poll() is None, self.logs()
                try:
                    with urllib.request.urlopen(self.url + path, timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                assert time.monotonic() < deadline, self.logs()
                time.sleep(0.2)
        self.note_children()

    def stop_servers(self, timeout: float = 60) -> None:
        """Stop every user's servers through the hub's API, and wait until they are gone."""
        deadline = time.monotonic() + timeout
        try:
            for user in self.api("GET", "users"):
                for name in user.get("servers", {}):
                    path = f"users/{user['name']}/server" + (f"s/{name}" if name else "")
                    try:
                        self.api("DELETE", path)
                    except urllib.error.HTTPError:
                        pass  # still starting: the hub's cleanup or its process id ends it
            while time.monotonic() < deadline:
                if not any(user.get("servers") for user in self.api("GET", "users")):
                    return
                time.sleep(0.2)
        except (OSError, ValueError):
            pass  # the hub no longer answers: what it started is ended by process id

    def proxy_pid(self) -> dict[int, int]:
        try:
            pid = int((self.data / "proxy.pid").read_text())
        except (OSError, ValueError):
            return {}
        return process_tree([pid])

    def stop(self) -> None:
        self.note_children()
        self.started.update(self.proxy_pid())
        if self.process.poll() is None:
            self.stop_servers()
        stop_process(self.process, timeout=30)
        self.log.close()
        self.started.pop(self.process.pid, None)
        warn_left(f"the hub in {self.data}", end_processes({**self.started, **self.proxy_pid()}))


@contextmanager
def running_hub(hub: HubProcess, paths: Iterable[str] = ()) -> Iterator[HubProcess]:
    """The hub once it and ``paths`` answer; stopped, with all it started, on the way out."""
    try:
        hub.wait_until_up(paths)
        yield hub
    finally:
        hub.stop()
