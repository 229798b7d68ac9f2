"""Medians, ranges, ratios, tables and result files: what every benchmark here reports.

Numbers on a shared two-core machine move from run to run, so each benchmark repeats its
measurement, reports the median with the smallest and largest value, and measures the sides
of a comparison in the same rounds, so that a ratio compares like with like. Each result
file also says how busy the machine was (load average) and how steady a fixed CPU-bound
probe ran meanwhile.
"""

import json
import os
import platform
import statistics
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"


def summary(values: Sequence[float]) -> dict[str, Any]:
    """Median, smallest and largest of the values, and how many."""
    values = [float(v) for v in values]
    if not values:
        return {"n": 0, "median": None, "min": None, "max": None}
    return {
        "n": len(values),
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
    }


def ratio(numerators: Sequence[float], denominators: Sequence[float]) -> dict[str, Any]:
    """The ratio of the medians, and the range of the ratios round by round.

    Samples at the same index were taken in the same round, next to each other; the
    per-round ratios show how much of a difference survives the machine's drift.
    """
    top, bottom = statistics.median(numerators), statistics.median(denominators)
    per_round = [a / b for a, b in zip(numerators, denominators) if b]
    return {
        "ratio": top / bottom if bottom else None,
        "per_round": summary(per_round),
    }


def median_difference(a: Sequence[float], b: Sequence[float]) -> Optional[float]:
    """Median of the per-round differences a - b (same index, same round)."""
    differences = [x - y for x, y in zip(a, b)]
    return statistics.median(differences) if differences else None


def cpu_probe(repeats: int = 5) -> dict[str, Any]:
    """Milliseconds of a fixed pure-Python loop, a few times: the machine's noise right now."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        total = 0
        for i in range(300_000):
            total += i * i % 7
        times.append((time.perf_counter() - start) * 1000)
    return summary(times)


def machine() -> dict[str, Any]:
    return {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average": list(os.getloadavg()),
        "cpu_probe_ms": cpu_probe(),
    }


def machine_text(before: dict[str, Any], after: dict[str, Any]) -> str:
    """One line on how busy the machine was, before and after a benchmark."""

    def one(m: dict[str, Any]) -> str:
        return f"load {m['load_average'][0]:.1f}, CPU probe {spread(m['cpu_probe_ms'])} ms"

    return f"machine: before {one(before)}; after {one(after)}"


def fmt(value: Optional[float], digits: int = 0) -> str:
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def spread(stats: dict[str, Any], digits: int = 0) -> str:
    """``median (min-max)``."""
    if not stats.get("n"):
        return "-"
    return (
        f"{fmt(stats['median'], digits)} ({fmt(stats['min'], digits)}-{fmt(stats['max'], digits)})"
    )


def ratio_text(r: dict[str, Any]) -> str:
    if r.get("ratio") is None:
        return "-"
    rounds = r["per_round"]
    return f"{r['ratio']:.2f}x (rounds {rounds['min']:.2f}-{rounds['max']:.2f})"


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain text table, columns as wide as their widest cell."""
    cells = [list(header), *[list(map(str, row)) for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([title, line(cells[0]), rule, *[line(row) for row in cells[1:]]])


def write_result(name: str, result: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path
