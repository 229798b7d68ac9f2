"""Saved environments: a name and a description over a build that produced an image.

Kept in the user's home (``<data_dir>/saved-environments.json``), so they outlive this server
and are seen by every named server of the user. Each entry copies what the build record says
(image, where it came from, when) and keeps the record's id for its log.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from typing import Any

from .errors import EnvBuilderError
from .history import now, read_record

FILE_NAME = "saved-environments.json"
MAX_NAME = 80
MAX_DESCRIPTION = 2000
ID = re.compile(r"^[0-9a-f]{12}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _path(data_dir: str) -> str:
    return os.path.join(data_dir, FILE_NAME)


def list_saved(data_dir: str) -> list[dict[str, Any]]:
    try:
        with open(_path(data_dir), encoding="utf-8") as f:
            data = json.load(f)
    except (FileNotFoundError, ValueError):
        return []
    entries = data.get("environments") if isinstance(data, dict) else None
    return [e for e in entries or [] if isinstance(e, dict) and ID.match(str(e.get("id")))]


def _write(data_dir: str, entries: list[dict[str, Any]]) -> None:
    os.makedirs(data_dir, mode=0o700, exist_ok=True)
    path = _path(data_dir)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump({"environments": entries}, f, indent=1)
    os.replace(path + ".tmp", path)


def _check_name(name: Any, entries: list[dict[str, Any]], own_id: str = "") -> str:
    if not isinstance(name, str) or not name.strip():
        raise EnvBuilderError(400, "nameMissing", "Give the environment a name.")
    name = name.strip()
    if len(name) > MAX_NAME or _CONTROL.search(name):
        raise EnvBuilderError(
            400,
            "nameInvalid",
            f"A name is one line of at most {MAX_NAME} characters.",
            limit=MAX_NAME,
        )
    if any(e["name"].lower() == name.lower() and e["id"] != own_id for e in entries):
        raise EnvBuilderError(
            409, "nameTaken", f"An environment named {name!r} is already saved.", name=name
        )
    return name


def _check_description(description: Any) -> str:
    if description is None:
        return ""
    if not isinstance(description, str) or len(description) > MAX_DESCRIPTION:
        raise EnvBuilderError(
            400,
            "descriptionInvalid",
            f"A description is text of at most {MAX_DESCRIPTION}.",
            limit=MAX_DESCRIPTION,
        )
    return description.strip()


def save(
    data_dir: str, records_dir: str, build_id: Any, name: Any, description: Any = None
) -> dict[str, Any]:
    """Save the image a build produced under ``name``."""
    entries = list_saved(data_dir)
    record = read_record(records_dir, build_id, False) if isinstance(build_id, str) else None
    if record is None:
        raise EnvBuilderError(404, "noRecord", f"No build record {build_id!r}.", id=build_id)
    image = record.get("imageName")
    if not image:
        raise EnvBuilderError(
            409, "notBuilt", "This build produced no image; only a built one can be saved."
        )
    entry = {
        "id": secrets.token_hex(6),
        "name": _check_name(name, entries),
        "description": _check_description(description),
        "image": image,
        "source": {
            "provider": record.get("provider"),
            "spec": record.get("spec"),
            "repoUrl": record.get("repoUrl"),
            "ref": record.get("ref"),
        },
        "builtAt": record.get("finishedAt") or record.get("startedAt"),
        "savedAt": now(),
        "buildId": build_id,
    }
    _write(data_dir, [*entries, entry])
    return entry


def _find(entries: list[dict[str, Any]], saved_id: str) -> dict[str, Any]:
    for entry in entries:
        if entry["id"] == saved_id:
            return entry
    raise EnvBuilderError(
        404, "noSavedEnvironment", f"No saved environment {saved_id!r}.", id=saved_id
    )


def update(data_dir: str, saved_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Rename an entry or change its description."""
    entries = list_saved(data_dir)
    entry = _find(entries, saved_id)
    if "name" in changes:
        entry["name"] = _check_name(changes["name"], entries, saved_id)
    if "description" in changes:
        entry["description"] = _check_description(changes["description"])
    _write(data_dir, entries)
    return entry


def delete(data_dir: str, saved_id: str) -> None:
    entries = list_saved(data_dir)
    entry = _find(entries, saved_id)
    _write(data_dir, [e for e in entries if e is not entry])
