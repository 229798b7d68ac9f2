"""repo2docker settings for the local build service (a traitlets config file, not a module).

Only git: the service builds snapshot commits by SHA, and repo2docker's other content
providers look names up on the internet before git gets its turn.
"""

from repo2docker.contentproviders import Git

c = get_config()  # type: ignore[name-defined] # noqa: F821
c.Repo2Docker.content_providers = [Git]
