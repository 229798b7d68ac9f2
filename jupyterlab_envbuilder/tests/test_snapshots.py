"""Snapshots: content-addressed commits of the environment folder, and POST envbuilder/snapshots."""

import json
import os
import stat
import subprocess
import time
from urllib.parse import quote

import pytest
from envfolder import FILES, write_env
from tornado.httpclient import HTTPClientError

from jupyterlab_envbuilder.config import Limits
from jupyterlab_envbuilder.contract import MAX_FILE_BYTES
from jupyterlab_envbuilder.errors import EnvBuilderError
from jupyterlab_envbuilder.history import describe_spec
from jupyterlab_envbuilder.snapshots import (
    load_secret,
    read_folder,
    snapshot_commit,
    take_snapshot,
)


def git(*args, cwd):
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def test_same_files_same_sha_whenever_and_in_any_order(tmp_path):
    first = write_env(tmp_path / "a" / "environment")
    sha_first = take_snapshot(
        str(tmp_path / "a"), "environment", str(tmp_path / "r1.git"), Limits()
    )

    time.sleep(1.1)  # a later second, other mtimes, another edit order, another repository
    second = tmp_path / "b" / "environment"
    write_env(second, order=list(reversed(FILES)))
    (second / "requirements.txt").write_bytes(b"scratch\n")
    (second / "requirements.txt").write_bytes(FILES["requirements.txt"])
    os.utime(second / "apt.txt", (1, 1))
    sha_second = take_snapshot(
        str(tmp_path / "b"), "environment", str(tmp_path / "r2.git"), Limits()
    )

    assert sha_first.sha == sha_second.sha
    assert [f.path for f in sha_first.files] == sorted(
        ["apt.txt", "binder/nested/notes.md", "postBuild", "requirements.txt"]
    )
    assert first.exists()


def test_changed_content_or_mode_changes_the_sha(tmp_path):
    write_env(tmp_path / "environment")
    base = snapshot_commit(read_folder(str(tmp_path), "environment", Limits()))[0].id
    (tmp_path / "environment" / "postBuild").chmod(0o644)
    no_exec = snapshot_commit(read_folder(str(tmp_path), "environment", Limits()))[0].id
    (tmp_path / "environment" / "postBuild").chmod(0o755)
    (tmp_path / "environment" / "apt.txt").write_bytes(b"graphviz\ncurl\n")
    edited = snapshot_commit(read_folder(str(tmp_path), "environment", Limits()))[0].id
    assert len({base, no_exec, edited}) == 3


def test_tree_is_what_git_itself_makes_of_the_folder(tmp_path):
    """The same tree SHA as git's own index for the same files, executable bit included."""
    env = write_env(tmp_path / "environment")
    commit, _ = snapshot_commit(read_folder(str(tmp_path), "environment", Limits()))
    git("init", "-q", cwd=env)
    git("config", "core.fileMode", "true", cwd=env)
    git("add", "-A", cwd=env)
    assert git("write-tree", cwd=env) == commit.tree.decode()


def test_trees_sort_names_as_git_does(tmp_path):
    """git sorts a folder's name as if it ended in "/": "a" the folder comes after "a-b" and
    "a.txt" but before "a0"; names with bytes above ASCII come last. The stored trees pass
    git's own strict check."""
    env = tmp_path / "environment"
    for name in ["a/inner.txt", "a-b", "a.txt", "a0", "a/b/c.txt", "ab/x", "é.txt", "Z", "_"]:
        (env / name).parent.mkdir(parents=True, exist_ok=True)
        (env / name).write_text(name)
    (env / "a0").chmod(0o755)
    repo = tmp_path / "snapshots.git"
    sha = take_snapshot(str(tmp_path), "environment", str(repo), Limits()).sha
    git("init", "-q", cwd=env)
    git("config", "core.fileMode", "true", cwd=env)
    git("add", "-A", cwd=env)
    assert git("write-tree", cwd=env) == git("rev-parse", f"{sha}^{{tree}}", cwd=repo)
    git("fsck", "--strict", cwd=repo)


def test_commit_is_fixed_and_parentless(tmp_path):
    write_env(tmp_path / "environment")
    repo = tmp_path / "snapshots.git"
    sha = take_snapshot(str(tmp_path), "environment", str(repo), Limits()).sha
    raw = git("cat-file", "-p", sha, cwd=repo)
    assert "parent" not in raw
    assert "author jupyterlab-envbuilder <envbuilder@localhost> 0 +0000" in raw
    assert "committer jupyterlab-envbuilder <envbuilder@localhost> 0 +0000" in raw
    assert "100755 blob" in git("ls-tree", sha, "postBuild", cwd=repo)
    git("fsck", "--strict", cwd=repo)


def test_dumb_http_metadata_is_up_to_date(tmp_path):
    write_env(tmp_path / "environment")
    repo = tmp_path / "snapshots.git"
    sha = take_snapshot(str(tmp_path), "environment", str(repo), Limits()).sha
    refs = (repo / "info" / "refs").read_text()
    assert f"{sha}\trefs/heads/main" in refs
    assert f"{sha}\trefs/tags/snapshot-{sha}" in refs
    assert (repo / "objects" / "info" / "packs").exists()
    assert (repo / "HEAD").read_text().strip() == "ref: refs/heads/main"
    # What `git update-server-info` writes is what is there.
    before = refs
    git("update-server-info", cwd=repo)
    assert sorted((repo / "info" / "refs").read_text().splitlines()) == sorted(before.splitlines())


def test_jupyter_checkpoints_are_not_part_of_the_environment(tmp_path):
    env = write_env(tmp_path / "environment")
    before = snapshot_commit(read_folder(str(tmp_path), "environment", Limits()))[0].id
    (env / ".ipynb_checkpoints").mkdir()
    (env / ".ipynb_checkpoints" / "requirements-checkpoint.txt").write_text("old\n")
    assert snapshot_commit(read_folder(str(tmp_path), "environment", Limits()))[0].id == before


@pytest.mark.parametrize(
    "limits, files, message",
    [
        (Limits(max_file_bytes=10), {"big.txt": b"x" * 11}, "larger than 10 bytes"),
        (Limits(max_total_bytes=15), {"a.txt": b"x" * 8, "b.txt": b"y" * 8}, "add up to more than"),
        (Limits(max_files=2), {"a": b"1", "b": b"2", "c": b"3"}, "more than 2 files"),
    ],
)
def test_caps(tmp_path, limits, files, message):
    write_env(tmp_path / "environment", files, executable=set())
    with pytest.raises(EnvBuilderError) as e:
        read_folder(str(tmp_path), "environment", limits)
    assert e.value.status == 413
    assert message in e.value.message


def test_default_caps_are_exported_and_sensible():
    assert Limits().max_file_bytes == MAX_FILE_BYTES >= 100 * 1024


def test_symlinks_special_files_and_ways_out_are_refused(tmp_path):
    env = write_env(tmp_path / "environment")
    (tmp_path / "secret.txt").write_text("not yours\n")

    os.symlink(tmp_path / "secret.txt", env / "link.txt")
    with pytest.raises(EnvBuilderError, match="symbolic link") as e:
        read_folder(str(tmp_path), "environment", Limits())
    assert e.value.status == 400
    os.remove(env / "link.txt")

    os.mkfifo(env / "pipe")
    with pytest.raises(EnvBuilderError, match="not a regular file"):
        read_folder(str(tmp_path), "environment", Limits())
    os.remove(env / "pipe")

    os.symlink(env, tmp_path / "elsewhere")
    with pytest.raises(EnvBuilderError, match="symbolic link"):
        read_folder(str(tmp_path), "elsewhere", Limits())
    for way_out in ("../environment", "environment/../../etc", ""):
        with pytest.raises(EnvBuilderError):
            read_folder(str(tmp_path / "environment"), way_out, Limits())


def test_missing_empty_and_file_folders(tmp_path):
    with pytest.raises(EnvBuilderError, match="no folder") as e:
        read_folder(str(tmp_path), "environment", Limits())
    assert e.value.status == 404
    (tmp_path / "environment").mkdir()
    with pytest.raises(EnvBuilderError, match="has no files"):
        read_folder(str(tmp_path), "environment", Limits())
    (tmp_path / "binder.txt").write_text("x")
    with pytest.raises(EnvBuilderError, match="is a file"):
        read_folder(str(tmp_path), "binder.txt", Limits())


def test_secret_is_private_and_stable(tmp_path):
    data = tmp_path / "data"
    assert load_secret(str(data), create=False) is None
    secret = load_secret(str(data), create=True)
    assert secret and load_secret(str(data), create=True) == secret
    assert stat.S_IMODE((data / "snapshot-secret").stat().st_mode) == 0o600


# --- POST envbuilder/snapshots on a running server ---


async def post_snapshot(jp_fetch, body):
    response = await jp_fetch("envbuilder", "snapshots", method="POST", body=json.dumps(body))
    return json.loads(response.body)


@pytest.mark.envbuilder(snapshot_base_url="https://hub.example.org/ignored/path")
async def test_post_snapshot(jp_fetch, jp_root_dir, jp_base_url):
    write_env(jp_root_dir / "environment")
    reply = await post_snapshot(jp_fetch, {"folder": "environment"})
    again = await post_snapshot(jp_fetch, {})  # the folder defaults to "environment"

    assert reply["sha"] == again["sha"] and len(reply["sha"]) == 40
    assert reply["repoUrl"] == again["repoUrl"]
    prefix = f"https://hub.example.org{jp_base_url}envbuilder/snapshots/"
    assert reply["repoUrl"].startswith(prefix) and reply["repoUrl"].endswith(".git")
    assert len(reply["repoUrl"][len(prefix) : -len(".git")]) == 32
    assert reply["spec"] == f"git/{quote(reply['repoUrl'], safe='')}/{reply['sha']}"
    # Its build is recorded as the folder's (the panel compares the folder with it).
    assert describe_spec(*reply["spec"].split("/", 1))["snapshot"] is True
    assert {f["path"]: f["executable"] for f in reply["files"]} == {
        "apt.txt": False,
        "binder/nested/notes.md": False,
        "postBuild": True,
        "requirements.txt": False,
    }


def test_builds_of_a_folder_are_told_from_builds_of_a_source():
    sha = "a" * 40
    store = f"https://hub.example.org/services/snapshots/{sha}.git"
    own = f"https://hub.example.org/user/ada/envbuilder/snapshots/{'c' * 32}.git"
    for repo in (store, own):
        assert describe_spec("git", f"{quote(repo, safe='')}/{sha}")["snapshot"] is True
    sources = [
        ("git", f"{quote('https://github.com/org/env.git', safe='')}/{sha}"),
        ("gh", f"org/env/{sha}"),
        # The store's repository of another commit: not a snapshot of this one.
        ("git", f"{quote(store, safe='')}/{'b' * 40}"),
    ]
    for provider, spec in sources:
        assert describe_spec(provider, spec)["snapshot"] is False


@pytest.fixture
def no_public_url(monkeypatch):
    """Nothing in the environment names a public URL (set up before the server starts)."""
    for name in (
        "ENVBUILDER_SNAPSHOT_BASE_URL",
        "JUPYTERHUB_PUBLIC_URL",
        "JUPYTERHUB_PUBLIC_HUB_URL",
    ):
        monkeypatch.delenv(name, raising=False)


async def test_repo_url_defaults_to_the_browsers_origin(no_public_url, jp_fetch, jp_root_dir):
    write_env(jp_root_dir / "environment")
    reply = await post_snapshot(jp_fetch, {"folder": "environment"})
    assert reply["repoUrl"].startswith("http://127.0.0.1:")


@pytest.mark.parametrize(
    "setup, folder, status, message",
    [
        (None, "environment", 404, "no folder 'environment'"),
        ("empty", "environment", 400, "has no files"),
        ("big", "environment", 413, "larger than 1.0 MiB"),
        ("link", "environment", 400, "symbolic link"),
        (None, "../outside", 400, "must be inside your files"),
    ],
)
async def test_post_snapshot_errors(
    jp_fetch, jp_root_dir, tmp_path, setup, folder, status, message
):
    env = jp_root_dir / "environment"
    if setup:
        env.mkdir()
    if setup == "big":
        (env / "data.csv").write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    if setup == "link":
        (tmp_path / "elsewhere.txt").write_text("x")
        os.symlink(tmp_path / "elsewhere.txt", env / "requirements.txt")
    with pytest.raises(HTTPClientError) as e:
        await post_snapshot(jp_fetch, {"folder": folder})
    assert e.value.code == status
    reply = json.loads(e.value.response.body)
    assert message in reply["message"]


@pytest.mark.envbuilder(snapshot_max_files=2, snapshot_max_file_size=64)
async def test_caps_are_admin_settings(jp_fetch, jp_root_dir):
    write_env(jp_root_dir / "environment", {"a": b"1", "b": b"2", "c": b"3"}, executable=set())
    with pytest.raises(HTTPClientError) as e:
        await post_snapshot(jp_fetch, {"folder": "environment"})
    assert e.value.code == 413
    assert "snapshot_max_files" in json.loads(e.value.response.body)["message"]

    (jp_root_dir / "environment" / "c").unlink()
    (jp_root_dir / "environment" / "b").write_bytes(b"x" * 65)
    with pytest.raises(HTTPClientError) as e:
        await post_snapshot(jp_fetch, {"folder": "environment"})
    assert "larger than 64 bytes" in json.loads(e.value.response.body)["message"]
