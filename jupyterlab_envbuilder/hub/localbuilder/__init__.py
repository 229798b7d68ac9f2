"""The local build service: BinderHub's build API on one machine, backed by repo2docker.

Run by the hub as ``python -m jupyterlab_envbuilder.hub.localbuilder``; register it in
``jupyterhub_config.py`` with :func:`register_local_build_service`.
"""

from .register import register_local_build_service

__all__ = ["register_local_build_service"]
