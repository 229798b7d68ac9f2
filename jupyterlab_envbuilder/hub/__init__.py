"""Hub-side helpers: ``configure(c)`` for jupyterhub_config.py and the local build service."""

from .configure import configure, kubespawner_profile_options
from .localbuilder.register import register_local_build_service

__all__ = ["configure", "kubespawner_profile_options", "register_local_build_service"]
