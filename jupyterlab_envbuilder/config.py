"""Admin settings of the server extension, and what JupyterHub tells it: one Configurable.

Every ``ENVBUILDER_*``, ``JUPYTERHUB_*`` and ``JUPYTER_IMAGE*`` variable is read here, once,
as the default of a trait; the rest of the package asks this object. Limits and the paths of
the snapshot repository and the build records are derived here too.
"""

import json
import os
import re
from dataclasses import dataclass
from typing import Any, Optional
from urllib.parse import unquote, urlsplit

from traitlets import Float, Int, List, Unicode, default
from traitlets.config import Configurable

from .contract import (
    BUILD_SERVICE_NAME,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_TOTAL_BYTES,
    service_scope,
)

# Below ``data_dir``: the snapshot repository, its secret, the build records.
REPO_DIRNAME = "snapshots.git"
SECRET_FILENAME = "snapshot-secret"  # noqa: S105 - a file name
RECORDS_DIRNAME = "builds"


@dataclass(frozen=True)
class Limits:
    """How much of the environment folder a snapshot takes."""

    max_file_bytes: int = MAX_FILE_BYTES
    max_total_bytes: int = MAX_TOTAL_BYTES
    max_files: int = MAX_FILES


def _env(name: str, fallback: str = "") -> str:
    return os.environ.get(name, fallback)


def origin(url: str) -> Optional[str]:
    """``scheme://host[:port]`` of an http(s) URL, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


class EnvBuilder(Configurable):
    """Settings for jupyterlab-envbuilder, e.g. ``c.EnvBuilder.build_service_url``.

    On a hub these are usually set for every user with ``c.Spawner.environment``
    (the ``ENVBUILDER_*`` variables named below) or by
    ``jupyterlab_envbuilder.hub.configure(c)``. The ``hub_*`` and ``image`` traits come from
    the environment JupyterHub gives each server; setting them is for tests and odd setups.
    """

    build_service_url = Unicode(
        help="""URL of the hub's build service (BinderHub's build API, e.g. the
        binderhub-service chart), such as ``https://hub.example.org/services/binder/``.
        Empty means no build service. Default: $ENVBUILDER_BUILD_SERVICE_URL.""",
    ).tag(config=True)

    @default("build_service_url")
    def _default_build_service_url(self) -> str:
        return _env("ENVBUILDER_BUILD_SERVICE_URL")

    spawn_options_template = Unicode(
        help="""Query string the hub's spawn page receives to start a server on an image,
        with an ``{image}`` placeholder. DockerSpawner and the dev hub: ``image={image}``.
        KubeSpawner with a profile that allows an unlisted image:
        ``profile=<slug>&profile-option-<slug>--image--unlisted-choice={image}``.
        Empty means restarting onto a new image is not offered.
        Default: $ENVBUILDER_SPAWN_OPTIONS.""",
    ).tag(config=True)

    @default("spawn_options_template")
    def _default_spawn_options_template(self) -> str:
        return _env("ENVBUILDER_SPAWN_OPTIONS")

    data_dir = Unicode(
        help="""Folder in the user's home for the snapshot repository, its secret and the
        build records (the build history). Default: $XDG_DATA_HOME/jupyterlab-envbuilder,
        else ~/.local/share/jupyterlab-envbuilder.""",
    ).tag(config=True)

    @default("data_dir")
    def _default_data_dir(self) -> str:
        base = _env("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
        return os.path.join(base, "jupyterlab-envbuilder")

    snapshot_base_url = Unicode(
        help="""Origin (``scheme://host[:port]``) at which the build service reaches this
        server, e.g. ``https://hub.example.org``: the snapshot repository is given to the build
        service as ``<snapshot_base_url><base_url>envbuilder/snapshots/<capability>.git``, so
        it is fetched through the hub's proxy like any page of this server. A path is ignored.
        Default: $ENVBUILDER_SNAPSHOT_BASE_URL, else the origin of $JUPYTERHUB_PUBLIC_URL or
        $JUPYTERHUB_PUBLIC_HUB_URL (JupyterHub sets these when ``c.JupyterHub.public_url`` is
        set), else the origin the browser used for the snapshot request.""",
    ).tag(config=True)

    @default("snapshot_base_url")
    def _default_snapshot_base_url(self) -> str:
        explicit = _env("ENVBUILDER_SNAPSHOT_BASE_URL")
        return explicit or self.hub_public_url or self.hub_public_hub_url

    snapshot_store_url = Unicode(
        help="""Where this server pushes snapshots: the hub's snapshot store
        (``jupyterlab_envbuilder.hub.configure(c, snapshot_store=True)``), e.g.
        ``http://hub:8586/services/snapshots/``. The store answers with the URL the build
        service clones, which names the same files the same for every user and server, so
        they build once. Empty: this server serves its snapshots itself (one build per user,
        and the build needs this server until the clone).
        Default: $ENVBUILDER_SNAPSHOT_STORE_URL.""",
    ).tag(config=True)

    @default("snapshot_store_url")
    def _default_snapshot_store_url(self) -> str:
        return _env("ENVBUILDER_SNAPSHOT_STORE_URL")

    snapshot_max_file_size = Int(
        MAX_FILE_BYTES,
        help="Largest file (bytes) a snapshot of the environment folder takes.",
    ).tag(config=True)

    snapshot_max_total_size = Int(
        MAX_TOTAL_BYTES,
        help="Largest total size (bytes) of the files in a snapshot of the environment folder.",
    ).tag(config=True)

    snapshot_max_files = Int(
        MAX_FILES,
        help="Most files a snapshot of the environment folder takes.",
    ).tag(config=True)

    build_idle_timeout = Float(
        55,
        help="""Seconds without a byte from the build service before a build is reported
        as failed. BinderHub sends a keepalive every 25 seconds while a build runs, so the
        default notices a dead build service after two missed keepalives. (Through the hub's
        proxy a build service that died keeps the connection open: only this notices.)""",
    ).tag(config=True)

    build_service_internal_url = Unicode(
        help="""Where this server itself reaches the build service, when that differs from
        ``build_service_url``: e.g. ``http://binder.<namespace>.svc:8585/services/binder/`` on
        Kubernetes, so that the hub's proxy is not between the gateway and the builds and a
        build service that dies ends the connection. Empty: ``build_service_url``.
        Default: $ENVBUILDER_BUILD_SERVICE_INTERNAL_URL.""",
    ).tag(config=True)

    @default("build_service_internal_url")
    def _default_build_service_internal_url(self) -> str:
        return _env("ENVBUILDER_BUILD_SERVICE_INTERNAL_URL")

    max_build_records = Int(
        200, help="Build records kept in the history; the oldest go first."
    ).tag(config=True)

    max_build_record_size = Int(
        2 * 1024 * 1024,
        help="Bytes of one build's log kept in its record; the rest is left out, the result kept.",
    ).tag(config=True)

    # What JupyterHub tells a single-user server through its environment.

    hub_api_url = Unicode(help="URL of the JupyterHub REST API. Default: $JUPYTERHUB_API_URL.").tag(
        config=True
    )

    @default("hub_api_url")
    def _default_hub_api_url(self) -> str:
        return _env("JUPYTERHUB_API_URL")

    hub_api_token = Unicode(
        help="This server's hub token; empty off a hub. Default: $JUPYTERHUB_API_TOKEN."
    ).tag(config=True)

    @default("hub_api_token")
    def _default_hub_api_token(self) -> str:
        return _env("JUPYTERHUB_API_TOKEN")

    hub_user = Unicode(help="The user this server belongs to. Default: $JUPYTERHUB_USER.").tag(
        config=True
    )

    @default("hub_user")
    def _default_hub_user(self) -> str:
        return _env("JUPYTERHUB_USER")

    hub_server_name = Unicode(
        help="This server's name, '' for the default one. Default: $JUPYTERHUB_SERVER_NAME."
    ).tag(config=True)

    @default("hub_server_name")
    def _default_hub_server_name(self) -> str:
        return _env("JUPYTERHUB_SERVER_NAME")

    hub_base_url = Unicode(help="The hub's base URL. Default: $JUPYTERHUB_BASE_URL, else /.").tag(
        config=True
    )

    @default("hub_base_url")
    def _default_hub_base_url(self) -> str:
        return _env("JUPYTERHUB_BASE_URL", "/")

    hub_public_url = Unicode(help="Default: $JUPYTERHUB_PUBLIC_URL.").tag(config=True)

    @default("hub_public_url")
    def _default_hub_public_url(self) -> str:
        return _env("JUPYTERHUB_PUBLIC_URL")

    hub_public_hub_url = Unicode(help="Default: $JUPYTERHUB_PUBLIC_HUB_URL.").tag(config=True)

    @default("hub_public_hub_url")
    def _default_hub_public_hub_url(self) -> str:
        return _env("JUPYTERHUB_PUBLIC_HUB_URL")

    hub_oauth_client_allowed_scopes = List(
        Unicode(),
        help="""Scopes the hub lets this server's pages request for their tokens.
        Default: $JUPYTERHUB_OAUTH_CLIENT_ALLOWED_SCOPES (a JSON list).""",
    ).tag(config=True)

    @default("hub_oauth_client_allowed_scopes")
    def _default_hub_oauth_client_allowed_scopes(self) -> list[str]:
        try:
            value = json.loads(_env("JUPYTERHUB_OAUTH_CLIENT_ALLOWED_SCOPES", "[]"))
        except ValueError:
            return []
        return [str(v) for v in value] if isinstance(value, list) else []

    hub_spawner = Unicode(
        help="""The spawner class the hub runs (e.g. ``kubespawner.KubeSpawner``), when the hub
        tells it. Default: $ENVBUILDER_SPAWNER, which ``hub.configure(c)`` sets from
        ``c.JupyterHub.spawner_class``.""",
    ).tag(config=True)

    @default("hub_spawner")
    def _default_hub_spawner(self) -> str:
        return _env("ENVBUILDER_SPAWNER")

    # What a BinderHub's launcher tells a server it starts (its spawner's environment).

    binder_launch_host = Unicode(
        help="""The BinderHub that launched this server from a repository, e.g.
        ``https://mybinder.org/``; empty when no BinderHub launched it. Such a server is a
        Binder session: the BinderHub built its image from the repository when it launched it.
        Default: $BINDER_LAUNCH_HOST.""",
    ).tag(config=True)

    @default("binder_launch_host")
    def _default_binder_launch_host(self) -> str:
        return _env("BINDER_LAUNCH_HOST")

    binder_repo_url = Unicode(
        help="The repository a BinderHub launched this server from. Default: $BINDER_REPO_URL."
    ).tag(config=True)

    @default("binder_repo_url")
    def _default_binder_repo_url(self) -> str:
        return _env("BINDER_REPO_URL")

    binder_ref_url = Unicode(
        help="""The web page of the commit a BinderHub launched this server from.
        Default: $BINDER_REF_URL.""",
    ).tag(config=True)

    @default("binder_ref_url")
    def _default_binder_ref_url(self) -> str:
        return _env("BINDER_REF_URL")

    image = Unicode(
        help="The image this server runs on. Default: $JUPYTER_IMAGE_SPEC, else $JUPYTER_IMAGE."
    ).tag(config=True)

    @default("image")
    def _default_image(self) -> str:
        return _env("JUPYTER_IMAGE_SPEC") or _env("JUPYTER_IMAGE")

    # Derived once from the settings above.

    @property
    def on_hub(self) -> bool:
        return bool(self.hub_api_token)

    @property
    def limits(self) -> Limits:
        return Limits(
            self.snapshot_max_file_size, self.snapshot_max_total_size, self.snapshot_max_files
        )

    @property
    def repository_path(self) -> str:
        return os.path.join(self.data_dir, REPO_DIRNAME)

    @property
    def gateway_build_service_url(self) -> str:
        """Where the gateway connects to the build service."""
        return self.build_service_internal_url or self.build_service_url

    @property
    def records_dir(self) -> str:
        return os.path.join(self.data_dir, RECORDS_DIRNAME)

    @property
    def hub_prefix(self) -> str:
        return self.hub_base_url.rstrip("/") + "/hub/"

    @property
    def build_service_name(self) -> str:
        """The hub service name of the build service, from its URL (``/services/<name>/``)."""
        match = re.search(r"/services/([^/]+)/?$", urlsplit(self.build_service_url).path)
        return unquote(match.group(1)) if match else BUILD_SERVICE_NAME

    @property
    def build_service_scope(self) -> str:
        """The scope this server's token needs for the build service."""
        return service_scope(self.build_service_name)

    def binder_session(self) -> Optional[dict[str, Optional[str]]]:
        """The BinderHub and repository this server was launched from; None when no BinderHub
        launched it."""
        if not (self.binder_launch_host or self.binder_repo_url):
            return None
        return {
            "launchHost": self.binder_launch_host or None,
            "repoUrl": self.binder_repo_url or None,
            "refUrl": self.binder_ref_url or None,
        }

    def hub_context(self) -> Optional[dict[str, Any]]:
        """Who and where this server is on the hub; None off a hub."""
        if not self.on_hub:
            return None
        return {
            "user": self.hub_user,
            "serverName": self.hub_server_name,
            "hubPrefix": self.hub_prefix,
            "publicUrl": self.hub_public_hub_url,
        }
