"""repo2docker for the dev hub's build service, its output paced for some users.

Without a container engine the local build service does repo2docker dry runs, which end in
under a second. The build service names the user whose request started the build in
``ENVBUILDER_BUILD_REQUESTED_BY`` (the snapshot URL names no user). For users whose name
starts with ``slowbuild``, each line repo2docker prints is passed on ``PACE_SECONDS`` after
the one before, as a real build's would come over minutes: the build can be watched as it
goes, and a page reloaded in the middle of it (``ui-tests/tests/build.spec.ts``). When
``ENVBUILDER_PACED_HOLD_DIR`` is set (the end-to-end tests' hub), such a build also holds after
repo2docker's ``HEAD is now at`` line until a file named after the user appears in that folder:
the test decides when the build ends, however slow the machine, and the rest of the log then
comes at once. For users
whose name starts with ``biglog``, ``BIG_LOG_LINES`` lines of a long build log come first, as
fast as they go, then a pause of ``BIG_LOG_HOLD_SECONDS`` in which the build is still running
and a new request for it gets the whole log at once (``bench/gateway.py``), then repo2docker.
Everyone else gets repo2docker as it is.
"""

import os
import queue
import re
import subprocess
import sys
import threading
import time

PACE_SECONDS = 0.3
SLOW_USER = re.compile(r"slowbuild")
BIG_LOG_USER = re.compile(r"biglog")
BIG_LOG_LINES = 50_000
BIG_LOG_HOLD_SECONDS = 20
HOLD_AFTER = b"HEAD is now at"
# A test that never lets its build go on (it failed, it was stopped) does not hold it forever.
HOLD_LIMIT_SECONDS = 600


def hold(user: str) -> None:
    """Wait until the test lets this user's build go on (see the module's docstring)."""
    release = os.path.join(os.environ["ENVBUILDER_PACED_HOLD_DIR"], user)
    deadline = time.monotonic() + HOLD_LIMIT_SECONDS
    while not os.path.exists(release) and time.monotonic() < deadline:
        time.sleep(0.2)


def print_big_log() -> None:
    out = sys.stdout
    for i in range(BIG_LOG_LINES):
        out.write(
            f"Collecting package-{i % 997}==1.{i % 13}.{i} (from -r requirements.txt (line {i}))"
            f" \x1b[32m{i * 37 % 9000} kB\x1b[0m\n"
        )
    out.flush()
    time.sleep(BIG_LOG_HOLD_SECONDS)


def main() -> int:
    args = sys.argv[1:]
    command = [sys.executable, "-m", "repo2docker", *args]
    user = os.environ.get("ENVBUILDER_BUILD_REQUESTED_BY", "")
    if BIG_LOG_USER.match(user):
        print_big_log()
    if not SLOW_USER.match(user):
        os.execv(sys.executable, command)  # noqa: S606 - repo2docker itself, no shell
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines: queue.Queue = queue.Queue()

    def pump(source, sink) -> None:
        for line in iter(source.readline, b""):
            lines.put((sink, line))
        lines.put(None)

    for source, sink in ((proc.stdout, sys.stdout.buffer), (proc.stderr, sys.stderr.buffer)):
        threading.Thread(target=pump, args=(source, sink), daemon=True).start()
    holds = "ENVBUILDER_PACED_HOLD_DIR" in os.environ
    paced = True
    ended = 0
    while ended < 2:
        item = lines.get()
        if item is None:
            ended += 1
            continue
        sink, line = item
        if paced:
            time.sleep(PACE_SECONDS)
        sink.write(line)
        sink.flush()
        if holds and HOLD_AFTER in line:
            hold(user)
            holds = paced = False
    return proc.wait()


if __name__ == "__main__":
    sys.exit(main())
