"""``register_snapshot_store(c)``: the snapshot store in a ``jupyterhub_config.py``."""

import os
import sys
from typing import Any, Optional

from ..localbuilder.register import _grant, _setting


def register_snapshot_store(
    c: Any,
    *,
    name: str = "snapshots",
    ip: str = "127.0.0.1",
    port: int = 8586,
    store_dir: str = "envbuilder-snapshots",
    public_url: Optional[str] = None,
    allowed_networks: Optional[list[str]] = None,
    keep_unused_days: Optional[float] = None,
    gc_interval: Optional[float] = None,
    python: Optional[str] = None,
) -> dict[str, Any]:
    """Run the snapshot store as the hub service ``name`` and let users' servers push to it.

    - adds the managed service (``python -m jupyterlab_envbuilder.hub.snapshotstore``)
      listening on ``http://<ip>:<port>``, reached at ``/services/<name>/``, keeping the
      snapshots in ``store_dir`` (relative to the folder the hub starts in);
    - ``public_url``: where the build service clones from, and so part of every image name.
      Default: ``c.JupyterHub.public_url`` + ``services/<name>/``; one of them must be set;
    - grants ``access:services!service=<name>`` to the ``user`` and ``server`` roles: a
      server's own $JUPYTERHUB_API_TOKEN may push;
    - tells every server where to push (``ENVBUILDER_SNAPSHOT_STORE_URL``).

    ``allowed_networks``: CIDRs that may read snapshots (default: anyone);
    ``keep_unused_days``, ``gc_interval``: garbage collection (see ``SnapshotStoreService``).
    Returns the service entry.
    """
    if public_url is None:
        hub_url = c.JupyterHub.get("public_url") if "public_url" in c.JupyterHub else None
        if not hub_url:
            raise ValueError(
                "The snapshot store needs the URL the build service clones from: set "
                "c.JupyterHub.public_url, or pass public_url."
            )
        public_url = f"{hub_url.rstrip('/')}/services/{name}/"
    url = f"http://{ip}:{port}"
    command = [
        python or sys.executable,
        "-m",
        "jupyterlab_envbuilder.hub.snapshotstore",
        f"--SnapshotStoreService.store_dir={os.path.abspath(store_dir)}",
        f"--SnapshotStoreService.public_url={public_url}",
    ]
    command += [f"--SnapshotStoreService.allowed_networks={net}" for net in allowed_networks or ()]
    if keep_unused_days is not None:
        command.append(f"--SnapshotStoreService.keep_unused_days={keep_unused_days}")
    if gc_interval is not None:
        command.append(f"--SnapshotStoreService.gc_interval={gc_interval}")
    service = {"name": name, "url": url, "command": command, "display": False}

    services = _setting(c.JupyterHub, "services", [])
    services[:] = [s for s in services if s.get("name") != name]
    services.append(service)

    scope = f"access:services!service={name}"
    _grant(c, "user", scope)
    _grant(c, "server", scope)

    environment = _setting(c.Spawner, "environment", {})
    environment["ENVBUILDER_SNAPSHOT_STORE_URL"] = f"{url}/services/{name}/"
    return service
