"""The bare repository that holds a user's snapshots, kept ready for git's dumb HTTP protocol.

Objects go in loose and are packed once there are many; ``main`` and a tag per recent
snapshot point at the commits; ``info/refs`` and ``objects/info/packs`` say what a dumb
client may fetch.
"""

import os
import re
import secrets
import stat
from collections.abc import Callable
from typing import Optional

from dulwich.object_store import DiskObjectStore
from dulwich.objects import ShaFile
from dulwich.repo import Repo

BRANCH = b"refs/heads/main"
TAG_PREFIX = b"refs/tags/snapshot-"
# Tags keep recent snapshots reachable for a build that clones a little later.
KEPT_SNAPSHOTS = 20
# Loose objects are packed once they fill this many of their 256 fan-out folders (about 90
# objects: a few dozen snapshots of a typical folder).
PACK_AT_FOLDERS = 64
# Beyond this many packs they are merged into one.
MAX_PACKS = 8

# An object of a snapshot: its SHA (hex), and how to make it should the store lack it.
StoredObject = tuple[bytes, Callable[[], ShaFile]]


def store_commit(repo_path: str, commit_id: bytes, objects: list[StoredObject]) -> None:
    """Store a snapshot commit and its objects, point ``main`` and a tag at it, refresh the
    dumb-HTTP info.

    Costs about what ``git add -A && git write-tree`` does: an object already stored is
    recognised by its file alone (asking dulwich's store whether it has one reads it), and
    the refs and the dumb-HTTP files are written here as plain files, without the fsync per
    file of dulwich's ref writing: a snapshot lost in a crash is taken again by the next
    build, and ``info/refs`` needs no peeling, every ref being a commit.
    """
    if not os.path.isdir(repo_path):
        os.makedirs(os.path.dirname(repo_path), mode=0o700, exist_ok=True)
        with Repo.init_bare(repo_path, mkdir=True) as repo:
            repo.refs.set_symbolic_ref(b"HEAD", BRANCH)
    store = DiskObjectStore(os.path.join(repo_path, "objects"))
    try:
        folder = os.path.join(repo_path, "objects")
        packs = store.packs
        for sha, make in objects:
            hex_sha = sha.decode("ascii")
            if os.path.exists(f"{folder}/{hex_sha[:2]}/{hex_sha[2:]}"):
                continue
            # Each pack's own index: the store's lookup adds layers that cost more than it.
            if not any(sha in pack for pack in packs):
                store.add_object(make())
        packed = _loose_folders(repo_path) >= PACK_AT_FOLDERS
        if packed:
            _pack(store, repo_path)
        names = [os.path.basename(pack.data.filename) for pack in store.packs]
    finally:
        store.close()
    tag = TAG_PREFIX + commit_id
    _write_file(repo_path, BRANCH, commit_id + b"\n")
    # Loose ref files: their times say which snapshots are recent.
    _write_file(repo_path, tag, commit_id + b"\n")
    _prune_tags(repo_path)
    _write_server_info(repo_path, names, packed)


def _write_file(repo_path: str, name: bytes, content: bytes) -> None:
    """Replace a file of the repository at once: a reader sees the old or the new one."""
    path = os.path.join(repo_path, os.fsdecode(name))
    temporary = f"{path}.{secrets.token_hex(4)}.tmp"
    try:
        f = open(temporary, "wb")
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        f = open(temporary, "wb")
    with f:
        f.write(content)
    os.replace(temporary, path)


def _loose_refs(repo_path: str) -> list[tuple[bytes, bytes]]:
    """(name, SHA) of every branch and tag, sorted by name as ``info/refs`` lists them."""
    refs = []
    for kind in ("heads", "tags"):
        folder = os.path.join(repo_path, "refs", kind)
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            continue
        for name in names:
            sha = _tagged_sha(kind, name)
            if sha is None:
                try:
                    with open(os.path.join(folder, name), "rb") as f:
                        sha = f.read().strip()
                except OSError:
                    continue  # pruned meanwhile
            if re.fullmatch(rb"[0-9a-f]{40}", sha):
                refs.append((f"refs/{kind}/{name}".encode(), sha))
    return sorted(refs)


def _tagged_sha(kind: str, name: str) -> Optional[bytes]:
    """The commit a snapshot tag points at, read from its name (it is written so), which
    spares opening each of the tags for ``info/refs``."""
    prefix = os.fsdecode(TAG_PREFIX.rsplit(b"/", 1)[1])
    if kind == "tags" and name.startswith(prefix):
        return name[len(prefix) :].encode("ascii", "replace")
    return None


def _write_server_info(repo_path: str, packs: list[str], packs_changed: bool) -> None:
    """``info/refs`` and ``objects/info/packs``, what git's dumb HTTP client reads first."""
    refs = b"".join(sha + b"\t" + name + b"\n" for name, sha in _loose_refs(repo_path))
    _write_file(repo_path, b"info/refs", refs)
    packs_file = os.path.join(repo_path, "objects", "info", "packs")
    if packs_changed or not os.path.exists(packs_file):
        listing = "".join(f"P {name}\n" for name in sorted(packs)) + "\n"
        _write_file(repo_path, b"objects/info/packs", listing.encode())


def _loose_folders(repo_path: str) -> int:
    """How many of the 256 fan-out folders of loose objects there are: git's own cheap
    estimate of the number of loose objects (``gc.auto`` samples one folder), in one listing."""
    try:
        names = os.listdir(os.path.join(repo_path, "objects"))
    except FileNotFoundError:
        return 0
    return sum(1 for name in names if len(name) == 2)


def _pack(store: DiskObjectStore, repo_path: str) -> None:
    """Move the loose objects into one pack: fewer files in the home, fewer requests for a
    dumb-HTTP clone."""
    if len(store.packs) >= MAX_PACKS:
        store.repack()
    else:
        store.pack_loose_objects()
    objects = os.path.join(repo_path, "objects")
    for name in os.listdir(objects):
        if len(name) == 2:
            try:
                os.rmdir(os.path.join(objects, name))
            except OSError:
                pass  # an object written meanwhile stays loose until the next time


def _prune_tags(repo_path: str) -> None:
    folder = os.path.join(repo_path, os.fsdecode(TAG_PREFIX.rsplit(b"/", 1)[0]))
    prefix = os.fsdecode(TAG_PREFIX.rsplit(b"/", 1)[1])
    tags = [name for name in os.listdir(folder) if name.startswith(prefix)]
    if len(tags) <= KEPT_SNAPSHOTS:
        return

    def written(name: str) -> float:
        try:
            return os.stat(os.path.join(folder, name)).st_mtime
        except OSError:
            return 0.0

    for name in sorted(tags, key=written)[: len(tags) - KEPT_SNAPSHOTS]:
        try:
            os.unlink(os.path.join(folder, name))
        except FileNotFoundError:
            pass


# What git's dumb HTTP client fetches, and how git's own http-backend labels it.
_SERVED_FILES = (
    (re.compile(r"HEAD|info/refs|objects/info/packs"), "text/plain; charset=utf-8", False),
    (re.compile(r"objects/[0-9a-f]{2}/[0-9a-f]{38}"), "application/x-git-loose-object", True),
    (
        re.compile(r"objects/pack/pack-[0-9a-f]{40}\.pack"),
        "application/x-git-packed-objects",
        True,
    ),
    (
        re.compile(r"objects/pack/pack-[0-9a-f]{40}\.idx"),
        "application/x-git-packed-objects-toc",
        True,
    ),
)


def served_file(repo_path: str, path: str) -> Optional[tuple[bytes, str, bool]]:
    """Contents, content type and immutability of one file of the snapshot repository.

    None for anything a dumb git client does not need, or that is not a regular file there.
    """
    kind = next((k for k in _SERVED_FILES if k[0].fullmatch(path)), None)
    if kind is None:
        return None
    _, content_type, immutable = kind
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(os.path.join(repo_path, path), flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return None
        return f.read(), content_type, immutable
