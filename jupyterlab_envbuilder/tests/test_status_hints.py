"""What the handshake says about the build service's address and the hub's snapshot store: the
codes that let the panel name the right thing (BinderHub's base URL, the store's setting)."""

import json

import pytest
import tornado.httpserver

from jupyterlab_envbuilder.hub.localbuilder.app import LocalBuildService

OFF_HUB = {
    "hub_api_token": "",
    "hub_api_url": "",
    "build_service_url": "",
    "snapshot_store_url": "",
    "image": "",
    "spawn_options_template": "",
}


@pytest.fixture
def envbuilder_config(envbuilder_config, request):
    settings = {**OFF_HUB, **envbuilder_config}
    if "service" in request.fixturenames:
        settings["build_service_url"] = request.getfixturevalue("service")["url"]
    marker = request.node.get_closest_marker("envbuilder")
    if marker is not None:
        settings.update(marker.kwargs)
    return settings


@pytest.fixture
def service(request, unused_tcp_port_factory):
    """The real local build service (dry runs) listening with base URL ``prefix``, and the
    URL the server under test is given for it (``path`` on the same host), from
    ``@pytest.mark.parametrize("service", [(prefix, path)], indirect=True)``."""
    prefix, path = request.param
    app = LocalBuildService(service_prefix=prefix, container_engine="none").make_app()
    server = tornado.httpserver.HTTPServer(app)
    port = unused_tcp_port_factory()
    server.listen(port, "127.0.0.1")
    root = f"http://127.0.0.1:{port}/"
    yield {"root": root, "url": root + path}
    server.stop()


async def capabilities(jp_fetch):
    response = await jp_fetch("envbuilder", "status")
    return json.loads(response.body)["capabilities"]


# binderhub-service's chart leaves BinderHub's base URL at "/"; the hub routes
# /services/binder/ to it, where it answers 404.
@pytest.mark.parametrize("service", [("/", "services/binder/")], indirect=True)
async def test_a_build_service_at_the_wrong_base_url_is_named(jp_fetch, service):
    build = (await capabilities(jp_fetch))["build"]
    assert build["available"] is False
    assert build["code"] == "wrongBaseUrl"
    assert build["foundAt"] == service["root"]
    assert build["httpStatus"] == 404
    assert build["setting"] == "c.BinderHub.base_url"


# A service name mistyped: nothing answers there, nor at the server's root.
@pytest.mark.parametrize("service", [("/services/binder/", "services/builder/")], indirect=True)
async def test_nothing_at_the_build_service_url_is_not_found(jp_fetch, service):
    build = (await capabilities(jp_fetch))["build"]
    assert build["code"] == "notFound"
    assert build["httpStatus"] == 404
    assert "foundAt" not in build


@pytest.mark.parametrize("service", [("/services/binder/", "services/binder/")], indirect=True)
async def test_the_same_service_at_its_base_url_is_available(jp_fetch, service):
    assert (await capabilities(jp_fetch))["build"]["available"] is True


@pytest.mark.envbuilder(build_service_url="http://127.0.0.1:9/services/binder/")
async def test_a_build_service_that_does_not_answer_is_unreachable(jp_fetch):
    build = (await capabilities(jp_fetch))["build"]
    assert build["code"] == "unreachable"
    assert build["setting"] == "ENVBUILDER_BUILD_SERVICE_URL"


async def test_no_snapshot_store_says_what_is_lost(jp_fetch):
    store = (await capabilities(jp_fetch))["snapshotStore"]
    assert store == {
        "available": False,
        "code": "notConfigured",
        "setting": "ENVBUILDER_SNAPSHOT_STORE_URL",
        "lost": ["sharedBuilds", "buildWithoutServer"],
    }


@pytest.mark.envbuilder(snapshot_store_url="http://127.0.0.1:9/services/snapshots/")
async def test_a_snapshot_store_that_does_not_answer_blocks_builds(jp_fetch):
    store = (await capabilities(jp_fetch))["snapshotStore"]
    assert store["available"] is False
    assert store["code"] == "unreachable"
    assert store["lost"] == ["build"]
    assert store["url"] == "http://127.0.0.1:9/services/snapshots/"
    assert "detail" in store and "message" not in store and "reason" not in store
