"""jupyterlab-envbuilder: manage your own environment from JupyterLab on a JupyterHub."""

try:
    from ._version import __version__
except ImportError:  # pragma: no cover - only when the package was never built
    import warnings

    warnings.warn("Importing 'jupyterlab_envbuilder' outside a proper installation.", stacklevel=2)
    __version__ = "dev"


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "jupyterlab-envbuilder"}]


def _jupyter_server_extension_points():
    return [{"module": "jupyterlab_envbuilder"}]


def _load_jupyter_server_extension(server_app):
    """Register the REST API under ``<base_url>envbuilder/``."""
    from .config import EnvBuilder
    from .environments import record_start
    from .handlers import setup_handlers
    from .status import current_image, hub_context

    config = EnvBuilder(parent=server_app)
    setup_handlers(server_app.web_app, config)
    hub = hub_context()
    if hub is not None:
        try:
            record_start(config.data_dir, current_image(), hub["serverName"])
        except OSError as e:  # a read-only home must not stop the server
            server_app.log.warning("jupyterlab_envbuilder: environment history: %s", e)
    server_app.log.info(
        "jupyterlab_envbuilder %s: API at %senvbuilder/", __version__, server_app.base_url
    )
