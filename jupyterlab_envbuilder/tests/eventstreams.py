"""Reading event streams in tests, the way a browser's EventSource does."""

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
# Captured from a real BinderHub by @jupyterhub/binderhub-client: one event per line.
FULLBUILD = FIXTURES / "fullbuild.eventsource"


def recorded_events(path: Path = FULLBUILD) -> list[str]:
    """The data of each event of a recording with one ``data: ...`` line per event."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line[len("data: ") :] for line in lines if line.startswith("data: ")]


def parse(body: bytes) -> list[Any]:
    """The JSON data of each event in a stream body; comments are dropped."""
    events = []
    for block in body.decode("utf-8").split("\n\n"):
        data = [line[5:].lstrip(" ") for line in block.split("\n") if line.startswith("data:")]
        if data:
            events.append(json.loads("\n".join(data)))
    return events


def comments(body: bytes) -> list[str]:
    return [line for line in body.decode("utf-8").split("\n") if line.startswith(":")]
