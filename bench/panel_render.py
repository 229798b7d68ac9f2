"""Time to first render of the Environment panel, and what the extension asks at startup.

The browser side is bench/firstrender/run.ts (Chromium through Playwright); this module makes the
user and the named server on the dev hub, runs it, and summarises what it measured.
"""

from collections import Counter
from typing import Any

from devhub import DevHub
from labrun import run_in_lab
from report import machine, machine_text, spread, summary, table

USER = "benchpanel"
SERVER = "pr"


def run(hub: DevHub, rounds: int = 7) -> dict[str, Any]:
    before = machine()
    raw = run_in_lab(
        hub,
        "firstrender",
        user=USER,
        server=SERVER,
        image="example.org/course/env:base",
        rounds=rounds,
    )
    counted = [s for s in raw["samples"] if not s["warmup"]]

    def requests(key: str) -> dict[str, int]:
        """Each request and how often one round made it (the most frequent count)."""
        per_round = [Counter(s[key]) for s in counted]
        names = sorted({name for counts in per_round for name in counts})
        return {n: Counter(c[n] for c in per_round).most_common(1)[0][0] for n in names}

    return {
        "name": "firstrender",
        "rounds": rounds,
        "machine_before": before,
        "machine_after": machine(),
        "shown_ms": summary([s["shownMs"] for s in counted]),
        "complete_ms": summary([s["completeMs"] for s in counted]),
        "startup_requests": requests("startupRequests"),
        "open_requests": requests("openRequests"),
        "samples": raw["samples"],
    }


def render(result: dict[str, Any]) -> str:
    def listed(requests: dict[str, int]) -> str:
        return ", ".join(f"{n} x{c}" for n, c in requests.items()) or "none"

    rows = [
        ["panel and overview on screen", spread(result["shown_ms"])],
        ["overview complete (what runs, folder, next action)", spread(result["complete_ms"])],
    ]
    return (
        table(
            f"Environment panel, from envbuilder:open-panel (ms, median (min-max); "
            f"{result['rounds']} rounds, 1366x768)",
            ["measure", "time"],
            rows,
        )
        + f"\nrequests while Lab starts: {listed(result['startup_requests'])}"
        + f"\nrequests when the panel opens: {listed(result['open_requests'])}\n"
        + machine_text(result["machine_before"], result["machine_after"])
    )
