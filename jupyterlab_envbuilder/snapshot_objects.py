"""A snapshot as git objects: its files, their blobs, the folder's trees and the commit.

The commit is content-addressed: a fixed author, time and message, no parent. The same files
make the same commit SHA for every user and server, which is what lets the hub's snapshot
store and the build service's cache treat them as one.
"""

import binascii
import functools
import hashlib
import os
import stat
from dataclasses import dataclass
from typing import Optional

from dulwich.objects import Blob, Commit, ShaFile, Tree

from .snapshot_repository import StoredObject

_IDENTITY = b"jupyterlab-envbuilder <envbuilder@localhost>"
_MESSAGE = b"Environment snapshot\n"


@dataclass(slots=True)
class SnapshotFile:
    """A file of the snapshot: its path, bytes, mode bit and blob SHA (hex). ``data`` is None
    for a file not read again because the repository's stat cache knows its blob; ``blob_id``
    and ``size`` are then given, and otherwise taken from ``data``."""

    path: str  # relative to the environment folder, with "/"
    data: Optional[bytes]
    executable: bool
    blob_id: bytes = b""
    size: int = 0

    def __post_init__(self) -> None:
        if self.data is not None:
            self.size = len(self.data)
            if not self.blob_id:
                self.blob_id = _blob_id(self.data)


def _blob_id(data: bytes) -> bytes:
    """The blob's SHA, as git computes it; cheaper than dulwich's Blob for the many files a
    store has already."""
    # Git names objects by SHA-1; this is that name, not a security measure.
    header = b"blob %d\0" % len(data)
    return hashlib.sha1(header + data, usedforsecurity=False).hexdigest().encode("ascii")


def _made(obj: ShaFile) -> StoredObject:
    return obj.id, lambda: obj


def _tree(entries: dict[bytes, tuple[int, bytes]]) -> tuple[bytes, bytes]:
    """A git tree of ``entries`` (name → mode and hex SHA): its hex SHA and its content, as
    git writes them (sorted by name, a folder's name as if it ended in "/"). Made here, not
    with dulwich's ``Tree``: a snapshot makes every tree of the folder, and only the ones that
    changed are stored."""
    items = sorted(entries.items(), key=lambda e: e[0] + b"/" if e[1][0] == stat.S_IFDIR else e[0])
    body = b"".join(
        b"%o %s\0%s" % (mode, name, binascii.unhexlify(sha)) for name, (mode, sha) in items
    )
    # Git names objects by SHA-1; this is that name, not a security measure.
    sha = hashlib.sha1(b"tree %d\0" % len(body), usedforsecurity=False)
    sha.update(body)
    return sha.hexdigest().encode("ascii"), body


def _build_tree(files: list[SnapshotFile], objects: list[StoredObject]) -> bytes:
    """The hex SHA of the folder's tree; every object it needs is added to ``objects``."""
    root: dict = {}
    for f in files:
        blob_id = f.blob_id
        # A blob the stat cache knows was stored by an earlier snapshot: nothing prunes it.
        if f.data is not None:
            objects.append((blob_id, functools.partial(Blob.from_string, f.data)))
        *folders, name = os.fsencode(f.path).split(b"/")
        node = root
        for folder in folders:
            node = node.setdefault(folder, {})
        node[name] = (0o100755 if f.executable else 0o100644, blob_id)

    def build(node: dict) -> bytes:
        entries = {
            name: (stat.S_IFDIR, build(value)) if isinstance(value, dict) else value
            for name, value in node.items()
        }
        sha, body = _tree(entries)
        objects.append((sha, functools.partial(ShaFile.from_raw_string, Tree.type_num, body)))
        return sha

    return build(root)


def snapshot_commit(files: list[SnapshotFile]) -> tuple[Commit, list[StoredObject]]:
    """The content-addressed commit of ``files``, and every object it needs."""
    objects: list[StoredObject] = []
    commit = Commit()
    commit.tree = _build_tree(files, objects)
    commit.author = commit.committer = _IDENTITY
    commit.author_time = commit.commit_time = 0
    commit.author_timezone = commit.commit_timezone = 0
    commit.message = _MESSAGE
    objects.append(_made(commit))
    return commit, objects
