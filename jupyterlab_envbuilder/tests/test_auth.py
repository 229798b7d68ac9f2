"""Every route of the extension refuses anonymous requests, except the snapshot capability route.

The routes are read from the running server, so a handler added later is checked too.
"""

import re

import pytest
from tornado.routing import PathMatches
from tornado.web import RequestHandler

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
# The one route that proves itself with a capability instead of Jupyter auth.
CAPABILITY_ROUTE = re.compile(r"envbuilder/snapshots/.*\.git")


@pytest.fixture
def jp_server_config(jp_server_config):
    # Without XSRF checks a 403 can only come from authentication.
    config = dict(jp_server_config)
    config["ServerApp"] = dict(config["ServerApp"], disable_check_xsrf=True)
    return config


def extension_routes(web_app):
    """(path regex, handler class) of every route under /envbuilder/."""
    found = []

    def walk(router):
        for rule in getattr(router, "rules", []):
            target = rule.target
            if isinstance(target, type) and issubclass(target, RequestHandler):
                if isinstance(rule.matcher, PathMatches):
                    pattern = rule.matcher.regex.pattern
                    if "/envbuilder/" in pattern:
                        found.append((pattern, target))
            else:
                walk(target)

    walk(web_app.default_router)
    return found


def sample_path(pattern):
    """A concrete path for a route regex: each group becomes a plausible value."""
    path = pattern.rstrip("$")
    path = re.sub(r"\(\?P<\w+>[^)]*\)|\([^)]*\)", "0" * 32, path)
    return path.replace("\\", "")


def implemented_methods(handler):
    return [
        m for m in METHODS if getattr(handler, m.lower()) is not getattr(RequestHandler, m.lower())
    ]


async def anonymous(http_server_client, method, path):
    return await http_server_client.fetch(
        path,
        method=method,
        body=b"{}" if method in ("POST", "PUT", "PATCH") else None,
        follow_redirects=False,
        headers={"Accept": "application/json"},
        raise_error=False,
        request_timeout=10,
    )


async def test_every_handler_requires_authentication(jp_serverapp, http_server_client):
    routes = extension_routes(jp_serverapp.web_app)
    names = {handler.__name__ for _, handler in routes}
    assert {"StatusHandler", "SnapshotsHandler", "BuildHandler", "SnapshotRepoHandler"} <= names
    checked = []
    for pattern, handler in routes:
        path = sample_path(pattern)
        for method in implemented_methods(handler):
            response = await anonymous(http_server_client, method, path)
            if CAPABILITY_ROUTE.search(pattern):
                # The capability proves the request; an unknown one finds nothing.
                assert response.code == 404, (method, path)
                continue
            assert response.code in (401, 403), (
                f"{method} {pattern} ({handler.__name__}) answered {response.code} "
                "to an anonymous request: decorate it with @tornado.web.authenticated"
            )
            assert not re.search(rb"data:|refs/heads", response.body or b"")
            checked.append((method, pattern))
    assert any(p.rstrip("$").endswith("envbuilder/status") for _, p in checked)


@pytest.mark.parametrize("header", ["", "token wrong-token"])
async def test_a_wrong_token_is_refused_too(jp_fetch, header):
    with pytest.raises(Exception) as e:
        await jp_fetch("envbuilder", "builds", headers={"Authorization": header})
    assert e.value.code == 403


def test_sample_path_fills_groups():
    zeros = "0" * 32
    assert sample_path(r"/envbuilder/builds/(?P<build_id>[^/]+)$") == f"/envbuilder/builds/{zeros}"
    assert sample_path(r"/envbuilder/build/(.+)") == f"/envbuilder/build/{zeros}"


async def test_no_route_answers_500_to_any_method(jp_serverapp, http_server_client, jp_auth_header):
    """Authenticated, with an empty JSON body, every method on every route gets an answer
    that is not a server error; a method a route does not have is refused as such (a handler
    that inherits another's ``post`` with other path arguments would crash instead)."""
    checked = 0
    for pattern, handler in extension_routes(jp_serverapp.web_app):
        path = sample_path(pattern)
        implemented = implemented_methods(handler)
        for method in METHODS:
            response = await http_server_client.fetch(
                path,
                method=method,
                body=b"{}" if method in ("POST", "PUT", "PATCH") else None,
                headers={**jp_auth_header, "Accept": "application/json"},
                raise_error=False,
                request_timeout=30,
            )
            where = f"{method} {pattern} ({handler.__name__}) answered {response.code}"
            assert response.code < 500, where
            if method not in implemented and not CAPABILITY_ROUTE.search(pattern):
                assert response.code == 405, where
            checked += 1
    assert checked > 0
