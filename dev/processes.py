"""Processes by id, for ending what a hub started (Linux ``/proc``; elsewhere nothing is found).

A hub starts its proxy, its services and the users' servers each in a session of its own, so
that no signal sent to the hub's group reaches them; only the hub's own cleanup stops them.
When that cleanup is cut short (the hub killed, or crashed), they run on. The tests' hubs
note the process tree while the hub runs; the dev hub's script (``demo.py``) adopts the
hub's orphans. Both end with these functions whatever is left.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import time
from collections.abc import Iterable
from pathlib import Path

PROC = Path("/proc")


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, start time) of a running process; None once it is gone (or a zombie)."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name, in parentheses, may hold spaces: the fields after it are plain.
    fields = stat[stat.rindex(")") + 2 :].split()
    if fields[0] == "Z":
        return None
    return int(fields[1]), int(fields[19])


def process_tree(roots: Iterable[int]) -> dict[int, int]:
    """Every running process under ``roots`` (themselves included): pid -> start time, which
    tells the same process from a later one given a reused pid."""
    parents: dict[int, list[int]] = {}
    started: dict[int, int] = {}
    try:
        entries = list(PROC.iterdir())
    except OSError:
        return {}
    for entry in entries:
        if entry.name.isdigit() and (stat := _stat(int(entry.name))):
            parents.setdefault(stat[0], []).append(int(entry.name))
            started[int(entry.name)] = stat[1]
    tree: dict[int, int] = {}
    todo = [pid for pid in roots if pid in started]
    while todo:
        pid = todo.pop()
        if pid not in tree:
            tree[pid] = started[pid]
            todo.extend(parents.get(pid, []))
    return tree


def alive(processes: dict[int, int]) -> list[int]:
    """The pids of ``processes`` that still run (the same processes, not a reused pid)."""
    return [pid for pid, start in processes.items() if (s := _stat(pid)) and s[1] == start]


def _wait_for_end(processes: dict[int, int], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while alive(processes) and time.monotonic() < deadline:
        time.sleep(0.05)


def end_processes(processes: dict[int, int], grace: float = 5) -> list[int]:
    """Every one of ``processes`` still running ``grace`` seconds from now (a hub's proxy may
    still be on its way out) gets SIGTERM, then after ``grace`` seconds SIGKILL, with the
    process group it leads; the pids that were left running."""
    _wait_for_end(processes, grace)
    left = alive(processes)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in alive(processes):
            try:
                # A process the hub started leads its own group (its subprocesses, e.g. git
                # under repo2docker, are in it); never signal the caller's own group.
                if os.getpgid(pid) == pid != os.getpgrp():
                    os.killpg(pid, sig)
                else:
                    os.kill(pid, sig)
            except ProcessLookupError:
                pass
        _wait_for_end(processes, grace)
    return left


def adopt_orphans() -> bool:
    """Make the processes below this one that lose their parent (a hub's servers, once the hub
    is gone) children of this process, not of init, so ``process_tree([os.getpid()])`` still
    finds them. Linux only (``PR_SET_CHILD_SUBREAPER``); False where it is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False
