"""Snapshot cost against git's: the server extension's snapshot of a folder next to
``git add -A && git write-tree`` on the same folder.

Four folders: 1 small file, 50 files, 500 files, and one file of 10 MiB. Each round changes
one file (new content, so new objects on both sides), then takes a snapshot (read the folder,
write the content-addressed commit into the bare repository, as ``POST envbuilder/snapshots``
does) and runs git in its own repository whose work tree is the same folder, in turns, the
order alternating. Both keep a record of each file's stat (git's index, the snapshot
repository's stat cache), so both read and hash only the changed file. After the rounds: the
files the snapshot repository holds.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from report import machine, machine_text, ratio, ratio_text, spread, summary, table

from jupyterlab_envbuilder.config import Limits
from jupyterlab_envbuilder.snapshots import take_snapshot

CASES = (
    ("1 file", 1, 200),
    ("50 files", 50, 400),
    ("500 files", 500, 400),
    ("1 file of 10 MiB", 1, 10 * 1024 * 1024),
)
LIMITS = Limits(max_files=1000, max_file_bytes=20 * 1024 * 1024, max_total_bytes=64 << 20)
GIT = "git add -A && git write-tree"


def _fill(folder: Path, count: int, size: int) -> None:
    for i in range(count):
        sub = folder / f"part{i % 10}" if count > 20 else folder
        sub.mkdir(parents=True, exist_ok=True)
        line = f"package-{i}==1.0.{i}  # a line of an environment file\n".encode()
        path = sub / f"file{i}.txt"
        path.write_bytes((line * (size // len(line) + 1))[:size])
        # Written an hour ago, as a user's folder was: files written within the last
        # seconds are hashed again by both sides (git's "racily clean" entries too).
        an_hour_ago = time.time() - 3600
        os.utime(path, (an_hour_ago, an_hour_ago))


def _files(path: Path) -> int:
    return sum(len(names) for _, _, names in os.walk(path))


def _case(name: str, count: int, size: int, rounds: int, work: Path) -> dict[str, Any]:
    home = work / name.replace(" ", "-")
    folder = home / "environment"
    _fill(folder, count, size)
    repo = home / "snapshots.git"
    git_dir = home / "git"
    env = dict(os.environ, GIT_DIR=str(git_dir), GIT_WORK_TREE=str(folder), GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "init", "-q", "--bare", str(git_dir)], check=True)
    changed = next(folder.rglob("file0.txt"))
    original = changed.read_bytes()

    def snapshot() -> None:
        take_snapshot(str(home), "environment", str(repo), LIMITS)

    def git() -> None:
        subprocess.run(["sh", "-c", GIT], check=True, env=env, stdout=subprocess.DEVNULL)

    samples: dict[str, list[float]] = {"snapshot": [], "git": []}
    for round_ in range(rounds + 1):
        changed.write_bytes(original[:-40] + f"# round {round_} {time.time_ns()}\n".encode())
        order = [("snapshot", snapshot), ("git", git)]
        for side, run in order if round_ % 2 == 0 else order[::-1]:
            start = time.perf_counter()
            run()
            if round_ > 0:  # round 0 warms up (imports, caches, git's first index)
                samples[side].append((time.perf_counter() - start) * 1000)
    return {
        "case": name,
        "snapshot_ms": {**summary(samples["snapshot"]), "samples": samples["snapshot"]},
        "git_ms": {**summary(samples["git"]), "samples": samples["git"]},
        "ratio_snapshot_to_git": ratio(samples["snapshot"], samples["git"]),
        "repository_files": _files(repo),
        "repository_bytes": sum(p.stat().st_size for p in repo.rglob("*") if p.is_file()),
    }


def run(rounds: int = 25) -> dict[str, Any]:
    before = machine()
    work = Path(tempfile.mkdtemp(prefix="envbuilder-bench-snapshots-"))
    try:
        cases = [_case(name, count, size, rounds, work) for name, count, size in CASES]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "name": "snapshots",
        "rounds": rounds,
        "machine_before": before,
        "machine_after": machine(),
        "cases": cases,
    }


def render(result: dict[str, Any]) -> str:
    rows = [
        [
            case["case"],
            spread(case["snapshot_ms"], 1),
            spread(case["git_ms"], 1),
            ratio_text(case["ratio_snapshot_to_git"]),
            f"{case['repository_files']} files, {case['repository_bytes'] / 1024:,.0f} KiB",
        ]
        for case in result["cases"]
    ]
    return (
        table(
            f"Snapshot against git (ms, median (min-max); {result['rounds']} rounds, "
            "one file changed each round)",
            ["folder", "snapshot", GIT, "snapshot / git", "snapshot repository after"],
            rows,
        )
        + "\n"
        + machine_text(result["machine_before"], result["machine_after"])
    )
