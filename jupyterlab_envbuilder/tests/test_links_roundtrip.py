"""Launch links built by the extension's TypeScript code, read back by the real nbgitpuller.

The builder in ``src/links`` runs through ``tsx`` (``links_table.ts``) on a table of tricky
inputs. A real Jupyter server with nbgitpuller and JupyterLab (a subprocess, with the base URL
of a hub user's server) receives each link's ``git-pull?...`` query. The test reads what
nbgitpuller's page hands to its script, starts the sync the way that script does, and checks the
clone (from a real git server over smart HTTP), the checked-out branch, and that the page it
sends the browser to is the requested file.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode

import mistune
import pytest
from course_links import build_link, build_links
from nbgitpuller_server import (
    Expected,
    check_nbgitpuller,
    nbgitpuller_reads,
    path_segments,
    server_query,
)
from tornado.escape import url_unescape

IMAGE = "quay.io/org/course:2024"


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
