"""The dev hub's spawner (dev/spawner.py), which the end-to-end tests and benchmarks start
servers with: each server gets a port that no outgoing connection can take before it
listens (JupyterHub's own choice comes from the kernel's range for those).
"""

import socket
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "dev"))

import spawner
from spawner import server_port


def outgoing_ports() -> range:
    low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
    return range(int(low), int(high) + 1)


def test_server_ports_are_free_and_outside_the_range_for_outgoing_connections():
    outgoing = outgoing_ports()
    for _ in range(20):
        port = server_port()
        assert port not in outgoing
        with socket.socket() as server:
            server.bind(("127.0.0.1", port))


def test_a_port_in_use_is_not_given(monkeypatch):
    with socket.socket() as taken:
        busy = server_port()
        taken.bind(("127.0.0.1", busy))
        taken.listen()
        monkeypatch.setattr(spawner, "SERVER_PORTS", range(busy, busy + 2))
        assert [spawner.server_port() for _ in range(10)] == [busy + 1] * 10
