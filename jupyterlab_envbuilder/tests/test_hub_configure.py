"""``configure(c)`` loaded by a real JupyterHub from a real jupyterhub_config.py."""

import json

import pytest
from jupyterhub import orm
from jupyterhub.app import JupyterHub

from jupyterlab_envbuilder.contract import ROLLBACK_STORAGE_PREFIX
from jupyterlab_envbuilder.hub import configure


@pytest.fixture
def hub_from_config(tmp_path, monkeypatch):
    """Initialise JupyterHub (database, roles, services) from a config file, as `jupyterhub -f`."""
    monkeypatch.chdir(tmp_path)
    apps = []

    async def load(config_text):
        config_file = tmp_path / "jupyterhub_config.py"
        config_file.write_text(
            f"c.JupyterHub.db_url = 'sqlite:///{tmp_path / 'hub.sqlite'}'\n"
            "c.JupyterHub.cookie_secret = b'0' * 32\n" + config_text
        )
        app = JupyterHub(config_file=str(config_file))
        apps.append(app)
        await app.initialize([])
        return app

    yield load
    for app in apps:
        app.db.close()
        JupyterHub.clear_instance()


async def test_local_build_service_roles_scopes_and_settings(hub_from_config):
    app = await hub_from_config(
        "from jupyterlab_envbuilder.hub import configure\n"
        "c.Spawner.environment = {'KEEP': 'me'}\n"
        "configure(c, local_build_service=True)\n"
    )
    server_role = orm.Role.find(app.db, "server")
    assert "access:services!service=binder" in server_role.scopes
    # The server role keeps what JupyterHub gives it by default.
    assert "access:servers!server" in server_role.scopes
    assert "users:activity!user" in server_role.scopes
    user_role = orm.Role.find(app.db, "user")
    assert "access:services!service=binder" in user_role.scopes

    assert "binder" in app._service_map
    service = app._service_map["binder"]
    assert service.managed
    assert service.command[1:3] == ["-m", "jupyterlab_envbuilder.hub.localbuilder"]

    spawner_config = app.config.Spawner
    assert spawner_config.environment["KEEP"] == "me"
    assert spawner_config.environment["ENVBUILDER_SPAWN_OPTIONS"] == "image={image}"
    assert spawner_config.environment["ENVBUILDER_BUILD_SERVICE_URL"].endswith("/services/binder/")
    assert {"servers!server", "read:servers!server"} <= set(
        spawner_config.oauth_client_allowed_scopes
    )


async def test_external_build_service_and_kubespawner_profile(hub_from_config):
    app = await hub_from_config(
        "from jupyterlab_envbuilder.hub import configure, kubespawner_profile_options\n"
        "c.JupyterHub.services = [{'name': 'binder', 'url': 'http://127.0.0.1:8090'}]\n"
        "configure(c, build_service_url='https://hub.example.org/services/binder/',\n"
        "          spawn_options=kubespawner_profile_options('python'))\n"
    )
    environment = app.config.Spawner.environment
    assert environment["ENVBUILDER_BUILD_SERVICE_URL"] == (
        "https://hub.example.org/services/binder/"
    )
    assert environment["ENVBUILDER_SPAWN_OPTIONS"] == (
        "profile=python&profile-option-python--image--unlisted-choice={image}"
    )
    assert "access:services!service=binder" in orm.Role.find(app.db, "server").scopes
    # A hub service that is not managed stays as the admin wrote it.
    assert not app._service_map["binder"].managed


async def test_restart_off_leaves_client_scopes_alone(hub_from_config):
    app = await hub_from_config(
        "from jupyterlab_envbuilder.hub import configure\n"
        "configure(c, restart=False, spawn_options=None)\n"
    )
    assert "oauth_client_allowed_scopes" not in app.config.Spawner
    assert "ENVBUILDER_SPAWN_OPTIONS" not in app.config.Spawner.get("environment", {})


def test_spawn_options_without_placeholder_are_refused():
    from traitlets.config import Config

    with pytest.raises(ValueError, match="placeholder"):
        configure(Config(), spawn_options="image=fixed")


def test_configure_keeps_earlier_client_scopes():
    from traitlets.config import Config

    c = Config()
    c.Spawner.oauth_client_allowed_scopes = ["read:users!user"]
    configure(c)
    assert json.dumps(list(c.Spawner.oauth_client_allowed_scopes)) == json.dumps(
        ["read:users!user", "servers!server", "read:servers!server"]
    )


async def test_hub_pages_offer_the_previous_environment(hub_from_config):
    app = await hub_from_config("from jupyterlab_envbuilder.hub import configure\nconfigure(c)\n")
    from types import SimpleNamespace

    env = app.tornado_settings["jinja2_env"].overlay(enable_async=False)
    page = {
        "static_url": lambda path, **kw: path,
        "base_url": "/",
        "prefix": "/hub/",
        "user": SimpleNamespace(name="alice", admin=False),
        "parsed_scopes": set(),
        "services": [],
        "announcement": None,
        "xsrf": "",
        "version_hash": "",
        "logo_url": "",
        "login_url": "/hub/login",
        "logout_url": "/hub/logout",
        "no_spawner_check": True,
        "spawner": SimpleNamespace(name="work"),
        # What JupyterHub adds to every page from c.JupyterHub.template_vars.
        **app.template_vars,
    }
    for name, context in [
        ("error.html", {"status_code": 500, "status_message": "Spawn failed"}),
        ("not_running.html", {"failed": True, "server_name": "work"}),
        ("spawn_pending.html", {}),
        ("spawn.html", {"error_message": "Unhandled error starting server", "url": "/hub/spawn"}),
    ]:
        html = env.get_template(name).render(**page, **context)
        # The hub's own page is still there, with the rollback box added.
        assert 'id="envbuilder-rollback"' in html, name
        # The key the Lab page stores the rollback under (src/widgets/restart.ts).
        assert json.dumps(ROLLBACK_STORAGE_PREFIX) in html, name
    assert (
        env.get_template("error.html")
        .render(
            **app.template_vars,
            static_url=lambda path, **kw: path,
            base_url="/",
            prefix="/hub/",
            status_code=500,
            status_message="Spawn failed",
            message="the image could not be pulled",
        )
        .count("the image could not be pulled")
        == 1
    )


async def test_servers_are_told_which_spawner_the_hub_runs(hub_from_config):
    app = await hub_from_config(
        "from jupyterlab_envbuilder.hub import configure\n"
        "c.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\n"
        "c.JupyterHub.allow_named_servers = True\n"
        "configure(c)\n"
    )
    assert app.spawner_class.__name__ == "DockerSpawner"
    assert app.config.Spawner.environment["ENVBUILDER_SPAWNER"] == "dockerspawner.DockerSpawner"
    # The launch page for course links is one of the hub's pages.
    assert any(handler[0] == "/hub/envbuilder/launch/([^/]+)" for handler in app.handlers)
    # And the page for Binder-style links.
    assert any(handler[0] == "/hub/envbuilder/v2/([^/]+)/(.+)" for handler in app.handlers)
