"""Snapshots of the environment folder as content-addressed git commits.

A snapshot is a commit with a fixed author, committer, dates and message and no parent, so the
same files give the same SHA whenever and in whatever order they were edited. BinderHub names
images by (repository URL, SHA): an unchanged environment is a cache hit, no build runs.

The commits live in one bare repository in the user's home, kept ready for git's "dumb HTTP"
protocol (``info/refs``, ``objects/info/packs``): the build service clones it from
``envbuilder/snapshots/<capability>.git``. The capability is derived from a per-user secret
file, so the URL, and with it the image name, stays the same for the same user.
"""

import fcntl
import hashlib
import hmac
import os
import secrets
import stat
from dataclasses import dataclass
from typing import Optional
from urllib.parse import quote, urlsplit

from .boundary import OutsideBoundary, check_folder, normalize_folder, refusal
from .config import SECRET_FILENAME, Limits
from .contract import API_NAMESPACE
from .errors import EnvBuilderError
from .snapshot_objects import SnapshotFile, snapshot_commit
from .snapshot_repository import store_commit
from .snapshot_statcache import StatCache

# Never part of an environment: Jupyter's autosave copies and git's own folder.
IGNORED_NAMES = frozenset({".ipynb_checkpoints", ".git"})
# Deeper folders are refused (400 "tooDeep"): far below Python's recursion limit, which the
# tree of a snapshot nests in, and the walk is a loop, so no depth ever reaches it.
MAX_DEPTH = 32


_CAPABILITY_CONTEXT = b"jupyterlab-envbuilder snapshot repository v1"
# encodeURIComponent leaves these unescaped, besides letters, digits and "-_".
_URI_COMPONENT_SAFE = "~()*!.'"


@dataclass(frozen=True)
class Snapshot:
    sha: str
    files: list[SnapshotFile]


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n / (1024 * 1024):.1f} MiB"


def resolve_folder(root_dir: str, folder: str) -> str:
    """The absolute path of ``folder`` (relative to the server root), within the publish
    boundary (see :mod:`.boundary`): a real subfolder, not the home, nothing secret."""
    try:
        normalized = normalize_folder(folder)
        check_folder(root_dir, normalized, os.path.expanduser("~"))
    except OutsideBoundary as e:
        raise EnvBuilderError(400, "outsideBoundary", e.message, folder=str(folder)) from e
    parts = normalized.split("/")
    root = os.path.realpath(root_dir)
    path = os.path.join(root, *parts)
    walked = root
    for part in parts:
        walked = os.path.join(walked, part)
        if os.path.islink(walked):
            raise EnvBuilderError(
                400,
                "symlink",
                f"'{folder}' goes through the symbolic link '{os.path.relpath(walked, root)}'; "
                "snapshots take only a real folder.",
                path=os.path.relpath(walked, root),
            )
    if not os.path.exists(path):
        raise EnvBuilderError(
            404,
            "noFolder",
            f"There is no folder '{folder}'. Create it and put your environment files in it "
            "(e.g. requirements.txt, environment.yml, apt.txt, postBuild).",
            folder=folder,
        )
    if not os.path.isdir(path):
        raise EnvBuilderError(
            400,
            "notAFolder",
            f"'{folder}' is a file; the environment must be a folder.",
            folder=folder,
        )
    return path


def read_folder(
    root_dir: str, folder: str, limits: Limits, cache: Optional[StatCache] = None
) -> list[SnapshotFile]:
    """Every regular file under the environment folder, within the limits, sorted by path.

    With a ``cache``, a file whose stat it knows is not read (its ``data`` is None)."""
    top = resolve_folder(root_dir, folder)
    label = normalize_folder(folder)
    files: list[SnapshotFile] = []
    total = 0

    # Folders still to read, deepest last; a stack rather than recursion, so that any depth
    # is a clear answer and never a RecursionError.
    pending = [(top, "")]
    while pending:
        directory, prefix = pending.pop()
        if prefix.count("/") >= MAX_DEPTH:
            raise EnvBuilderError(
                400,
                "tooDeep",
                f"'{label}/{prefix}' is nested more than {MAX_DEPTH} folders deep; an "
                "environment needs only a few levels.",
                limit=MAX_DEPTH,
            )
        with os.scandir(directory) as entries:
            ordered = sorted(entries, key=lambda e: e.name)
        for entry in ordered:
            if entry.name in IGNORED_NAMES:
                continue
            relative = prefix + entry.name
            shown = f"{label}/{relative}"
            reason = refusal(shown)
            if reason:
                raise EnvBuilderError(400, "outsideBoundary", reason, path=shown)
            if entry.is_symlink():
                raise EnvBuilderError(
                    400,
                    "symlink",
                    f"'{shown}' is a symbolic link; snapshots take only regular files. "
                    "Replace it with a copy of the file.",
                    path=shown,
                )
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, relative + "/"))
                continue
            if not entry.is_file(follow_symlinks=False):
                raise EnvBuilderError(
                    400,
                    "notAFile",
                    f"'{shown}' is not a regular file (a pipe, socket or device).",
                    path=shown,
                )
            if len(files) == limits.max_files:
                raise EnvBuilderError(
                    413,
                    "tooManyFiles",
                    f"'{label}' has more than {limits.max_files} files; an environment needs "
                    "only a few (EnvBuilder.snapshot_max_files).",
                    limit=limits.max_files,
                    setting="EnvBuilder.snapshot_max_files",
                )
            known = cache.blob(relative, entry.stat(follow_symlinks=False)) if cache else None
            if known:
                info = entry.stat(follow_symlinks=False)  # kept by the entry: no second call
                file = SnapshotFile(relative, None, bool(info.st_mode & 0o111), known, info.st_size)
            else:
                data, info = _read_regular(entry.path, shown, limits.max_file_bytes)
                file = SnapshotFile(relative, data, bool(info.st_mode & 0o111))
                if cache:
                    cache.remember(relative, info, file.blob_id)
            if file.size > limits.max_file_bytes:
                raise _too_large_file(shown, limits.max_file_bytes)
            total += file.size
            if total > limits.max_total_bytes:
                raise EnvBuilderError(
                    413,
                    "tooLargeTotal",
                    f"The files in '{label}' add up to more than "
                    f"{_size(limits.max_total_bytes)} (EnvBuilder.snapshot_max_total_size). "
                    "Keep data and notebooks out of the environment folder.",
                    limit=limits.max_total_bytes,
                    setting="EnvBuilder.snapshot_max_total_size",
                )
            files.append(file)
    if not files:
        raise EnvBuilderError(
            400,
            "emptyFolder",
            f"The folder '{label}' has no files. Add your environment files, e.g. "
            "requirements.txt or environment.yml.",
            folder=label,
        )
    return sorted(files, key=lambda f: f.path)


def _too_large_file(shown: str, max_bytes: int) -> EnvBuilderError:
    return EnvBuilderError(
        413,
        "tooLargeFile",
        f"'{shown}' is larger than {_size(max_bytes)}, the most an environment file may "
        "be (EnvBuilder.snapshot_max_file_size). Keep data out of the environment folder.",
        path=shown,
        limit=max_bytes,
        setting="EnvBuilder.snapshot_max_file_size",
    )


def _read_regular(path: str, shown: str, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """Read a regular file without following a link swapped in since it was listed."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise EnvBuilderError(
            400,
            "unreadable",
            f"'{shown}' cannot be read: {e.strerror}.",
            path=shown,
            detail=e.strerror,
        ) from e
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise EnvBuilderError(400, "notAFile", f"'{shown}' is not a regular file.", path=shown)
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large_file(shown, max_bytes)
    return data, info


def write_snapshot(repo_path: str, files: list[SnapshotFile]) -> str:
    """Store the snapshot commit, point ``main`` and a tag at it, refresh dumb-HTTP info.

    The user's servers share the home: one writes at a time (a lock file beside the
    repository), so two snapshots at once never meet git's own ref locks half-way."""
    os.makedirs(os.path.dirname(repo_path), mode=0o700, exist_ok=True)
    with open(repo_path + ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _write_snapshot(repo_path, files)


def _write_snapshot(repo_path: str, files: list[SnapshotFile]) -> str:
    commit, objects = snapshot_commit(files)
    store_commit(repo_path, commit.id, objects)
    return commit.id.decode("ascii")


def check_confirmed(files: list[SnapshotFile], confirmed: list[str]) -> None:
    """Refuse a snapshot holding a file that was not in the list the user agreed to send."""
    unseen = sorted({f.path for f in files} - set(confirmed))
    if unseen:
        raise EnvBuilderError(
            409,
            "unconfirmedFiles",
            "The folder holds files that were not in the list you agreed to send: "
            + ", ".join(unseen[:10])
            + ". Build again to see the list.",
            paths=unseen,
        )


def take_snapshot(
    root_dir: str,
    folder: str,
    repo_path: Optional[str],
    limits: Limits,
    confirmed: Optional[list[str]] = None,
) -> Snapshot:
    """The snapshot of the folder, kept in ``repo_path`` (None: kept elsewhere, by the store).

    With ``confirmed`` (the paths the user saw in the list of files to send), a folder that
    gained a file since is refused before anything is written or sent."""
    # The store may ask for every file's bytes; a repository here keeps a stat cache.
    cache = StatCache(repo_path) if repo_path is not None else None
    files = read_folder(root_dir, folder, limits, cache)
    if confirmed is not None:
        check_confirmed(files, confirmed)
    if repo_path is None or cache is None:
        return Snapshot(snapshot_commit(files)[0].id.decode("ascii"), files)
    sha = write_snapshot(repo_path, files)
    cache.save()
    return Snapshot(sha, files)


def load_secret(data_dir: str, create: bool) -> Optional[bytes]:
    """The per-user secret behind the capability; made (mode 0600) on first use if ``create``."""
    path = os.path.join(data_dir, SECRET_FILENAME)
    if create and not os.path.exists(path):
        os.makedirs(data_dir, mode=0o700, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another server of the same user made it first
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    try:
        with open(path, "rb") as f:
            secret = f.read().strip()
    except FileNotFoundError:
        return None
    return secret or None


def capability_for(secret: bytes) -> str:
    return hmac.new(secret, _CAPABILITY_CONTEXT, hashlib.sha256).hexdigest()[:32]


def check_capability(data_dir: str, capability: str) -> bool:
    secret = load_secret(data_dir, create=False)
    return secret is not None and hmac.compare_digest(capability_for(secret), capability)


def is_snapshot_url(repo_url: str, sha: str) -> bool:
    """Whether a build's repository is an environment folder's snapshot (not a source): the
    hub's store names a snapshot repository after its commit (``<store>/<sha>.git``), a server
    serves its own at ``envbuilder/snapshots/<capability>.git`` (:meth:`repo_url`)."""
    path = urlsplit(repo_url).path
    parent, _, name = path.rpartition("/")
    return name == f"{sha}.git" or (
        name.endswith(".git") and parent.endswith(f"/{API_NAMESPACE}/snapshots")
    )


def spec_for(repo_url: str, sha: str) -> str:
    """BinderHub's git spec: ``git/<encodeURIComponent(repo URL)>/<sha>``."""
    return f"git/{quote(repo_url, safe=_URI_COMPONENT_SAFE)}/{sha}"
