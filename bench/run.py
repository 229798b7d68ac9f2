"""``make bench``: run the benchmarks, print their tables, write bench/results/<name>.json.

    python bench/run.py                      # all of them
    python bench/run.py logview gateway      # some
    python bench/run.py --quick              # fewer rounds, to try the setup

Benchmarks never run inside the tests and assert nothing about time: they print numbers.
"""

import argparse
import signal
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gateway
import logview_ingest
import panel_ingest
import panel_render
import restart_overhead
import snapshots
import snapshotstore
import startup
from devhub import DevHub
from report import RESULTS, ROOT, write_result

NAMES = ("logview", "snapshots", "startup", "panel", "gateway", "restart", "store", "firstrender")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "names", nargs="*", help=f"benchmarks to run: {', '.join(NAMES)} (default: all)"
    )
    parser.add_argument("--quick", action="store_true", help="few rounds, to check the setup")
    parser.add_argument("--port", type=int, default=8070, help="port of the dev hub (default 8070)")
    args = parser.parse_args()
    names = args.names or list(NAMES)
    unknown = sorted(set(names) - set(NAMES))
    if unknown:
        parser.error(f"no benchmark named {', '.join(unknown)}; choose from {', '.join(NAMES)}")
    quick = args.quick
    # Stopped from outside (make, a lock's holder): leave through the `with` blocks, so that
    # the dev hub and its services are stopped rather than left holding their ports.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))

    started = time.monotonic()
    tables: list[str] = []
    failed: list[str] = []

    def bench(name: str, title: str, measure: Callable[[], dict], render: Callable) -> None:
        """Run one benchmark; one that fails is named at the end and the others still run."""
        print(f"== {title} ==", flush=True)
        try:
            result = measure()
        except Exception:
            traceback.print_exc()
            print(f"\n{name}: FAILED, see above\n", flush=True)
            failed.append(name)
            return
        text = render(result)
        path = write_result(name, {**result, "quick": quick})
        print(f"\n{text}\n(written to {path.relative_to(ROOT)})\n", flush=True)
        tables.append(text)

    if "logview" in names:
        bench(
            "logview",
            "log view ingest (Chromium)",
            lambda: logview_ingest.run(
                rounds=2 if quick else 7, lines=20_000 if quick else 200_000
            ),
            logview_ingest.render,
        )

    if "snapshots" in names:
        bench(
            "snapshots",
            "snapshot against git",
            lambda: snapshots.run(rounds=3 if quick else 25),
            snapshots.render,
        )

    hub_names = [
        n for n in names if n in ("startup", "panel", "gateway", "restart", "store", "firstrender")
    ]
    if hub_names:
        print(f"== dev hub on 127.0.0.1:{args.port} (log: bench/results/devhub-{args.port}.log) ==")
        with DevHub(args.port) as hub:
            if "startup" in hub_names:
                bench(
                    "startup",
                    "Lab start with and without the extension (Chromium)",
                    lambda: startup.run(hub, rounds=2 if quick else 7),
                    startup.render,
                )
            if "panel" in hub_names:
                bench(
                    "panel",
                    "the panel during a 50,000-line log (Chromium)",
                    lambda: panel_ingest.run(hub, rounds=1 if quick else 7),
                    panel_ingest.render,
                )
            if "gateway" in hub_names:
                bench(
                    "gateway",
                    "build gateway",
                    lambda: gateway.run(
                        hub, rounds=2 if quick else 7, cache_rounds=3 if quick else 20
                    ),
                    gateway.render,
                )
            if "restart" in hub_names:
                bench(
                    "restart",
                    "restart overhead (Chromium)",
                    lambda: restart_overhead.run(hub, rounds=1 if quick else 7),
                    restart_overhead.render,
                )
            if "firstrender" in hub_names:
                bench(
                    "firstrender",
                    "panel first render (Chromium)",
                    lambda: panel_render.run(hub, rounds=2 if quick else 7),
                    panel_render.render,
                )
            if "store" in hub_names:
                bench(
                    "store",
                    "snapshot store",
                    lambda: snapshotstore.run(
                        hub, rounds=3 if quick else 15, users=3 if quick else 10
                    ),
                    snapshotstore.render,
                )

    print("=" * 100)
    print("\n\n".join(tables))
    took = f"{time.monotonic() - started:.0f} s"
    if failed:
        print(f"\nFAILED: {', '.join(failed)} (the others ran, in {took})")
        return 1
    print(f"\nall done in {took}; JSON in {RESULTS.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
