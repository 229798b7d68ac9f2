"""Restart overhead: the extension's restart against the hub's own stop and start.

The browser side is bench/restart/run.ts (Chromium through Playwright); this module makes the
user and the named server on the dev hub, runs it, and summarises what it measured.
"""

from typing import Any

from devhub import DevHub
from labrun import run_in_lab
from report import machine, machine_text, ratio, ratio_text, spread, summary, table

USER = "benchrestart"
SERVER = "rs"


def run(hub: DevHub, rounds: int = 5) -> dict[str, Any]:
    before = machine()
    raw = run_in_lab(
        hub, "restart", user=USER, server=SERVER, image="envbuilder-dev/bench:start", rounds=rounds
    )

    counted = [s for s in raw["samples"] if not s["warmup"]]
    by_side = {
        side: sorted((s for s in counted if s["side"] == side), key=lambda s: s["round"])
        for side in ("extension", "hub")
    }

    def measure(side: str, key: str) -> list[float]:
        return [s[key] for s in by_side[side]]

    def phases(side: str) -> dict[str, Any]:
        stopped = measure(side, "stoppedMs")
        started = measure(side, "startedMs")
        total = measure(side, "totalMs")
        return {
            "total_ms": summary(total),
            "stop_ms": summary(stopped),
            "start_ms": summary([b - a for a, b in zip(stopped, started)]),
            "lab_ms": summary([c - b for b, c in zip(started, total)]),
        }

    return {
        "name": "restart",
        "rounds": rounds,
        "hub_poll_ms": raw["pollMs"],
        "chromium": raw["chromium"],
        "machine_before": before,
        "machine_after": machine(),
        "extension": phases("extension"),
        "hub": phases("hub"),
        "ratio_extension_to_hub": ratio(measure("extension", "totalMs"), measure("hub", "totalMs")),
        "samples": raw["samples"],
    }


def render(result: dict[str, Any]) -> str:
    ext, hub = result["extension"], result["hub"]
    rows = [
        [
            "click to usable Lab on the new image",
            spread(ext["total_ms"]),
            spread(hub["total_ms"]),
            ratio_text(result["ratio_extension_to_hub"]),
        ],
        ["  stop (until stopped)", spread(ext["stop_ms"]), spread(hub["stop_ms"]), ""],
        [
            "  start (ext: spawn page until back on the Lab URL; hub: until ready)",
            spread(ext["start_ms"]),
            spread(hub["start_ms"]),
            "",
        ],
        [
            "  Lab (ext: Lab URL to usable; hub: ready to usable)",
            spread(ext["lab_ms"]),
            spread(hub["lab_ms"]),
            "",
        ],
    ]
    return (
        table(
            f"Restart into a new image (ms, median (min-max); {result['rounds']} rounds, "
            f"alternating; the hub side polls its API every {result['hub_poll_ms']} ms)",
            ["measure", "extension restart", "hub stop + start", "extension / hub"],
            rows,
        )
        + "\n"
        + machine_text(result["machine_before"], result["machine_after"])
    )
