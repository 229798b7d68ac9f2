"""Admin settings of the server extension: traitlets on one Configurable."""

import os

from traitlets import Float, Int, Unicode, default
from traitlets.config import Configurable

from .snapshots import MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES


class EnvBuilder(Configurable):
    """Settings for jupyterlab-envbuilder, e.g. ``c.EnvBuilder.build_service_url``.

    On a hub these are usually set for every user with ``c.Spawner.environment``
    (the ``ENVBUILDER_*`` variables named below) or by
    ``jupyterlab_envbuilder.hub.configure(c)``.
    """

    build_service_url = Unicode(
        help="""URL of the hub's build service (BinderHub's build API, e.g. the
        binderhub-service chart), such as ``https://hub.example.org/services/binder/``.
        Empty means no build service. Default: $ENVBUILDER_BUILD_SERVICE_URL.""",
    ).tag(config=True)

    @default("build_service_url")
    def _default_build_service_url(self):
        return os.environ.get("ENVBUILDER_BUILD_SERVICE_URL", "")

    hub_api_url = Unicode(
        help="URL of the JupyterHub REST API. Default: $JUPYTERHUB_API_URL.",
    ).tag(config=True)

    @default("hub_api_url")
    def _default_hub_api_url(self):
        return os.environ.get("JUPYTERHUB_API_URL", "")

    spawn_options_template = Unicode(
        help="""Query string the hub's spawn page receives to start a server on an image,
        with an ``{image}`` placeholder. DockerSpawner and the dev hub: ``image={image}``.
        KubeSpawner with a profile that allows an unlisted image:
        ``profile=<slug>&profile-option-<slug>--image--unlisted-choice={image}``.
        Empty means restarting onto a new image is not offered.
        Default: $ENVBUILDER_SPAWN_OPTIONS.""",
    ).tag(config=True)

    @default("spawn_options_template")
    def _default_spawn_options_template(self):
        return os.environ.get("ENVBUILDER_SPAWN_OPTIONS", "")

    data_dir = Unicode(
        help="""Folder in the user's home for the snapshot repository, its secret and the
        build records (the build history). Default: $XDG_DATA_HOME/jupyterlab-envbuilder,
        else ~/.local/share/jupyterlab-envbuilder.""",
    ).tag(config=True)

    @default("data_dir")
    def _default_data_dir(self):
        base = os.environ.get("XDG_DATA_HOME") or os.path.join(
            os.path.expanduser("~"), ".local", "share"
        )
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
    def _default_snapshot_base_url(self):
        for name in (
            "ENVBUILDER_SNAPSHOT_BASE_URL",
            "JUPYTERHUB_PUBLIC_URL",
            "JUPYTERHUB_PUBLIC_HUB_URL",
        ):
            if os.environ.get(name):
                return os.environ[name]
        return ""

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
        180,
        help="""Seconds without a byte from the build service before a build is reported
        as failed. BinderHub sends a keepalive every 25 seconds while a build runs.""",
    ).tag(config=True)
