"""Ports for the processes the dev hub and the test hubs start, outside the kernel's range for
outgoing connections.

The usual choice (bind port 0, close, let the process bind the port a few seconds later) takes
a port from that range (32768 and up on Linux), where any connection opened meanwhile can take
it first; the process then fails to listen ("address already in use", "no available port")
and whatever waits for it hangs until its timeout. On a busy machine (browsers, hubs, tests)
that happened. Ports from below that range are only ever taken by servers that ask for them.

Only the standard library here: the dev hub's config, its spawner, the test hubs' configs and
the test helpers all import it.
"""

import random
import socket

PORTS = range(20000, 32000)


def free_port() -> int:
    """A port from ``PORTS`` that nothing listens on or holds now."""
    for port in random.sample(PORTS, min(50, len(PORTS))):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS}")
