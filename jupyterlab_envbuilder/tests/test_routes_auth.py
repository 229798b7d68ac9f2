"""Every route under envbuilder/ refuses anonymous requests, but the snapshot repository's."""

import re

import pytest
from tornado.routing import PathMatches, Router, Rule
from tornado.util import re_unescape
from tornado.web import RequestHandler

from jupyterlab_envbuilder.snapshot_handlers import SnapshotRepoHandler


def envbuilder_routes(router: Router):
    """(pattern, handler class) of every route whose path has an envbuilder/ segment."""
    for rule in getattr(router, "rules", []):
        assert isinstance(rule, Rule)
        if isinstance(rule.target, Router):
            yield from envbuilder_routes(rule.target)
        elif isinstance(rule.matcher, PathMatches) and "/envbuilder/" in rule.matcher.regex.pattern:
            yield rule.matcher, rule.target


def sample_path(matcher: PathMatches) -> str:
    """A path the route answers, with a 32-hex value in each group."""
    pattern = matcher.regex.pattern.rstrip("$")
    return re_unescape(re.sub(r"\([^()]*\)", "0" * 32, pattern))


def methods(handler: type[RequestHandler]) -> list[str]:
    return [
        m
        for m in handler.SUPPORTED_METHODS
        if getattr(handler, m.lower()) is not RequestHandler._unimplemented_method
    ]


async def test_every_route_but_the_repository_refuses_anonymous_requests(
    jp_web_app, http_server_client
):
    routes = list(envbuilder_routes(jp_web_app.default_router))
    names = {handler.__name__ for _, handler in routes}
    assert {"StatusHandler", "SnapshotsHandler", "BuildHandler", "BuildsHandler"} <= names
    assert SnapshotRepoHandler in {handler for _, handler in routes}
    checked = 0
    for matcher, handler in routes:
        path = sample_path(matcher)
        for method in methods(handler):
            if method == "OPTIONS":
                continue  # CORS preflight, answered without data by jupyter_server
            response = await http_server_client.fetch(
                path,
                method=method,
                body=b"{}" if method in ("POST", "PUT", "PATCH") else None,
                allow_nonstandard_methods=True,
                raise_error=False,
                headers={"Accept": "text/event-stream"},
            )
            if handler is SnapshotRepoHandler:
                # The capability proves the request; an unknown one finds nothing.
                assert response.code == 404, (method, path)
            else:
                assert response.code == 403, (handler.__name__, method, path, response.code)
                assert not re.search(rb"data:|refs/heads", response.body)
            checked += 1
    assert checked >= 6


@pytest.mark.parametrize("header", ["", "token wrong-token"])
async def test_a_wrong_token_is_refused_too(jp_fetch, header):
    with pytest.raises(Exception) as e:
        await jp_fetch("envbuilder", "builds", headers={"Authorization": header})
    assert e.value.code == 403
