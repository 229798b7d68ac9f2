"""The handshake: what this server is, where it runs, what the hub lets it do, and its settings.

The answer carries codes and structured details, never words for the user: a missing
capability says what is missing (``code``), which admin setting would fix it (``setting``) and
the names involved (scopes, HTTP status). The frontend says it in the user's language. It also
carries every setting the frontend would otherwise repeat: limits, scopes, service name, folder.
"""

from typing import Any, Optional
from urllib.parse import urlsplit

from .config import EnvBuilder
from .contract import DEFAULT_FOLDER, RESTART_SCOPES
from .http import fetch
from .version import __version__

# The admin settings a missing capability names.
BUILD_SERVICE_SETTING = "ENVBUILDER_BUILD_SERVICE_URL"
SPAWN_OPTIONS_SETTING = "ENVBUILDER_SPAWN_OPTIONS"
CLIENT_SCOPES_SETTING = "c.Spawner.oauth_client_allowed_scopes"
SERVER_ROLE_SETTING = "c.JupyterHub.load_roles"
HUB_API_SETTING = "JUPYTERHUB_API_URL"
BINDERHUB_BASE_URL_SETTING = "c.BinderHub.base_url"

# Scopes that include another one, after JupyterHub's scope hierarchy.
_IMPLIED_BY = {
    "read:servers": ("servers", "admin:servers"),
    "servers": ("admin:servers",),
}


def _scope_granted(wanted: str, granted: list[str], owner: str, server: str) -> bool:
    """Whether ``wanted`` (e.g. ``servers!server``, meaning this very server) is granted."""
    base = wanted.split("!", 1)[0]
    names = (base, *_IMPLIED_BY.get(base, ()))
    accepted = set()
    for name in names:
        accepted.update(
            {
                name,
                f"{name}!server",
                f"{name}!user",
                f"{name}!user={owner}",
                f"{name}!server={owner}/{server}",
            }
        )
    return any(scope in accepted for scope in granted)


async def hub_version(config: EnvBuilder) -> tuple[Optional[str], Optional[dict[str, Any]]]:
    """The hub's version from ``GET {hub api}/`` (no auth needed), or why it is not known."""
    if not config.hub_api_url:
        return None, {"code": "notConfigured", "setting": HUB_API_SETTING}
    response = await fetch(config.hub_api_url.rstrip("/") + "/", timeout=5)
    if response.code != 200:
        return None, _unreachable(response.code, response.error)
    try:
        return str(response.json()["version"]), None
    except (ValueError, KeyError, TypeError):
        return None, {"code": "noVersion"}


def _unreachable(status: int, error: Optional[str]) -> dict[str, Any]:
    """``unreachable`` with the HTTP status that came back, or the network error (for admins)."""
    problem: dict[str, Any] = {"code": "unreachable"}
    if status:
        problem["httpStatus"] = status
    if error:
        problem["detail"] = error
    return problem


# A server a BinderHub launched from a repository, where nothing was set up for this extension:
# its image comes from the repository, and there is no administrator to set anything up for it.
BINDER_SESSION = {"available": False, "code": "binderSession"}


async def build_capability(config: EnvBuilder) -> dict[str, Any]:
    url = config.build_service_url
    if not url:
        if config.binder_session() is not None:
            return dict(BINDER_SESSION)
        return {"available": False, "code": "notConfigured", "setting": BUILD_SERVICE_SETTING}
    # Asked where the gateway will ask: the internal URL when the admin gave one.
    checked = config.gateway_build_service_url
    response = await fetch(checked.rstrip("/") + "/versions", token=config.hub_api_token, timeout=5)
    if response.code == 200:
        # BinderHub's /versions is public: whether this server's token may build is told by
        # the hub, from the token's own scopes.
        missing = await missing_service_scope(config)
        if missing:
            return {
                "available": False,
                "url": url,
                "code": "missingScope",
                "setting": SERVER_ROLE_SETTING,
                "missingScopes": [missing],
            }
        return {"available": True, "url": url}
    if response.code in (401, 403):
        return {
            "available": False,
            "url": url,
            "code": "refused",
            "setting": SERVER_ROLE_SETTING,
            "httpStatus": response.code,
            "missingScopes": [config.build_service_scope],
        }
    if response.code == 404:
        return await _not_found(url, checked)
    return {
        "available": False,
        "url": url,
        "setting": BUILD_SERVICE_SETTING,
        **_unreachable(response.code, response.error),
    }


async def _not_found(url: str, checked: str) -> dict[str, Any]:
    """Nothing at ``<url>versions``. A BinderHub whose ``base_url`` was left at ``/`` (the
    binderhub-service chart's default) answers at its server's root instead: ``wrongBaseUrl``
    says where, so the hint names BinderHub's setting rather than the address."""
    problem: dict[str, Any] = {
        "available": False,
        "url": url,
        "code": "notFound",
        "httpStatus": 404,
        "setting": BINDERHUB_BASE_URL_SETTING,
    }
    parts = urlsplit(checked)
    if parts.path.strip("/"):
        root = f"{parts.scheme}://{parts.netloc}/"
        response = await fetch(root + "versions", timeout=5)
        try:
            answer = response.json() if response.code == 200 else None
        except ValueError:
            answer = None
        if isinstance(answer, dict) and ("binderhub" in answer or "builder_info" in answer):
            problem.update(code="wrongBaseUrl", foundAt=root)
    return problem


def _service_scope_granted(wanted: str, granted: list[str]) -> bool:
    return wanted in granted or "access:services" in granted


async def missing_service_scope(config: EnvBuilder) -> Optional[str]:
    """The build-service scope the token lacks, or None (also when the hub cannot tell)."""
    wanted = config.build_service_scope
    token = config.hub_api_token
    if not (config.hub_api_url and token):
        return None
    response = await fetch(config.hub_api_url.rstrip("/") + "/user", token=token, timeout=5)
    if response.code != 200:
        return None
    try:
        granted = [str(s) for s in response.json().get("scopes", [])]
    except (ValueError, AttributeError):
        return None
    return None if _service_scope_granted(wanted, granted) else wanted


def restart_capability(config: EnvBuilder, hub: Optional[dict[str, Any]]) -> dict[str, Any]:
    capability = _restart_capability(config, hub)
    if not capability["available"] and config.binder_session() is not None:
        return dict(BINDER_SESSION)
    return capability


def _restart_capability(config: EnvBuilder, hub: Optional[dict[str, Any]]) -> dict[str, Any]:
    if hub is None:
        return {"available": False, "code": "notOnHub"}
    granted = config.hub_oauth_client_allowed_scopes
    missing = [
        s for s in RESTART_SCOPES if not _scope_granted(s, granted, hub["user"], hub["serverName"])
    ]
    if missing:
        return {
            "available": False,
            "code": "missingScope",
            "setting": CLIENT_SCOPES_SETTING,
            "missingScopes": missing,
            # Launch links for other people need the template, not these scopes.
            "spawnOptionsTemplate": config.spawn_options_template or None,
        }
    if not config.spawn_options_template:
        return {"available": False, "code": "noSpawnOptions", "setting": SPAWN_OPTIONS_SETTING}
    return {"available": True, "spawnOptionsTemplate": config.spawn_options_template}


def spawner_kind(spawner_class: str) -> Optional[str]:
    """Which spawner the hub runs, as a code: ``kubespawner``, ``dockerspawner`` (both read the
    image options this extension writes), ``other``; None when the hub does not tell."""
    name = spawner_class.strip().lower()
    if not name:
        return None
    if name.startswith("kubespawner") or name == "kubernetes":
        return "kubespawner"
    if name.startswith("dockerspawner") or name.startswith("docker"):
        return "dockerspawner"
    return "other"


STORE_SETTING = "ENVBUILDER_SNAPSHOT_STORE_URL"
# What building without the store loses: a build per user and server instead of one per
# content, and the build needs this server up until the build service has cloned.
STORE_LOST = ("sharedBuilds", "buildWithoutServer")


async def snapshot_store_capability(config: EnvBuilder) -> dict[str, Any]:
    url = config.snapshot_store_url
    if not url and not config.build_service_url and config.binder_session() is not None:
        return dict(BINDER_SESSION)
    if not url:
        # Builds still work (this server serves its own snapshots): only sharing is lost.
        return {
            "available": False,
            "code": "notConfigured",
            "setting": STORE_SETTING,
            "lost": list(STORE_LOST),
        }
    response = await fetch(url.rstrip("/") + "/api/", timeout=5)
    if response.code == 200:
        return {"available": True, "url": url}
    return {
        "available": False,
        "url": url,
        "setting": STORE_SETTING,
        # Snapshots go to the store when it is configured: no build until it answers.
        "lost": ["build"],
        **_unreachable(response.code, response.error),
    }


def settings(config: EnvBuilder) -> dict[str, Any]:
    """What the frontend needs to know of this server's settings."""
    limits = config.limits
    return {
        "defaultFolder": DEFAULT_FOLDER,
        "limits": {
            "maxFileBytes": limits.max_file_bytes,
            "maxTotalBytes": limits.max_total_bytes,
            "maxFiles": limits.max_files,
        },
        "restartScopes": list(RESTART_SCOPES),
        "buildService": {
            "name": config.build_service_name,
            "scope": config.build_service_scope,
        },
    }


async def handshake(config: EnvBuilder, frontend_version: Optional[str]) -> dict[str, Any]:
    hub = config.hub_context()
    if hub is not None:
        hub["hubVersion"], hub["hubVersionProblem"] = await hub_version(config)
        hub["spawner"] = spawner_kind(config.hub_spawner)
        hub["spawnerClass"] = config.hub_spawner or None
    version_matches = frontend_version is None or frontend_version == __version__
    return {
        "version": __version__,
        "frontendVersion": frontend_version,
        "versionMatches": version_matches,
        "hub": hub,
        "binder": config.binder_session(),
        "image": config.image or None,
        "settings": settings(config),
        "capabilities": {
            "build": await build_capability(config),
            "restart": restart_capability(config, hub),
            "snapshotStore": await snapshot_store_capability(config),
        },
    }
