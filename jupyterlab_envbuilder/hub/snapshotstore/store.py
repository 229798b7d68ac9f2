"""The snapshot store's folder: one bare repository per snapshot, named by its commit SHA.

``<store>/<sha>.git`` holds exactly one content-addressed snapshot commit (see
``jupyterlab_envbuilder.snapshots``), kept ready for git's dumb HTTP protocol. A push sends the
files; the store rebuilds the commit from them and keeps it only if it is the SHA claimed, so a
repository's name always says what is in it and nobody can put other files under a known SHA.

References: the hub cannot read the build records in users' homes, so each server tells the
store when a build uses a snapshot (a push, or a "use" of one already there). The time of the
last use is the modification time of ``<sha>.git/last-use``; garbage collection removes the
snapshots not used for a configurable time. A snapshot removed and needed again is pushed again
by the next build that asks for it.
"""

import base64
import binascii
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Optional

from ...config import Limits
from ...snapshot_repository import served_file
from ...snapshots import (
    IGNORED_NAMES,
    MAX_DEPTH,
    SnapshotFile,
    snapshot_commit,
    write_snapshot,
)

SHA = re.compile(r"[0-9a-f]{40}")
LAST_USE = "last-use"
# Pushes being written, and snapshots being removed: never served, renamed in and out at once.
INCOMING = ".incoming"
TRASH = ".trash"
# An unfinished push older than this is left over from a store that stopped midway.
STALE_INCOMING_SECONDS = 3600


class PushError(Exception):
    """A push the store refuses, with an HTTP status and a message for the pushing server."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Pushed:
    sha: str
    created: bool  # False: the same snapshot was there already


def decode_files(payload: Any, limits: Limits) -> list[SnapshotFile]:
    """The files of a push body ``{"files": [{"path", "executable", "data" (base64)}]}``."""
    entries = payload.get("files") if isinstance(payload, dict) else None
    if not isinstance(entries, list) or not entries:
        raise PushError(400, 'Expected {"files": [{"path", "executable", "data"}, ...]}.')
    if len(entries) > limits.max_files:
        raise PushError(413, f"A snapshot has at most {limits.max_files} files.")
    files: list[SnapshotFile] = []
    total = 0
    for entry in entries:
        if not isinstance(entry, dict):
            raise PushError(400, "Each file is an object with path, executable and data.")
        path = _checked_path(entry.get("path"))
        try:
            data = base64.b64decode(str(entry.get("data", "")), validate=True)
        except (binascii.Error, ValueError) as e:
            raise PushError(400, f"The data of {path!r} is not base64.") from e
        if len(data) > limits.max_file_bytes:
            raise PushError(413, f"{path!r} is larger than {limits.max_file_bytes} bytes.")
        total += len(data)
        if total > limits.max_total_bytes:
            raise PushError(413, f"The files add up to more than {limits.max_total_bytes} bytes.")
        files.append(SnapshotFile(path, data, entry.get("executable") is True))
    _check_layout(files)
    return sorted(files, key=lambda f: f.path)


def _checked_path(path: Any) -> str:
    if not isinstance(path, str) or not path or "\\" in path or "\0" in path:
        raise PushError(400, f"Not a file path: {path!r}.")
    parts = PurePosixPath(path).parts
    if (
        path.startswith("/")
        or path != "/".join(parts)
        or any(p in (".", "..") or p in IGNORED_NAMES for p in parts)
    ):
        raise PushError(400, f"Not a path inside a snapshot: {path!r}.")
    # The same bound as a snapshot's walk: the commit's trees are built by recursion.
    if len(parts) > MAX_DEPTH + 1:
        raise PushError(400, f"{path!r} is nested more than {MAX_DEPTH} folders deep.")
    return path


def _check_layout(files: list[SnapshotFile]) -> None:
    """No path twice, and no path that is both a file and a folder."""
    paths = {f.path for f in files}
    if len(paths) != len(files):
        raise PushError(400, "A path appears twice in the push.")
    for path in paths:
        parents = PurePosixPath(path).parents
        clash = next((str(p) for p in parents if str(p) in paths), None)
        if clash is not None:
            raise PushError(400, f"{clash!r} is both a file and a folder.")


class SnapshotStore:
    """Snapshots under ``root``: push, use, serve, collect."""

    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)
        for sub in (INCOMING, TRASH):
            os.makedirs(os.path.join(self.root, sub), mode=0o700, exist_ok=True)

    def repo_path(self, sha: str) -> str:
        if not SHA.fullmatch(sha):
            raise ValueError(f"not a commit SHA: {sha!r}")
        return os.path.join(self.root, f"{sha}.git")

    def has(self, sha: str) -> bool:
        return os.path.isdir(self.repo_path(sha))

    def push(self, sha: str, files: list[SnapshotFile]) -> Pushed:
        """Keep the snapshot of ``files`` as ``<sha>.git`` if its commit is ``sha``."""
        target = self.repo_path(sha)
        actual = snapshot_commit(files)[0].id.decode("ascii")
        if actual != sha:
            raise PushError(
                400,
                f"These files are the snapshot {actual}, not {sha}: a snapshot commit has "
                "a fixed author, committer and time, and no parent.",
            )
        if self.use(sha):
            return Pushed(sha, created=False)
        incoming = os.path.join(self.root, INCOMING, f"{secrets.token_hex(8)}.git")
        try:
            write_snapshot(incoming, files)
            open(os.path.join(incoming, LAST_USE), "wb").close()
            try:
                os.rename(incoming, target)
            except OSError:
                # Another push of the same files got there first: same SHA, same content.
                if not os.path.isdir(target):
                    raise
                self.use(sha)
                return Pushed(sha, created=False)
            return Pushed(sha, created=True)
        finally:
            shutil.rmtree(incoming, ignore_errors=True)

    def use(self, sha: str) -> bool:
        """Record that a build uses ``sha`` now; False if the store does not have it."""
        try:
            os.utime(os.path.join(self.repo_path(sha), LAST_USE))
        except FileNotFoundError:
            return False
        return True

    def last_use(self, sha: str) -> Optional[float]:
        try:
            return os.stat(os.path.join(self.repo_path(sha), LAST_USE)).st_mtime
        except FileNotFoundError:
            return None

    def served(self, sha: str, path: str) -> Optional[tuple[bytes, str, bool]]:
        """What git's dumb HTTP client asks for in ``<sha>.git/``, or None."""
        return served_file(self.repo_path(sha), path)

    def collect_garbage(self, keep_seconds: float, now: Optional[float] = None) -> list[str]:
        """Remove snapshots not used for ``keep_seconds``; the SHAs removed."""
        now = time.time() if now is None else now
        removed = []
        with os.scandir(self.root) as entries:
            names = [e.name for e in entries if e.is_dir(follow_symlinks=False)]
        for name in names:
            sha = name[: -len(".git")]
            if not name.endswith(".git") or not SHA.fullmatch(sha):
                continue
            last = self.last_use(sha)
            if last is not None and now - last <= keep_seconds:
                continue
            if self._discard(os.path.join(self.root, name)):
                removed.append(sha)
        self._discard_stale(os.path.join(self.root, INCOMING), now - STALE_INCOMING_SECONDS)
        return removed

    def _discard(self, path: str) -> bool:
        # Renamed away first, so that a clone never sees half a repository.
        trash = os.path.join(self.root, TRASH, secrets.token_hex(8))
        try:
            os.rename(path, trash)
        except FileNotFoundError:
            return False
        shutil.rmtree(trash, ignore_errors=True)
        return True

    def _discard_stale(self, folder: str, before: float) -> None:
        with os.scandir(folder) as entries:
            stale = [e.path for e in entries if e.stat(follow_symlinks=False).st_mtime < before]
        for path in stale:
            shutil.rmtree(path, ignore_errors=True)
