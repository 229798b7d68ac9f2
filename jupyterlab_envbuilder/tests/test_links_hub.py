"""Launch links built by the extension's TypeScript code, through a real JupyterHub
(JupyterHub's own ``MockHub``: the hub in-process, a real configurable-http-proxy, mock
single-user servers): the test follows the spawn and user-redirect links, checks the spawner's
user options and hands the query that reaches the user's server to the real nbgitpuller.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from course_links import build_link, follow_hub_redirects, mock_hub
from jupyterhub.tests.utils import public_url
from nbgitpuller_server import (
    Expected,
    check_nbgitpuller,
)

IMAGE = "quay.io/org/course:2024"


@pytest.fixture
async def hub(tmp_path, monkeypatch):
    """JupyterHub's own test hub, with a base URL that needs escaping (/@/space%20word/)."""
    async with mock_hub(monkeypatch, tmp_path) as app:
        yield app


HUB_CASES = [
    pytest.param({"kind": "default"}, {}, id="hub default environment"),
    pytest.param(
        {
            "kind": "image",
            "image": IMAGE,
            "optionsTemplate": (
                "profile=course&profile-option-course--image--unlisted-choice={image}"
            ),
            "hubVersion": "6.1.1",
        },
        {"profile": ["course"], "profile-option-course--image--unlisted-choice": [IMAGE]},
        id="image, JupyterHub 6 (opt- prefix), KubeSpawner profile",
    ),
    pytest.param(
        {
            "kind": "image",
            "image": IMAGE,
            "optionsTemplate": "image={image}",
            "hubVersion": "5.4.3",
        },
        {"image": [IMAGE]},
        id="image, JupyterHub 5 (no prefix), DockerSpawner",
    ),
]


@pytest.mark.parametrize(("environment", "user_options"), HUB_CASES)
async def test_hub_passes_links_to_nbgitpuller(
    hub, environment, user_options, git_server, jupyter_server
):
    hub_url = public_url(hub)
    assert hub_url.endswith("/@/space%20word/")
    content = {
        "repo": f"{git_server}course.git",
        "branch": "fix#1&more",
        "path": "week 1/notes & more 100%.ipynb",
    }
    link = build_link({"hubUrl": hub_url, "content": content, "environment": environment})
    option_keys = [key for key, _ in parse_qsl(urlsplit(link).query) if key != "next"]
    if environment.get("hubVersion", "").startswith("5"):
        # JupyterHub 5 passes every argument but `next` on, prefix included.
        assert option_keys and not any(key.startswith("opt-") for key in option_keys)
    elif environment.get("hubVersion"):
        # JupyterHub 6 still reads unprefixed options, with a deprecation warning.
        assert option_keys and all(key.startswith("opt-") for key in option_keys)

    location = await follow_hub_redirects(hub, link, "student")

    spawner = hub.users["student"].spawner
    assert spawner.user_options == user_options
    path, _, query = location.partition("?")
    assert path == f"{hub.base_url}user/student/git-pull"
    await check_nbgitpuller(
        jupyter_server,
        query,
        Expected(
            repo=content["repo"],
            branch=content["branch"],
            folder="course",
            urlpath="lab/tree/course/week%201/notes%20&%20more%20100%25.ipynb",
            opens="course/week 1/notes & more 100%.ipynb",
        ),
    )
