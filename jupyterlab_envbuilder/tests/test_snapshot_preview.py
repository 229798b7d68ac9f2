"""The list of files to send: ``GET envbuilder/snapshots`` shows it without writing or sending
anything, and a POST with the confirmed ``paths`` never sends a file that was not in it."""

import json
import os
import sys

import pytest
from envfolder import FILES, tree_state, write_env
from tornado.httpclient import HTTPClientError

from jupyterlab_envbuilder.config import Limits
from jupyterlab_envbuilder.hub.snapshotstore.store import PushError, decode_files


async def preview(jp_fetch, folder=None):
    params = {} if folder is None else {"folder": folder}
    response = await jp_fetch("envbuilder", "snapshots", params=params)
    return json.loads(response.body)


async def post_snapshot(jp_fetch, body):
    response = await jp_fetch("envbuilder", "snapshots", method="POST", body=json.dumps(body))
    return json.loads(response.body)


async def test_preview_lists_files_and_sizes_and_writes_nothing(
    jp_fetch, jp_root_dir, envbuilder_config
):
    write_env(jp_root_dir / "environment")
    data_dir = envbuilder_config["data_dir"]
    shown = await preview(jp_fetch)

    assert shown["folder"] == "environment"
    assert shown["store"] is False
    assert {f["path"]: f["size"] for f in shown["files"]} == {
        name: len(data) for name, data in FILES.items()
    }
    # Nothing written: no repository, no secret, so nothing is servable either.
    assert tree_state(data_dir) == {}
    # The very commit a build would send.
    taken = await post_snapshot(jp_fetch, {"folder": "environment"})
    assert taken["sha"] == shown["sha"]


async def test_preview_refuses_what_a_build_refuses(jp_fetch, jp_root_dir):
    write_env(jp_root_dir / "withkeys", {**FILES, ".ssh/id_rsa": b"secret"})
    with pytest.raises(HTTPClientError) as e:
        await preview(jp_fetch, "withkeys")
    assert e.value.code == 400
    assert json.loads(e.value.response.body)["reason"] == "outsideBoundary"


async def test_a_file_added_after_the_list_was_confirmed_is_not_sent(
    jp_fetch, jp_root_dir, envbuilder_config
):
    env = write_env(jp_root_dir / "environment")
    confirmed = [f["path"] for f in (await preview(jp_fetch))["files"]]
    (env / "credentials.json").write_text('{"key": "not for the image"}')
    before = tree_state(envbuilder_config["data_dir"])

    with pytest.raises(HTTPClientError) as e:
        await post_snapshot(jp_fetch, {"folder": "environment", "paths": confirmed})
    body = json.loads(e.value.response.body)
    assert e.value.code == 409
    assert body["reason"] == "unconfirmedFiles"
    assert body["paths"] == ["credentials.json"]
    assert tree_state(envbuilder_config["data_dir"]) == before

    # Edited contents of confirmed files need no new confirmation; a removed file none either.
    (env / "credentials.json").unlink()
    (env / "apt.txt").unlink()
    (env / "requirements.txt").write_bytes(b"numpy==2.2.0\n")
    taken = await post_snapshot(jp_fetch, {"folder": "environment", "paths": confirmed})
    assert {f["path"] for f in taken["files"]} == set(confirmed) - {"apt.txt"}


@pytest.mark.parametrize("paths", ["requirements.txt", [1, 2], {"a": 1}])
async def test_malformed_paths_are_a_400(jp_fetch, jp_root_dir, paths):
    write_env(jp_root_dir / "environment")
    with pytest.raises(HTTPClientError) as e:
        await post_snapshot(jp_fetch, {"folder": "environment", "paths": paths})
    assert e.value.code == 400
    assert json.loads(e.value.response.body)["reason"] == "badPaths"


@pytest.fixture
def deep_folder(jp_root_dir):
    """``environment/d/d/…/requirements.txt``, made and removed a level at a time: pathlib,
    os.makedirs and shutil.rmtree recurse, and would fail first at these depths."""
    made = []

    def make(levels):
        env = jp_root_dir / "environment"
        env.mkdir()
        fd = os.open(env, os.O_RDONLY)
        for _ in range(levels):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        made.append(levels)
        with os.fdopen(os.open("requirements.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as f:
            f.write("numpy\n")
        os.close(fd)

    yield make
    for levels in made:
        path = jp_root_dir / "environment" / os.path.join(*["d"] * levels)
        os.unlink(path / "requirements.txt")
        for _ in range(levels):
            os.rmdir(path)
            path = path.parent


@pytest.mark.parametrize("levels", [40, sys.getrecursionlimit() + 10])
async def test_a_folder_deeper_than_the_recursion_limit_is_a_clear_400(
    jp_fetch, deep_folder, levels
):
    # The walk is a loop and stops at its own bound, so no depth reaches Python's recursion
    # limit: the same 400 at 40 levels and past the limit, for the list and for a build.
    # The bound (32) is a product choice, far below the limit: an environment needs a few.
    deep_folder(levels)
    for request in (preview(jp_fetch), post_snapshot(jp_fetch, {"folder": "environment"})):
        with pytest.raises(HTTPClientError) as e:
            await request
        body = json.loads(e.value.response.body)
        assert e.value.code == 400
        assert body["reason"] == "tooDeep"
        assert body["limit"] == 32
    # The panel's "changed since start" reads the same folder: a problem, not a server error.
    environments = json.loads((await jp_fetch("envbuilder", "environments")).body)
    assert environments["folderSha"] is None and environments["folderProblem"]


def test_the_store_refuses_a_push_deeper_than_the_recursion_limit():
    path = "/".join(["d"] * (sys.getrecursionlimit() + 10)) + "/requirements.txt"
    body = {"files": [{"path": path, "executable": False, "data": ""}]}
    with pytest.raises(PushError) as e:
        decode_files(body, Limits())
    assert e.value.status == 400
    assert "nested more than 32 folders deep" in e.value.message
