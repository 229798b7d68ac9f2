"""Shared fixtures: a real Jupyter server with the extension (pytest-jupyter's ``jp_*``)."""

import pytest

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
