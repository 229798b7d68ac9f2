"""The build gateway against recorded event streams from a scripted build service.

The real captured BinderHub stream (from @jupyterhub/binderhub-client's tests) and synthetic
streams for each quirk and fault of design.md §3 are served by FakeBuildService: BinderHub on
Kubernetes cannot run here. The Jupyter server, the gateway and the HTTP on both sides are real.
"""

import asyncio
import json
import os
import socket

import pytest
from envfolder import tree_state, write_env
from eventstreams import joined, recorded_events
from gateway_client import READY, REPO, SHA, SPEC, TOKEN

from jupyterlab_envbuilder import gateway
from jupyterlab_envbuilder.eventstream import parse_json
from jupyterlab_envbuilder.gateway import TEXT_EVENT_CHARS, Build, interpret
from jupyterlab_envbuilder.history import BuildRecord, read_record


@pytest.fixture
def envbuilder_config(envbuilder_config, upstream):
    return {"build_service_url": upstream.url, "hub_api_token": TOKEN, **envbuilder_config}


async def test_captured_binderhub_stream(gateway, upstream, history):
    """The real stream: relayed as is up to ``built``, then ready, and never the launch."""
    lines = recorded_events()
    built = next(i for i, line in enumerate(lines) if '"phase":"built"' in line)
    upstream.script = [("data", line) for line in lines[: built + 1]]
    upstream.script += [("hold",)] + [("data", line) for line in lines[built + 1 :]]

    events = await gateway()

    expected = [json.loads(line) for line in lines[: built + 1]]
    image = expected[-1]["imageName"]
    assert joined(events[:-1]) == joined(expected)
    assert events[-1] == {"phase": "ready", "imageName": image, "gateway": True}
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
    # The record keeps each event as it came.
    assert [e["event"] for e in record["events"]] == expected + events[-1:]
    assert summary["cacheHit"] is record["cacheHit"] is False


async def test_a_cache_hit_is_told_apart_in_the_history(gateway, upstream, history):
    """``ready`` at once: the image was built before (perhaps by another user), and the
    record holds no build of it; the history says so instead of passing it for the build."""
    image = "binder-2dexamples-2doctave-03025a:" + SHA
    upstream.script = [("data", json.dumps({"phase": "ready", "imageName": image}))]
    await gateway()
    upstream.script = [("data", line) for line in recorded_events()]
    await gateway()

    newest, oldest = (await history())["builds"]
    assert (oldest["result"], oldest["cacheHit"]) == ("built", True)
    assert (newest["result"], newest["cacheHit"]) == ("built", False)
    assert (await history(oldest["id"]))["cacheHit"] is True


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
    assert joined(events) == [
        {"message": "Picked Git content provider.\n"},
        {"phase": "waiting"},
        {"phase": "fetching", "message": "split across chunks\ncrlf"},
        {"phase": "unknown"},
        {"phase": "building", "message": "Step 1/9\n"},
        {"phase": "pushing", "message": "Pushing image\n"},
        {"phase": "running"},
        {"phase": "ready", "imageName": "img:tag", "message": "Done! Image built\n"},
    ]
    await asyncio.wait_for(upstream.client_gone.wait(), 5)


SCOPE = "access:services!service=binder"


@pytest.mark.parametrize(
    "event, fields",
    [
        (
            {"phase": "failed", "status_code": 403, "message": "Forbidden\n"},
            {"error": "forbidden", "missingScope": SCOPE, "detail": "Forbidden"},
        ),
        (
            {
                "phase": "failed",
                "status_code": 429,
                "message": "Rate limit exceeded. Try again in 60 seconds.\n",
            },
            {"error": "rateLimited", "retryAfter": 60, "status_code": 429},
        ),
        (
            {"phase": "failed", "status_code": 500, "message": "Internal Server Error\n"},
            {"error": "upstreamHttp", "status_code": 500, "detail": "Internal Server Error"},
        ),
        ({"phase": "Failed"}, {"error": "buildFailed"}),
        (
            {"phase": "failed", "message": "Error during build: exit 1\n"},
            {"error": "buildFailed", "message": "Error during build: exit 1\n"},
        ),
    ],
)
async def test_failures_inside_a_200_stream(gateway, upstream, history, event, fields):
    """BinderHub reports errors as events; the service may keep the stream open after. The
    gateway names each with a code and its parameters; only the service's own text is prose."""
    upstream.script = [
        ("data", '{"phase":"waiting","message":"Waiting for build to start...\\n"}'),
        ("data", json.dumps(event)),
        ("hold",),
    ]
    events = await gateway()
    assert len(events) == 2
    assert events[-1]["phase"] == "failed"
    assert fields.items() <= events[-1].items()
    assert events[-1].get("message") == fields.get("message")
    await asyncio.wait_for(upstream.client_gone.wait(), 5)
    (summary,) = (await history())["builds"]
    assert summary["result"] == "failed" and summary["imageName"] is None
    assert summary["message"] == (fields["message"].strip() if "message" in fields else None)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


FAULTS = {
    "down": (None, {"error": "unreachable"}),
    "403": (
        [("status", 403, {}, '{"status": 403, "message": "Forbidden"}')],
        {"error": "forbidden", "missingScope": SCOPE, "status_code": 403},
    ),
    "429": (
        [("status", 429, {"Retry-After": "30"}, "")],
        {"error": "rateLimited", "retryAfter": 30, "status_code": 429},
    ),
    "500": (
        [("status", 500, {"Content-Type": "text/html"}, "<html>oops</html>")],
        {"error": "upstreamHttp", "status_code": 500},
    ),
    "login page": (
        [("status", 200, {"Content-Type": "text/html"}, "<html>log in</html>")],
        {"error": "notEventStream", "setting": "EnvBuilder.build_service_url"},
    ),
    "cut": (
        [("data", '{"phase":"building","message":"Step 1\\n"}'), ("cut",)],
        {"error": "cut"},
    ),
    "closed early": ([("data", '{"phase":"building","message":"Step 1\\n"}')], {"error": "cut"}),
    "malformed JSON": ([("data", "{not json"), ("data", "[1, 2]"), ("data", READY)], None),
    "1 MiB line": (
        [("data", json.dumps({"phase": "building", "message": "x" * 2**20})), ("data", READY)],
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
    script, fields = FAULTS[fault_config]
    upstream.script = script or []
    env = write_env(jp_root_dir / "environment")
    before = tree_state(jp_root_dir)

    events = await gateway()

    terminal = [e for e in events if e.get("phase") in ("ready", "failed")]
    assert terminal == events[-1:]
    (summary,) = (await history())["builds"]
    if fields is None:
        assert events[-1]["phase"] == "ready" and summary["result"] == "built"
    else:
        assert events[-1]["phase"] == "failed" and summary["result"] == "failed"
        # A code and its parameters for the page to word; no prose of the gateway's own.
        assert fields.items() <= events[-1].items() and "message" not in events[-1]
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
    assert first["message"] == "{not json\n" and first["warning"] == "notJson"
    assert "phase" not in first
    assert second["message"] == big


@pytest.mark.envbuilder(build_idle_timeout=0.5)
async def test_a_silent_build_service_is_given_up(gateway, upstream):
    upstream.script = [("data", '{"phase":"building","message":"Step 1\\n"}'), ("hold",)]
    events = await gateway()
    assert events[-1]["error"] == "silent" and events[-1]["seconds"] == 0.5


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
    assert events[-1]["phase"] == "failed" and events[-1]["error"] == "badSpec"
    assert upstream.requests == []


@pytest.mark.envbuilder(build_service_url="")
async def test_no_build_service_configured(gateway, upstream):
    (event,) = await gateway()
    assert event["phase"] == "failed" and event["error"] == "notConfigured"
    assert event["setting"] == "EnvBuilder.build_service_url"
    assert upstream.requests == []


def test_the_text_of_one_read_goes_on_as_one_event(tmp_path):
    """Log text of one phase is joined for the browser, up to a size; anything else, a change
    of phase or of dryRun, and the end keep their place. The record keeps each event."""
    build = Build("git", SPEC, str(tmp_path), None)
    big = "x" * (TEXT_EVENT_CHARS // 2) + "\n"
    events = [
        {"phase": "fetching", "message": "Cloning\n"},
        {"phase": "fetching", "message": "HEAD is now at 1234567\n"},
        {"phase": "building", "message": "Step 1/3\n"},
        {"phase": "building", "message": "Step 2/3", "dryRun": True},
        {"phase": "building", "message": "Step 3/3\n", "dryRun": True},
        {"phase": "building", "message": "with a key of its own\n", "progress": 3},
        {"phase": "building", "message": big},
        {"phase": "building", "message": big},
        {"phase": "building", "message": big},
        {"message": "no phase\n"},
        {"phase": "built", "imageName": "img:tag", "message": "Built\n"},
        {"phase": "building", "message": "after the end\n"},
    ]
    # As BinderHub writes events (json.dumps), then in a form the gateway parses first.
    build.add_all([json.dumps(event) for event in events[:6]], "")
    build.add_all([json.dumps(event, separators=(",", ":")) for event in events[6:]], "")
    sent = [json.loads(chunk[len(b"data: ") : -2]) for chunk in build.log.chunks]
    assert sent == [
        {"phase": "fetching", "message": "Cloning\nHEAD is now at 1234567\n"},
        {"phase": "building", "message": "Step 1/3\n"},
        {"phase": "building", "message": "Step 2/3Step 3/3\n", "dryRun": True},
        {"phase": "building", "message": "with a key of its own\n", "progress": 3},
        # Joined until TEXT_EVENT_CHARS is reached.
        {"phase": "building", "message": big + big},
        {"phase": "building", "message": big},
        {"message": "no phase\n"},
        {"phase": "built", "imageName": "img:tag", "message": "Built\n"},
        {"phase": "ready", "imageName": "img:tag", "gateway": True},
    ]
    assert build.result == "built"
    build.close()
    record = read_record(str(tmp_path), build.record.id, running=False)
    assert [e["event"] for e in record["events"]] == [*events[:-1], sent[-1]]


MESSAGES = [
    "plain\n",
    'a "quoted" word and a back\\slash\n',
    "\x1b[32mgreen\x1b[0m\ttab\r\n",
    "caf\u00e9 \u2713 \U0001f600\n",
    "\ud800 a lone surrogate\n",
    "\x00\x1f\x7f control\n",
    "/slash\\/\n",
    "",
]


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_log_text_taken_as_it_is_written_reads_as_parsed(tmp_path, ensure_ascii, monkeypatch):
    """Log text events as json.dumps writes them are joined without being parsed; the page
    reads the same text, and the record the same events, as when each is parsed (other
    spacing, or an escape JSON does not have, makes the gateway parse them)."""
    # Unescaped, a lone surrogate cannot come: the stream is UTF-8.
    messages = [m for m in MESSAGES if ensure_ascii or "\ud800" not in m]
    events = [
        {"phase": "building", "message": m, **({"dryRun": True} if i % 3 == 2 else {})}
        for i, m in enumerate(messages)
    ]
    written = [json.dumps(e, ensure_ascii=ensure_ascii) for e in events]
    parsed = [json.dumps(e, separators=(", ", ":")) for e in events]
    odd = ['{"phase": "building", "message": "\\x41 not JSON\\n"}'.replace("\\\\", "\\")]
    builds = []
    parsing = []
    monkeypatch.setattr(
        gateway, "interpret", lambda data, scope: parsing.append(data) or interpret(data, scope)
    )
    for where, found in (("written", written + odd), ("parsed", parsed + odd)):
        build = Build("git", SPEC, str(tmp_path / where), None)
        parsing.clear()
        build.add_all(found, "")
        # As json.dumps writes them, none is parsed; in another form, each is.
        assert parsing == (odd if where == "written" else found)
        build.close()
        sent = [json.loads(chunk[len(b"data: ") : -2]) for chunk in build.log.chunks]
        record = read_record(str(tmp_path / where), build.record.id, running=False)
        builds.append((sent, [e["event"] for e in record["events"]]))
    assert builds[0] == builds[1]
    sent, recorded = builds[0]
    assert recorded[: len(events)] == events
    # Joined where the phase and dryRun go on.
    assert [(e.get("phase"), e.get("dryRun")) for e in sent] == [
        ("building", None),
        ("building", True),
        ("building", None),
        ("building", True),
        ("building", None),
        (None, None),  # not JSON: a log line with a warning
        ("failed", None),  # the gateway's end when the stream stops
    ]
    assert sent[0]["message"] == MESSAGES[0] + MESSAGES[1]
    assert "".join(e["message"] for e in sent[:5]) == "".join(messages)
    assert sent[5] == {"message": odd[0] + "\n", "warning": "notJson"}


@pytest.mark.parametrize("max_bytes", [None, 1000, 2500, 10_000])
def test_log_text_recorded_a_read_at_a_time_is_kept_as_one_at_a_time(tmp_path, max_bytes):
    """A network read's log text is recorded at once; up to the record's size it keeps the
    same events, and the same note where it stops, as recording each event on its own."""
    texts = [json.dumps({"phase": "building", "message": f"line {i}\n"}) for i in range(60)]
    ready = {"phase": "ready", "imageName": "img:tag"}
    kept = []
    for where in ("batched", "each"):
        record = BuildRecord(str(tmp_path / where), "git", SPEC, max_bytes)
        for start in range(0, len(texts), 7):
            if where == "batched":
                record.add_texts(texts[start : start + 7])
            else:
                for text in texts[start : start + 7]:
                    record.add(json.loads(text), text)
        record.add(ready)
        record.finish("built", "img:tag", None)
        events = read_record(str(tmp_path / where), record.id, running=False)["events"]
        kept.append([e["event"] for e in events])
    assert kept[0] == kept[1]
    assert kept[0][-1] == ready
    cut = any("records keep" in e.get("message", "") for e in kept[0])
    assert cut == (max_bytes is not None and max_bytes < 10_000)


@pytest.mark.parametrize(
    "data",
    [
        '{"phase": "building", "message": "Step 1/2\\n"}',
        ' {"phase":"building"} ',
        '{"a": [1, 2.5, null, true, "\\u00e9"]}\t',
        "[1, 2]",
        '"a string"',
        "42",
        "null",
        '{"a": 1} trailing',
        '{"a": 1',
        "",
        "   ",
        "not json",
        "NaN",
        '{"a": NaN}',
        "{}{}",
    ],
)
def test_events_are_read_as_json_loads_reads_them(data):
    try:
        expected = json.loads(data)
    except ValueError:
        expected = None
    assert repr(parse_json(data)) == repr(expected)
