"""The snapshot store: environment snapshots by content, as a JupyterHub service."""

from .register import register_snapshot_store

__all__ = ["register_snapshot_store"]
