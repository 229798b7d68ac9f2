"""Lab's start with the extension against without it: the browser side is bench/startup/run.ts
(Chromium through Playwright); this module makes the user and the named server on the dev hub,
runs it, and summarises what it measured.

The bundle measured is the one installed (``jupyterlab_envbuilder/labextension``): ``make bench``
builds the production bundle first, as the wheel ships it.
"""

import re
from typing import Any

from devhub import DevHub
from labrun import run_in_lab
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

USER = "benchstartup"
SERVER = "st"
NETWORKS = ("open", "20 Mbit/s")
# Chunks of a development build are named after their modules; a production build's are numbered.
DEVELOPMENT_CHUNK = re.compile(r"/(lib_|vendors-|style_index_js)")


def run(hub: DevHub, rounds: int = 7) -> dict[str, Any]:
    before = machine()
    raw = run_in_lab(
        hub, "startup", user=USER, server=SERVER, image="envbuilder-dev/bench:start", rounds=rounds
    )

    counted = [s for s in raw["samples"] if not s["warmup"]]

    def of(side: str, network: str) -> list[dict[str, Any]]:
        return sorted(
            (s for s in counted if s["side"] == side and s["network"] == network),
            key=lambda s: s["round"],
        )

    networks = {}
    for network in NETWORKS:
        with_ = [s["restoredMs"] for s in of("with", network)]
        without = [s["restoredMs"] for s in of("without", network)]
        networks[network] = {
            "restored_with_ms": summary(with_),
            "restored_without_ms": summary(without),
            "ratio_with_to_without": ratio(with_, without),
            "median_difference_ms": median_difference(with_, without),
        }
    loaded = of("with", "open")
    files = loaded[-1]["fileList"] if loaded else []
    return {
        "name": "startup",
        "rounds": rounds,
        "chromium": raw["chromium"],
        "machine_before": before,
        "machine_after": machine(),
        "bundle": "development"
        if any(DEVELOPMENT_CHUNK.search(f["url"]) for f in files)
        else "production",
        "startup_gzip_bytes": summary([s["gzipBytes"] for s in loaded]),
        "startup_raw_bytes": summary([s["rawBytes"] for s in loaded]),
        "startup_files": summary([s["files"] for s in loaded]),
        "files": files,
        "networks": networks,
        "samples": raw["samples"],
    }


def render(result: dict[str, Any]) -> str:
    rows = []
    for network, n in result["networks"].items():
        difference = n["median_difference_ms"]
        rows.append(
            [
                f"Lab restored, {network}",
                spread(n["restored_with_ms"]),
                spread(n["restored_without_ms"]),
                ratio_text(n["ratio_with_to_without"]),
                "-" if difference is None else f"{difference:+.0f} ms",
            ]
        )
    files = result["startup_files"]["median"]
    gzip = result["startup_gzip_bytes"]["median"]
    raw = result["startup_raw_bytes"]["median"]
    return (
        table(
            f"Lab start with the extension against without (ms, median (min-max); "
            f"{result['rounds']} rounds, alternating, empty cache each load)",
            ["measure", "with", "without", "with / without", "difference"],
            rows,
        )
        + "\n"
        + (
            f"extension's JavaScript at start ({result['bundle']} bundle): {files:.0f} files, "
            f"{gzip / 1000:.1f} kB gzip ({gzip / 60000:.2f}x the 60 kB budget), "
            f"{raw / 1000:.1f} kB raw\n"
        )
        + machine_text(result["machine_before"], result["machine_after"])
    )
