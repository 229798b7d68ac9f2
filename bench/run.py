"""``make bench``: run the benchmarks, print their tables, write bench/results/<name>.json.

    python bench/run.py                      # all of them
    python bench/run.py logview gateway      # some
    python bench/run.py --quick              # fewer rounds, to try the setup

Benchmarks never run inside the tests and assert nothing about time: they print numbers.
"""

import argparse
import sys
import time
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

    started = time.monotonic()
    tables: list[str] = []

    def done(name: str, result: dict, text: str) -> None:
        path = write_result(name, {**result, "quick": quick})
        print(f"\n{text}\n(written to {path.relative_to(ROOT)})\n", flush=True)
        tables.append(text)

    if "logview" in names:
        print("== log view ingest (Chromium) ==", flush=True)
        result = logview_ingest.run(rounds=2 if quick else 7, lines=20_000 if quick else 200_000)
        done("logview", result, logview_ingest.render(result))

    if "snapshots" in names:
        print("== snapshot against git ==", flush=True)
        result = snapshots.run(rounds=3 if quick else 15)
        done("snapshots", result, snapshots.render(result))

    hub_names = [
        n for n in names if n in ("startup", "panel", "gateway", "restart", "store", "firstrender")
    ]
    if hub_names:
        print(f"== dev hub on 127.0.0.1:{args.port} (log: bench/results/devhub-{args.port}.log) ==")
        with DevHub(args.port) as hub:
            if "startup" in hub_names:
                print("== Lab start with and without the extension (Chromium) ==", flush=True)
                result = startup.run(hub, rounds=2 if quick else 7)
                done("startup", result, startup.render(result))
            if "panel" in hub_names:
                print("== the panel during a 50,000-line log (Chromium) ==", flush=True)
                result = panel_ingest.run(hub, rounds=1 if quick else 3)
                done("panel", result, panel_ingest.render(result))
            if "gateway" in hub_names:
                print("== build gateway ==", flush=True)
                result = gateway.run(hub, rounds=2 if quick else 7, cache_rounds=3 if quick else 20)
                done("gateway", result, gateway.render(result))
            if "restart" in hub_names:
                print("== restart overhead (Chromium) ==", flush=True)
                result = restart_overhead.run(hub, rounds=1 if quick else 7)
                done("restart", result, restart_overhead.render(result))
            if "firstrender" in hub_names:
                print("== panel first render (Chromium) ==", flush=True)
                result = panel_render.run(hub, rounds=2 if quick else 7)
                done("firstrender", result, panel_render.render(result))
            if "store" in hub_names:
                print("== snapshot store ==", flush=True)
                result = snapshotstore.run(hub, rounds=3 if quick else 15, users=3 if quick else 10)
                done("store", result, snapshotstore.render(result))

    print("=" * 100)
    print("\n\n".join(tables))
    print(f"\nall done in {time.monotonic() - started:.0f} s; JSON in {RESULTS.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
