"""Hub-side helpers: ``configure(c)`` for jupyterhub_config.py and the local build service,
the snapshot store."""

from .configure import configure, kubespawner_profile_options
from .localbuilder.register import register_local_build_service
from .snapshotstore.register import register_snapshot_store

__all__ = [
    "configure",
    "kubespawner_profile_options",
    "register_local_build_service",
    "register_snapshot_store",
]
