"""The capability route: the snapshot repository over git's dumb HTTP, without Jupyter auth."""

import asyncio
import json
import os

from envfolder import FILES, tree_state, write_env
from tornado.httpclient import AsyncHTTPClient


async def snapshot(jp_fetch, root, files=FILES):
    write_env(root / "environment", files)
    response = await jp_fetch(
        "envbuilder", "snapshots", method="POST", body=json.dumps({"folder": "environment"})
    )
    return json.loads(response.body)


async def anonymous(url, method="GET", body=None):
    """A request with no Jupyter credentials at all, as the build service makes it."""
    return await AsyncHTTPClient().fetch(
        url, method=method, body=body, raise_error=False, follow_redirects=False
    )


async def run_git(*args, cwd=None, home):
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_TERMINAL_PROMPT": "0",
    }
    proc = await asyncio.create_subprocess_exec(
        "git",
        *args,
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await proc.communicate()
    assert proc.returncode == 0, out.decode()
    return out.decode().strip()


async def test_git_clone_over_http_gives_the_exact_commit(
    jp_fetch, jp_root_dir, tmp_path, server_url
):
    reply = await snapshot(jp_fetch, jp_root_dir)
    assert reply["repoUrl"].startswith(server_url)
    clone = tmp_path / "clone"
    await run_git("clone", "--no-checkout", reply["repoUrl"], str(clone), home=tmp_path)
    await run_git("reset", "--hard", reply["sha"], cwd=clone, home=tmp_path)

    assert await run_git("rev-parse", "HEAD", cwd=clone, home=tmp_path) == reply["sha"]
    for name, content in FILES.items():
        assert (clone / name).read_bytes() == content
    assert os.access(clone / "postBuild", os.X_OK)
    assert not os.access(clone / "requirements.txt", os.X_OK)
    assert sorted(p.name for p in clone.iterdir()) == sorted(
        {".git", "apt.txt", "binder", "postBuild", "requirements.txt"}
    )


async def test_an_earlier_snapshot_stays_reachable(jp_fetch, jp_root_dir, tmp_path):
    first = await snapshot(jp_fetch, jp_root_dir)
    second = await snapshot(jp_fetch, jp_root_dir, {**FILES, "apt.txt": b"curl\n"})
    assert first["sha"] != second["sha"] and first["repoUrl"] == second["repoUrl"]
    clone = tmp_path / "clone"
    await run_git("clone", "--no-checkout", first["repoUrl"], str(clone), home=tmp_path)
    await run_git("reset", "--hard", first["sha"], cwd=clone, home=tmp_path)
    assert (clone / "apt.txt").read_bytes() == FILES["apt.txt"]
    assert await run_git("rev-parse", "origin/main", cwd=clone, home=tmp_path) == second["sha"]


async def test_files_of_the_repository_with_git_content_types(jp_fetch, jp_root_dir):
    reply = await snapshot(jp_fetch, jp_root_dir)
    base = reply["repoUrl"]
    refs = await anonymous(f"{base}/info/refs?service=git-upload-pack")
    assert refs.code == 200
    assert refs.headers["Content-Type"].startswith("text/plain")
    assert f"{reply['sha']}\trefs/heads/main" in refs.body.decode()

    head = await anonymous(f"{base}/HEAD")
    assert head.body == b"ref: refs/heads/main\n"
    obj = await anonymous(f"{base}/objects/{reply['sha'][:2]}/{reply['sha'][2:]}")
    assert obj.code == 200
    assert obj.headers["Content-Type"] == "application/x-git-loose-object"
    assert "immutable" in obj.headers["Cache-Control"]

    head_only = await anonymous(f"{base}/objects/{reply['sha'][:2]}/{reply['sha'][2:]}", "HEAD")
    assert head_only.code == 200 and head_only.body == b""
    assert int(head_only.headers["Content-Length"]) == len(obj.body)

    packs = await anonymous(f"{base}/objects/info/packs")
    assert packs.code == 200


async def test_nothing_else_is_served(jp_fetch, jp_root_dir, server_url):
    reply = await snapshot(jp_fetch, jp_root_dir)
    base = reply["repoUrl"]
    capability = base.rsplit("/", 1)[1][: -len(".git")]
    other = "0" * 32 if capability != "0" * 32 else "1" * 32
    for url in [
        f"{server_url}envbuilder/snapshots/{other}.git/info/refs",  # another capability
        f"{server_url}envbuilder/snapshots/{capability}/info/refs",  # not the repository
        f"{base}/config",
        f"{base}/description",
        f"{base}/hooks/pre-receive.sample",
        f"{base}/refs/heads/main",
        f"{base}/objects/info/alternates",
        f"{base}/../../../snapshot-secret",
        f"{base}/%2e%2e/snapshot-secret",
        f"{base}/objects/..%2f..%2fsnapshot-secret",
        f"{base}/info/refs/../../../snapshot-secret",
        f"{base}/objects/00/{'0' * 38}",  # well-formed, absent
    ]:
        response = await anonymous(url)
        assert response.code == 404, url
        assert reply["sha"].encode() not in response.body


async def test_it_is_read_only(jp_fetch, jp_root_dir, envbuilder_config):
    reply = await snapshot(jp_fetch, jp_root_dir)
    before = tree_state(envbuilder_config["data_dir"])
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        body = None if method == "DELETE" else b"0000"
        response = await anonymous(f"{reply['repoUrl']}/info/refs", method, body)
        assert 400 <= response.code < 500, method
    assert tree_state(envbuilder_config["data_dir"]) == before


async def test_no_snapshot_yet_means_no_repository(server_url):
    response = await anonymous(f"{server_url}envbuilder/snapshots/{'a' * 32}.git/info/refs")
    assert response.code == 404


async def test_many_snapshots_are_packed_and_still_clone(jp_fetch, jp_root_dir, tmp_path):
    """After many snapshots the repository is a pack, not hundreds of loose files, and a
    dumb-HTTP clone still gets each kept snapshot exactly."""
    replies = [
        await snapshot(jp_fetch, jp_root_dir, {**FILES, "apt.txt": f"tool-{i}\n".encode()})
        for i in range(45)
    ]
    repo = tmp_path / "envbuilder-data" / "snapshots.git"  # conftest's data folder
    packs = list((repo / "objects" / "pack").glob("pack-*.pack"))
    loose = list((repo / "objects").glob("??/*"))
    assert packs, "no pack after 45 snapshots"
    assert len(loose) < 45 * 3
    listing = (await anonymous(f"{replies[-1]['repoUrl']}/objects/info/packs")).body.decode()
    assert all(f"P {p.name}" in listing for p in packs)
    for reply in (replies[-1], replies[-20]):
        clone = tmp_path / f"clone-{reply['sha']}"
        await run_git("clone", "--no-checkout", reply["repoUrl"], str(clone), home=tmp_path)
        await run_git("reset", "--hard", reply["sha"], cwd=clone, home=tmp_path)
        assert await run_git("rev-parse", "HEAD", cwd=clone, home=tmp_path) == reply["sha"]
        index = replies.index(reply)
        assert (clone / "apt.txt").read_bytes() == f"tool-{index}\n".encode()
