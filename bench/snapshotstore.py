"""Snapshot store: what a push costs next to the snapshot itself, and builds avoided.

On the dev hub (which runs the snapshot store as the hub service ``snapshots``):

- **push cost**: an environment folder of five typical files (about 2 KiB) is snapshotted
  in this process exactly as the server extension does it: with a store, read the folder and
  compute the content-addressed commit in memory; without one, also write it into the
  server's own bare repository (both measured, in turns). It is then pushed to the store through the
  hub's proxy with a user's token, as a server will: a **new** snapshot each round (the
  store rebuilds and checks the commit, writes its repository), the **same** files again
  (checked, nothing written), and a **use** of a snapshot the store has (what a build of
  known files sends). In turns, the order rotating.
- **builds avoided**: N users publish the same files as their servers do (``uses``, and a
  push only when the store answers 404) and ask the build service (the local one,
  repo2docker's dry run) for the spec ``git/<store URL>/<sha>``: with the store, one push,
  one build and N - 1 cache hits; the per-user repositories before it made N builds.
"""

import base64
import json
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from devhub import DevHub
from report import machine, machine_text, ratio, ratio_text, spread, summary, table

from jupyterlab_envbuilder.snapshots import Limits, spec_for, take_snapshot

FILES = {
    "requirements.txt": "numpy==2.1.0\npandas==2.2.3\nmatplotlib==3.9.2\nscikit-learn==1.5.2\n",
    "environment.yml": "name: course\nchannels: [conda-forge]\ndependencies:\n  - python=3.12\n",
    "apt.txt": "graphviz\nlibgl1\n",
    "postBuild": "#!/bin/sh\njupyter labextension list\n" + "# setup\n" * 100,
    "runtime.txt": "python-3.12\n",
}


def write_folder(folder: Path, marker: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        (folder / name).write_text(text + (f"# {marker}\n" if name == "requirements.txt" else ""))
    (folder / "postBuild").chmod(0o755)


def body_of(files: list) -> dict[str, Any]:
    return {
        "files": [
            {"path": f.path, "executable": f.executable, "data": base64.b64encode(f.data).decode()}
            for f in files
        ]
    }


def build_phases(client: httpx.Client, hub: DevHub, spec: str, token: str) -> list[str]:
    headers = {"Authorization": f"token {token}", "Accept": "text/event-stream"}
    url = f"{hub.service_url}build/{spec}?build_only=true"
    phases = []
    with client.stream("GET", url, headers=headers) as response:
        for line in response.iter_lines():
            if line.startswith("data:"):
                event = json.loads(line[5:])
                phases.append(str(event.get("phase", "")).lower())
                if phases[-1] in ("ready", "failed"):
                    break
    return phases


def timed_put(client: httpx.Client, url: str, body: dict, headers: dict, expected: int) -> float:
    start = time.perf_counter()
    answer = client.put(url, json=body, headers=headers)
    took = (time.perf_counter() - start) * 1000
    if answer.status_code != expected:
        raise RuntimeError(f"push: HTTP {answer.status_code} {answer.text}")
    return took


def timed_use(client: httpx.Client, url: str, headers: dict) -> float:
    start = time.perf_counter()
    answer = client.post(url + "/uses", headers=headers)
    took = (time.perf_counter() - start) * 1000
    answer.raise_for_status()
    return took


def run(hub: DevHub, rounds: int = 15, users: int = 5) -> dict[str, Any]:
    before = machine()
    tokens = [hub.login(f"benchstore{i}") for i in range(users)]
    token = tokens[0]
    headers = {"Authorization": f"token {token}"}
    store = hub.store_url
    samples: dict[str, list[float]] = {
        "memory": [],
        "snapshot": [],
        "new": [],
        "same": [],
        "use": [],
    }
    with tempfile.TemporaryDirectory() as tmp, httpx.Client(timeout=60, trust_env=False) as client:
        root = Path(tmp)
        for round_ in range(rounds + 1):
            write_folder(root / "environment", f"round {round_} {time.time_ns()}")
            taken = {}
            # In memory (with a store) and written here (without one), the order rotating.
            for key in ("memory", "snapshot") if round_ % 2 else ("snapshot", "memory"):
                repo = str(root / "repo.git") if key == "snapshot" else None
                start = time.perf_counter()
                snapshot = take_snapshot(str(root), "environment", repo, Limits())
                taken[key] = (time.perf_counter() - start) * 1000
                if repo is None:
                    # Every file's bytes (a repository's stat cache may skip reading some).
                    body = body_of(snapshot.files)
            url = f"{store}api/snapshots/{snapshot.sha}"
            taken["new"] = timed_put(client, url, body, headers, 201)
            # The same push and a use, in turns (the new push must come first).
            if round_ % 2:
                same = timed_put(client, url, body, headers, 200)
                taken["same"], taken["use"] = same, timed_use(client, url, headers)
            else:
                use = timed_use(client, url, headers)
                taken["use"], taken["same"] = use, timed_put(client, url, body, headers, 200)
            if round_ > 0:  # round 0 warms up (the hub's token cache, imports)
                for key, value in taken.items():
                    samples[key].append(value)

        # N users, the same files: one URL, one spec, one build.
        write_folder(root / "course", f"course {time.time_ns()}")
        course = take_snapshot(str(root), "course", None, Limits())
        urls = set()
        builds = hits = pushes = 0
        for user_token in tokens:
            user_headers = {"Authorization": f"token {user_token}"}
            course_url = f"{store}api/snapshots/{course.sha}"
            # As publish() does it: tell the store the snapshot is used; push only if new.
            answer = client.post(course_url + "/uses", headers=user_headers)
            if answer.status_code == 404:
                answer = client.put(course_url, json=body_of(course.files), headers=user_headers)
                pushes += 1
            answer.raise_for_status()
            urls.add(answer.json()["url"])
            phases = build_phases(client, hub, spec_for(answer.json()["url"], course.sha), token)
            if phases[-1] != "ready":
                raise RuntimeError(f"build failed: {phases}")
            if phases == ["ready"]:
                hits += 1
            else:
                builds += 1
    payload = len(json.dumps(body_of(course.files)))
    return {
        "name": "snapshotstore",
        "rounds": rounds,
        "machine_before": before,
        "machine_after": machine(),
        "files": len(FILES),
        "bytes": sum(len(t) for t in FILES.values()),
        "push_body_bytes": payload,
        "ms": {key: {**summary(values), "samples": values} for key, values in samples.items()},
        "ratio_new_push_to_snapshot": ratio(samples["new"], samples["snapshot"]),
        "ratio_use_to_snapshot": ratio(samples["use"], samples["snapshot"]),
        "ratio_new_push_to_memory": ratio(samples["new"], samples["memory"]),
        "ratio_use_to_memory": ratio(samples["use"], samples["memory"]),
        "pushes": pushes,
        "users": users,
        "distinct_urls": len(urls),
        "builds": builds,
        "cache_hits": hits,
        "spec_example": f"git/{quote(next(iter(urls)), safe='')}/{course.sha}",
    }


def render(result: dict[str, Any]) -> str:
    ms = result["ms"]
    rows = [
        ["snapshot in memory (with a store)", spread(ms["memory"], 1), "", ""],
        ["snapshot written here (no store)", spread(ms["snapshot"], 1), "", ""],
        [
            "push of a new snapshot",
            spread(ms["new"], 1),
            ratio_text(result["ratio_new_push_to_memory"]),
            ratio_text(result["ratio_new_push_to_snapshot"]),
        ],
        ["push of the same files again", spread(ms["same"], 1), "", ""],
        [
            "use of a stored snapshot",
            spread(ms["use"], 1),
            ratio_text(result["ratio_use_to_memory"]),
            ratio_text(result["ratio_use_to_snapshot"]),
        ],
    ]
    text = table(
        f"Snapshot store: {result['files']} files, {result['bytes']:,} bytes "
        f"({result['push_body_bytes']:,} bytes pushed), {result['rounds']} rounds, ms",
        ["", "ms", "/ in memory", "/ written here"],
        rows,
    )
    n = result["users"]
    return (
        f"{text}\n\n{n} users with the same files: {result['distinct_urls']} snapshot URL, "
        f"{result['pushes']} push ({result['push_body_bytes']:,} bytes sent once, "
        f"{n - result['pushes']} uses), {result['builds']} build, {result['cache_hits']} "
        f"cache hits ({n - result['builds']} builds avoided; per-user repositories made {n})\n"
        + machine_text(result["machine_before"], result["machine_after"])
    )
