"""The hub page behind course links that name a server: ``{hub}/hub/envbuilder/launch/<server>``.

JupyterHub's spawn URL needs the user's name, which a link shared with a whole course cannot
carry. This page resolves the user who follows the link, then:

- the named server does not exist or is stopped: send the browser to JupyterHub's own spawn URL
  for it, with the spawner options for the link's image (the admin's template, ``{image}``
  filled in, ``opt-`` prefixed on JupyterHub ≥ 6) and ``next`` pointing at the content on that
  server (nbgitpuller's ``git-pull?…``). JupyterHub creates and starts the server;
- it runs on the link's image: straight to the content;
- it runs on another image: a page that says so and offers to restart it on the link's image
  (a form POST: the GET changes nothing), or to open the content on the server as it is;
- it is starting or stopping: JupyterHub's own pending page.

Query: ``image`` (the environment's image) and ``urlpath`` (where to go on the server, usually
``git-pull?…``; relative, no leading slash).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

from jupyterhub import __version__ as jupyterhub_version
from jupyterhub.handlers import BaseHandler
from jupyterhub.scopes import has_scope
from jupyterhub.utils import exponential_backoff
from tornado import web

ROUTE = r"/envbuilder/launch/([^/]+)"
# Settings the page reads from the hub's tornado settings (``configure()`` sets them).
SPAWN_OPTIONS_SETTING = "envbuilder_spawn_options"
PAGE = "envbuilder_launch.html"

# A named server's name as JupyterHub ≥ 6 accepts it in a URL (a "safe slug").
SERVER_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")
# "https:", "javascript:": a urlpath that would leave the user's server.
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# A container image reference: registry/name:tag or @digest, no spaces.
IMAGE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,254}$")
# How long the restart button waits for a server to stop. JupyterHub returns from a stop after
# its `slow_stop_timeout` (10 s) while the stop goes on; pods often need 30 s. Sending the browser
# to the spawn URL then would meet JupyterHub's "stopping" page, which drops the image option.
STOP_WAIT_SECONDS = 180


def spawn_options(template: str, image: str, hub_version: str = jupyterhub_version) -> list:
    """The spawn page's query arguments for ``image``, in the template's order."""
    prefix = "opt-" if int(hub_version.split(".")[0]) >= 6 else ""
    return [
        (prefix + key, value.replace("{image}", image))
        for key, value in parse_qsl(template, keep_blank_values=True)
    ]


def running_image(spawner, template: str) -> str | None:
    """The image a server was started on, read from its options as the template wrote them."""
    options = spawner.user_options or {}
    pairs = parse_qsl(template, keep_blank_values=True)
    # KubeSpawner keeps `profile-option-<profile>--<option>` as `<option>`.
    profile_prefix = f"profile-option-{dict(pairs).get('profile', '')}--"
    for key, value in pairs:
        if "{image}" in value:
            found = options.get(key)
            if found is None and key.startswith(profile_prefix):
                found = options.get(key[len(profile_prefix) :])
            if isinstance(found, list):
                found = found[0] if found else None
            return found if isinstance(found, str) else None
    return None


class LaunchHandler(BaseHandler):
    """Start or reuse the named server a course link names, then open its content."""

    def _launch(self, server_name: str) -> tuple[str, str]:
        if not self.allow_named_servers:
            raise web.HTTPError(404, "This hub does not allow named servers.")
        if not SERVER_NAME.match(server_name):
            raise web.HTTPError(400, "The link names a server the hub cannot create.")
        image = self.get_argument("image", "")
        if not IMAGE.match(image):
            raise web.HTTPError(400, "The link's image is missing or not an image name.")
        urlpath = self.get_argument("urlpath", "")
        # Only a path on the user's own server: nothing that leaves it.
        if urlpath.startswith("/") or "\\" in urlpath or SCHEME.match(urlpath):
            raise web.HTTPError(400, "The link's urlpath must be relative to the server.")
        if not self.settings.get(SPAWN_OPTIONS_SETTING):
            raise web.HTTPError(404, "This hub does not start servers on a chosen image.")
        user = self.current_user
        if not has_scope(f"servers!user={user.name}", self.parsed_scopes, db=self.db):
            raise web.HTTPError(403, "You may not start servers on this hub.")
        return image, urlpath

    def _spawn_url(self, server_name: str, image: str, urlpath: str) -> str:
        user = self.current_user
        template = self.settings[SPAWN_OPTIONS_SETTING]
        query = spawn_options(template, image)
        query.append(("next", user.server_url(server_name) + urlpath))
        return f"{self.hub.base_url}spawn/{user.escaped_name}/{server_name}?{urlencode(query)}"

    def _state(self, server_name: str):
        """The server's spawner when it exists, and the image it runs when it is running."""
        user = self.current_user
        if server_name not in user.orm_spawners:
            return None, None
        spawner = user.spawners[server_name]
        image = running_image(spawner, self.settings[SPAWN_OPTIONS_SETTING])
        return spawner, image

    @web.authenticated
    async def get(self, server_name):
        image, urlpath = self._launch(server_name)
        spawner, running = self._state(server_name)
        user = self.current_user
        if spawner is None or not spawner.active:
            self.redirect(self._spawn_url(server_name, image, urlpath))
        elif spawner.pending or not spawner.ready:
            self.redirect(f"{self.hub.base_url}spawn-pending/{user.escaped_name}/{server_name}")
        elif running == image:
            self.redirect(user.server_url(server_name) + urlpath)
        else:
            html = await self.render_template(
                PAGE,
                server_name=server_name,
                running_image=running,
                image=image,
                open_url=user.server_url(server_name) + urlpath,
                restart_url=self.request.uri,
            )
            self.finish(html)

    @web.authenticated
    async def post(self, server_name):
        """Restart the server on the link's image (the page's button), then open the content."""
        image, urlpath = self._launch(server_name)
        spawner, running = self._state(server_name)
        if spawner is not None and spawner.pending:
            raise web.HTTPError(409, "The server is starting or stopping; try again shortly.")
        if spawner is not None and spawner.active and running != image:
            await self.stop_single_user(self.current_user, server_name)
            if not await _stopped(spawner, STOP_WAIT_SECONDS):
                raise web.HTTPError(
                    503, "The server is still stopping; open the course link again in a minute."
                )
        self.redirect(self._spawn_url(server_name, image, urlpath), status=303)


async def _stopped(spawner, timeout: float) -> bool:
    """Whether the server has stopped, waiting up to ``timeout`` seconds for a stop under way."""
    try:
        await exponential_backoff(
            lambda: spawner.pending != "stop", "the server is still stopping", timeout=timeout
        )
    except TimeoutError:
        return False
    return not spawner.active
