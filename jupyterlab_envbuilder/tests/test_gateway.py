"""The build gateway against recorded event streams from a scripted build service.

The real captured BinderHub stream (from @jupyterhub/binderhub-client's tests) and synthetic
streams for each quirk and fault of design.md §3 are served by FakeBuildService: BinderHub on
Kubernetes cannot run here. The Jupyter server, the gateway and the HTTP on both sides are real.
"""

import asyncio
import json
import os
import socket
from urllib.parse import quote

import httpx
import pytest
from envfolder import tree_state, write_env
from eventstreams import parse, recorded_events
from fake_build_service import FakeBuildService

REPO = (
    "https://hub.example.org/user/alice/envbuilder/snapshots/0123456789abcdef0123456789abcdef.git"
)
SHA = "1479e0252b2e648bb755ee913292b79495931717"
SPEC = f"git/{quote(REPO, safe='')}/{SHA}"
TOKEN = "the-servers-hub-token"
READY = '{"phase":"ready","imageName":"img:tag","message":"Done! Image built\\n"}'


@pytest.fixture
async def upstream():
    fake = FakeBuildService()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def envbuilder_config(envbuilder_config, upstream):
    return {"build_service_url": upstream.url, "hub_api_token": TOKEN, **envbuilder_config}


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
            return [{"phase": "failed", "error": body["reason"], "message": body["message"]}]
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


async def test_captured_binderhub_stream(gateway, upstream, history):
    """The real stream: relayed as is up to ``built``, then ready, and never the launch."""
    lines = recorded_events()
    built = next(i for i, line in enumerate(lines) if '"phase":"built"' in line)
    upstream.script = [("data", line) for line in lines[: built + 1]]
    upstream.script += [("hold",)] + [("data", line) for line in lines[built + 1 :]]

    events = await gateway()

    expected = [json.loads(line) for line in lines[: built + 1]]
    image = expected[-1]["imageName"]
    assert events[:-1] == expected
    assert events[-1] == {
        "phase": "ready",
        "imageName": image,
        "message": "Done! Image built; not launching anything from here.\n",
        "gateway": True,
    }
    assert not any(e.get("phase") == "launching" for e in events)
    # The gateway stopped reading after `built`, although the service kept the stream open.
    await asyncio.wait_for(upstream.client_gone.wait(), 5)

    (request,) = upstream.requests
    assert request.path == f"/services/binder/build/{SPEC}"
    assert request.query == {"build_only": [b"true"]}
    assert request.headers["Authorization"] == f"token {TOKEN}"
    assert request.headers["Accept"] == "text/event-stream"

    (summary,) = (await history())["builds"]
    assert summary["result"] == "built"
    assert summary["imageName"] == image == "binder-2dexamples-2doctave-03025a:" + SHA
    assert (summary["provider"], summary["spec"]) == ("git", SPEC)
    assert (summary["repoUrl"], summary["ref"]) == (REPO, SHA)
    record = await history(summary["id"])
    assert [e["event"] for e in record["events"]] == events


async def test_quirks_are_tolerated(gateway, upstream):
    upstream.script = [
        ("raw", ":keepalive\n\n"),
        ("data", '{"message":"Picked Git content provider.\\n"}'),
        ("data", '{"phase":"Waiting"}'),
        ("raw", 'data: {"phase":"fetch'),
        ("raw", 'ing","message":"split across chunks\\n"}\n\n'),
        ("raw", 'data: {"phase":"FETCHING","message":"crlf"}\r\n\r\n'),
        ("raw", ": a comment\n\n"),
        ("data", '{"phase":"unknown"}'),
        ("data", '{"phase":"building","message":"Step 1/9\\n"}'),
        ("data", '{"phase":"pushing","message":"Pushing image\\n"}'),
        ("data", '{"phase":"Running"}'),
        ("data", '{"phase":"Ready","imageName":"img:tag","message":"Done! Image built\\n"}'),
        ("hold",),
    ]
    events = await gateway()
    assert events == [
        {"message": "Picked Git content provider.\n"},
        {"phase": "waiting"},
        {"phase": "fetching", "message": "split across chunks\n"},
        {"phase": "fetching", "message": "crlf"},
        {"phase": "unknown"},
        {"phase": "building", "message": "Step 1/9\n"},
        {"phase": "pushing", "message": "Pushing image\n"},
        {"phase": "running"},
        {"phase": "ready", "imageName": "img:tag", "message": "Done! Image built\n"},
    ]
    await asyncio.wait_for(upstream.client_gone.wait(), 5)


@pytest.mark.parametrize(
    "event, message, fields",
    [
        (
            {"phase": "failed", "status_code": 403, "message": "Forbidden\n"},
            "needs the scope access:services!service=binder",
            {"error": "forbidden", "detail": "Forbidden", "status_code": 403},
        ),
        (
            {
                "phase": "failed",
                "status_code": 429,
                "message": "Rate limit exceeded. Try again in 60 seconds.\n",
            },
            "Rate limited by the build service: try again in 60 seconds.",
            {"error": "rate-limited", "retryAfter": 60},
        ),
        (
            {"phase": "failed", "status_code": 500, "message": "Internal Server Error\n"},
            "The build service failed (HTTP 500) (Internal Server Error)",
            {"error": "upstream-http"},
        ),
        (
            {"phase": "Failed"},
            "The build failed; the build service gave no reason.",
            {"error": "build-failed"},
        ),
        (
            {"phase": "failed", "message": "Error during build: exit 1\n"},
            "Error during build: exit 1\n",
            {"error": "build-failed"},
        ),
    ],
)
async def test_failures_inside_a_200_stream(gateway, upstream, history, event, message, fields):
    """BinderHub reports errors as events; the service may keep the stream open after."""
    upstream.script = [
        ("data", '{"phase":"waiting","message":"Waiting for build to start...\\n"}'),
        ("data", json.dumps(event)),
        ("hold",),
    ]
    events = await gateway()
    assert len(events) == 2
    assert events[-1]["phase"] == "failed"
    assert message in events[-1]["message"]
    assert fields.items() <= events[-1].items()
    await asyncio.wait_for(upstream.client_gone.wait(), 5)
    (summary,) = (await history())["builds"]
    assert summary["result"] == "failed" and summary["imageName"] is None
    assert message.strip() in summary["message"]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


FAULTS = {
    "down": (None, "cannot be reached", "unreachable"),
    "403": (
        [("status", 403, {}, '{"status": 403, "message": "Forbidden"}')],
        "needs the scope access:services!service=binder",
        "forbidden",
    ),
    "429": (
        [("status", 429, {"Retry-After": "30"}, "")],
        "Rate limited by the build service: try again in 30 seconds.",
        "rate-limited",
    ),
    "500": (
        [("status", 500, {"Content-Type": "text/html"}, "<html>oops</html>")],
        "The build service failed (HTTP 500)",
        "upstream-http",
    ),
    "login page": (
        [("status", 200, {"Content-Type": "text/html"}, "<html>log in</html>")],
        "did not answer with an event stream",
        "not-event-stream",
    ),
    "cut": (
        [("data", '{"phase":"building","message":"Step 1\\n"}'), ("cut",)],
        "broke off mid-build",
        "cut",
    ),
    "closed early": (
        [("data", '{"phase":"building","message":"Step 1\\n"}')],
        "closed the stream before the build finished",
        "cut",
    ),
    "malformed JSON": (
        [("data", "{not json"), ("data", "[1, 2]"), ("data", READY)],
        None,
        None,
    ),
    "1 MiB line": (
        [("data", json.dumps({"phase": "building", "message": "x" * 2**20})), ("data", READY)],
        None,
        None,
    ),
}


@pytest.fixture
def fault_config(request, envbuilder_config):
    if request.param == "down":
        envbuilder_config["build_service_url"] = f"http://127.0.0.1:{closed_port()}/"
    return request.param


@pytest.mark.parametrize("fault_config", list(FAULTS), indirect=True)
async def test_faults_end_in_one_clear_final_state(
    fault_config, upstream, gateway, history, jp_root_dir, envbuilder_config
):
    script, message, error = FAULTS[fault_config]
    upstream.script = script or []
    env = write_env(jp_root_dir / "environment")
    before = tree_state(jp_root_dir)

    events = await gateway()

    terminal = [e for e in events if e.get("phase") in ("ready", "failed")]
    assert terminal == events[-1:]
    (summary,) = (await history())["builds"]
    if message is None:
        assert events[-1]["phase"] == "ready" and summary["result"] == "built"
    else:
        assert events[-1]["phase"] == "failed" and summary["result"] == "failed"
        assert message in events[-1]["message"] and events[-1]["error"] == error
        assert events[-1]["gateway"] is True
    assert tree_state(jp_root_dir) == before
    assert os.listdir(envbuilder_config["data_dir"]) == ["builds"]
    assert env.exists()


async def test_malformed_lines_become_log_lines(gateway, upstream):
    big = "x" * 2**20
    upstream.script = [
        ("data", "{not json"),
        ("data", json.dumps({"phase": "building", "message": big})),
        ("data", READY),
    ]
    first, second, _ = await gateway()
    assert first["message"] == "{not json\n" and "not a JSON object" in first["warning"]
    assert "phase" not in first
    assert second["message"] == big


@pytest.mark.envbuilder(build_idle_timeout=0.5)
async def test_a_silent_build_service_is_given_up(gateway, upstream):
    upstream.script = [("data", '{"phase":"building","message":"Step 1\\n"}'), ("hold",)]
    events = await gateway()
    assert events[-1]["error"] == "silent"
    assert "No word from the build service for 0.5 seconds" in events[-1]["message"]


@pytest.mark.parametrize(
    "spec",
    [
        f"git/../../hub/api/{SHA}",
        f"git/%2e%2E/{SHA}",
        "git/x/..",
        "git/x\\y/z",
        "git/x/y'z\"",
        "..%2F..%2Fhub/x",
    ],
)
async def test_only_the_configured_build_service_is_asked(gateway, upstream, spec):
    events = await gateway(spec)
    assert events[-1]["phase"] == "failed" and events[-1]["error"] == "bad-spec"
    assert upstream.requests == []


@pytest.mark.envbuilder(build_service_url="")
async def test_no_build_service_configured(gateway, upstream):
    (event,) = await gateway()
    assert event["phase"] == "failed" and event["error"] == "not-configured"
    assert "ENVBUILDER_BUILD_SERVICE_URL" in event["message"]
    assert upstream.requests == []


class Tab:
    """A browser tab following a build's event stream, one event at a time."""

    def __init__(self, response):
        self.chunks = response.aiter_bytes()
        self.buffer = b""
        self.seen = 0

    async def events(self, count=None):
        """The next ``count`` events, or all the rest until the stream ends."""
        while True:
            complete = parse(self.buffer[: self.buffer.rfind(b"\n\n") + 2])[self.seen :]
            if count is not None and len(complete) >= count:
                self.seen += count
                return complete[:count]
            try:
                self.buffer += await self.chunks.__anext__()
            except StopAsyncIteration:
                self.seen += len(complete)
                return complete


async def test_attach_reattach_and_the_build_goes_on_without_browsers(
    upstream, server_url, jp_auth_header, history, start
):
    upstream.script = [
        ("data", '{"phase":"waiting","message":"Waiting for build to start...\\n"}'),
        ("data", '{"phase":"building","message":"Step 1\\n"}'),
        ("wait",),
        ("data", '{"phase":"building","message":"Step 2\\n"}'),
        ("data", READY),
    ]
    url = f"{server_url}envbuilder/build/{SPEC}"
    headers = {**jp_auth_header, "Accept": "text/event-stream"}
    assert (await start())[0] == 202
    async with httpx.AsyncClient(timeout=30, trust_env=False) as client:
        async with client.stream("GET", url, headers=headers) as first:
            first_events = await Tab(first).events(2)
        # The only tab went away: the upstream stream stays open, the build goes on.
        await asyncio.sleep(0.3)
        assert not upstream.client_gone.is_set()
        (running,) = (await history())["builds"]
        assert running["result"] == "running"

        async with client.stream("GET", url, headers=headers) as second:
            async with client.stream("GET", url, headers=headers) as third:
                assert second.headers["X-Envbuilder-Build-Id"] == running["id"]
                second_tab, third_tab = Tab(second), Tab(third)
                replayed = await second_tab.events(2)
                assert await third_tab.events(2) == replayed == first_events
                upstream.release()
                rest_second = await second_tab.events()
                rest_third = await third_tab.events()

    assert [e["message"] for e in rest_second] == ["Step 2\n", "Done! Image built\n"]
    assert rest_third == rest_second
    assert len(upstream.requests) == 1
    record = await history(running["id"])
    assert record["result"] == "built"
    assert [e["event"] for e in record["events"]] == first_events + rest_second


async def test_history(gateway, upstream, history, jp_fetch):
    upstream.script = [("data", READY)]
    await gateway()
    other = f"git/{quote(REPO, safe='')}/{'b' * 40}"
    upstream.script = [("data", '{"phase":"failed"}')]
    await gateway(other)

    builds = (await history())["builds"]
    assert [b["spec"] for b in builds] == [other, SPEC]
    assert [b["result"] for b in builds] == ["failed", "built"]
    assert builds[1]["imageName"] == "img:tag"
    assert builds[0]["startedAt"] <= builds[0]["finishedAt"]
    for missing in ("0" * 16, "not-an-id"):
        with pytest.raises(Exception) as e:
            await jp_fetch("envbuilder", "builds", missing)
        assert e.value.code == 404


async def test_a_cache_hit_keeps_the_log_of_the_build_that_made_the_image(
    gateway, upstream, history, jp_fetch
):
    upstream.script = [
        ("data", '{"phase":"building","message":"Step 1/9 : FROM buildpack-deps\\n"}'),
        ("data", READY),
    ]
    await gateway()
    upstream.script = [("data", READY)]
    await gateway()

    builds = (await history())["builds"]
    assert [b["spec"] for b in builds] == [SPEC, SPEC]
    assert builds[0]["id"] != builds[1]["id"]
    first = json.loads((await jp_fetch("envbuilder", "builds", builds[1]["id"])).body)
    messages = [e["event"].get("message", "") for e in first["events"]]
    assert "Step 1/9 : FROM buildpack-deps\n" in messages


async def test_a_get_never_starts_a_build(
    upstream, http_server_client, jp_auth_header, jp_base_url
):
    """A cross-site link to the build URL (a top-level GET, with the victim's cookies) finds
    nothing to attach to and starts nothing."""
    upstream.script = [("data", READY)]
    response = await http_server_client.fetch(
        f"{jp_base_url}envbuilder/build/{SPEC}",
        headers={**jp_auth_header, "Accept": "text/event-stream"},
        request_timeout=30,
    )
    (event,) = parse(response.body)
    assert event["phase"] == "failed" and event["error"] == "not-started"
    assert upstream.requests == []


async def test_a_get_replays_the_last_build(
    gateway, upstream, http_server_client, jp_auth_header, jp_base_url
):
    upstream.script = [("data", '{"phase":"building","message":"Step 1\\n"}'), ("data", READY)]
    built = await gateway()
    response = await http_server_client.fetch(
        f"{jp_base_url}envbuilder/build/{SPEC}",
        headers={**jp_auth_header, "Accept": "text/event-stream"},
        request_timeout=30,
    )
    assert parse(response.body) == built
    assert len(upstream.requests) == 1


@pytest.mark.envbuilder(max_build_records=3, max_build_record_size=400)
async def test_records_are_capped_and_paged(gateway, upstream, history, jp_fetch):
    upstream.script = [
        ("data", json.dumps({"phase": "building", "message": f"line {i}\n"})) for i in range(50)
    ] + [("data", READY)]
    for n in range(5):
        await gateway(f"git/{quote(REPO, safe='')}/{str(n) * 40}")
    page = await history()
    assert page["total"] == 3 and page["next"] is None
    assert [b["spec"][-40:] for b in page["builds"]] == ["4" * 40, "3" * 40, "2" * 40]
    first = json.loads(
        (await jp_fetch("envbuilder", "builds", params={"offset": "1", "limit": "1"})).body
    )
    assert [b["spec"][-40:] for b in first["builds"]] == ["3" * 40] and first["next"] == 2
    record = await history(page["builds"][0]["id"])
    messages = [e["event"].get("message", "") for e in record["events"]]
    assert "line 49\n" not in messages and "records keep 400 bytes" in "".join(messages)
    # The result survives the cut.
    assert record["result"] == "built" and record["imageName"] == "img:tag"


def test_a_dead_build_service_is_noticed_after_two_keepalives():
    from jupyterlab_envbuilder.config import EnvBuilder
    from jupyterlab_envbuilder.handlers.builds import KEEPALIVE_INTERVAL

    assert 2 * KEEPALIVE_INTERVAL < EnvBuilder().build_idle_timeout <= 2.5 * KEEPALIVE_INTERVAL
