"""What the running environment has installed: pip's view and, in a conda environment, conda's.

Reading is one subprocess per tool (``python -m pip list``, ``conda list``) through ``run``, the
one choke point tests can drive against a real environment. ``record_baseline`` writes what was
installed when the server started, so that what was installed by hand since (``pip install`` in a
terminal) can be told apart from what the image brought; ``record_resolved`` keeps, per image, what
the first server on it had, which build records show so that environments can be compared.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

BASELINE_PREFIX = "packages-at-start"
# pip and conda answer in seconds; a hung one must not hold a request for long.
TIMEOUT_SECONDS = 60

Run = Callable[[list[str]], str]


def canonical(name: str) -> str:
    """A package name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def run_command(args: list[str]) -> str:
    return subprocess.run(
        args, capture_output=True, text=True, check=True, timeout=TIMEOUT_SECONDS
    ).stdout


@dataclass
class Installed:
    """The packages of one environment, by canonical name."""

    # name -> version, as pip reports them; editable installs are left out (they cannot be pinned).
    pip: dict[str, str] = field(default_factory=dict)
    # name -> version of conda's own packages; empty outside a conda environment.
    conda: dict[str, str] = field(default_factory=dict)
    # The names pip reports exactly as written, for files people read.
    display: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"pip": self.pip, "conda": self.conda, "display": self.display}

    @classmethod
    def from_json(cls, data: dict) -> Installed:
        return cls(
            pip=dict(data.get("pip") or {}),
            conda=dict(data.get("conda") or {}),
            display=dict(data.get("display") or {}),
        )


def conda_executable(prefix: str) -> str | None:
    """conda, mamba or micromamba, when ``prefix`` is a conda environment."""
    if not os.path.isdir(os.path.join(prefix, "conda-meta")):
        return None
    for name in ("conda", "mamba", "micromamba"):
        found = shutil.which(name)
        if found:
            return found
    return None


def read_installed(
    python: str = sys.executable,
    prefix: str | None = None,
    run: Run = run_command,
) -> Installed:
    """The packages of the environment ``python`` runs in."""
    installed = Installed()
    listing = json.loads(
        run([python, "-m", "pip", "list", "--format=json", "--disable-pip-version-check"])
    )
    for item in listing:
        if item.get("editable_project_location"):
            continue
        name = canonical(item["name"])
        installed.pip[name] = item["version"]
        installed.display[name] = item["name"]
    prefix = prefix or os.path.dirname(os.path.dirname(python))
    conda = conda_executable(prefix)
    if conda:
        for item in json.loads(run([conda, "list", "--json", "--prefix", prefix])):
            # Packages pip installed show up in conda's list from the "pypi" channel.
            if item.get("channel") != "pypi":
                installed.conda[canonical(item["name"])] = item["version"]
    return installed


def _baseline_path(data_dir: str, server: str) -> str:
    # Named servers share the home: each keeps its own starting point.
    suffix = "-" + re.sub(r"[^A-Za-z0-9_.-]", "_", server) if server else ""
    return os.path.join(data_dir, f"{BASELINE_PREFIX}{suffix}.json")


def record_baseline(data_dir: str, installed: Installed, server: str = "") -> str:
    """Write what is installed now as this server's starting point; return the file."""
    os.makedirs(data_dir, mode=0o700, exist_ok=True)
    path = _baseline_path(data_dir, server)
    data = {"server": server, "pid": os.getpid(), "installed": installed.to_json()}
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(data, f)
    os.replace(path + ".tmp", path)
    return path


def read_baseline(data_dir: str, server: str = "") -> Installed | None:
    """What was installed when this server started; None when it was never recorded."""
    try:
        with open(_baseline_path(data_dir, server), encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    return Installed.from_json(data.get("installed") or {}) if isinstance(data, dict) else None


RESOLVED_DIRNAME = "resolved"


def _resolved_path(data_dir: str, image: str) -> str:
    digest = hashlib.sha256(image.encode("utf-8")).hexdigest()[:32]
    return os.path.join(data_dir, RESOLVED_DIRNAME, f"{digest}.json")


def record_resolved(data_dir: str, image: str | None, installed: Installed) -> bool:
    """Keep what an image resolved to, from the first server that starts on it: a build service
    does not report the packages of what it built, so the first start is where they are seen.
    Later starts (with packages installed by hand since) never overwrite it. True when written."""
    if not image:
        return False
    path = _resolved_path(data_dir, image)
    if os.path.exists(path):
        return False
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    recorded = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
    data = {"image": image, "recordedAt": recorded, "installed": installed.to_json()}
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(data, f)
    os.replace(path + ".tmp", path)
    return True


def has_resolved(data_dir: str, image: str | None) -> bool:
    """Whether what ``image`` resolved to is recorded, without reading it."""
    return bool(image) and os.path.exists(_resolved_path(data_dir, image))


def read_resolved(data_dir: str, image: str | None) -> dict | None:
    """``{"image", "recordedAt", "installed": {"pip", "conda", "display"}}``, or None."""
    if not image:
        return None
    try:
        with open(_resolved_path(data_dir, image), encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("image") == image else None
