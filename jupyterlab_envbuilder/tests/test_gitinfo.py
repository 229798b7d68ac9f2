"""``GET envbuilder/git``: real git clones under the server root of a real jupyter_server."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError

from jupyterlab_envbuilder.errors import EnvBuilderError
from jupyterlab_envbuilder.gitinfo import public_remote, run_git

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Instructor",
    "GIT_AUTHOR_EMAIL": "instructor@example.org",
    "GIT_COMMITTER_NAME": "Instructor",
    "GIT_COMMITTER_EMAIL": "instructor@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd, *args):
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={**os.environ, **GIT_ENV},
    )


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch):
    """The server's git reads neither the machine's nor the user's git config."""
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


@pytest.fixture
def course(tmp_path, jp_root_dir):
    """A course repository on a "remote" (a bare repository) and a clone of it under the root."""
    remote = tmp_path / "remote" / "course.git"
    git(tmp_path, "init", "--bare", "-b", "main", str(remote))
    seed = tmp_path / "seed"
    git(tmp_path, "clone", str(remote), str(seed))
    (seed / "lessons").mkdir()
    (seed / "lessons" / "intro.ipynb").write_text('{"cells": []}\n')
    (seed / "README.md").write_text("Course\n")
    git(seed, "add", ".")
    git(seed, "commit", "-m", "First lesson")
    git(seed, "push", "origin", "main")
    clone = jp_root_dir / "courses" / "course"
    git(tmp_path, "clone", str(remote), str(clone))
    return {"remote": remote, "clone": clone}


async def get_info(jp_fetch, path):
    response = await jp_fetch("envbuilder", "git", params={"path": path})
    assert response.code == 200
    return json.loads(response.body)


async def get_error(jp_fetch, path):
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch("envbuilder", "git", params={"path": path})
    return error.value.code, json.loads(error.value.response.body)


async def test_a_pushed_notebook_prefills_remote_branch_and_path(jp_fetch, course):
    info = await get_info(jp_fetch, "courses/course/lessons/intro.ipynb")
    assert info["repoRoot"] == "courses/course"
    assert info["pathInRepo"] == "lessons/intro.ipynb"
    assert info["remote"] == "origin"
    assert info["remoteUrl"] == str(course["remote"])
    assert info["branch"] == "main"
    assert info["remoteBranch"] == "main"
    assert info["upstream"] == "origin/main"
    assert info["dirty"] is False
    assert info["dirtyFiles"] == []
    assert info["unpushed"] == 0
    assert info["pathTracked"] is True
    assert info["pathChanged"] is False


async def test_uncommitted_changes_are_listed_and_the_notebook_flagged(jp_fetch, course):
    clone = course["clone"]
    (clone / "lessons" / "intro.ipynb").write_text('{"cells": [1]}\n')
    (clone / "lessons" / "data").mkdir()
    (clone / "lessons" / "data" / "new.csv").write_text("a,b\n")
    info = await get_info(jp_fetch, "courses/course/lessons/intro.ipynb")
    assert info["dirty"] is True
    assert sorted(info["dirtyFiles"]) == ["lessons/data/new.csv", "lessons/intro.ipynb"]
    assert info["dirtyCount"] == 2
    assert info["pathChanged"] is True


async def test_a_new_notebook_is_not_tracked(jp_fetch, course):
    (course["clone"] / "lessons" / "draft.ipynb").write_text("{}\n")
    info = await get_info(jp_fetch, "courses/course/lessons/draft.ipynb")
    assert info["pathTracked"] is False
    assert info["pathChanged"] is True
    other = await get_info(jp_fetch, "courses/course/lessons/intro.ipynb")
    assert other["pathChanged"] is False
    assert other["dirtyFiles"] == ["lessons/draft.ipynb"]


async def test_commits_not_pushed_are_counted(jp_fetch, course):
    clone = course["clone"]
    (clone / "README.md").write_text("Course, second edition\n")
    git(clone, "commit", "-am", "Edit")
    git(clone, "commit", "--allow-empty", "-m", "Another")
    info = await get_info(jp_fetch, "courses/course/lessons/intro.ipynb")
    assert info["dirty"] is False
    assert info["unpushed"] == 2


async def test_a_branch_the_remote_does_not_have(jp_fetch, course):
    clone = course["clone"]
    git(clone, "switch", "-c", "spring")
    git(clone, "commit", "--allow-empty", "-m", "Spring term")
    info = await get_info(jp_fetch, "courses/course/lessons/intro.ipynb")
    assert info["branch"] == "spring"
    assert info["upstream"] is None
    assert info["remoteBranch"] is None
    # No upstream: the remote of the clone is still origin.
    assert info["remote"] == "origin"
    assert info["unpushed"] == 1


async def test_a_local_branch_tracking_another_name_reports_the_remote_branch(jp_fetch, course):
    git(course["clone"], "switch", "-c", "mine", "--track", "origin/main")
    info = await get_info(jp_fetch, "courses/course/lessons/intro.ipynb")
    assert info["branch"] == "mine"
    assert info["remoteBranch"] == "main"
    assert info["upstream"] == "origin/main"


async def test_credentials_in_the_remote_never_reach_the_answer(jp_fetch, course):
    git(
        course["clone"],
        "remote",
        "set-url",
        "origin",
        "https://teacher:s3cret@git.example.org/org/course.git",
    )
    info = await get_info(jp_fetch, "courses/course/lessons/intro.ipynb")
    assert info["remoteUrl"] == "https://git.example.org/org/course.git"
    assert "s3cret" not in json.dumps(info)


async def test_a_folder_can_be_shared(jp_fetch, course):
    info = await get_info(jp_fetch, "courses/course")
    assert info["pathInRepo"] == ""
    assert info["pathTracked"] is True


async def test_a_fresh_repository_without_commits_or_remote(jp_fetch, jp_root_dir):
    repo = jp_root_dir / "scratch"
    repo.mkdir()
    git(repo, "init", "-b", "main")
    (repo / "a.ipynb").write_text("{}\n")
    info = await get_info(jp_fetch, "scratch/a.ipynb")
    assert info["branch"] == "main"
    assert info["remote"] is None
    assert info["remoteUrl"] is None
    assert info["unpushed"] == 0
    assert info["pathTracked"] is False


async def test_not_in_a_clone_is_a_clear_422(jp_fetch, jp_root_dir):
    (jp_root_dir / "loose.ipynb").write_text("{}\n")
    code, body = await get_error(jp_fetch, "loose.ipynb")
    assert code == 422
    assert body["reason"] == "notAClone"
    assert "loose.ipynb is not in a git clone" in body["message"]


@pytest.mark.parametrize("path", ["../outside.ipynb", "/etc/passwd", "courses/../../x"])
async def test_paths_outside_the_root_are_refused(jp_fetch, course, path):
    code, body = await get_error(jp_fetch, path)
    assert code == 403
    assert body["reason"] == "outsideRoot"


async def test_a_link_out_of_the_root_is_refused(jp_fetch, jp_root_dir, tmp_path, course):
    os.symlink(course["remote"], jp_root_dir / "escape")
    code, body = await get_error(jp_fetch, "escape")
    assert code == 403
    assert body["reason"] == "outsideRoot"


async def test_missing_and_empty_paths(jp_fetch, course):
    code, body = await get_error(jp_fetch, "courses/course/nope.ipynb")
    assert (code, body["reason"]) == (404, "notFound")
    code, body = await get_error(jp_fetch, "")
    assert (code, body["reason"]) == (400, "badPath")


async def test_git_is_stopped_after_its_timeout(tmp_path):
    git(tmp_path, "init", "-b", "main")
    # An alias that runs on (as a hook or a credential helper waiting for an answer would),
    # its output away from git's: the answer does not wait for it, and it does not run on.
    # Its sleep has a length of its own, to be found among the machine's processes.
    seconds = f"60.{os.getpid()}"
    slow = f"alias.slow=!exec sleep {seconds} >/dev/null 2>&1"
    with pytest.raises(EnvBuilderError) as error:
        await run_git(["-c", slow, "slow"], str(tmp_path), timeout=0.5)
    assert error.value.status == 504
    assert "longer than 0.5 s" in error.value.message
    assert not running(["sleep", seconds])


def running(command: list[str]) -> bool:
    """Whether a process runs ``command`` (a zombie has no command line)."""
    wanted = "\0".join(command) + "\0"
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if cmdline.read_text() == wanted:
                return True
        except OSError:
            pass  # gone meanwhile
    return False


async def test_without_git_the_answer_says_so(jp_fetch, course, monkeypatch):
    monkeypatch.setenv("PATH", "")
    code, body = await get_error(jp_fetch, "courses/course/lessons/intro.ipynb")
    assert (code, body["reason"]) == (500, "noGit")


def test_public_remote_keeps_other_addresses():
    assert public_remote("git@github.com:org/course.git") == "git@github.com:org/course.git"
    assert public_remote("https://token@github.com/org/c.git") == "https://github.com/org/c.git"
    assert public_remote("https://github.com/org/c.git") == "https://github.com/org/c.git"
