"""Admin settings of the server extension: traitlets on one Configurable."""

import os

from traitlets import Unicode, default
from traitlets.config import Configurable


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
