"""``register_local_build_service(c)``: the local build service in a ``jupyterhub_config.py``."""

import sys
from typing import Any, Optional

from traitlets.config import LazyConfigValue

from ...contract import BUILD_SERVICE_NAME, service_scope

# JupyterHub's default scopes of the roles this adds to.
_DEFAULT_ROLE_SCOPES = {
    "user": ["self"],
    "server": ["users:activity!user", "access:servers!server"],
}


def _setting(section: Any, name: str, empty: Any) -> Any:
    """The value of a setting, with what earlier lines added to it (``.append()`` and the like)
    applied to ``empty``, the trait's default; set back as a plain value."""
    value = section[name] if name in section else empty
    if isinstance(value, LazyConfigValue):
        value = value.get_value(empty)
    section[name] = value
    return value


def _grant(c: Any, role_name: str, scope: str) -> None:
    """Add ``scope`` to a role in ``c.JupyterHub.load_roles``, keeping what is there."""
    roles = _setting(c.JupyterHub, "load_roles", [])
    for role in roles:
        if role.get("name") == role_name:
            scopes = list(role.get("scopes") or _DEFAULT_ROLE_SCOPES[role_name])
            if scope not in scopes:
                scopes.append(scope)
            role["scopes"] = scopes
            return
    roles.append({"name": role_name, "scopes": [*_DEFAULT_ROLE_SCOPES[role_name], scope]})


def register_local_build_service(
    c: Any,
    *,
    name: str = BUILD_SERVICE_NAME,
    ip: str = "127.0.0.1",
    port: int = 8585,
    container_engine: str = "auto",
    image_prefix: Optional[str] = None,
    keepalive_interval: Optional[float] = None,
    set_build_service_url: bool = True,
    python: Optional[str] = None,
) -> dict[str, Any]:
    """Run the local build service as the hub service ``name`` and let users' servers use it.

    - adds the managed service (``python -m jupyterlab_envbuilder.hub.localbuilder``) listening
      on ``http://<ip>:<port>``, reached at ``/services/<name>/``;
    - grants ``access:services!service=<name>`` to the ``user`` role and to the ``server``
      role, so that each server's $JUPYTERHUB_API_TOKEN may use it (a token gets the scopes
      its role names and its owner holds);
    - unless ``set_build_service_url`` is False, tells every server where the service is
      (``ENVBUILDER_BUILD_SERVICE_URL`` in ``c.Spawner.environment``).

    ``container_engine``: 'auto' (build with docker when a daemon answers, else a dry run),
    'docker' or 'none' (always a dry run: ``repo2docker --no-build``).
    ``python``: the interpreter that runs the service (with this package and repo2docker);
    default: the hub's own.
    Returns the service entry.
    """
    url = f"http://{ip}:{port}"
    command = [
        python or sys.executable,
        "-m",
        "jupyterlab_envbuilder.hub.localbuilder",
        f"--LocalBuildService.container_engine={container_engine}",
    ]
    if image_prefix is not None:
        command.append(f"--LocalBuildService.image_prefix={image_prefix}")
    if keepalive_interval is not None:
        command.append(f"--LocalBuildService.keepalive_interval={keepalive_interval}")
    service = {"name": name, "url": url, "command": command, "display": False}

    services = _setting(c.JupyterHub, "services", [])
    services[:] = [s for s in services if s.get("name") != name]
    services.append(service)

    scope = service_scope(name)
    _grant(c, "user", scope)
    _grant(c, "server", scope)

    if set_build_service_url:
        environment = _setting(c.Spawner, "environment", {})
        environment["ENVBUILDER_BUILD_SERVICE_URL"] = f"{url}/services/{name}/"
    return service
