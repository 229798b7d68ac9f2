"""Ports for the processes the dev hub, its spawner and the test hubs start (dev/ports.py): each
is free, and outside the kernel's range for outgoing connections, so no connection can take it
between the choice and the process listening on it.
"""

import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "dev"))

import ports
from ports import free_port


def outgoing_ports() -> range:
    low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
    return range(int(low), int(high) + 1)


def test_ports_are_free_and_outside_the_range_for_outgoing_connections():
    outgoing = outgoing_ports()
    for _ in range(20):
        port = free_port()
        assert port not in outgoing
        with socket.socket() as server:
            server.bind(("127.0.0.1", port))
            server.listen()


def test_a_port_in_use_is_not_given(monkeypatch):
    with socket.socket() as taken:
        busy = free_port()
        taken.bind(("127.0.0.1", busy))
        taken.listen()
        monkeypatch.setattr(ports, "PORTS", range(busy, busy + 2))
        assert [ports.free_port() for _ in range(10)] == [busy + 1] * 10


def test_no_free_port_is_an_error_that_names_the_range(monkeypatch):
    with socket.socket() as taken:
        busy = free_port()
        taken.bind(("127.0.0.1", busy))
        taken.listen()
        monkeypatch.setattr(ports, "PORTS", range(busy, busy + 1))
        with pytest.raises(RuntimeError, match=str(busy)):
            ports.free_port()
