"""Every route of the extension refuses anonymous requests, except the snapshot capability route.

The routes are read from the running server, so a handler added later is checked too.
"""

import re

import pytest
from tornado.routing import PathMatches
from tornado.web import RequestHandler

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
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
    path = re.sub(r"\(\?P<\w+>[^)]*\)|\([^)]*\)", "sample", path)
    return path.replace("\\", "")


def implemented_methods(handler):
    return [
        m for m in METHODS if getattr(handler, m.lower()) is not getattr(RequestHandler, m.lower())
    ]


async def test_every_handler_requires_authentication(jp_serverapp, http_server_client):
    routes = extension_routes(jp_serverapp.web_app)
    assert routes, "the extension registered no routes"
    checked = []
    for pattern, handler in routes:
        if CAPABILITY_ROUTE.search(pattern):
            continue
        for method in implemented_methods(handler):
            response = await http_server_client.fetch(
                sample_path(pattern),
                method=method,
                body=b"{}" if method in ("POST", "PUT", "PATCH") else None,
                follow_redirects=False,
                headers={"Accept": "application/json"},
                raise_error=False,
                request_timeout=10,
            )
            assert response.code in (401, 403), (
                f"{method} {pattern} ({handler.__name__}) answered {response.code} "
                "to an anonymous request: decorate it with @tornado.web.authenticated"
            )
            checked.append((method, pattern))
    assert any(p.rstrip("$").endswith("envbuilder/status") for _, p in checked)


def test_sample_path_fills_groups():
    assert sample_path(r"/envbuilder/builds/(?P<build_id>[^/]+)$") == "/envbuilder/builds/sample"
    assert sample_path(r"/envbuilder/build/(.+)") == "/envbuilder/build/sample"
