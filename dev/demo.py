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

HERE = Path(__file__).resolve().parent


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
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(HERE / "jupyterhub_config.py")],
        cwd=HERE.parent,
    )
    url = f"http://127.0.0.1:{port}/"
    if not wait_for_hub(f"{url}hub/api/", proc):
        print("The dev hub did not start; see its log above.", file=sys.stderr)
        proc.terminate()
        return 1
    print(
        "\n"
        "  The dev hub is running.\n"
        f"  Open  {url}\n"
        f"  Log in with any user name (e.g. alice) and the password: {password}\n"
        "  Then: Home > Named servers > add one, and open the Environment panel in the left bar.\n"
        "  Stop with Ctrl+C.\n",
        flush=True,
    )

    # Stopping this script stops the hub, which stops its proxy and every server it spawned.
    def forward(signum, _frame):
        proc.send_signal(signum)

    signal.signal(signal.SIGTERM, forward)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.send_signal(signal.SIGINT)
        return proc.wait()


if __name__ == "__main__":
    sys.exit(main())
