"""The handshake, against a real jupyter_server with the extension loaded."""

import json

import pytest
from tornado.httpclient import HTTPClientError
from tornado.web import Application, RequestHandler

from jupyterlab_envbuilder import __version__
from jupyterlab_envbuilder.config import EnvBuilder
from jupyterlab_envbuilder.status import _scope_granted, spawner_kind


async def get_status(jp_fetch, version=None):
    params = {"version": version} if version else {}
    response = await jp_fetch("envbuilder", "status", params=params)
    assert response.code == 200
    return json.loads(response.body)


# What JupyterHub gives a named server (the spawner's environment), as EnvBuilder traits.
ON_HUB = {
    "hub_api_token": "secret-token",
    "hub_user": "alice",
    "hub_server_name": "analysis",
    "hub_base_url": "/",
    "image": "example.org/env:abc",
    "hub_oauth_client_allowed_scopes": [
        "servers!server=alice/analysis",
        "read:servers!server=alice/analysis",
    ],
    "spawn_options_template": "image={image}",
}
# Off a hub: nothing from the machine's environment leaks into the server under test.
OFF_HUB = {
    "hub_api_token": "",
    "hub_api_url": "",
    "build_service_url": "",
    "image": "",
    "spawn_options_template": "",
    "binder_launch_host": "",
    "binder_repo_url": "",
    "binder_ref_url": "",
}
# What a BinderHub's launcher adds to a server's environment (mybinder.org's, as EnvBuilder
# traits): the server runs on the BinderHub's own hub, which grants it no restart scopes.
BINDER = {
    "hub_api_token": "binder-server-token",
    "hub_user": "jupyterlab-envbuilder-x1y2z3",
    "hub_server_name": "",
    "hub_oauth_client_allowed_scopes": ["access:servers!server=jupyterlab-envbuilder-x1y2z3/"],
    "image": "gesis/binder-envbuilder:abc",
    "binder_launch_host": "https://mybinder.org/",
    "binder_repo_url": "https://github.com/example/course",
    "binder_ref_url": "https://github.com/example/course/tree/0123abc",
}


@pytest.fixture
def envbuilder_config(envbuilder_config, request):
    settings = {**OFF_HUB, **envbuilder_config}
    if "hub_and_builder" in request.fixturenames:
        settings.update(request.getfixturevalue("hub_and_builder"))
    marker = request.node.get_closest_marker("envbuilder")
    if marker is not None:
        settings.update(marker.kwargs)  # the test's own settings win
    return settings


def test_settings_come_from_the_environment_once(monkeypatch):
    scopes = ["servers!server", "read:servers!server"]
    env = {
        "JUPYTERHUB_API_TOKEN": "secret-token",
        "JUPYTERHUB_USER": "alice",
        "JUPYTERHUB_SERVER_NAME": "analysis",
        "JUPYTERHUB_BASE_URL": "/prefix/",
        "JUPYTERHUB_PUBLIC_HUB_URL": "https://hub.example.org/hub/",
        "JUPYTERHUB_OAUTH_CLIENT_ALLOWED_SCOPES": json.dumps(scopes),
        "JUPYTER_IMAGE": "example.org/env:old",
        "JUPYTER_IMAGE_SPEC": "example.org/env:abc",
        "ENVBUILDER_BUILD_SERVICE_URL": "https://hub.example.org/services/builder/",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("ENVBUILDER_SNAPSHOT_BASE_URL", raising=False)
    monkeypatch.delenv("JUPYTERHUB_PUBLIC_URL", raising=False)
    config = EnvBuilder()
    assert config.hub_context() == {
        "user": "alice",
        "serverName": "analysis",
        "hubPrefix": "/prefix/hub/",
        "publicUrl": "https://hub.example.org/hub/",
    }
    assert config.image == "example.org/env:abc"
    assert config.hub_oauth_client_allowed_scopes == scopes
    assert config.snapshot_base_url == "https://hub.example.org/hub/"
    assert config.build_service_scope == "access:services!service=builder"
    monkeypatch.setenv("JUPYTERHUB_USER", "mallory")
    assert config.hub_user == "alice"


def test_a_binderhub_launch_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("BINDER_LAUNCH_HOST", "https://mybinder.org/")
    monkeypatch.setenv("BINDER_REPO_URL", "https://github.com/example/course")
    monkeypatch.delenv("BINDER_REF_URL", raising=False)
    assert EnvBuilder().binder_session() == {
        "launchHost": "https://mybinder.org/",
        "repoUrl": "https://github.com/example/course",
        "refUrl": None,
    }
    monkeypatch.delenv("BINDER_LAUNCH_HOST")
    monkeypatch.delenv("BINDER_REPO_URL")
    assert EnvBuilder().binder_session() is None


@pytest.mark.envbuilder(**BINDER)
async def test_a_binder_session_says_so_and_names_no_admin_setting(jp_fetch):
    status = await get_status(jp_fetch)
    assert status["binder"] == {
        "launchHost": "https://mybinder.org/",
        "repoUrl": "https://github.com/example/course",
        "refUrl": "https://github.com/example/course/tree/0123abc",
    }
    assert status["hub"]["user"] == "jupyterlab-envbuilder-x1y2z3"
    capabilities = status["capabilities"]
    # Nothing to ask an administrator for: no build service, restart and store hints.
    assert capabilities == {
        "build": {"available": False, "code": "binderSession"},
        "restart": {"available": False, "code": "binderSession"},
        "snapshotStore": {"available": False, "code": "binderSession"},
    }


@pytest.mark.envbuilder(**BINDER, build_service_url="http://127.0.0.1:9/services/binder/")
async def test_what_an_admin_set_up_on_a_binderhub_is_checked_as_anywhere(jp_fetch):
    capabilities = (await get_status(jp_fetch))["capabilities"]
    assert capabilities["build"]["code"] == "unreachable"
    assert capabilities["snapshotStore"]["code"] == "notConfigured"
    # Restarting is what a BinderHub never offers this panel: still the Binder's reason.
    assert capabilities["restart"] == {"available": False, "code": "binderSession"}


@pytest.mark.envbuilder(**{**BINDER, **ON_HUB})
async def test_a_binderhub_that_lets_its_servers_restart_is_not_second_guessed(jp_fetch):
    status = await get_status(jp_fetch)
    assert status["binder"]["launchHost"] == "https://mybinder.org/"
    assert status["capabilities"]["restart"] == {
        "available": True,
        "spawnOptionsTemplate": "image={image}",
    }


async def test_off_a_hub_nothing_is_claimed(jp_fetch):
    status = await get_status(jp_fetch, __version__)
    assert status["version"] == __version__
    assert status["versionMatches"] is True
    assert status["hub"] is None
    assert status["binder"] is None
    assert status["image"] is None
    assert status["capabilities"]["build"]["available"] is False
    assert status["capabilities"]["build"] == {
        "available": False,
        "code": "notConfigured",
        "setting": "ENVBUILDER_BUILD_SERVICE_URL",
    }
    assert status["capabilities"]["restart"] == {"available": False, "code": "notOnHub"}


@pytest.mark.envbuilder(
    snapshot_max_file_size=2048,
    build_service_url="https://hub.example.org/services/builder/",
)
async def test_the_handshake_carries_the_settings_the_frontend_needs(jp_fetch):
    settings = (await get_status(jp_fetch))["settings"]
    assert settings == {
        "defaultFolder": "environment",
        "limits": {"maxFileBytes": 2048, "maxTotalBytes": 10 * 1024 * 1024, "maxFiles": 500},
        "restartScopes": ["servers!server", "read:servers!server"],
        "buildService": {"name": "builder", "scope": "access:services!service=builder"},
    }


@pytest.mark.envbuilder(**ON_HUB)
async def test_an_unknown_hub_version_says_which_setting_is_missing(jp_fetch):
    hub = (await get_status(jp_fetch))["hub"]
    assert hub["hubVersion"] is None
    assert hub["hubVersionProblem"] == {"code": "notConfigured", "setting": "JUPYTERHUB_API_URL"}


@pytest.mark.envbuilder(**ON_HUB)
async def test_named_server_context_and_image(jp_fetch):
    status = await get_status(jp_fetch, __version__)
    assert status["hub"]["user"] == "alice"
    assert status["hub"]["serverName"] == "analysis"
    assert status["hub"]["hubPrefix"] == "/hub/"
    assert status["image"] == "example.org/env:abc"
    assert status["capabilities"]["restart"] == {
        "available": True,
        "spawnOptionsTemplate": "image={image}",
    }


@pytest.mark.envbuilder(**ON_HUB)
async def test_version_mismatch_is_reported(jp_fetch):
    status = await get_status(jp_fetch, "0.0.0-other")
    assert status["versionMatches"] is False
    assert status["frontendVersion"] == "0.0.0-other"


@pytest.mark.envbuilder(**{**ON_HUB, "hub_oauth_client_allowed_scopes": ["read:users"]})
async def test_missing_restart_scopes_name_the_admin_setting(jp_fetch):
    restart = (await get_status(jp_fetch))["capabilities"]["restart"]
    assert restart["available"] is False
    assert restart["missingScopes"] == ["servers!server", "read:servers!server"]
    assert restart["code"] == "missingScope"
    assert restart["setting"] == "c.Spawner.oauth_client_allowed_scopes"
    assert restart["spawnOptionsTemplate"] == "image={image}"


@pytest.mark.envbuilder(**{**ON_HUB, "spawn_options_template": ""})
async def test_missing_spawn_template_is_named(jp_fetch):
    restart = (await get_status(jp_fetch))["capabilities"]["restart"]
    assert restart["available"] is False
    assert restart["code"] == "noSpawnOptions"
    assert restart["setting"] == "ENVBUILDER_SPAWN_OPTIONS"


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
def hub_and_builder(unused_tcp_port_factory):
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
    yield {
        **ON_HUB,
        "hub_api_url": f"http://127.0.0.1:{port}/hub/api",
        "build_service_url": f"http://127.0.0.1:{port}/services/binder/",
    }
    server.stop()


async def test_hub_version_and_reachable_build_service(jp_fetch, hub_and_builder):
    status = await get_status(jp_fetch)
    assert status["hub"]["hubVersion"] == "6.1.1"
    assert status["capabilities"]["build"]["available"] is True


@pytest.mark.envbuilder(hub_api_token="wrong-token")
async def test_build_service_refusing_the_token_names_the_scope(jp_fetch, hub_and_builder):
    build = (await get_status(jp_fetch))["capabilities"]["build"]
    assert build["available"] is False
    assert build["code"] == "refused"
    assert build["httpStatus"] == 403
    assert build["missingScopes"] == ["access:services!service=binder"]


@pytest.mark.envbuilder(**ON_HUB, build_service_url="http://127.0.0.1:9/")
async def test_build_service_down_is_reported(jp_fetch):
    build = (await get_status(jp_fetch))["capabilities"]["build"]
    assert build["available"] is False
    assert build["code"] == "unreachable"
    assert build["setting"] == "ENVBUILDER_BUILD_SERVICE_URL"
    assert "detail" in build


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
    assert build["code"] == "missingScope"


@pytest.mark.envbuilder(**ON_HUB, hub_spawner="kubespawner.KubeSpawner")
async def test_the_spawner_the_hub_runs_is_named(jp_fetch):
    status = await get_status(jp_fetch, __version__)
    assert status["hub"]["spawner"] == "kubespawner"
    assert status["hub"]["spawnerClass"] == "kubespawner.KubeSpawner"


@pytest.mark.envbuilder(**ON_HUB, hub_spawner="")
async def test_a_hub_that_does_not_tell_its_spawner(jp_fetch):
    status = await get_status(jp_fetch, __version__)
    assert status["hub"]["spawner"] is None


@pytest.mark.parametrize(
    ("spawner_class", "kind"),
    [
        ("dockerspawner.DockerSpawner", "dockerspawner"),
        ("docker", "dockerspawner"),
        ("kubespawner.spawner.KubeSpawner", "kubespawner"),
        ("jupyterhub.spawner.LocalProcessSpawner", "other"),
    ],
)
def test_spawner_kinds(spawner_class, kind):
    assert spawner_kind(spawner_class) == kind
