"""The spawn options the extension writes, read by the real spawners.

For each spawner the admin's template (``configure(spawn_options=...)``) is filled in twice:
by the TypeScript link builder (``src/links``, the restart and launch links) and by the hub's
launch page (``hub.launch``). The query then goes through JupyterHub's own spawn-page parsing
(``opt-`` prefixes on JupyterHub 6) and the spawner's own form/query parsing and option loading:

- KubeSpawner: a profile whose ``image`` option allows an ``unlisted_choice`` with a validation
  regex; its options form must carry our field name, and ``load_user_options`` must put the
  image on the pod. No cluster is needed for any of this.
- DockerSpawner: ``allowed_images`` and its ``image`` option.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlsplit

import pytest
from course_links import build_link
from dockerspawner import DockerSpawner
from jupyterhub.handlers.pages import SpawnHandler
from kubespawner import KubeSpawner
from tornado import web

from jupyterlab_envbuilder.hub import kubespawner_profile_options
from jupyterlab_envbuilder.hub.launch import running_image, spawn_options

IMAGE = "quay.io/org/course-101:2024"
BASE_IMAGE = "quay.io/org/base:1"
KUBE_TEMPLATE = kubespawner_profile_options("course")
DOCKER_TEMPLATE = "image={image}"
HUB_VERSIONS = ["6.1.1", "5.4.3"]


def from_link_builder(template: str, image: str, hub_version: str) -> list[tuple[str, str]]:
    """The spawn query the extension's TypeScript writes into a launch link."""
    url = build_link(
        {
            "hubUrl": "https://hub.example.org/",
            "content": {"repo": "https://github.com/org/course", "branch": "main"},
            "environment": {
                "kind": "image",
                "image": image,
                "optionsTemplate": template,
                "hubVersion": hub_version,
            },
        }
    )
    return [(k, v) for k, v in parse_qsl(urlsplit(url).query) if k != "next"]


def from_launch_page(template: str, image: str, hub_version: str) -> list[tuple[str, str]]:
    return spawn_options(template, image, hub_version)


WRITERS = [from_link_builder, from_launch_page]


def hub_reads(query: list[tuple[str, str]]) -> dict[str, list[str]]:
    """What JupyterHub's spawn page hands to ``options_from_query``."""
    arguments: dict[str, list[str]] = {}
    for key, value in query:
        arguments.setdefault(key, []).append(value)
    page = SimpleNamespace(log=logging.getLogger("test"))
    return SpawnHandler._get_user_options(page, arguments)


# A cluster that is never contacted: KubeSpawner loads a client configuration when it is
# created, and nothing tested here talks to the API.
KUBECONFIG = """
apiVersion: v1
kind: Config
clusters: [{name: none, cluster: {server: "https://127.0.0.1:9"}}]
users: [{name: none, user: {token: none}}]
contexts: [{name: none, context: {cluster: none, user: none}}]
current-context: none
"""


@pytest.fixture
def kube_spawner(tmp_path, monkeypatch):
    from kubernetes_asyncio.config import kube_config

    config = tmp_path / "kubeconfig"
    config.write_text(KUBECONFIG)
    monkeypatch.setattr(kube_config, "KUBE_CONFIG_DEFAULT_LOCATION", str(config))
    return make_kube_spawner


def make_kube_spawner() -> KubeSpawner:
    return KubeSpawner(
        _mock=True,
        profile_list=[
            {"display_name": "Default", "slug": "default", "default": True},
            {
                "display_name": "Course",
                "slug": "course",
                "profile_options": {
                    "image": {
                        "display_name": "Image",
                        "choices": {
                            "base": {
                                "display_name": "Base",
                                "kubespawner_override": {"image": BASE_IMAGE},
                            }
                        },
                        "unlisted_choice": {
                            "enabled": True,
                            "display_name": "Other image",
                            "validation_regex": r"^quay\.io/org/[a-z0-9-]+:[A-Za-z0-9._-]+$",
                            "kubespawner_override": {"image": "{value}"},
                        },
                    }
                },
            },
        ],
    )


@pytest.mark.parametrize("hub_version", HUB_VERSIONS)
@pytest.mark.parametrize("write", WRITERS)
async def test_kubespawner_profile_with_an_unlisted_image(kube_spawner, write, hub_version):
    spawner = kube_spawner()
    form = await spawner.get_options_form()
    # The profile's free-text image field is the one our template fills in.
    assert 'name="profile-option-course--image--unlisted-choice"' in form

    query = write(KUBE_TEMPLATE, IMAGE, hub_version)
    assert all(key.startswith("opt-") for key, _ in query) == hub_version.startswith("6")
    spawner.user_options = spawner.options_from_query(hub_reads(query))
    await spawner.load_user_options()
    assert spawner.image == IMAGE
    assert running_image(spawner, KUBE_TEMPLATE) == IMAGE


async def test_kubespawner_refuses_an_image_outside_its_pattern(kube_spawner):
    spawner = kube_spawner()
    query = from_launch_page(KUBE_TEMPLATE, "docker.io/evil/miner:latest", "6.1.1")
    spawner.user_options = spawner.options_from_query(hub_reads(query))
    with pytest.raises(ValueError, match="validation regex"):
        await spawner.load_user_options()
    assert spawner.image != "docker.io/evil/miner:latest"


@pytest.mark.parametrize("hub_version", HUB_VERSIONS)
@pytest.mark.parametrize("write", WRITERS)
async def test_dockerspawner_allowed_images(write, hub_version):
    spawner = DockerSpawner(allowed_images=[BASE_IMAGE, IMAGE])
    form = await spawner.get_options_form()
    assert 'name="image"' in form and IMAGE in form

    spawner.user_options = spawner.options_from_query(
        hub_reads(write(DOCKER_TEMPLATE, IMAGE, hub_version))
    )
    assert spawner.user_options == {"image": IMAGE}
    # What DockerSpawner.start() does with the option before it pulls the image.
    assert await spawner.check_allowed(spawner.user_options["image"]) == IMAGE
    assert running_image(spawner, DOCKER_TEMPLATE) == IMAGE


async def test_dockerspawner_refuses_an_image_it_does_not_allow():
    spawner = DockerSpawner(allowed_images=[BASE_IMAGE, IMAGE])
    query = from_launch_page(DOCKER_TEMPLATE, "quay.io/org/other:1", "6.1.1")
    spawner.user_options = spawner.options_from_query(hub_reads(query))
    with pytest.raises(web.HTTPError, match="not in allowed list"):
        await spawner.check_allowed(spawner.user_options["image"])
