"""Which blob each file of the environment folder was when it was last read, by its stat.

git's index does the same: a file whose size, modification and change times and inode are
those recorded is not read again; its blob SHA is taken from the record. A snapshot of a
folder where one file of 500 changed then reads one file, not 500.

The record lives inside the snapshot repository, under a name git's dumb HTTP client never
asks for, and names only blobs of that repository's last snapshot, which ``main`` keeps
reachable and nothing prunes: a snapshot does not look them up again. A repository made anew
starts without a record. A file modified shortly before it was read is not recorded: on a
file system with coarse times, a second write in the same tick would keep the same stat
("racy git").
"""

import json
import os
import re
import secrets
import time
from typing import Optional

RECORD_NAME = "envbuilder-stat-cache.json"
# Files modified this recently when read are read again next time (FAT keeps 2 s times).
RACY_NS = 2_000_000_000
# A blob SHA as the record keeps it; anything else there is ignored and the file read again.
_BLOB = re.compile("[0-9a-f]{40}")


def _key(info: os.stat_result) -> list[int]:
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


class StatCache:
    """The record of one snapshot repository: looked up while the folder is read, written
    once the snapshot is stored, with the files of that snapshot only."""

    def __init__(self, repo_path: str) -> None:
        self._path = os.path.join(repo_path, RECORD_NAME)
        self._since = time.time_ns() - RACY_NS
        self._known: dict[str, list] = {}
        self._seen: dict[str, list] = {}
        try:
            with open(self._path, encoding="utf-8") as f:
                known = json.load(f)
        except (OSError, ValueError):
            return  # none yet, or unreadable: every file is read
        if isinstance(known, dict):
            self._known = known

    def blob(self, path: str, info: os.stat_result) -> Optional[bytes]:
        """The blob SHA (hex) of ``path`` if its stat is the one recorded, else None."""
        entry = self._known.get(path)
        # Field by field, in ``_key``'s order: this runs for every file of every snapshot.
        if (
            type(entry) is list
            and len(entry) == 5
            and entry[0] == info.st_size
            and entry[1] == info.st_mtime_ns
            and entry[2] == info.st_ctime_ns
            and entry[3] == info.st_ino
            and type(entry[4]) is str
            and _BLOB.fullmatch(entry[4])
        ):
            self._seen[path] = entry
            return entry[4].encode("ascii")
        return None

    def remember(self, path: str, info: os.stat_result, blob: bytes) -> None:
        """Record what ``path`` held when it had the stat ``info`` (taken before reading)."""
        if info.st_mtime_ns < self._since:
            self._seen[path] = [*_key(info), blob.decode("ascii")]

    def save(self) -> None:
        """Keep the record for the next snapshot; a reader sees the old or the new one."""
        temporary = f"{self._path}.{secrets.token_hex(4)}.tmp"
        try:
            with open(temporary, "wb") as f:
                f.write(json.dumps(self._seen, separators=(",", ":")).encode())
            os.replace(temporary, self._path)
        except OSError:
            pass  # the next snapshot reads every file again
