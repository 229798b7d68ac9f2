"""Build gateway: click-to-first-event, cache-hit click-to-ready, and the gateway's overhead.

On the dev hub, one user with a named server and ``environment/requirements.txt``:

- **fresh build, click to first event**: change the file, take a snapshot (a new SHA, so a
  new build), then time ``GET <server>/envbuilder/build/<spec>`` to the first event of the
  stream; the same for the build service called directly with a spec of its own, in the
  same rounds. The build then runs to its end (``ready``), which is timed too.
- **cache hit, click to ready**: the spec built last, asked again and again: time to the
  ``ready`` event through the gateway, from the build service directly, and from the build
  service through the hub's proxy (the path the browser's request takes to the gateway), in
  turns with the order rotating every round. The gateway's overhead is its ratio to the
  direct call.
- **long log**: a second user, whose builds print 50,000 log lines at once and then hold
  (``dev/paced_repo2docker.py``, users named ``biglog*``). Once a build's log is out, the
  build is asked again, directly and through the gateway, in turns: both get the whole log
  from the service's memory at once, so the difference is the gateway's own work (parse,
  record, pass on). Events per second from the request to the 50,000th event.

Requests go out the way a browser's do: one keep-alive HTTP client, the user's token.
"""

import json
import time
from typing import Any, Optional

import httpx
from devhub import DevHub
from report import (
    machine,
    machine_text,
    median_difference,
    ratio,
    ratio_text,
    spread,
    summary,
    table,
)

USER = "benchgateway"
SERVER = "gw"
LONG_LOG_USER = "biglogbench"


class Stream:
    """One build request read until its ``ready`` event: when the first event and ``ready``
    came, in milliseconds from the request, and the events' phases."""

    def __init__(self, client: httpx.Client, url: str, token: str) -> None:
        self.first_ms: Optional[float] = None
        self.ready_ms: Optional[float] = None
        self.phases: list[str] = []
        self.last: dict[str, Any] = {}
        headers = {"Authorization": f"token {token}", "Accept": "text/event-stream"}
        start = time.perf_counter()
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code != 200:
                raise RuntimeError(f"{url}: HTTP {response.status_code}")
            for line in response.iter_lines():
                if not line.startswith("data:"):
                    continue
                now = (time.perf_counter() - start) * 1000
                if self.first_ms is None:
                    self.first_ms = now
                event = json.loads(line[5:])
                self.last = event
                phase = str(event.get("phase", "")).lower()
                self.phases.append(phase)
                if phase == "ready":
                    self.ready_ms = now
                    return
                if phase == "failed":
                    raise RuntimeError(f"{url}: build failed: {event.get('message')}")
        raise RuntimeError(f"{url}: the stream ended without 'ready' ({self.phases[-5:]})")


class Environment:
    """The user's server: write the environment's file and take snapshots of it."""

    def __init__(self, client: httpx.Client, server_url: str, token: str) -> None:
        self.client = client
        self.base = server_url.rstrip("/")
        self.headers = {"Authorization": f"token {token}"}
        self.client.put(
            f"{self.base}/api/contents/environment",
            json={"type": "directory"},
            headers=self.headers,
        ).raise_for_status()

    def snapshot(self, requirements: str) -> str:
        """Write requirements.txt, snapshot the folder; the build spec of the snapshot."""
        self.client.put(
            f"{self.base}/api/contents/environment/requirements.txt",
            json={"type": "file", "format": "text", "content": requirements},
            headers=self.headers,
        ).raise_for_status()
        answer = self.client.post(
            f"{self.base}/envbuilder/snapshots",
            json={"folder": "environment"},
            headers=self.headers,
        )
        answer.raise_for_status()
        return answer.json()["spec"]

    def start(self, spec: str) -> None:
        """Start (or join) the build of ``spec`` through the gateway: a POST, as the panel
        does; its stream (a GET) only follows."""
        self.client.post(
            f"{self.base}/envbuilder/builds", json={"spec": spec}, headers=self.headers
        ).raise_for_status()


def run(hub: DevHub, rounds: int = 5, cache_rounds: int = 15) -> dict[str, Any]:
    before = machine()
    token = hub.login(USER)
    hub.start_server(USER, SERVER, token, "envbuilder-dev/bench:gateway")
    server_url = f"{hub.url}/user/{USER}/{SERVER}"
    with httpx.Client(timeout=180, trust_env=False) as client:
        env = Environment(client, server_url, token)
        urls = {
            "gateway": lambda spec: f"{server_url}/envbuilder/build/{spec}",
            "service": lambda spec: f"{hub.service_url}build/{spec}?build_only=true",
            "service-via-proxy": lambda spec: (
                f"{hub.url}/services/binder/build/{spec}?build_only=true"
            ),
        }

        # Fresh builds: a new SHA each time (the file changes), gateway and direct in turns.
        fresh: dict[str, dict[str, list[float]]] = {
            side: {"first": [], "ready": []} for side in ("gateway", "service")
        }
        last_spec = ""
        for round_ in range(rounds + 1):
            order = ["gateway", "service"] if round_ % 2 == 0 else ["service", "gateway"]
            for side in order:
                text = f"requests==2.32.3\n# benchmark round {round_} {side} {time.time_ns()}\n"
                spec = env.snapshot(text)
                if side == "gateway":
                    env.start(spec)
                stream = Stream(client, urls[side](spec), token)
                if "building" not in stream.phases and "waiting" not in stream.phases:
                    raise RuntimeError(f"expected a fresh build, got {stream.phases}")
                last_spec = spec
                if round_ > 0:  # round 0 warms up both paths (auth caches, imports)
                    fresh[side]["first"].append(stream.first_ms)
                    fresh[side]["ready"].append(stream.ready_ms)
                print(
                    f"  {'warm-up' if round_ == 0 else f'round {round_}'} fresh {side}: "
                    f"first event {stream.first_ms:.0f} ms, ready {stream.ready_ms:.0f} ms",
                    flush=True,
                )

        # Cache hits of the last spec: each path in turn, the order rotating.
        sides = list(urls)
        hits: dict[str, list[float]] = {side: [] for side in sides}
        for round_ in range(cache_rounds + 1):
            order = sides[round_ % len(sides) :] + sides[: round_ % len(sides)]
            for side in order:
                if side == "gateway":
                    env.start(last_spec)
                stream = Stream(client, urls[side](last_spec), token)
                if stream.phases != ["ready"]:
                    raise RuntimeError(f"expected a cache hit from {side}, got {stream.phases}")
                if round_ > 0:
                    hits[side].append(stream.ready_ms)

    hub.stop_server(USER, SERVER, token)
    long_log = _long_log(hub, rounds)
    result = {
        "name": "gateway",
        "rounds": rounds,
        "cache_rounds": cache_rounds,
        "machine_before": before,
        "machine_after": machine(),
        "fresh_build": {
            side: {
                "first_event_ms": summary(values["first"]),
                "ready_ms": summary(values["ready"]),
                "samples": values,
            }
            for side, values in fresh.items()
        },
        "fresh_first_event_ratio_gateway_to_service": ratio(
            fresh["gateway"]["first"], fresh["service"]["first"]
        ),
        "cache_hit_ready_ms": {
            side: {**summary(values), "samples": values} for side, values in hits.items()
        },
        "cache_hit_ratio_gateway_to_service": ratio(hits["gateway"], hits["service"]),
        "cache_hit_ratio_gateway_to_service_via_proxy": ratio(
            hits["gateway"], hits["service-via-proxy"]
        ),
        "cache_hit_overhead_ms": median_difference(hits["gateway"], hits["service"]),
        "long_log": long_log,
    }
    return result


def _lines_ms(client: httpx.Client, url: str, token: str, count: int) -> float:
    """Milliseconds from the request to the ``count``-th line of log text in a stream: the
    build service sends one event per line, the gateway joins the lines of a network read
    into one event. Lines are counted by the ``\\n`` escapes in each event's JSON text (this
    log has no backslashes of its own), without parsing it."""
    headers = {"Authorization": f"token {token}", "Accept": "text/event-stream"}
    seen = 0
    start = time.perf_counter()
    with client.stream("GET", url, headers=headers) as response:
        for line in response.iter_lines():
            if line.startswith("data:"):
                seen += line.count("\\n")
                if seen >= count:
                    return (time.perf_counter() - start) * 1000
    raise RuntimeError(f"{url}: the stream ended after {seen} of {count} lines")


def _long_log(hub: DevHub, rounds: int) -> dict[str, Any]:
    """A build that has printed 50,000 lines and still runs, asked again: its whole log from
    the build service's memory, directly and through the gateway (which has not seen this
    build: it follows the service from the first event), in turns; events per second."""
    token = hub.login(LONG_LOG_USER)
    hub.start_server(LONG_LOG_USER, SERVER, token, "envbuilder-dev/bench:gateway")
    server_url = f"{hub.url}/user/{LONG_LOG_USER}/{SERVER}"
    count = 50_000
    urls = {
        "gateway": lambda spec: f"{server_url}/envbuilder/build/{spec}",
        "service": lambda spec: f"{hub.service_url}build/{spec}?build_only=true",
        "service-via-proxy": lambda spec: f"{hub.url}/services/binder/build/{spec}?build_only=true",
    }
    sides = list(urls)
    rates: dict[str, list[float]] = {side: [] for side in sides}
    with httpx.Client(timeout=300, trust_env=False) as client:
        env = Environment(client, server_url, token)
        for round_ in range(rounds + 1):
            spec = env.snapshot(f"requests==2.32.3\n# long log {round_} {time.time_ns()}\n")
            # Start the build and wait until its log is out; it then holds (paced_repo2docker).
            _lines_ms(client, f"{hub.service_url}build/{spec}?build_only=true", token, count)
            order = sides[round_ % len(sides) :] + sides[: round_ % len(sides)]
            for side in order:
                if side == "gateway":
                    env.start(spec)
                ms = _lines_ms(client, urls[side](spec), token, count)
                rate = count / ms * 1000
                print(
                    f"  {'warm-up' if round_ == 0 else f'round {round_}'} long log {side}: "
                    f"{count:,} lines in {ms:.0f} ms, {rate:,.0f} lines/s",
                    flush=True,
                )
                if round_ > 0:
                    rates[side].append(rate)
    hub.stop_server(LONG_LOG_USER, SERVER, token)
    return {
        "lines": count,
        "lines_per_s": {side: {**summary(v), "samples": v} for side, v in rates.items()},
        "ratio_gateway_to_service": ratio(rates["gateway"], rates["service"]),
        "ratio_gateway_to_service_via_proxy": ratio(rates["gateway"], rates["service-via-proxy"]),
    }


def render(result: dict[str, Any]) -> str:
    fresh = result["fresh_build"]
    hits = result["cache_hit_ready_ms"]
    rows = [
        [
            "fresh build: click to first event",
            spread(fresh["gateway"]["first_event_ms"]),
            spread(fresh["service"]["first_event_ms"]),
            ratio_text(result["fresh_first_event_ratio_gateway_to_service"]),
        ],
        [
            "fresh build: click to ready (dry run)",
            spread(fresh["gateway"]["ready_ms"]),
            spread(fresh["service"]["ready_ms"]),
            "",
        ],
        [
            "cache hit: click to ready",
            spread(hits["gateway"], 1),
            spread(hits["service"], 1),
            ratio_text(result["cache_hit_ratio_gateway_to_service"]),
        ],
        [
            "cache hit: build service via the proxy",
            "",
            spread(hits["service-via-proxy"], 1),
            "gateway / via proxy "
            + ratio_text(result["cache_hit_ratio_gateway_to_service_via_proxy"]),
        ],
    ]
    long_log = result["long_log"]
    rows.append(
        [
            f"long log ({long_log['lines']:,} lines at once): lines/s",
            spread(long_log["lines_per_s"]["gateway"]),
            spread(long_log["lines_per_s"]["service"]),
            ratio_text(long_log["ratio_gateway_to_service"]),
        ]
    )
    rows.append(
        [
            "long log: build service via the proxy",
            "",
            spread(long_log["lines_per_s"]["service-via-proxy"]),
            "gateway / via proxy " + ratio_text(long_log["ratio_gateway_to_service_via_proxy"]),
        ]
    )
    overhead = result["cache_hit_overhead_ms"]
    return (
        table(
            f"Build gateway (ms, median (min-max); {result['rounds']} fresh rounds, "
            f"{result['cache_rounds']} cache-hit rounds)",
            ["measure", "via gateway", "build service direct", "gateway / direct"],
            rows,
        )
        + f"\ncache hit: the gateway adds {overhead:.1f} ms (median of per-round differences)"
        + "\n"
        + machine_text(result["machine_before"], result["machine_after"])
    )
