"""The snapshot repository's stat cache: files whose stat is unchanged are not read again,
and no edit is ever missed for it."""

import json
import os
import subprocess

from envfolder import write_env

from jupyterlab_envbuilder.config import Limits
from jupyterlab_envbuilder.snapshot_statcache import RECORD_NAME
from jupyterlab_envbuilder.snapshots import read_folder, snapshot_commit, take_snapshot

LONG_AGO = (1_000_000_000, 1_000_000_000)


def age(folder):
    """Give every file an old modification time, as files not edited for a while have."""
    for directory, _, names in os.walk(folder):
        for name in names:
            os.utime(os.path.join(directory, name), LONG_AGO)


def uncached_sha(home):
    return snapshot_commit(read_folder(str(home), "environment", Limits()))[0].id.decode()


def cloned_files(repo, sha, into):
    subprocess.run(["git", "clone", "-q", str(repo), str(into)], check=True)
    subprocess.run(["git", "checkout", "-q", sha], cwd=into, check=True)
    return {
        os.path.relpath(os.path.join(d, n), into): open(os.path.join(d, n), "rb").read()
        for d, dirs, names in os.walk(into)
        if ".git" not in d.split(os.sep)
        for n in names
    }


def test_every_edit_is_seen_even_when_size_and_time_stay_the_same(tmp_path):
    env = write_env(tmp_path / "environment")
    repo = tmp_path / "snapshots.git"
    age(env)
    first = take_snapshot(str(tmp_path), "environment", str(repo), Limits())
    assert first.sha == uncached_sha(tmp_path)

    edits = [
        # Same size, modification time put back: only the change time tells.
        lambda: ((env / "apt.txt").write_bytes(b"graphvi2\n"), os.utime(env / "apt.txt", LONG_AGO)),
        lambda: (env / "requirements.txt").chmod(0o755),
        lambda: (env / "requirements.txt").write_bytes(b"numpy==2.1.1\n"),
        # Another file moved in under the same name, with the same size and times.
        lambda: (
            (tmp_path / "other").write_bytes(b"numpy==2.2.0\n"),
            os.utime(tmp_path / "other", LONG_AGO),
            os.replace(tmp_path / "other", env / "requirements.txt"),
        ),
        lambda: (env / "binder" / "nested" / "notes.md").unlink(),
        lambda: (env / "runtime.txt").write_bytes(b"python-3.12\n"),
    ]
    seen = {first.sha}
    for edit in edits:
        edit()
        snapshot = take_snapshot(str(tmp_path), "environment", str(repo), Limits())
        assert snapshot.sha == uncached_sha(tmp_path)
        assert snapshot.sha not in seen
        seen.add(snapshot.sha)

    files = cloned_files(repo, snapshot.sha, tmp_path / "clone")
    assert files == {
        "apt.txt": b"graphvi2\n",
        "postBuild": b"#!/bin/bash\necho built\n",
        "requirements.txt": b"numpy==2.2.0\n",
        "runtime.txt": b"python-3.12\n",
    }


def test_files_written_just_before_a_snapshot_are_read_again_next_time(tmp_path):
    env = write_env(tmp_path / "environment")
    age(env)
    (env / "apt.txt").write_bytes(b"curl\n")  # just now: a second write could keep its stat
    repo = tmp_path / "snapshots.git"
    take_snapshot(str(tmp_path), "environment", str(repo), Limits())

    with open(repo / RECORD_NAME) as f:
        record = json.load(f)
    assert sorted(record) == ["binder/nested/notes.md", "postBuild", "requirements.txt"]


def test_the_listing_gives_sizes_of_files_not_read_again(tmp_path):
    """Unread files are listed with their sizes, as read ones are."""
    env = write_env(tmp_path / "environment")
    age(env)
    repo = tmp_path / "snapshots.git"
    take_snapshot(str(tmp_path), "environment", str(repo), Limits())
    again = take_snapshot(str(tmp_path), "environment", str(repo), Limits())
    assert {f.path: f.size for f in again.files} == {
        "apt.txt": 9,
        "binder/nested/notes.md": 9,
        "postBuild": 23,
        "requirements.txt": 13,
    }
    assert any(f.data is None for f in again.files)


def test_a_damaged_record_is_ignored_and_every_file_read_again(tmp_path):
    """Whatever the record holds, a snapshot is the one of the files as they are."""
    env = write_env(tmp_path / "environment")
    age(env)
    repo = tmp_path / "snapshots.git"
    take_snapshot(str(tmp_path), "environment", str(repo), Limits())
    stat = os.stat(env / "requirements.txt")
    key = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
    for record in (
        "not json",
        "[1, 2]",
        json.dumps({"requirements.txt": [*key, "é" * 40]}),
        json.dumps({"requirements.txt": [*key, "z" * 40]}),
        json.dumps({"requirements.txt": [*key, 40]}),
        json.dumps({"requirements.txt": {"size": 13}}),
    ):
        (repo / RECORD_NAME).write_text(record, encoding="utf-8")
        again = take_snapshot(str(tmp_path), "environment", str(repo), Limits())
        assert again.sha == uncached_sha(tmp_path), record
        assert next(f for f in again.files if f.path == "requirements.txt").data is not None
