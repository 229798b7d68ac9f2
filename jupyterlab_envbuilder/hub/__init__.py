"""Hub-side helpers: ``configure(c)`` for jupyterhub_config.py and the local build service."""
