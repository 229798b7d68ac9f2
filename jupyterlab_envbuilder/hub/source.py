"""The hub page for a Binder-style link, for a user not yet in JupyterLab:
``{hub}/hub/envbuilder/v2/<provider>/<spec>?urlpath=…``.

A mybinder.org link with this hub's address in front (``…/v2/gh/org/repo/HEAD?urlpath=…``)
lands here. The page says what the link names (where from, which repository and version, the
content it opens) and opens the user's default server — started if it is not running — with the
Environment panel's Sources section filled in with the link
(``<server>/lab?envbuilder-source=<link>``). There the user builds it with the same log, history
and restart as any build: the build runs from their server, with their server's token, as every
build does. GET only reads; nothing is started before the user clicks.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlencode

from jupyterhub.handlers import BaseHandler
from tornado import web

from ..contract import SOURCE_PARAMETER

ROUTE = r"/envbuilder/v2/([^/]+)/(.+)"
PAGE = "envbuilder_source.html"

# BinderHub's providers (binderhub/repoproviders.py), named for people.
PROVIDERS = {
    "gh": "GitHub",
    "gl": "GitLab",
    "git": "Git",
    "zenodo": "Zenodo",
    "figshare": "Figshare",
    "dataverse": "Dataverse",
    "hydroshare": "HydroShare",
    "ckan": "CKAN",
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_SPEC = 2000


def describe(provider: str, spec: str) -> dict[str, str]:
    """What a ``/v2/<provider>/<spec>`` link names, for the page; ValueError when it names none."""
    if provider not in PROVIDERS:
        raise ValueError(f"This hub cannot build links of the kind {provider!r}.")
    if not spec.strip("/") or len(spec) > MAX_SPEC or _CONTROL.search(unquote(spec)):
        raise ValueError("The link names no repository.")
    parts = spec.rstrip("/").split("/")
    if provider in ("gh", "gl", "git") and len(parts) >= 2:
        # gh/<org>/<repo>/<ref>; gl/<encoded namespace>/<ref>; git/<encoded url>/<ref>.
        repository, ref = "/".join(unquote(p) for p in parts[:-1]), unquote(parts[-1])
    else:
        repository, ref = unquote(spec.rstrip("/")), ""
    return {"from": PROVIDERS[provider], "repository": repository, "ref": ref}


class SourceHandler(BaseHandler):
    """Say what a Binder-style link names, and open JupyterLab to build it."""

    @web.authenticated
    async def get(self, provider: str, _spec: str) -> None:
        # The spec as sent: its escapes (%2F in a git URL) are part of it.
        path = self.request.path
        marker = f"/envbuilder/v2/{provider}/"
        spec = path[path.index(marker) + len(marker) :] if marker in path else _spec
        try:
            facts = describe(provider, spec)
        except ValueError as e:
            raise web.HTTPError(400, str(e)) from e
        query = self.request.query
        urlpath = self.get_argument("urlpath", "") or self.get_argument("labpath", "")
        link = f"{self.request.protocol}://{self.request.host}{path}" + (
            f"?{query}" if query else ""
        )
        user = self.current_user
        lab = user.server_url("") + "lab?" + urlencode({SOURCE_PARAMETER: link})
        open_url = f"{self.hub.base_url}spawn/{user.escaped_name}?" + urlencode({"next": lab})
        html = await self.render_template(
            PAGE,
            provider=facts["from"],
            repository=facts["repository"],
            ref=facts["ref"],
            urlpath=urlpath,
            open_url=open_url,
        )
        self.finish(html)
