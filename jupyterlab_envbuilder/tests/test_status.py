"""The handshake, against a real jupyter_server with the extension loaded."""

import json

import pytest
from tornado.httpclient import HTTPClientError
from tornado.web import Application, RequestHandler

from jupyterlab_envbuilder import __version__
from jupyterlab_envbuilder.status import RESTART_SETTING, _scope_granted


async def get_status(jp_fetch, version=None):
    params = {"version": version} if version else {}
    response = await jp_fetch("envbuilder", "status", params=params)
    assert response.code == 200
    return json.loads(response.body)


@pytest.fixture
def hub_env(monkeypatch):
    """The environment JupyterHub gives a named server (what the spawner sets)."""
    env = {
        "JUPYTERHUB_API_TOKEN": "secret-token",
        "JUPYTERHUB_USER": "alice",
        "JUPYTERHUB_SERVER_NAME": "analysis",
        "JUPYTERHUB_BASE_URL": "/",
        "JUPYTERHUB_PUBLIC_HUB_URL": "",
        "JUPYTER_IMAGE_SPEC": "example.org/env:abc",
        "JUPYTERHUB_OAUTH_CLIENT_ALLOWED_SCOPES": json.dumps(
            ["servers!server=alice/analysis", "read:servers!server=alice/analysis"]
        ),
        "ENVBUILDER_SPAWN_OPTIONS": "image={image}",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    for key in ("JUPYTERHUB_API_URL", "ENVBUILDER_BUILD_SERVICE_URL", "JUPYTER_IMAGE"):
        monkeypatch.delenv(key, raising=False)
    return env


async def test_off_a_hub_nothing_is_claimed(jp_fetch, monkeypatch):
    for key in (
        "JUPYTERHUB_API_TOKEN",
        "ENVBUILDER_BUILD_SERVICE_URL",
        "JUPYTER_IMAGE_SPEC",
        "JUPYTER_IMAGE",
    ):
        monkeypatch.delenv(key, raising=False)
    status = await get_status(jp_fetch, __version__)
    assert status["version"] == __version__
    assert status["versionMatches"] is True
    assert status["hub"] is None
    assert status["image"] is None
    assert status["capabilities"]["build"]["available"] is False
    assert "ENVBUILDER_BUILD_SERVICE_URL" in status["capabilities"]["build"]["adminSetting"]
    assert status["capabilities"]["restart"]["available"] is False


async def test_named_server_context_and_image(jp_fetch, hub_env):
    status = await get_status(jp_fetch, __version__)
    assert status["hub"]["user"] == "alice"
    assert status["hub"]["serverName"] == "analysis"
    assert status["hub"]["hubPrefix"] == "/hub/"
    assert status["image"] == "example.org/env:abc"
    assert status["capabilities"]["restart"] == {
        "available": True,
        "spawnOptionsTemplate": "image={image}",
    }


async def test_version_mismatch_is_reported(jp_fetch, hub_env):
    status = await get_status(jp_fetch, "0.0.0-other")
    assert status["versionMatches"] is False
    assert status["frontendVersion"] == "0.0.0-other"


async def test_missing_restart_scopes_name_the_admin_setting(jp_fetch, hub_env, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_OAUTH_CLIENT_ALLOWED_SCOPES", json.dumps(["read:users"]))
    restart = (await get_status(jp_fetch))["capabilities"]["restart"]
    assert restart["available"] is False
    assert restart["missingScopes"] == ["servers!server", "read:servers!server"]
    assert restart["adminSetting"] == RESTART_SETTING
    assert restart["spawnOptionsTemplate"] == "image={image}"


async def test_missing_spawn_template_is_named(jp_fetch, hub_env, monkeypatch):
    monkeypatch.delenv("ENVBUILDER_SPAWN_OPTIONS")
    restart = (await get_status(jp_fetch))["capabilities"]["restart"]
    assert restart["available"] is False
    assert "ENVBUILDER_SPAWN_OPTIONS" in restart["adminSetting"]


@pytest.mark.parametrize(
    ("granted", "expected"),
    [
        (["servers!server=alice/analysis"], True),
        (["servers!server"], True),
        (["servers!user=alice"], True),
        (["admin:servers"], True),
        (["servers!user=bob"], False),
        (["servers!server=alice/other"], False),
        (["read:servers"], False),
        ([], False),
    ],
)
def test_scope_rules(granted, expected):
    assert _scope_granted("servers!server", granted, "alice", "analysis") is expected


class _FakeHubApi(RequestHandler):
    def get(self):
        self.write({"version": "6.1.1"})


# The scopes the fake hub reports for this server's token.
TOKEN_SCOPES = {"value": ["access:services!service=binder", "users:activity!user=alice"]}


class _FakeHubUser(RequestHandler):
    def get(self):
        self.write({"name": "alice", "scopes": TOKEN_SCOPES["value"]})


class _FakeBuildService(RequestHandler):
    def get(self):
        if self.request.headers.get("Authorization") != "token secret-token":
            self.set_status(403)
            return
        self.write({"builder": "test"})


@pytest.fixture
def hub_and_builder(hub_env, monkeypatch, unused_tcp_port_factory):
    """A hub API root and a build service on loopback, to check the handshake's probes."""
    import tornado.httpserver

    app = Application(
        [
            (r"/hub/api/", _FakeHubApi),
            (r"/hub/api/user", _FakeHubUser),
            (r"/services/binder/versions", _FakeBuildService),
        ]
    )
    port = unused_tcp_port_factory()
    server = tornado.httpserver.HTTPServer(app)
    server.listen(port, "127.0.0.1")
    monkeypatch.setenv("JUPYTERHUB_API_URL", f"http://127.0.0.1:{port}/hub/api")
    monkeypatch.setenv("ENVBUILDER_BUILD_SERVICE_URL", f"http://127.0.0.1:{port}/services/binder/")
    yield port
    server.stop()


async def test_hub_version_and_reachable_build_service(jp_fetch, hub_and_builder):
    status = await get_status(jp_fetch)
    assert status["hub"]["hubVersion"] == "6.1.1"
    assert status["capabilities"]["build"]["available"] is True


async def test_build_service_refusing_the_token_names_the_scope(
    jp_fetch, hub_and_builder, monkeypatch
):
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "wrong-token")
    build = (await get_status(jp_fetch))["capabilities"]["build"]
    assert build["available"] is False
    assert "HTTP 403" in build["reason"]
    assert "access:services!service=binder" in build["adminSetting"]


async def test_build_service_down_is_reported(jp_fetch, hub_env, monkeypatch, unused_tcp_port):
    monkeypatch.setenv("ENVBUILDER_BUILD_SERVICE_URL", f"http://127.0.0.1:{unused_tcp_port}/")
    build = (await get_status(jp_fetch))["capabilities"]["build"]
    assert build["available"] is False
    assert "cannot be reached" in build["reason"]


async def test_status_requires_authentication(jp_fetch):
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch("envbuilder", "status", headers={"Authorization": ""})
    assert error.value.code == 403


async def test_token_without_the_service_scope_is_caught_before_a_build(
    jp_fetch, hub_and_builder, monkeypatch
):
    monkeypatch.setitem(TOKEN_SCOPES, "value", ["users:activity!user=alice"])
    build = (await get_status(jp_fetch))["capabilities"]["build"]
    assert build["available"] is False
    assert build["missingScopes"] == ["access:services!service=binder"]
    assert "access:services!service=binder" in build["adminSetting"]
