"""Reading event streams in tests, the way a browser's EventSource does."""

import json
from pathlib import Path
from typing import Any

from jupyterlab_envbuilder.gateway import is_text_event

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


def joined(events: list[Any]) -> list[Any]:
    """Events with consecutive log text of one phase joined into one event, as the gateway
    passes on the text events of one network read: a stream compared in this form does not
    depend on how the network cut it."""
    out: list[Any] = []
    for event in events:
        last = out[-1] if out else None
        if (
            last is not None
            and is_text_event(event)
            and is_text_event(last)
            and (event["phase"], event.get("dryRun")) == (last["phase"], last.get("dryRun"))
        ):
            out[-1] = {**last, "message": last["message"] + event["message"]}
        else:
            out.append(event)
    return out
