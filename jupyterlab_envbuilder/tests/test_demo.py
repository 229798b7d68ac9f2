"""The dev hub's script (dev/demo.py), as ``make demo`` and the UI tests' runner use it: it ends
with everything the hub started, however the hub ends. The hub's proxy, services and servers
run in sessions of their own; one left running would hold the script's output open, and a
runner that reads it (Playwright) would wait for ever.
"""

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from hubprocess import ROOT, free_port, stop_process, warn_left
from processes import alive, end_processes, process_tree

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


class Output:
    """A process's output pipe, read as it comes (a full pipe would stop the hub's logging),
    until every process holding it has closed it."""

    def __init__(self, pipe) -> None:
        self.chunks: list[bytes] = []
        self.reader = threading.Thread(target=self._read, args=(pipe,), daemon=True)
        self.reader.start()

    def _read(self, pipe) -> None:
        for chunk in iter(lambda: pipe.read1(65536), b""):
            self.chunks.append(chunk)

    def until_closed(self, seconds: float = 60) -> str:
        """Everything written, once the pipe is closed; fails if it is still open."""
        self.reader.join(seconds)
        if self.reader.is_alive():
            pytest.fail(f"demo.py's output was still open {seconds:g} s after the hub's end")
        return b"".join(self.chunks).decode(errors="replace")


@pytest.fixture
def demo(tmp_path):
    """demo.py --fresh, as Playwright runs it (a process group of its own, output on a pipe),
    once its hub answers; with its output and the processes under it then (hub, proxy,
    services). Whatever of them a failing test leaves is ended here."""
    port = free_port()
    env = dict(
        os.environ,
        ENVBUILDER_DEV_PORT=str(port),
        ENVBUILDER_DEV_DATA=str(tmp_path / "data"),
    )
    demo = subprocess.Popen(
        [sys.executable, str(ROOT / "dev" / "demo.py"), "--fresh"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    output = Output(demo.stdout)
    started: dict[int, int] = {}
    try:
        deadline = time.monotonic() + 120
        while True:
            assert demo.poll() is None, "demo.py ended before its hub answered"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/hub/api/", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline, "the dev hub did not answer in 120 s"
                time.sleep(0.3)
        # The services start a moment after the hub answers: wait until both run.
        while len(process_tree([demo.pid])) < 5 and time.monotonic() < deadline:
            time.sleep(0.2)
        started.update(process_tree([demo.pid]))
        yield demo, output, started
    finally:
        started.update(process_tree([demo.pid]))
        if demo.poll() is None:
            stop_process(demo)
        warn_left("demo.py", end_processes(started))


def test_a_hub_that_dies_takes_its_proxy_and_services_with_it(demo, tmp_path):
    _, output, started = demo
    hub = int((tmp_path / "data" / "jupyterhub.pid").read_text())
    names = {pid: Path(f"/proc/{pid}/cmdline").read_bytes() for pid in started}
    assert any(b"configurable-http-proxy" in cmd for cmd in names.values()), names
    assert any(b"localbuilder" in cmd for cmd in names.values()), names

    os.kill(hub, signal.SIGKILL)
    out = output.until_closed()

    assert alive(started) == []
    assert "processes the hub left running" in out


def test_sigterm_to_the_group_stops_the_hub_once_and_leaves_nothing(demo):
    demo, output, started = demo

    os.killpg(demo.pid, signal.SIGTERM)
    out = output.until_closed()

    assert out.count("Received signal SIGTERM") == 1, out
    assert "Failed to stop" not in out
    assert "processes the hub left running" not in out
    assert alive(started) == []
