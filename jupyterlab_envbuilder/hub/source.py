"""The hub page for a Binder-style link, for a user not yet in JupyterLab:
``{hub}/hub/envbuilder/v2/<provider>/<spec>?urlpath=…``.

A mybinder.org link with this hub's address in front (``…/v2/gh/org/repo/HEAD?urlpath=…``)
lands here. The page says what the link names (where from, which repository and version, the
content it opens) and lets the user pick the server to build it from: the default one, one of
their named servers, or a new named server under a name JupyterHub accepts. The pick opens that
server — started if it is not running — with the Environment panel's Sources section filled in
with the link (``<server>/lab?envbuilder-source=<link>``). There the user builds it with the same
log, history and restart as any build: the build runs from their server, with their server's
token, as every build does. GET only reads; nothing is started before the user clicks (a new
name is a form POST, XSRF-checked, answered with JupyterHub's spawn URL for it).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlencode

from jupyterhub.handlers import BaseHandler
from tornado import web

try:  # JupyterHub >= 6 creates named servers only under a "safe slug"; its own check.
    from jupyterhub.slugs import is_valid_safe_slug
except ImportError:  # JupyterHub 5 takes more; the same rule keeps links working on both.
    _SAFE_SLUG = re.compile(r"^[a-z](?:[a-z0-9]|-(?!-))*(?<!-)$")

    def is_valid_safe_slug(s: str, max_length: int = 30) -> bool:
        return len(s) <= max_length and bool(_SAFE_SLUG.match(s))


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
    """Say what a Binder-style link names, and open the server the user picks to build it."""

    def _link(self, provider: str, fallback: str) -> tuple[str, dict[str, str]]:
        """The link as followed (its escapes, %2F in a git URL, are part of the spec), and what
        it names; 400 when it names nothing this hub can build."""
        path = self.request.path
        marker = f"/envbuilder/v2/{provider}/"
        spec = path[path.index(marker) + len(marker) :] if marker in path else fallback
        try:
            facts = describe(provider, spec)
        except ValueError as e:
            raise web.HTTPError(400, str(e)) from e
        query = self.request.query
        return f"{self.request.protocol}://{self.request.host}{path}" + (
            f"?{query}" if query else ""
        ), facts

    def _open_url(self, link: str, server: str) -> str:
        """JupyterHub's spawn URL for ``server`` ('' the default), then its Lab with the link."""
        user = self.current_user
        lab = user.server_url(server) + "lab?" + urlencode({SOURCE_PARAMETER: link})
        target = user.escaped_name + (f"/{server}" if server else "")
        return f"{self.hub.base_url}spawn/{target}?" + urlencode({"next": lab})

    async def _page(self, link: str, facts: dict[str, str], error: str = "", name: str = ""):
        user = self.current_user
        servers = []
        for server in sorted(user.orm_spawners):
            if server and not self.allow_named_servers:
                continue
            spawner = user.orm_spawners[server]
            servers.append(
                {
                    "name": server,
                    "running": bool(spawner.server),
                    "url": self._open_url(link, server),
                }
            )
        if "" not in user.orm_spawners:
            servers.insert(0, {"name": "", "running": False, "url": self._open_url(link, "")})
        return await self.render_template(
            PAGE,
            provider=facts["from"],
            repository=facts["repository"],
            ref=facts["ref"],
            urlpath=self.get_argument("urlpath", "") or self.get_argument("labpath", ""),
            servers=servers,
            allow_named_servers=self.allow_named_servers,
            xsrf=self.xsrf_token.decode("ascii"),
            error=error,
            new_name=name,
        )

    @web.authenticated
    async def get(self, provider: str, spec: str) -> None:
        link, facts = self._link(provider, spec)
        self.finish(await self._page(link, facts))

    @web.authenticated
    async def post(self, provider: str, spec: str) -> None:
        """``new_server``: a new named server to build the link from."""
        link, facts = self._link(provider, spec)
        name = self.get_body_argument("new_server", "").strip()
        user = self.current_user
        error = ""
        if not self.allow_named_servers:
            error = "This hub does not let users have named servers."
        elif not is_valid_safe_slug(name):
            error = (
                "A server name has 1 to 30 lowercase letters, digits and single hyphens, starts"
                " with a letter and ends with a letter or digit (e.g. course-101)."
            )
        elif name in user.orm_spawners:
            error = f"You have a server named {name} already: pick it above."
        else:
            limit = await self.get_current_user_named_server_limit()
            named = [server for server in user.orm_spawners if server]
            if limit and len(named) >= limit:
                error = f"You have the most named servers this hub allows ({limit})."
        if error:
            self.set_status(400)
            self.finish(await self._page(link, facts, error, name))
            return
        # JupyterHub creates the server and starts it: its spawn URL, as any link would.
        self.redirect(self._open_url(link, name), status=303)
