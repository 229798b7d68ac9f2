"""The dev hub (dev/demo.py) for the benchmarks: start it, make users, start servers, stop it.

The dev hub has no admin password (SharedPasswordAuthenticator lets admins in only with
``admin_password``, which dev/jupyterhub_config.py leaves unset), so each user logs in on
the hub's own form and asks for a token of their own with the shared password
(``POST /hub/api/users/<name>/tokens`` with ``auth``). Such a token carries all the user's
scopes, which include ``access:services!service=binder`` (granted by ``configure(c)``).
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Optional

import httpx
from report import RESULTS, ROOT

PASSWORD = os.environ.get("ENVBUILDER_DEV_PASSWORD", "envbuilder-demo")


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


class DevHub:
    """``dev/demo.py --fresh`` on ``port``, its output in bench/results/devhub-<port>.log."""

    def __init__(self, port: int = 8070, data: Optional[Path] = None) -> None:
        self.port = port
        self.data = data or ROOT / ".dev-data" / "bench"
        self.url = f"http://127.0.0.1:{port}"
        # dev/jupyterhub_config.py puts the local build service on the proxy's port + 5.
        self.service_url = f"http://127.0.0.1:{port + 5}/services/binder/"
        # ... and the snapshot store on port + 6; builds clone from it through the proxy.
        self.store_url = f"{self.url}/services/snapshots/"
        self.proc: Optional[subprocess.Popen] = None
        self.log_path = RESULTS / f"devhub-{port}.log"
        self.http = httpx.Client(timeout=60, trust_env=False)

    def __enter__(self) -> "DevHub":
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def start(self, timeout: float = 120) -> None:
        busy = [
            p
            for p in (self.port, self.port + 1, self.port + 5, self.port + 6, self.port + 81)
            if port_in_use(p)
        ]
        if busy:
            raise RuntimeError(f"ports {busy} are in use: is another dev hub running there?")
        RESULTS.mkdir(parents=True, exist_ok=True)
        env = dict(
            os.environ,
            ENVBUILDER_DEV_PORT=str(self.port),
            ENVBUILDER_DEV_DATA=str(self.data),
            ENVBUILDER_DEV_PASSWORD=PASSWORD,
            # Exposes window.jupyterapp in each Lab, which the restart benchmark reads.
            ENVBUILDER_GALATA="1",
        )
        log = self.log_path.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "dev" / "demo.py"), "--fresh"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the dev hub did not start; see {self.log_path}")
            try:
                if self.http.get(f"{self.url}/hub/api/").status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"the dev hub did not answer in {timeout:g} s; see {self.log_path}")

    def stop(self) -> None:
        """SIGTERM to demo.py, which stops the hub, its proxy, services and servers."""
        self.http.close()
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    # --- users and servers -------------------------------------------------------------

    def login(self, user: str) -> str:
        """Log ``user`` in on the hub's form (which creates them) and return a new token."""
        with httpx.Client(timeout=60, trust_env=False) as browser:
            page = browser.get(f"{self.url}/hub/login")
            match = re.search(r'name="_xsrf" value="([^"]+)"', page.text)
            form = {"username": user, "password": PASSWORD}
            if match:
                form["_xsrf"] = match.group(1)
            answer = browser.post(f"{self.url}/hub/login", data=form)
            if answer.status_code >= 400:
                raise RuntimeError(f"login of {user} failed: HTTP {answer.status_code}")
        answer = self.http.post(
            f"{self.url}/hub/api/users/{user}/tokens",
            json={"auth": {"username": user, "password": PASSWORD}, "note": "benchmark"},
        )
        answer.raise_for_status()
        return answer.json()["token"]

    def api(self, method: str, path: str, token: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"token {token}"}
        return self.http.request(method, f"{self.url}/hub/api/{path}", headers=headers, **kwargs)

    def server_model(self, user: str, server: str, token: str) -> Optional[dict[str, Any]]:
        answer = self.api("GET", f"users/{user}", token)
        answer.raise_for_status()
        return (answer.json().get("servers") or {}).get(server)

    def start_server(
        self, user: str, server: str, token: str, image: str, timeout: float = 120
    ) -> dict[str, Any]:
        """Start a named server on ``image`` and wait until the hub says it is ready."""
        answer = self.api("POST", f"users/{user}/servers/{server}", token, json={"image": image})
        if answer.status_code not in (201, 202):
            raise RuntimeError(f"start of {user}/{server}: HTTP {answer.status_code} {answer.text}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.server_model(user, server, token)
            if model and model.get("ready"):
                return model
            time.sleep(0.1)
        raise RuntimeError(f"{user}/{server} did not start in {timeout:g} s")

    def stop_server(self, user: str, server: str, token: str, timeout: float = 60) -> None:
        self.api("DELETE", f"users/{user}/servers/{server}", token)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.server_model(user, server, token)
            if not model or (not model.get("ready") and not model.get("pending")):
                return
            time.sleep(0.1)
        raise RuntimeError(f"{user}/{server} did not stop in {timeout:g} s")
