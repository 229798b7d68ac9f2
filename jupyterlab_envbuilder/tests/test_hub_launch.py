"""Course links that name a server, through a real JupyterHub (JupyterHub's own ``MockHub``:
the hub in-process, a real configurable-http-proxy, mock single-user servers) with the launch
page ``configure()`` installs, handed over to the real nbgitpuller.

The student already runs their default server on another image; the course link creates and
starts ``course-101`` beside it, on the link's image, and opens the content there.
"""

from __future__ import annotations

import asyncio
import re
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from course_links import build_link, follow_hub_redirects, mock_hub
from jupyterhub.tests.utils import public_url
from nbgitpuller_server import Expected, check_nbgitpuller
from tornado.httpclient import AsyncHTTPClient
from traitlets.config import Config

from jupyterlab_envbuilder.hub import configure
from jupyterlab_envbuilder.hub.launch import STOP_WAIT_SECONDS

DEFAULT_IMAGE = "quay.io/org/research:2023"
COURSE_IMAGE = "quay.io/org/course-101:2024"
NEXT_TERM_IMAGE = "quay.io/org/course-101:2025"


@pytest.fixture
async def hub(tmp_path, monkeypatch):
    c = Config()
    c.JupyterHub.allow_named_servers = True
    configure(c, spawn_options="image={image}")
    async with mock_hub(monkeypatch, tmp_path, c) as app:
        yield app


class Browser:
    """A logged-in browser: cookies kept across requests, redirects not followed."""

    def __init__(self, hub, cookies: dict[str, str]):
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(public_url(hub)))
        self.cookies = dict(cookies)

    async def fetch(self, url: str, **kwargs):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        response = await AsyncHTTPClient().fetch(
            url if "://" in url else self.origin + url,
            headers=headers,
            follow_redirects=False,
            raise_error=False,
            **kwargs,
        )
        for header in response.headers.get_list("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response


def course_link(hub, git_server: str, image: str, server: str = "course-101") -> str:
    """The course link as the extension's link builder writes it (src/links/namedServer.ts)."""
    return build_link(
        {
            "hubUrl": public_url(hub),
            "content": {"repo": f"{git_server}course.git", "branch": "main", "path": "intro.ipynb"},
            "environment": {"kind": "namedServer", "image": image, "serverName": server},
        }
    )


async def wait_ready(spawner) -> None:
    for _ in range(100):
        if spawner.ready:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{spawner._log_name} never became ready")


async def test_course_link_starts_a_named_server_beside_the_default_one(
    hub, git_server, jupyter_server
):
    user_server = f"{hub.base_url}user/student/"
    # The student works on their default server, on their research image.
    location = await follow_hub_redirects(
        hub, f"{public_url(hub)}hub/spawn?opt-image={DEFAULT_IMAGE}", "student"
    )
    assert location.startswith(user_server)
    student = hub.users["student"]
    assert student.spawners[""].user_options == {"image": [DEFAULT_IMAGE]}

    # The course link: course-101 is created and started on the course image.
    location = await follow_hub_redirects(
        hub, course_link(hub, git_server, COURSE_IMAGE), "student"
    )
    path, _, query = location.partition("?")
    assert path == f"{user_server}course-101/git-pull"
    course = student.spawners["course-101"]
    assert course.user_options == {"image": [COURSE_IMAGE]}
    assert course.ready
    # The default server runs on, untouched.
    assert student.spawners[""].ready
    assert student.spawners[""].user_options == {"image": [DEFAULT_IMAGE]}
    await check_nbgitpuller(
        jupyter_server,
        query,
        Expected(
            repo=f"{git_server}course.git",
            branch="main",
            folder="course",
            urlpath="lab/tree/course/intro.ipynb",
            opens="course/intro.ipynb",
        ),
    )

    # Following the link again goes straight to the content.
    browser = Browser(hub, await hub.login_user("student"))
    again = await browser.fetch(course_link(hub, git_server, COURSE_IMAGE))
    assert again.code == 302
    assert again.headers["Location"] == location


async def test_a_server_on_another_image_is_restarted_only_when_asked(hub, git_server):
    student_link = course_link(hub, git_server, COURSE_IMAGE)
    await follow_hub_redirects(hub, student_link, "student")
    course = hub.users["student"].spawners["course-101"]
    browser = Browser(hub, await hub.login_user("student"))

    # A link for next term's image: a page, and the server keeps running as it is.
    next_term = course_link(hub, git_server, NEXT_TERM_IMAGE)
    page = await browser.fetch(next_term)
    assert page.code == 200
    html = page.body.decode()
    assert COURSE_IMAGE in html and NEXT_TERM_IMAGE in html
    assert 'id="envbuilder-launch-restart"' in html
    assert course.ready and course.user_options == {"image": [COURSE_IMAGE]}
    open_as_is = re.search(r'id="envbuilder-launch-open" href="([^"]+)"', html).group(1)
    assert open_as_is.startswith(f"{hub.base_url}user/student/course-101/git-pull?")

    # Without the form's XSRF token nothing happens.
    refused = await browser.fetch(next_term, method="POST", body="")
    assert refused.code == 403
    assert course.ready and course.user_options == {"image": [COURSE_IMAGE]}

    # The page's button: the server is stopped and started again on the new image. JupyterHub
    # returns from a stop after `slow_stop_timeout` while the stop goes on (pods often take 30 s):
    # with 0 every stop is "slow", and the page must still wait for it before sending the browser
    # on, or JupyterHub's "stopping" page would drop the image option.
    hub.tornado_application.settings["slow_stop_timeout"] = 0
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', html).group(1)
    # The answer comes once the server has stopped: the mock server can take 10 s and more.
    restart = await browser.fetch(
        next_term, method="POST", body=urlencode({"_xsrf": xsrf}), request_timeout=STOP_WAIT_SECONDS
    )
    assert restart.code == 303
    assert not hub.users["student"].spawners["course-101"].active
    location = await follow_hub_redirects(
        hub, browser.origin + restart.headers["Location"], "student"
    )
    assert location.startswith(f"{hub.base_url}user/student/course-101/git-pull?")
    course = hub.users["student"].spawners["course-101"]
    await wait_ready(course)
    assert course.user_options == {"image": [NEXT_TERM_IMAGE]}


@pytest.mark.parametrize(
    ("server", "query", "status"),
    [
        ("Course 101", {"image": COURSE_IMAGE}, 400),
        ("course-101", {"image": "not an image"}, 400),
        ("course-101", {}, 400),
        ("course-101", {"image": COURSE_IMAGE, "urlpath": "//evil.example.org/"}, 400),
        ("course-101", {"image": COURSE_IMAGE, "urlpath": "https://evil.example.org/"}, 400),
    ],
)
async def test_malformed_links_start_nothing(hub, server, query, status):
    browser = Browser(hub, await hub.login_user("student"))
    response = await browser.fetch(
        f"{public_url(hub)}hub/envbuilder/launch/{server.replace(' ', '%20')}?{urlencode(query)}"
    )
    assert response.code == status
    assert "course-101" not in hub.users["student"].orm_spawners


async def test_anonymous_visitors_log_in_first(hub, git_server):
    link = course_link(hub, git_server, COURSE_IMAGE)
    response = await AsyncHTTPClient().fetch(link, follow_redirects=False, raise_error=False)
    assert response.code == 302
    assert "/hub/login?next=" in response.headers["Location"]


# The page for Binder-style links (hub/source.py), added by configure() with the launch page.
BINDER_LINK = (
    "hub/envbuilder/v2/gh/binder-examples/requirements/HEAD?urlpath=lab%2Ftree%2Findex.ipynb"
)


async def test_a_binder_link_on_the_hub_opens_lab_with_the_link_in_sources(hub):
    browser = Browser(hub, await hub.login_user("student"))
    link = f"{public_url(hub)}{BINDER_LINK}"
    page = await browser.fetch(link)
    assert page.code == 200
    html = page.body.decode()
    assert 'id="envbuilder-source-provider">GitHub<' in html
    assert 'id="envbuilder-source-repository">binder-examples/requirements<' in html
    assert 'id="envbuilder-source-ref">HEAD<' in html
    # Reading the page started nothing.
    assert not hub.users["student"].spawners[""].active

    # The default server is the first choice.
    assert list(server_links(html)) == [""]
    location = await follow_hub_redirects(hub, browser.origin + server_links(html)[""], "student")
    path, _, query = location.partition("?")
    assert path == f"{hub.base_url}user/student/lab"
    # The Sources section reads the link from here (src/plugins/sources.ts).
    assert parse_qs(query)["envbuilder-source"] == [link]
    assert hub.users["student"].spawners[""].ready


@pytest.mark.parametrize(
    "path",
    ["hub/envbuilder/v2/gist/someone/abc/HEAD", "hub/envbuilder/v2/gh/%00/HEAD"],
)
async def test_a_binder_link_the_hub_cannot_build_is_refused(hub, path):
    browser = Browser(hub, await hub.login_user("student"))
    response = await browser.fetch(f"{public_url(hub)}{path}")
    assert response.code == 400
    assert not hub.users["student"].spawners[""].active


def server_links(html: str) -> dict[str, str]:
    """The page's servers to build from: name ('' the default) → where its button goes."""
    return {
        name: url.replace("&amp;", "&")
        for name, url in re.findall(r'data-server="([^"]*)" href="([^"]+)"', html)
    }


async def test_a_binder_link_can_be_built_from_a_named_server(hub):
    link = f"{public_url(hub)}{BINDER_LINK}"
    await follow_hub_redirects(hub, f"{public_url(hub)}hub/spawn/student/teaching", "student")
    browser = Browser(hub, await hub.login_user("student"))
    page = await browser.fetch(link)
    html = page.body.decode()
    # The default server and the named one the student has, each a button.
    links = server_links(html)
    assert sorted(links) == ["", "teaching"]
    location = await follow_hub_redirects(hub, browser.origin + links["teaching"], "student")
    path, _, query = location.partition("?")
    assert path == f"{hub.base_url}user/student/teaching/lab"
    assert parse_qs(query)["envbuilder-source"] == [link]
    # Picking it started no other server.
    assert not hub.users["student"].spawners[""].active

    # A new named server: the name is checked as JupyterHub checks it, and nothing starts
    # for a name it would refuse, one the student has, or a form without its XSRF token.
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', html).group(1)

    async def new_server(name: str, token: str = xsrf):
        return await browser.fetch(
            link, method="POST", body=urlencode({"_xsrf": token, "new_server": name})
        )

    for name in ("Course 101", "course--101", "-course", "a" * 31, "teaching"):
        refused = await new_server(name)
        assert refused.code == 400, name
        assert 'id="envbuilder-source-error"' in refused.body.decode()
    assert (await new_server("course-101", token="")).code == 403
    assert set(hub.users["student"].orm_spawners) == {"", "teaching"}

    created = await new_server("course-101")
    assert created.code == 303
    location = await follow_hub_redirects(
        hub, browser.origin + created.headers["Location"], "student"
    )
    path, _, query = location.partition("?")
    assert path == f"{hub.base_url}user/student/course-101/lab"
    assert parse_qs(query)["envbuilder-source"] == [link]
    await wait_ready(hub.users["student"].spawners["course-101"])
