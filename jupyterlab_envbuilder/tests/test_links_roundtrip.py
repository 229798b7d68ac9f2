"""Launch links built by the extension's TypeScript code, read back by the real
nbgitpuller and JupyterHub.

The builder in ``src/links`` runs through ``tsx`` (``links_table.ts``) on a
table of tricky inputs. Then:

- a real Jupyter server with nbgitpuller and JupyterLab (a subprocess, with the
  base URL of a hub user's server) receives each link's ``git-pull?...`` query.
  The test reads what nbgitpuller's page hands to its script, starts the sync
  the way that script does, and checks the clone (from a real git server over
  smart HTTP), the checked-out branch, and that the page it sends the browser
  to is the requested file;
- a real JupyterHub (JupyterHub's own ``MockHub``: the hub in-process, a real
  configurable-http-proxy, mock single-user servers) follows the spawn and
  user-redirect links; the test checks the spawner's user options and hands
  the query that reaches the user's server to nbgitpuller as above.
"""

from __future__ import annotations

import asyncio
import json
import os
import posixpath
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import mistune
import pytest
from githttp import make_repository, serve
from nbgitpuller_server import (
    Expected,
    check_nbgitpuller,
    nbgitpuller_reads,
    path_segments,
    server_query,
    start_jupyter_server,
)
from tornado.escape import url_unescape
from tornado.httpclient import AsyncHTTPClient

ROOT = Path(__file__).resolve().parents[2]
TSX = ROOT / "node_modules" / ".bin" / "tsx"
TABLE_SCRIPT = Path(__file__).with_name("links_table.ts")

if not TSX.exists():
    pytest.skip(
        "node_modules/.bin/tsx is missing: run `jlpm install` to build links with the TS code",
        allow_module_level=True,
    )

# JupyterHub's own test hub; imported after the skip so a missing tsx skips cleanly.
from jupyterhub.tests.mocking import MockHub  # noqa: E402
from jupyterhub.tests.utils import public_url  # noqa: E402

IMAGE = "quay.io/org/course:2024"


def build_links(requests: list[dict]) -> list[dict]:
    """Run the TypeScript builder on link requests."""
    completed = subprocess.run(
        [str(TSX), str(TABLE_SCRIPT)],
        input=json.dumps(requests),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def build_link(request: dict) -> str:
    (result,) = build_links([request])
    assert result["ok"], result
    return result["value"]["url"]


# --- the course repositories, on the git server ---


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


# --- a user's Jupyter server with nbgitpuller ---


@pytest.fixture(scope="module")
def jupyter_server(tmp_path_factory):
    with start_jupyter_server(tmp_path_factory.mktemp("jupyter")) as server:
        yield server


# --- links from the table, read by nbgitpuller ---


@dataclass
class Case:
    id: str
    repo: str
    branch: str
    path: str
    folder: str
    urlpath: str
    app: str = "lab"
    target: str = ""
    environment: dict | None = None

    def request(self, git_base: str) -> dict:
        return {
            "hubUrl": "https://hub.example.org/",
            "content": {
                "repo": self.repo.format(git=git_base),
                "branch": self.branch,
                "path": self.path,
                "app": self.app,
                "targetPath": self.target,
            },
            "environment": self.environment or {"kind": "default"},
        }


CASES = [
    Case(
        "lab, plain names",
        repo="{git}notes-2024",
        branch="main",
        path="intro.ipynb",
        folder="notes-2024",
        urlpath="lab/tree/notes-2024/intro.ipynb",
    ),
    Case(
        "lab, .git address, nested path with space & and %",
        repo="{git}course.git",
        branch="main",
        path="week 1/notes & more 100%.ipynb",
        folder="course",
        urlpath="lab/tree/course/week%201/notes%20&%20more%20100%25.ipynb",
    ),
    Case(
        "lab, branch with # and &, non-ASCII path",
        repo="{git}course.git",
        branch="fix#1&more",
        path="données/résumé.ipynb",
        folder="course",
        urlpath="lab/tree/course/donn%C3%A9es/r%C3%A9sum%C3%A9.ipynb",
    ),
    Case(
        "lab, non-ASCII repository and branch, whole clone",
        repo="{git}café.git",
        branch="café",
        path="",
        folder="café",
        urlpath="lab/tree/caf%C3%A9",
    ),
    Case(
        "lab, percent-escaped repository name",
        repo="{git}my%20course",
        branch="main",
        path="./intro.ipynb",
        folder="my course",
        urlpath="lab/tree/my%20course/intro.ipynb",
    ),
    Case(
        "lab, nested target folder with a space",
        repo="{git}course.git",
        branch="main",
        path="intro.ipynb",
        target="courses/2024 spring/",
        folder="courses/2024 spring",
        urlpath="lab/tree/courses/2024%20spring/intro.ipynb",
    ),
    Case(
        "classic notebook, file with # and ?",
        repo="{git}course.git",
        branch="main",
        path="odd/a#b?.ipynb",
        app="notebook",
        folder="course",
        urlpath="notebooks/course/odd/a%23b%3F.ipynb",
    ),
    Case(
        "classic notebook, folder, target folder",
        repo="{git}notes-2024",
        branch="main",
        path="week 1",
        app="notebook",
        target="notes",
        folder="notes",
        urlpath="tree/notes/week%201",
    ),
    Case(
        "binder environment, lab",
        repo="{git}course.git",
        branch="café",
        path="week 1/notes & more 100%.ipynb",
        folder="course",
        urlpath="lab/tree/course/week%201/notes%20&%20more%20100%25.ipynb",
        environment={
            "kind": "repository",
            "binderUrl": "https://mybinder.org",
            "repo": "https://github.com/org/course-environment",
        },
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
async def test_nbgitpuller_reads_links_back(case, git_server, jupyter_server):
    link = build_link(case.request(git_server))
    expected = Expected(
        repo=case.repo.format(git=git_server),
        branch=case.branch,
        folder=case.folder,
        urlpath=case.urlpath,
        opens="/".join([case.folder, *path_segments(case.path)]),
    )
    await check_nbgitpuller(jupyter_server, server_query(link), expected)


@pytest.mark.parametrize(
    "case", [case for case in CASES if "#" not in case.path], ids=lambda case: case.id
)
async def test_urlpath_matches_nbgitpullers_own_choice(case, git_server, jupyter_server):
    """Without urlpath nbgitpuller picks the page from `app` and `subpath` itself:
    the link's urlpath, decoded, opens the same place."""
    link = build_link(case.request(git_server))
    sent = dict(parse_qsl(server_query(link)))
    own = {key: sent[key] for key in ("repo", "branch", "targetpath") if key in sent}
    own["app"] = case.app
    if path_segments(case.path):
        own["subpath"] = case.path
    read = await nbgitpuller_reads(jupyter_server, urlencode(own))
    assert url_unescape(sent["urlpath"], plus=False) == posixpath.normpath(read["path"])


class Anchors(HTMLParser):
    """The targets of a page's links."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href"]


def test_badges_open_the_launch_link():
    """The Markdown badge (as Jupyter renders Markdown, with mistune) and the HTML
    badge link to exactly the launch link."""
    results = build_links([case.request("https://git.example.org/") for case in CASES])
    for result in results:
        assert result["ok"], result
        value = result["value"]
        for html in (value["html"], mistune.html(value["markdown"])):
            anchors = Anchors()
            anchors.feed(html)
            assert anchors.hrefs == [value["url"]]


# --- links through a real JupyterHub ---


@pytest.fixture
async def hub(tmp_path, monkeypatch):
    """JupyterHub's own test hub, with a base URL that needs escaping (/@/space%20word/)."""
    monkeypatch.chdir(tmp_path)  # the hub writes its cookie secret here
    monkeypatch.setenv("PATH", f"{ROOT / 'node_modules' / '.bin'}{os.pathsep}{os.environ['PATH']}")
    app = MockHub.instance()
    await app.initialize([])
    await app.start()
    yield app
    app.log.handlers = []
    MockHub.clear_instance()

    # `stop` cleans up, then schedules the cancelling of every task on the loop, as
    # a hub process does on its way out; the test's loop goes on running fixtures.
    async def keep_other_tasks(sig=None):
        pass

    app.shutdown_cancel_tasks = keep_other_tasks
    await app.stop()


async def follow_hub_redirects(hub, link: str, user: str) -> str:
    """Follow a link through the hub as a logged-in browser would; return where
    the hub sends the browser on the user's server."""
    cookies = await hub.login_user(user)
    cookie_header = "; ".join(f"{name}={value}" for name, value in cookies.items())
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(public_url(hub)))
    user_server = f"{hub.base_url}user/{user}/"
    url = link
    redirects = 0
    # A loaded machine can take well over ten seconds to start a server: the pending page is
    # polled for up to three minutes, and only redirects count towards the hop limit.
    polls = 900
    while redirects < 30 and polls > 0:
        response = await AsyncHTTPClient().fetch(
            url,
            headers={"Cookie": cookie_header},
            follow_redirects=False,
            raise_error=False,
        )
        if response.code == 200 and "/spawn-pending/" in url:
            polls -= 1
            await asyncio.sleep(0.2)  # the server is starting: the page polls
            continue
        redirects += 1
        assert response.code in (301, 302, 303), (url, response.code, response.body[:500])
        location = response.headers["Location"]
        if location.startswith(user_server):
            return location
        url = origin + location
    raise AssertionError(f"the hub never sent {link} to the user's server")


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
