"""jupyterlab-envbuilder: manage your own environment from JupyterLab on a JupyterHub."""

import threading

from .config import EnvBuilder
from .contract import API_NAMESPACE
from .environments import record_start
from .handlers import setup_handlers
from .packages import read_installed, record_baseline, record_resolved
from .version import __version__


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "jupyterlab-envbuilder"}]


def _jupyter_server_extension_points():
    return [{"module": "jupyterlab_envbuilder"}]


def _load_jupyter_server_extension(server_app):
    """Register the REST API under ``<base_url>envbuilder/``."""
    config = EnvBuilder(parent=server_app)
    setup_handlers(server_app.web_app, config)
    if config.on_hub:
        try:
            record_start(config.data_dir, config.image or None, config.hub_server_name)
        except OSError as e:  # a read-only home must not stop the server
            server_app.log.warning("jupyterlab_envbuilder: environment history: %s", e)
        # What the image brought, so that what is installed by hand later shows as drift.
        threading.Thread(
            target=_record_packages, args=(config, server_app.log), daemon=True
        ).start()
    server_app.log.info(
        "jupyterlab_envbuilder %s: API at %s%s/", __version__, server_app.base_url, API_NAMESPACE
    )


def _record_packages(config, log) -> None:
    try:
        installed = read_installed()
        record_baseline(config.data_dir, installed, config.hub_server_name)
        record_resolved(config.data_dir, config.image or None, installed)
    except Exception as e:  # pip missing or broken: drift is then not offered
        log.warning("jupyterlab_envbuilder: packages at start: %s", e)
