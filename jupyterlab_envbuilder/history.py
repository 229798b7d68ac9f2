"""Build records: one JSON-lines file per build in the user's home; together, the build history.

A record file ``<data_dir>/builds/<id>.jsonl`` (one per build started, so a repeat that the
build service answers from its cache never replaces the log of the build that made the image)
holds a ``start`` line (time, provider, spec as
``<provider>/<spec>`` like a snapshot's, repository, ref), one ``event`` line per event of the
build as the browser saw it, and an ``end`` line (time, result, image name, message). The id is
derived from the spec, so a new build of the same spec replaces the record of the previous one.
A record without an ``end`` line belongs to a build that is still running, or that was
interrupted when the server stopped.
"""

import asyncio
import hashlib
import json
import os
import re
import time
from datetime import datetime, timezone
from typing import IO, Any, Optional
from urllib.parse import unquote

from .snapshots import is_snapshot_url

ID_PATTERN = re.compile(r"[0-9a-f]{16}")
# The end line is short; reading this much of a file's tail always finds it.
_TAIL_BYTES = 64 * 1024


_last_time: tuple[int, str] = (0, "")


def now() -> str:
    """The time in milliseconds, ISO 8601; formatted once per millisecond (a build service
    sends thousands of events in one)."""
    global _last_time
    ms = time.time_ns() // 1_000_000
    if ms != _last_time[0]:
        moment = datetime.fromtimestamp(ms / 1000, timezone.utc)
        _last_time = (ms, moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"))
    return _last_time[1]


def build_id(provider: str, spec: str) -> str:
    """The running build of a spec: at most one per spec at a time."""
    return hashlib.sha256(f"{provider}/{spec}".encode()).hexdigest()[:16]


def record_id(provider: str, spec: str, started: str) -> str:
    """The record of one build: a new one each time a build of the spec starts."""
    return hashlib.sha256(f"{provider}/{spec}@{started}".encode()).hexdigest()[:16]


def describe_spec(provider: str, spec: str) -> dict[str, Any]:
    """Repository and ref of a spec (the ref is its last segment, as in BinderHub's providers),
    and whether it is an environment folder's snapshot."""
    repo, _, ref = spec.rpartition("/")
    if provider == "git":
        repo = unquote(repo)
    snapshot = provider == "git" and bool(repo and ref) and is_snapshot_url(repo, ref)
    return {"repoUrl": repo or None, "ref": ref or None, "snapshot": snapshot}


class BuildRecord:
    """The record of one build, written as the build goes.

    Event lines are written in batches (every ``FLUSH_SECONDS`` or ``FLUSH_BYTES``, whichever
    comes first): a flush per event cost more than following the build itself. The start and
    end lines are written at once, so the history lists a build as soon as it starts and a
    finished build is on disk complete. A server that dies mid-build loses at most the last
    batch of an unfinished record, which is listed as interrupted either way.
    """

    FLUSH_SECONDS = 0.25
    FLUSH_BYTES = 256 * 1024

    def __init__(
        self, records_dir: str, provider: str, spec: str, max_bytes: Optional[int] = None
    ) -> None:
        started = now()
        self.max_bytes = max_bytes
        self.written = 0
        self.truncated = False
        self.id = record_id(provider, spec, started)
        os.makedirs(records_dir, mode=0o700, exist_ok=True)
        self.path = os.path.join(records_dir, f"{self.id}.jsonl")
        self._file: Optional[IO[str]] = open(self.path, "x", encoding="utf-8")
        self._pending: list[str] = []
        self._pending_size = 0
        self._timer: Optional[asyncio.TimerHandle] = None
        self._write(
            {
                "kind": "start",
                "id": self.id,
                "time": started,
                "provider": provider,
                "spec": f"{provider}/{spec}",
                **describe_spec(provider, spec),
            }
        )
        self.flush()

    def _write(self, line: dict[str, Any]) -> None:
        self._queue(json.dumps(line) + "\n")

    def _queue(self, text: str) -> None:
        if self._file is None:
            return
        self.written += len(text)
        self._pending.append(text)
        self._pending_size += len(text)
        if self._pending_size >= self.FLUSH_BYTES:
            self.flush()
        elif self._timer is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                self.flush()
            else:
                self._timer = loop.call_later(self.FLUSH_SECONDS, self.flush)

    def flush(self) -> None:
        """Write what is pending to the file now (readers of a running build call this)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._file is None or not self._pending:
            return
        self._file.write("".join(self._pending))
        self._file.flush()
        self._pending.clear()
        self._pending_size = 0

    def add(self, event: dict[str, Any], encoded: Optional[str] = None) -> None:
        """Record an event; ``encoded`` is its JSON text when the caller has it already.
        Past ``max_bytes`` only terminal events are kept, after one note saying so."""
        terminal = str(event.get("phase", "")).lower() in ("ready", "failed")
        if self.truncated and not terminal:
            return  # not encoded for nothing
        self.add_texts([json.dumps(event) if encoded is None else encoded], terminal)

    def add_texts(self, encoded: list[str], terminal: bool = False) -> None:
        """Record events given as their JSON text (log text, which never ends a build,
        unless ``terminal``): the events of one network read, with one time for all. Past
        ``max_bytes`` only a terminal event is kept, after one note saying so."""
        if not encoded or (self.truncated and not terminal):
            return
        head = f'{{"kind": "event", "time": "{now()}", "event": '
        lines = [f"{head}{text}}}\n" for text in encoded]
        if self.max_bytes is None or self.written + sum(map(len, lines)) < self.max_bytes:
            self._queue("".join(lines))
            return
        for line in lines:
            if self.written >= self.max_bytes and not self.truncated:
                self._truncate()
            if self.truncated and not terminal:
                return
            self._queue(line)

    def _truncate(self) -> None:
        self.truncated = True
        note = f"[The rest of this log is not kept: records keep {self.max_bytes} bytes.]\n"
        self._write({"kind": "event", "time": now(), "event": {"message": note}})

    def finish(self, result: str, image_name: Optional[str], message: Optional[str]) -> None:
        self._write(
            {
                "kind": "end",
                "time": now(),
                "result": result,
                "imageName": image_name,
                "message": message,
            }
        )
        self.flush()
        if self._file is not None:
            self._file.close()
            self._file = None


def _head(path: str) -> tuple[Optional[dict[str, Any]], Optional[dict[str, Any]]]:
    """The start line and the line after it (the first event, if any)."""
    with open(path, encoding="utf-8") as f:
        return _parse(f.readline()), _parse(f.readline())


def _end_line(path: str) -> Optional[dict[str, Any]]:
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - _TAIL_BYTES))
        tail = f.read().decode("utf-8", "replace")
    lines = tail.rstrip("\n").rsplit("\n", 1)
    line = _parse(lines[-1])
    return line if line and line.get("kind") == "end" else None


def _parse(text: str) -> Optional[dict[str, Any]]:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _cache_hit(first: Optional[dict[str, Any]]) -> bool:
    """Whether the build service answered ``ready`` at once: the image was there already
    (built by an earlier build, perhaps another user's), and this build wrote no log of it."""
    if first is None or first.get("kind") != "event" or not isinstance(first.get("event"), dict):
        return False
    return str(first["event"].get("phase", "")).lower() == "ready"


def _summary(
    start: dict[str, Any],
    end: Optional[dict[str, Any]],
    running: bool,
    first: Optional[dict[str, Any]],
) -> dict:
    if end is not None:
        result = end.get("result")
    else:
        result = "running" if running else "interrupted"
    return {
        "id": start.get("id"),
        "provider": start.get("provider"),
        "spec": start.get("spec"),
        "repoUrl": start.get("repoUrl"),
        "ref": start.get("ref"),
        # Records written before sources existed are all of the folder.
        "snapshot": start.get("snapshot", True) is not False,
        "startedAt": start.get("time"),
        "finishedAt": end.get("time") if end else None,
        "result": result,
        "imageName": end.get("imageName") if end else None,
        "message": end.get("message") if end else None,
        "cacheHit": _cache_hit(first),
    }


def prune_records(records_dir: str, keep: int) -> None:
    """Remove the oldest records beyond ``keep`` (by when their file was last written)."""
    try:
        entries = [e for e in os.scandir(records_dir) if e.name.endswith(".jsonl")]
    except FileNotFoundError:
        return
    if len(entries) <= keep:
        return

    def written(entry: os.DirEntry) -> float:
        try:
            return entry.stat().st_mtime
        except FileNotFoundError:
            return 0.0

    for entry in sorted(entries, key=written)[: len(entries) - keep]:
        try:
            os.remove(entry.path)
        except FileNotFoundError:
            pass  # another server of the same user pruned it first


def page_records(records_dir: str, running: set[str], offset: int, limit: int) -> dict[str, Any]:
    """One page of the history, newest first: ``{"builds", "total", "next", "running"}``.
    ``running`` lists the builds running now wherever they are in the history: one started
    before many quicker builds is not on the first page, and a page that loads follows it."""
    records = list_records(records_dir, running)
    page = records[offset : offset + limit]
    following = offset + len(page)
    return {
        "builds": page,
        "total": len(records),
        "next": following if following < len(records) else None,
        "running": [record for record in records if record["result"] == "running"],
    }


def list_records(records_dir: str, running: set[str]) -> list[dict[str, Any]]:
    """Summaries of every build record, newest first."""
    try:
        names = os.listdir(records_dir)
    except FileNotFoundError:
        return []
    summaries = []
    for name in names:
        stem, ext = os.path.splitext(name)
        if ext != ".jsonl" or not ID_PATTERN.fullmatch(stem):
            continue
        path = os.path.join(records_dir, name)
        try:
            start, first = _head(path)
            end = _end_line(path)
        except OSError:
            continue
        if start is not None:
            summaries.append(_summary(start, end, stem in running, first))
    summaries.sort(key=lambda s: s["startedAt"] or "", reverse=True)
    return summaries


# How json.dumps (here and in earlier versions) begins an event line: counting lines by it
# needs no parsing, so a page of a long log parses only the events it returns.
_EVENT_LINE = '{"kind": "event"'


def read_record(
    records_dir: str,
    record_id: str,
    running: bool,
    *,
    offset: int = 0,
    limit: Optional[int] = None,
    tail: Optional[int] = None,
) -> Optional[dict[str, Any]]:
    """One build record with its events (the log), or None.

    All events by default; ``tail``: the last so many; else ``offset`` and ``limit`` choose a
    slice. ``eventCount`` (how many the record has) and ``offset`` (where the slice starts)
    let a log view fetch the end of a long log first and earlier pages when scrolled to.
    """
    if not ID_PATTERN.fullmatch(record_id):
        return None
    path = os.path.join(records_dir, f"{record_id}.jsonl")
    start = end = None
    event_lines: list[str] = []
    try:
        with open(path, encoding="utf-8") as f:
            for text in f:
                if text.startswith(_EVENT_LINE):
                    event_lines.append(text)
                    continue
                line = _parse(text)
                if line is None:
                    continue
                kind = line.get("kind")
                if kind == "start":
                    start = line
                elif kind == "event":
                    event_lines.append(text)
                elif kind == "end":
                    end = line
    except FileNotFoundError:
        return None
    if start is None:
        return None
    count = len(event_lines)
    if tail is not None:
        first, last = max(0, count - tail), count
    else:
        first = min(offset, count)
        last = count if limit is None else min(count, first + limit)
    events = []
    for text in event_lines[first:last]:
        line = _parse(text) or {}
        events.append({"time": line.get("time"), "event": line.get("event")})
    summary = _summary(start, end, running, _parse(event_lines[0]) if event_lines else None)
    return {**summary, "eventCount": count, "offset": first, "events": events}
