"""Shared fixtures: a real Jupyter server with the extension (pytest-jupyter's ``jp_*``), the
build gateway in front of a scripted build service, and course content for launch links."""

import json

import pytest
from eventstreams import parse
from fake_build_service import FakeBuildService
from gateway_client import SPEC
from githttp import make_repository, serve
from nbgitpuller_server import start_jupyter_server

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture
def jp_asyncio_loop(_function_scoped_runner):
    """pytest-jupyter's server runs on the loop pytest-asyncio runs each test in."""
    return _function_scoped_runner.get_loop()


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "envbuilder(**settings): c.EnvBuilder settings of the server under test"
    )


@pytest.fixture
def envbuilder_config(request, tmp_path) -> dict:
    """``c.EnvBuilder`` of the server under test: a data folder of its own, plus the test's
    ``@pytest.mark.envbuilder(...)`` settings (fixtures may override this one for more)."""
    config = {"data_dir": str(tmp_path / "envbuilder-data")}
    marker = request.node.get_closest_marker("envbuilder")
    if marker is not None:
        config.update(marker.kwargs)
    return config


@pytest.fixture
def jp_server_config(envbuilder_config):
    return {
        "ServerApp": {"jpserver_extensions": {"jupyterlab_envbuilder": True}},
        "EnvBuilder": envbuilder_config,
    }


# The build gateway in front of a scripted build service (a test module that uses them
# points its envbuilder_config at `upstream`).
@pytest.fixture
async def upstream():
    fake = FakeBuildService()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def server_url(jp_serverapp, http_server_client, http_server_port, jp_base_url):
    return f"http://127.0.0.1:{http_server_port[-1]}{jp_base_url}"


@pytest.fixture
def start(http_server_client, jp_auth_header, jp_base_url):
    """POST envbuilder/builds: start a build; the answer's status and JSON body."""

    async def post(spec=SPEC):
        response = await http_server_client.fetch(
            f"{jp_base_url}envbuilder/builds",
            method="POST",
            body=json.dumps({"spec": spec}),
            headers=jp_auth_header,
            raise_error=False,
            request_timeout=30,
        )
        return response.code, json.loads(response.body)

    return post


@pytest.fixture
def gateway(http_server_client, jp_auth_header, jp_base_url, start):
    """Start a build and GET envbuilder/build/<spec> as the browser does; the whole stream's
    events. A build the gateway refuses to start is its error, as a failed event."""

    async def get(spec=SPEC):
        code, body = await start(spec)
        if code != 202:
            assert code in (400, 502), body
            details = {k: v for k, v in body.items() if k not in ("status", "reason", "message")}
            return [{"phase": "failed", "error": body["reason"], **details}]
        response = await http_server_client.fetch(
            f"{jp_base_url}envbuilder/build/{spec}",
            headers={**jp_auth_header, "Accept": "text/event-stream"},
            request_timeout=30,
        )
        assert response.code == 200
        assert response.headers["Content-Type"] == "text/event-stream"
        return parse(response.body)

    return get


@pytest.fixture
def history(jp_fetch):
    async def get(*parts):
        return json.loads((await jp_fetch("envbuilder", "builds", *parts)).body)

    return get


# Course content for launch links: repositories on a git server, a Jupyter server with
# nbgitpuller to read the links back.
COURSE_FILES = [
    "intro.ipynb",
    "week 1/notes & more 100%.ipynb",
    "données/résumé.ipynb",
    "odd/a#b?.ipynb",
]


@pytest.fixture(scope="module")
def git_server(tmp_path_factory):
    """The base URL of a git server with the course repositories."""
    project_root = tmp_path_factory.mktemp("git-server")
    make_repository(project_root / "course.git", COURSE_FILES, ["main", "fix#1&more", "café"])
    make_repository(project_root / "notes-2024", ["intro.ipynb", "week 1/a.md"], ["main"])
    make_repository(project_root / "café.git", ["intro.ipynb"], ["café"])
    make_repository(project_root / "my course", ["intro.ipynb"], ["main"])
    with serve(project_root) as url:
        yield url


@pytest.fixture(scope="module")
def jupyter_server(tmp_path_factory):
    """A user's Jupyter server with nbgitpuller, as a subprocess."""
    with start_jupyter_server(tmp_path_factory.mktemp("jupyter")) as server:
        yield server
