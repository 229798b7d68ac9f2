"""Where a notebook stands in git: the clone it lives in, its remote, branch and state.

The Share section pre-fills a launch link from the clone a notebook lives in (remote, branch,
path in the repository) and warns when students would not get what the instructor sees:
changes not committed, commits not pushed, a branch the remote does not have.
"""

import asyncio
import os
import signal
from pathlib import PurePath
from subprocess import DEVNULL, PIPE
from typing import Any, Optional
from urllib.parse import urlsplit, urlunsplit

from .errors import EnvBuilderError

# Seconds one git command may take; `git status` in a large home is the slow one.
GIT_TIMEOUT = 15.0
# The answer lists at most this many changed files (it always gives their number).
MAX_LISTED_FILES = 100


async def run_git(args: list[str], cwd: str, timeout: float = GIT_TIMEOUT) -> tuple[int, str, str]:
    """Run ``git <args>`` in ``cwd``: (exit code, stdout, stderr). The one place git runs here.

    Never prompts (no terminal, no credential helper questions), takes no optional locks (the
    instructor may be using git in a terminal at the same time), and is killed after ``timeout``
    with what it started (a hook, a credential helper, an alias), which would otherwise hold
    its output open, and the answer, until they end.
    """
    env = {
        **os.environ,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_OPTIONAL_LOCKS": "0",
        "LC_ALL": "C",
    }
    try:
        proc = await asyncio.create_subprocess_exec(
            "git",
            *args,
            cwd=cwd,
            stdin=DEVNULL,
            stdout=PIPE,
            stderr=PIPE,
            env=env,
            start_new_session=True,
        )
    except FileNotFoundError as e:
        raise EnvBuilderError(
            500, "noGit", "git is not installed on this server, so its clones cannot be read."
        ) from e
    try:
        out, err = await asyncio.wait_for(proc.communicate(), timeout)
    except asyncio.TimeoutError as e:
        os.killpg(proc.pid, signal.SIGKILL)
        await proc.wait()
        raise EnvBuilderError(
            504,
            "timeout",
            f"git {args[0]} took longer than {timeout:g} s; try again.",
            seconds=timeout,
        ) from e
    return proc.returncode or 0, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


async def _git_value(args: list[str], cwd: str) -> Optional[str]:
    """The first line git prints, or None when the command fails (e.g. no upstream)."""
    code, out, _ = await run_git(args, cwd)
    value = out.strip()
    return value if code == 0 and value else None


def resolve_path(root_dir: str, path: str) -> tuple[str, str]:
    """The real path of ``path`` under the server root and the folder to run git in.

    Refuses anything outside the root, also through a symbolic link.
    """
    if not path or "\0" in path:
        raise EnvBuilderError(
            400, "badPath", "Give the notebook's path, relative to the server root."
        )
    root = os.path.realpath(root_dir)
    full = os.path.realpath(os.path.join(root, path))
    if os.path.commonpath([root, full]) != root:
        raise EnvBuilderError(
            403,
            "outsideRoot",
            f"{path} is outside the folder this server shows (its root).",
            path=path,
        )
    if not os.path.exists(full):
        raise EnvBuilderError(404, "notFound", f"{path} does not exist.", path=path)
    return full, full if os.path.isdir(full) else os.path.dirname(full)


def clone_paths(root_dir: str, full: str, toplevel: str) -> tuple[str, str, str]:
    """The clone's real root; that root relative to the server root (absolute when the clone
    holds the server root); and the shared path inside the clone ('' for the clone itself)."""
    root = os.path.realpath(root_dir)
    top = os.path.realpath(toplevel)
    repo_root = PurePath(os.path.relpath(top, root)).as_posix()
    if os.path.commonpath([root, top]) != root:
        repo_root = top
    path_in_repo = PurePath(os.path.relpath(full, top)).as_posix()
    return top, repo_root, "" if path_in_repo == "." else path_in_repo


def public_remote(url: str) -> str:
    """The remote's address without a user name or password: a link must never carry them."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and "@" in parts.netloc:
        host = parts.netloc.rsplit("@", 1)[1]
        return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return url


def _changed_files(porcelain: str) -> list[str]:
    """Paths from ``git status --porcelain=v1 -z``; a rename lists its new path only."""
    files = []
    entries = iter(porcelain.split("\0"))
    for entry in entries:
        if len(entry) < 4:
            continue
        files.append(entry[3:])
        if entry[0] in "RC":
            next(entries, None)  # the original path of a rename or copy
    return files


def _covers(changed: str, path_in_repo: str) -> bool:
    """Whether a changed file is the shared path, lies inside it, or is a folder holding it."""
    if not path_in_repo:
        return True
    changed = changed.rstrip("/")
    return (
        changed == path_in_repo
        or changed.startswith(path_in_repo + "/")
        or path_in_repo.startswith(changed + "/")
    )


async def git_info(root_dir: str, path: str) -> dict[str, Any]:
    """Remote, branch and state of the git clone that holds ``path``."""
    full, cwd = resolve_path(root_dir, path)

    code, out, err = await run_git(["rev-parse", "--show-toplevel"], cwd)
    if code != 0:
        if "not a git repository" in err:
            raise EnvBuilderError(422, "notAClone", f"{path} is not in a git clone.", path=path)
        raise EnvBuilderError(
            422,
            "gitError",
            f"git cannot read the clone of {path}: {err.strip()}",
            detail=err.strip(),
        )
    top, repo_root, path_in_repo = clone_paths(root_dir, full, out.strip())

    branch = await _git_value(["symbolic-ref", "--quiet", "--short", "HEAD"], top)
    upstream = remote = remote_branch = None
    if branch is not None:
        upstream = await _git_value(
            ["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"], top
        )
        remote = await _git_value(["config", "--get", f"branch.{branch}.remote"], top)
        merge = await _git_value(["config", "--get", f"branch.{branch}.merge"], top)
        if upstream is not None and merge is not None:
            remote_branch = merge.removeprefix("refs/heads/")
    if remote is None or remote == ".":
        remotes = (await _git_value(["remote"], top) or "").split()
        remote = "origin" if "origin" in remotes else (remotes[0] if remotes else None)
    remote_url = None
    if remote is not None:
        url = await _git_value(["remote", "get-url", remote], top)
        remote_url = public_remote(url) if url else None

    code, porcelain, err = await run_git(
        ["status", "--porcelain=v1", "-z", "--untracked-files=all"], top
    )
    if code != 0:
        raise EnvBuilderError(
            422, "gitError", f"git status failed in {path}: {err.strip()}", detail=err.strip()
        )
    changed = _changed_files(porcelain)

    has_commits = await _git_value(["rev-parse", "--verify", "--quiet", "HEAD"], top) is not None
    unpushed = 0
    if has_commits:
        # Commits no remote has, as far as this clone knows (its last fetch).
        count_args = (
            ["rev-list", "--count", "@{upstream}..HEAD"]
            if upstream is not None
            else ["rev-list", "--count", "HEAD", "--not", "--remotes"]
        )
        unpushed = int(await _git_value(count_args, top) or 0)
    tracked = has_commits and (
        await _git_value(["ls-files", "--full-name", "--", path_in_repo or "."], top) is not None
    )

    return {
        "path": path,
        "repoRoot": repo_root,
        "pathInRepo": path_in_repo,
        "remote": remote,
        "remoteUrl": remote_url,
        "branch": branch,
        "remoteBranch": remote_branch,
        "upstream": upstream,
        "dirty": bool(changed),
        "dirtyFiles": changed[:MAX_LISTED_FILES],
        "dirtyCount": len(changed),
        "unpushed": unpushed,
        "pathTracked": tracked,
        "pathChanged": any(_covers(f, path_in_repo) for f in changed),
    }
