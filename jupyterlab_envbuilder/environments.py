"""The environments this server ran on, and whether the environment folder has moved on since.

``<data_dir>/environments.jsonl`` holds one line per fact: ``started`` (this server started on
an image), ``last-known-good`` (the image a server ran before a restart onto a new one) and
``failed-start`` (an image a restart could not start the server on).
They answer what runs now and what to roll back to; with the folder's snapshot SHA, the Lab
page tells from the build history it shares between its views whether the environment folder
still matches the snapshot the running image was built from.
"""

import json
import os
from typing import Any, Optional

from .config import Limits
from .errors import EnvBuilderError
from .history import now
from .snapshots import read_folder, snapshot_commit

LOG_NAME = "environments.jsonl"
# Enough history to roll back through, without the file growing without end.
MAX_ENTRIES = 200


def _log_path(data_dir: str) -> str:
    return os.path.join(data_dir, LOG_NAME)


def read_entries(data_dir: str) -> list[dict[str, Any]]:
    try:
        with open(_log_path(data_dir), encoding="utf-8") as f:
            lines = f.readlines()
    except FileNotFoundError:
        return []
    entries = []
    for text in lines[-MAX_ENTRIES:]:
        try:
            entry = json.loads(text)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("image"):
            entries.append(entry)
    return entries


def record(data_dir: str, kind: str, image: str, server: str = "") -> dict[str, Any]:
    entry = {"kind": kind, "image": image, "server": server, "time": now()}
    os.makedirs(data_dir, mode=0o700, exist_ok=True)
    with open(_log_path(data_dir), "a", encoding="utf-8") as f:
        f.write(json.dumps(entry) + "\n")
    return entry


def record_start(data_dir: str, image: Optional[str], server: str) -> None:
    """Note that this server started on ``image``, once per start."""
    if image:
        record(data_dir, "started", image, server)


def folder_sha(root_dir: str, folder: str, limits: Limits) -> tuple[Optional[str], Optional[str]]:
    """The snapshot SHA the folder would get now (nothing is written), or the code of why
    there is none (an error reason, e.g. ``noFolder``)."""
    try:
        files = read_folder(root_dir, folder, limits)
        commit, _objects = snapshot_commit(files)
    except EnvBuilderError as e:
        return None, e.reason
    return commit.id.decode("ascii"), None


def summary(
    data_dir: str,
    running_image: Optional[str],
    root_dir: str,
    folder: str,
    limits: Limits,
) -> dict[str, Any]:
    entries = read_entries(data_dir)
    good = [e for e in entries if e["kind"] == "last-known-good"]
    sha, why_not = folder_sha(root_dir, folder, limits)
    return {
        "runningImage": running_image,
        "lastKnownGood": good[-1]["image"] if good else None,
        "folder": folder,
        "folderSha": sha,
        "folderProblem": why_not,
        "entries": list(reversed(entries)),
    }
