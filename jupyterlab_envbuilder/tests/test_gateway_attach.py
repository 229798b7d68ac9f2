"""Tabs attach to a build, come back to it and leave it: the build goes on without them, and
its record is there to replay, in the history, capped and paged."""

import asyncio
import json
from urllib.parse import quote

import httpx
import pytest
from eventstreams import parse
from gateway_client import READY, REPO, SPEC, TOKEN, Tab


@pytest.fixture
def envbuilder_config(envbuilder_config, upstream):
    return {"build_service_url": upstream.url, "hub_api_token": TOKEN, **envbuilder_config}


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
    assert event["phase"] == "failed" and event["error"] == "notStarted"
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


async def test_a_running_build_is_named_beyond_the_first_page(start, upstream, gateway, jp_fetch):
    upstream.script = [("data", '{"phase":"building","message":"Step 1\\n"}'), ("wait",)]
    assert (await start())[0] == 202
    for _ in range(50):
        if upstream.requests:
            break
        await asyncio.sleep(0.05)
    # Quicker builds started after it push it off the first page.
    upstream.script = [("data", READY)]
    for n in range(3):
        await gateway(f"git/{quote(REPO, safe='')}/{str(n) * 40}")
    page = json.loads((await jp_fetch("envbuilder", "builds", params={"limit": "2"})).body)
    assert [b["result"] for b in page["builds"]] == ["built", "built"]
    (running,) = page["running"]
    assert running["spec"] == SPEC and running["result"] == "running"
    upstream.release()
