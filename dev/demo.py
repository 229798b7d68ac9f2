"""Start the dev hub, wait until it answers, and print where to go and how to log in."""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from processes import adopt_orphans, end_processes, process_tree

HERE = Path(__file__).resolve().parent
# How long the hub may take to stop its servers and services (it gives each server 10 s after
# SIGINT and 5 after SIGTERM) before it is killed. Playwright waits 60 s for this script.
HUB_STOP_SECONDS = 25


def wait_for_hub(url: str, proc: subprocess.Popen, timeout: float = 90) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.5)
    return False


def stop_leftovers(data: Path) -> None:
    """Stop a proxy or hub that an earlier, killed run left behind in this data folder."""
    for name in ("proxy.pid", "jupyterhub.pid"):
        try:
            pid = int((data / name).read_text().strip())
            os.kill(pid, signal.SIGTERM)
        except (OSError, ValueError):
            continue


class Hub:
    """``jupyterhub`` with the dev config, in a session of its own: a signal meant for this
    script (Ctrl+C at the terminal, SIGTERM to the process group from a test runner) reaches
    the hub once, from here. Two at once start two shutdowns that cut each other short and
    leave servers running. The hub gets ``HUB_STOP_SECONDS`` to stop, then is killed; what it
    left running (servers, services, the proxy, a build) is ended with it, also when it
    crashed: it would otherwise hold ports and this script's output open. This script adopts
    the hub's orphans (Linux), so whatever is left is found below it at the end."""

    def __init__(self) -> None:
        adopt_orphans()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(HERE / "jupyterhub_config.py")],
            cwd=HERE.parent,
            start_new_session=True,
        )
        self.deadline: float | None = None
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self.stop)

    def stop(self, signum: int = signal.SIGTERM, _frame=None) -> None:
        if self.deadline is None:
            self.deadline = time.monotonic() + HUB_STOP_SECONDS
        # The hub shuts down in order on SIGINT and SIGTERM; SIGHUP (the terminal closed)
        # would end it at once, leaving its servers to be killed.
        self.proc.send_signal(signal.SIGTERM if signum == signal.SIGHUP else signum)

    def wait(self) -> int:
        while True:
            try:
                return self.proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                if self.deadline is not None and time.monotonic() > self.deadline:
                    print(
                        f"The hub did not stop in {HUB_STOP_SECONDS} s; killing it.",
                        file=sys.stderr,
                    )
                    os.killpg(self.proc.pid, signal.SIGKILL)

    def end_leftovers(self) -> None:
        below = process_tree([os.getpid()])
        below.pop(os.getpid(), None)
        left = end_processes(below, grace=2)
        if left:
            print(f"Stopped {len(left)} processes the hub left running.", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--fresh", action="store_true", help="start from an empty data folder (tests use this)"
    )
    args = parser.parse_args()
    if args.fresh:
        data = os.environ.get("ENVBUILDER_DEV_DATA")
        if not data:
            parser.error("--fresh needs ENVBUILDER_DEV_DATA, so it never wipes the demo's data")
        stop_leftovers(Path(data))
        shutil.rmtree(data, ignore_errors=True)
    port = int(os.environ.get("ENVBUILDER_DEV_PORT", "8000"))
    password = os.environ.setdefault("ENVBUILDER_DEV_PASSWORD", "envbuilder-demo")
    hub = Hub()
    try:
        url = f"http://127.0.0.1:{port}/"
        if not wait_for_hub(f"{url}hub/api/", hub.proc):
            if hub.deadline is None:
                print("The dev hub did not start; see its log above.", file=sys.stderr)
                hub.stop()
            hub.wait()
            return 1
        print(
            "\n"
            "  The dev hub is running.\n"
            f"  Open  {url}\n"
            f"  Log in with any user name (e.g. alice) and the password: {password}\n"
            "  Then: Home > Named servers > add one, and open the Environment panel"
            " in the left bar.\n"
            "  Stop with Ctrl+C.\n",
            flush=True,
        )
        return hub.wait()
    finally:
        hub.end_leftovers()


if __name__ == "__main__":
    sys.exit(main())
