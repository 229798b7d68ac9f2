"""A long build log through the gateway: the record is written in batches and keeps every
event as the build service encoded it, the tabs get the same log text in far fewer events,
and every tab and every reader of the record gets all of it, in order, at any moment of the
build."""

import json

import httpx
import pytest
from gateway_client import READY, SPEC, TOKEN, Tab
from tornado.httpclient import HTTPClientError

from jupyterlab_envbuilder.gateway import TEXT_EVENT_CHARS

LINES = 5_000


@pytest.fixture
def envbuilder_config(envbuilder_config, upstream):
    return {"build_service_url": upstream.url, "hub_api_token": TOKEN, **envbuilder_config}


def line(i):
    return json.dumps({"phase": "building", "message": f"Collecting package-{i}\x1b[32m ok\n"})


async def test_every_event_reaches_every_tab_and_the_record(
    upstream,
    server_url,
    start,
    jp_auth_header,
    jp_fetch,
):
    upstream.script = [
        ("raw", "".join(f"data: {line(i)}\n\n" for i in range(LINES))),
        ("data", '{"phase":"Building","message":"odd capitalisation\\n"}'),
        ("wait",),
        ("data", READY),
    ]
    expected = [json.loads(line(i)) for i in range(LINES)]
    expected.append({"phase": "building", "message": "odd capitalisation\n"})
    text = "".join(event["message"] for event in expected)

    def as_tabs_get_it(events):
        """Log text of one phase, in events of at most about TEXT_EVENT_CHARS each."""
        assert all(event.keys() == {"phase", "message"} for event in events)
        assert {event["phase"] for event in events} == {"building"}
        assert max(len(event["message"]) for event in events) < TEXT_EVENT_CHARS + 100
        return "".join(event["message"] for event in events)

    url = f"{server_url}envbuilder/build/{SPEC}"
    headers = {**jp_auth_header, "Accept": "text/event-stream"}

    async def record(record_id, **params):
        answer = await jp_fetch("envbuilder", "builds", record_id, params=params)
        return json.loads(answer.body)

    # A POST starts the build; each tab follows it with a GET.
    status, started = await start()
    assert status == 202
    record_id = started["id"]
    async with httpx.AsyncClient(timeout=60, trust_env=False) as client:
        async with client.stream("GET", url, headers=headers) as first:
            assert first.headers["X-Envbuilder-Build-Id"] == record_id
            first_tab = Tab(first)
            seen = await first_tab.text(len(text))
            assert as_tabs_get_it(seen) == text
            # 5,001 events upstream: far fewer for the tab.
            assert len(seen) <= 20
            # Read while the build waits: what the tab saw is in the record already.
            running = await record(record_id)
            assert running["result"] == "running"
            assert [e["event"] for e in running["events"]] == expected
            async with client.stream("GET", url, headers=headers) as second:
                second_tab = Tab(second)
                assert as_tabs_get_it(await second_tab.text(len(text))) == text
                upstream.release()
                rest = await second_tab.events()
            assert await first_tab.events() == rest
    assert [e["phase"] for e in rest] == ["ready"]

    done = await record(record_id)
    assert done["result"] == "built"
    assert done["imageName"] == "img:tag"
    assert [e["event"] for e in done["events"]] == expected + rest
    assert len(upstream.requests) == 1
    assert done["eventCount"] == LINES + 2 and done["offset"] == 0

    # A log view shows the end first, then earlier pages as it is scrolled up.
    tail = await record(record_id, tail=100)
    assert tail["eventCount"] == LINES + 2
    assert tail["offset"] == LINES + 2 - 100
    assert [e["event"] for e in tail["events"]] == (expected + rest)[-100:]
    assert tail["result"] == "built"
    page = await record(record_id, offset=50, limit=25)
    assert page["offset"] == 50
    assert [e["event"] for e in page["events"]] == expected[50:75]
    beyond = await record(record_id, offset=LINES + 10)
    assert beyond["events"] == [] and beyond["offset"] == LINES + 2


@pytest.mark.parametrize(
    "query",
    [
        {"tail": "-1"},
        {"tail": "x"},
        {"tail": "1", "offset": "0"},
        {"limit": "0"},
        {"offset": "1e3"},
        {"tail": "9" * 5000},
    ],
)
async def test_a_bad_page_query_is_refused(jp_fetch, query):
    with pytest.raises(HTTPClientError) as e:
        await jp_fetch("envbuilder", "builds", "0" * 16, params=query)
    assert e.value.code == 400


@pytest.mark.parametrize("query", [{"offset": "\u00b2"}, {"limit": "-1"}, {"limit": "9" * 5000}])
async def test_a_bad_history_page_query_is_refused(jp_fetch, query):
    with pytest.raises(HTTPClientError) as e:
        await jp_fetch("envbuilder", "builds", params=query)
    assert e.value.code == 400
    assert json.loads(e.value.response.body)["reason"] == "badQuery"
