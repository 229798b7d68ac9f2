"""The dev hub: a real JupyterHub on 127.0.0.1 with named servers and local single-user servers.

Used by ``make demo`` and by the end-to-end tests. Settings come from the environment:

- ``ENVBUILDER_DEV_DATA``: folder for the hub's database, secrets and the users' homes
- ``ENVBUILDER_DEV_PORT``: port of the public proxy (default 8000)
- ``ENVBUILDER_DEV_PASSWORD``: the shared demo password
- ``ENVBUILDER_GALATA``: set to 1 to load Galata's in-page helpers into each Lab (tests only)
"""

import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
# The hub may run from a venv without this project installed (the JupyterHub 5.x check).
sys.path.insert(1, str(ROOT))

from spawner import DevSpawner  # noqa: E402

from jupyterlab_envbuilder.hub import configure  # noqa: E402

c = get_config()  # type: ignore[name-defined] # noqa: F821

data = Path(os.environ.get("ENVBUILDER_DEV_DATA", ROOT / ".dev-data")).resolve()
data.mkdir(parents=True, exist_ok=True)
port = int(os.environ.get("ENVBUILDER_DEV_PORT", "8000"))
# Single-user servers run from the project's venv (with JupyterLab and the extension), even
# when the hub itself runs from another one (the JupyterHub 5.x check uses .venv-hub5).
singleuser_bin = Path(
    os.environ.get("ENVBUILDER_SINGLEUSER_BIN", ROOT / ".venv" / "bin" / "jupyterhub-singleuser")
)

c.JupyterHub.ip = "127.0.0.1"
# Servers and the build service reach the snapshot repositories through the proxy at this URL.
c.JupyterHub.public_url = f"http://127.0.0.1:{port}/"
c.JupyterHub.port = port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = port + 81
c.JupyterHub.db_url = f"sqlite:///{data / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(data / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(data / "jupyterhub.pid")
c.ConfigurableHTTPProxy.pid_file = str(data / "proxy.pid")
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port + 1}"
chp = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [str(chp) if chp.exists() else "configurable-http-proxy"]

# A shared password for every demo user; anybody may sign up by logging in.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ.get(
    "ENVBUILDER_DEV_PASSWORD", "envbuilder-demo"
)
c.Authenticator.allow_all = True
c.Authenticator.admin_users = {"admin"}

c.JupyterHub.allow_named_servers = True
c.JupyterHub.named_server_limit_per_user = 5
c.JupyterHub.spawner_class = DevSpawner
c.DevSpawner.home_dir_template = str(data / "homes" / "{username}")
c.Spawner.cmd = [str(singleuser_bin)]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
c.Spawner.args = ["--ServerApp.allow_root=True"]
# The spawned server finds its own venv's tools (jupyter, git's helpers) first.
c.Spawner.env_keep = ["LANG", "LC_ALL"]
c.Spawner.environment = {
    "PATH": f"{singleuser_bin.parent}:{os.environ.get('PATH', '/usr/bin:/bin')}"
}

if os.environ.get("ENVBUILDER_GALATA") == "1":
    # Galata's in-page helpers ship inside the single-user venv's jupyterlab package.
    galata = next(singleuser_bin.parent.parent.glob("lib/python3*/site-packages/jupyterlab/galata"))
    c.Spawner.args += [
        f"--LabServerApp.extra_labextensions_path={galata}",
        "--LabApp.expose_app_in_browser=True",
    ]

# jupyterlab-envbuilder's hub side: restart scopes, the spawner's image option, the local
# build service (repo2docker on this machine) registered as the hub service `binder`, and the
# snapshot store (`snapshots`) the servers push their environments to.
configure(
    c,
    local_build_service=True,
    # The service runs from the project's venv (repo2docker), whichever venv runs the hub.
    local_build_service_options={"port": port + 5, "python": str(singleuser_bin.parent / "python")},
    snapshot_store=True,
    snapshot_store_options={
        "port": port + 6,
        "store_dir": str(data / "snapshots"),
        "python": str(singleuser_bin.parent / "python"),
    },
    spawn_options="image={image}",
)

# Builds of users named slowbuild* print their log slowly enough to watch a build go on and
# reload the page in the middle of it (dev/paced_repo2docker.py); everyone else's are as fast
# as a repo2docker dry run is.
for service in c.JupyterHub.services:
    if service["name"] == "binder":
        # The service's own Python (the first word of its command) has repo2docker.
        service["command"] += [
            f"--LocalBuildService.repo2docker_command={service['command'][0]}",
            f"--LocalBuildService.repo2docker_command={HERE / 'paced_repo2docker.py'}",
        ]
        if os.environ.get("ENVBUILDER_GALATA") == "1":
            # A slow build holds until the test lets it go on (ENVBUILDER_E2E_DATA in the
            # Playwright config names the same folder).
            service.setdefault("environment", {})["ENVBUILDER_PACED_HOLD_DIR"] = str(
                data / "held-builds"
            )

if os.environ.get("ENVBUILDER_GALATA") == "1":
    # A test can stop the build service or the snapshot store and hold it down for as long as
    # it needs (dev/held_service.py), then let JupyterHub start it again.
    for service in c.JupyterHub.services:
        if service["name"] in ("binder", "snapshots"):
            service["command"] = [
                service["command"][0],
                str(HERE / "held_service.py"),
                str(data / "held-services"),
                service["name"],
                *service["command"],
            ]

if shutil.which("git") is None:
    print("warning: git is not installed; snapshots will not work", file=sys.stderr)
