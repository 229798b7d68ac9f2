"""``configure(c)``: everything a hub needs for jupyterlab-envbuilder, in jupyterhub_config.py.

from jupyterlab_envbuilder.hub import configure
configure(c, build_service_url="https://hub.example.org/services/binder/",
          spawn_options="image={image}")
"""

from pathlib import Path
from typing import Any, Optional

from ..contract import BUILD_SERVICE_NAME, RESTART_SCOPES, ROLLBACK_STORAGE_PREFIX, service_scope
from .localbuilder.register import _grant, _setting, register_local_build_service
from .snapshotstore.register import register_snapshot_store

# Hub pages that offer the previous environment when a spawn on a new image fails.
TEMPLATES = str(Path(__file__).parent / "templates")

# What a JupyterHub server's page token gets by default (JupyterHub ≥ 3).
_DEFAULT_CLIENT_SCOPES = ("access:servers!server",)


def kubespawner_profile_options(profile_slug: str, option_slug: str = "image") -> str:
    """The spawn options of a KubeSpawner profile whose option allows an unlisted image."""
    return (
        f"profile={profile_slug}"
        f"&profile-option-{profile_slug}--{option_slug}--unlisted-choice={{image}}"
    )


def configure(
    c: Any,
    *,
    build_service_url: Optional[str] = None,
    build_service_name: str = BUILD_SERVICE_NAME,
    local_build_service: bool = False,
    local_build_service_options: Optional[dict] = None,
    snapshot_store: bool = False,
    snapshot_store_options: Optional[dict] = None,
    spawn_options: Optional[str] = "image={image}",
    restart: bool = True,
    launch: bool = True,
) -> None:
    """Set the roles, scopes and settings jupyterlab-envbuilder needs.

    - ``build_service_url``: where users' servers reach the hub's build service (BinderHub's
      API, e.g. the binderhub-service chart at ``https://<hub>/services/binder/``); its hub
      service is ``build_service_name``, whose ``access:services`` scope users' servers get.
    - ``local_build_service``: run the local build service (repo2docker on this machine) as
      that hub service instead; ``local_build_service_options`` go to
      ``register_local_build_service``.
    - ``snapshot_store``: run the snapshot store as a hub service (servers push their
      snapshots there; the build service clones them by content, so the same files build once
      hub-wide); ``snapshot_store_options`` go to ``register_snapshot_store``.
    - ``spawn_options``: how the spawner takes an image, with an ``{image}`` placeholder
      (``image={image}`` for DockerSpawner; ``kubespawner_profile_options(slug)`` for a
      KubeSpawner profile); None leaves restarting onto a new image off.
    - ``restart``: let each server's page stop and start its own server
      (``c.Spawner.oauth_client_allowed_scopes``), and show a "start on the previous
      environment" button on the hub's pages when a server fails to start on a new image
      (``c.JupyterHub.template_paths``).
    - ``launch``: add the hub page behind course links that name a server
      (``<hub>/hub/envbuilder/launch/<server>?image=…&urlpath=…``, see ``hub.launch``);
      needs ``spawn_options`` and ``c.JupyterHub.allow_named_servers``; and the page for
      Binder-style links (``<hub>/hub/envbuilder/v2/<provider>/<spec>``, see ``hub.source``),
      which opens the user's JupyterLab with the link in the Sources section.

    Set ``c.JupyterHub.spawner_class`` before calling this: users' servers are told which
    spawner the hub runs (``ENVBUILDER_SPAWNER``), and the handshake reports it.
    """
    environment = _setting(c.Spawner, "environment", {})
    if local_build_service:
        register_local_build_service(
            c, name=build_service_name, **(local_build_service_options or {})
        )
    elif build_service_url:
        scope = service_scope(build_service_name)
        _grant(c, "user", scope)
        _grant(c, "server", scope)
        environment["ENVBUILDER_BUILD_SERVICE_URL"] = build_service_url

    if snapshot_store:
        register_snapshot_store(c, **(snapshot_store_options or {}))

    # The handshake names the spawner (which image options it reads) when the hub tells it.
    spawner_class = c.JupyterHub.get("spawner_class") if "JupyterHub" in c else None
    if spawner_class:
        environment["ENVBUILDER_SPAWNER"] = (
            spawner_class
            if isinstance(spawner_class, str)
            else f"{spawner_class.__module__}.{spawner_class.__qualname__}"
        )

    if spawn_options:
        if "{image}" not in spawn_options:
            raise ValueError(f"spawn_options needs an {{image}} placeholder: {spawn_options!r}")
        environment["ENVBUILDER_SPAWN_OPTIONS"] = spawn_options

    if launch and spawn_options:
        # Imported here: the handler needs JupyterHub, the rest of configure() does not.
        from .launch import ROUTE, SPAWN_OPTIONS_SETTING, LaunchHandler

        _setting(c.JupyterHub, "tornado_settings", {})[SPAWN_OPTIONS_SETTING] = spawn_options
        handlers = _setting(c.JupyterHub, "extra_handlers", [])
        if not any(handler[0] == ROUTE for handler in handlers):
            handlers.append((ROUTE, LaunchHandler))

    if launch:
        # The page for Binder-style links needs no spawn options: it opens the user's server.
        from .source import ROUTE as SOURCE_ROUTE
        from .source import SourceHandler

        handlers = _setting(c.JupyterHub, "extra_handlers", [])
        if not any(handler[0] == SOURCE_ROUTE for handler in handlers):
            handlers.append((SOURCE_ROUTE, SourceHandler))

    if restart or launch:
        paths = _setting(c.JupyterHub, "template_paths", [])
        if TEMPLATES not in paths:
            paths.insert(0, TEMPLATES)

    if restart:
        template_vars = _setting(c.JupyterHub, "template_vars", {})
        template_vars["envbuilder_rollback_prefix"] = ROLLBACK_STORAGE_PREFIX
        scopes = _setting(c.Spawner, "oauth_client_allowed_scopes", [])
        if not scopes:
            scopes.extend(_DEFAULT_CLIENT_SCOPES)
        for scope in RESTART_SCOPES:
            if scope not in scopes:
                scopes.append(scope)
