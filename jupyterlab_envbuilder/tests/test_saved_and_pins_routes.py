"""Saved environments and pins through a real jupyter_server with the extension loaded."""

import json

import pytest
from tornado.httpclient import HTTPClientError

from jupyterlab_envbuilder.history import BuildRecord
from jupyterlab_envbuilder.packages import (
    Installed,
    read_installed,
    record_baseline,
    record_resolved,
)


def finished_build(records_dir, provider, spec, image):
    record = BuildRecord(str(records_dir), provider, spec)
    record.add({"phase": "building", "message": "Step 1/9\n"})
    record.finish("built" if image else "failed", image, None if image else "pip failed")
    return record.id


async def call(jp_fetch, *path, method="GET", body=None, **kwargs):
    if body is not None:
        kwargs["body"] = json.dumps(body)
    response = await jp_fetch("envbuilder", *path, method=method, **kwargs)
    return response.code, (json.loads(response.body) if response.body else None)


async def refused(jp_fetch, *path, **kwargs):
    with pytest.raises(HTTPClientError) as error:
        await call(jp_fetch, *path, **kwargs)
    body = error.value.response.body
    # A path that matches no route gets the server's HTML page.
    return error.value.code, json.loads(body) if body.startswith(b"{") else {}


async def test_save_rename_delete_a_built_environment(jp_fetch, envbuilder_config):
    records = f"{envbuilder_config['data_dir']}/builds"
    built = finished_build(records, "gh", "org/analysis/v1", "registry.example.org/analysis:abc")
    failed = finished_build(records, "gh", "org/analysis/v2", None)

    code, entry = await call(
        jp_fetch, "saved", method="POST", body={"buildId": built, "name": "Analysis 2024"}
    )
    assert code == 201
    assert entry["image"] == "registry.example.org/analysis:abc"
    assert entry["source"]["spec"] == "gh/org/analysis/v1"
    assert entry["buildId"] == built

    # A failed build has no image; the same name twice is one too many.
    assert (await refused(jp_fetch, "saved", method="POST", body={"buildId": failed, "name": "x"}))[
        1
    ]["reason"] == "notBuilt"
    assert (
        await refused(
            jp_fetch, "saved", method="POST", body={"buildId": built, "name": "analysis 2024"}
        )
    )[1]["reason"] == "nameTaken"
    assert (await refused(jp_fetch, "saved", method="POST", body={"buildId": built}))[0] == 400

    _, renamed = await call(
        jp_fetch,
        "saved",
        entry["id"],
        method="PATCH",
        body={"name": "Thesis", "description": "chapter 3"},
    )
    assert (renamed["name"], renamed["description"]) == ("Thesis", "chapter 3")
    _, listing = await call(jp_fetch, "saved")
    assert [e["name"] for e in listing["environments"]] == ["Thesis"]

    code, _ = await call(jp_fetch, "saved", entry["id"], method="DELETE")
    assert code == 204
    assert (await call(jp_fetch, "saved"))[1] == {"environments": []}
    assert (await refused(jp_fetch, "saved", entry["id"], method="DELETE"))[0] == 404
    assert (await refused(jp_fetch, "saved", "../etc", method="DELETE"))[0] == 404


async def test_pins_are_proposed_then_written_only_when_accepted(
    jp_fetch, jp_root_dir, envbuilder_config
):
    folder = jp_root_dir / "environment"
    folder.mkdir()
    (folder / "requirements.txt").write_text("jupyter_server>=2\n", encoding="utf-8")
    installed = read_installed()
    version = installed.pip["jupyter-server"]

    # No record of the start yet: no drift is claimed.
    _, proposal = await call(jp_fetch, "pins", params={"folder": "environment"})
    assert proposal["drift"] is None
    (change,) = proposal["changes"]
    assert f"+jupyter_server=={version}" in change["diff"]
    assert (folder / "requirements.txt").read_text() == "jupyter_server>=2\n"

    # What this environment had at the start, minus one package: it shows as drift.
    installed.pip.pop("tornado")
    record_baseline(envbuilder_config["data_dir"], installed)
    _, proposal = await call(jp_fetch, "pins", params={"folder": "environment"})
    assert [d["name"] for d in proposal["drift"]] == ["tornado"]

    _code, written = await call(
        jp_fetch, "pins", method="POST", body={"folder": "environment", "changes": [change]}
    )
    assert written == {"written": ["requirements.txt"]}
    assert (folder / "requirements.txt").read_text() == f"jupyter_server=={version}\n"
    # The same proposal again: the file moved on, so nothing is overwritten.
    status, error = await refused(
        jp_fetch, "pins", method="POST", body={"folder": "environment", "changes": [change]}
    )
    assert (status, error["reason"]) == (409, "fileChanged")
    for bad in ({"changes": "all"}, {"changes": [{"file": "../../.bashrc"}]}):
        assert (await refused(jp_fetch, "pins", method="POST", body=bad))[0] in (400, 404)
    assert (await refused(jp_fetch, "pins", params={"folder": "../.."}))[0] == 400


async def test_a_build_record_keeps_what_its_image_resolved_to(jp_fetch, envbuilder_config):
    data_dir = envbuilder_config["data_dir"]
    image = "registry.example.org/analysis:abc"
    built = finished_build(f"{data_dir}/builds", "gh", "org/analysis/v1", image)
    _, record = await call(jp_fetch, "builds", built)
    assert "resolved" not in record
    _, history = await call(jp_fetch, "builds")
    assert [b["packagesRecorded"] for b in history["builds"]] == [False]

    # The first server started on the image records what it has; a later start with a
    # package installed by hand does not change it.
    first = Installed(pip={"six": "1.16.0"}, display={"six": "six"})
    assert record_resolved(data_dir, image, first)
    later = Installed(pip={"six": "1.16.0", "tqdm": "4.0"}, display={})
    assert not record_resolved(data_dir, image, later)
    _, record = await call(jp_fetch, "builds", built)
    assert record["resolved"]["image"] == image
    assert record["resolved"]["installed"]["pip"] == {"six": "1.16.0"}
    # Another image's record is not given this list.
    other = finished_build(
        f"{data_dir}/builds", "gh", "org/analysis/v2", "registry.example.org/x:1"
    )
    assert "resolved" not in (await call(jp_fetch, "builds", other))[1]
    # The history says which builds can be compared, without sending the lists.
    _, history = await call(jp_fetch, "builds")
    recorded = {b["id"]: b["packagesRecorded"] for b in history["builds"]}
    assert recorded == {built: True, other: False}
    assert all("resolved" not in b for b in history["builds"])


async def test_the_packages_of_an_image_and_of_the_running_server(jp_fetch, envbuilder_config):
    data_dir = envbuilder_config["data_dir"]
    image = "registry.example.org/analysis:abc"
    # Before any server started on the image, its list is not known, and says so.
    _, unknown = await call(jp_fetch, "packages", params={"image": image})
    assert unknown == {"image": image, "recordedAt": None, "installed": None, "running": False}

    record_resolved(data_dir, image, Installed(pip={"six": "1.16.0"}, display={"six": "six"}))
    _, known = await call(jp_fetch, "packages", params={"image": image})
    assert known["installed"]["pip"] == {"six": "1.16.0"}
    assert known["recordedAt"] and not known["running"]

    # Without an image: what this server runs now, read from its own environment.
    _, running = await call(jp_fetch, "packages")
    assert running["running"] and running["recordedAt"] is None
    assert "jupyter-server" in running["installed"]["pip"]
