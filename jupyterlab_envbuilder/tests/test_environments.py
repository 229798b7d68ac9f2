"""The environment history: running image, last-known-good, and "changed since this started"."""

import json

import pytest
from tornado.httpclient import HTTPClientError

from jupyterlab_envbuilder.config import Limits
from jupyterlab_envbuilder.environments import folder_sha, read_entries, record, summary
from jupyterlab_envbuilder.snapshots import read_folder, snapshot_commit

LIMITS = Limits(1024 * 1024, 10 * 1024 * 1024, 100)


def make_folder(root, files):
    folder = root / "environment"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def test_the_folder_sha_follows_the_folder(tmp_path):
    """The SHA the Lab page compares with the running image's build, from its build history."""
    root = tmp_path / "home"
    make_folder(root, {"requirements.txt": "numpy\n"})
    data = tmp_path / "data"
    now = summary(str(data), "img:1", str(root), "environment", LIMITS)
    assert now["runningImage"] == "img:1"
    assert now["folderSha"] == folder_sha(str(root), "environment", LIMITS)[0]
    assert len(now["folderSha"]) == 40 and now["folderProblem"] is None

    make_folder(root, {"requirements.txt": "numpy\npandas\n"})
    later = summary(str(data), "img:1", str(root), "environment", LIMITS)
    assert later["folderSha"] != now["folderSha"]
    # Computing the SHA writes nothing into the folder.
    assert sorted(p.name for p in (root / "environment").iterdir()) == ["requirements.txt"]


def test_missing_folder_is_a_problem_code_not_an_error(tmp_path):
    answer = summary(str(tmp_path), None, str(tmp_path), "nope", LIMITS)
    assert answer["folderSha"] is None
    assert answer["folderProblem"] == "noFolder"


def test_folder_sha_matches_the_snapshot_commit(tmp_path):
    make_folder(tmp_path, {"environment.yml": "dependencies: [python=3.11]\n"})
    files = read_folder(str(tmp_path), "environment", LIMITS)
    commit, _ = snapshot_commit(files)
    assert folder_sha(str(tmp_path), "environment", LIMITS)[0] == commit.id.decode()


def test_entries_newest_last_in_the_file_and_corrupt_lines_skipped(tmp_path):
    record(str(tmp_path), "started", "a:1")
    (tmp_path / "environments.jsonl").open("a").write("not json\n")
    record(str(tmp_path), "last-known-good", "a:1")
    assert [e["kind"] for e in read_entries(str(tmp_path))] == ["started", "last-known-good"]


@pytest.mark.envbuilder(image="img:new")
async def test_api_records_last_known_good(jp_fetch):
    response = await jp_fetch(
        "envbuilder", "environments", method="POST", body=json.dumps({"lastKnownGood": "img:old"})
    )
    assert response.code == 201
    answer = json.loads((await jp_fetch("envbuilder", "environments")).body)
    assert answer["lastKnownGood"] == "img:old"
    assert answer["runningImage"] == "img:new"


async def test_api_refuses_a_missing_image(jp_fetch):
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch("envbuilder", "environments", method="POST", body=json.dumps({}))
    assert error.value.code == 400


@pytest.mark.envbuilder(image="img:old")
async def test_api_records_a_failed_start_apart_from_rollback_images(jp_fetch):
    await jp_fetch(
        "envbuilder", "environments", method="POST", body=json.dumps({"lastKnownGood": "img:old"})
    )
    response = await jp_fetch(
        "envbuilder", "environments", method="POST", body=json.dumps({"failedStart": "img:broken"})
    )
    assert response.code == 201
    answer = json.loads((await jp_fetch("envbuilder", "environments")).body)
    assert [(e["kind"], e["image"]) for e in answer["entries"]][:2] == [
        ("failed-start", "img:broken"),
        ("last-known-good", "img:old"),
    ]
    # A failed start is a fact of the history, not an environment to go back to.
    assert answer["lastKnownGood"] == "img:old"


async def test_api_refuses_an_unknown_fact(jp_fetch):
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch(
            "envbuilder", "environments", method="POST", body=json.dumps({"started": "img:x"})
        )
    assert error.value.code == 400
