"""The REST contract: a real Jupyter server with the extension, tested from specification/.

Schemathesis generates requests from ``specification/openapi.yaml`` (valid ones and broken
ones) and checks that no request gets a server error and that every answer has the status,
content type and schema the document promises. A route the server has and the document lacks,
or the other way round, fails too, so neither can move without the other.
"""

import ast
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import schemathesis
from hubprocess import free_port, stop_process
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from jupyterlab_envbuilder.handlers import routes

SPECIFICATION = Path(__file__).resolve().parents[2] / "specification" / "openapi.yaml"
schema = schemathesis.openapi.from_path(SPECIFICATION)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def make_root(root: Path) -> None:
    """An environment folder, and a course clone with a notebook (the documented examples)."""
    (root / "environment").mkdir(parents=True)
    (root / "environment" / "requirements.txt").write_text("numpy\n")
    course = root / "course"
    course.mkdir()
    (course / "lesson.ipynb").write_text("{}\n")
    git(course, "init", "-q", "-b", "main")
    git(course, "add", ".")
    git(course, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "one")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``jupyter server`` with the extension, as a process of its own, on a free port."""
    home = tmp_path_factory.mktemp("home")
    root = home / "work"
    make_root(root)
    token = secrets.token_hex(16)
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JUPYTERHUB_", "ENVBUILDER_", "JUPYTER_IMAGE"))
    }
    env.update(
        HOME=str(home),
        JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        GIT_CONFIG_GLOBAL="/dev/null",
        GIT_CONFIG_NOSYSTEM="1",
    )
    config = {
        "ServerApp": {
            "ip": "127.0.0.1",
            "port": port,
            "port_retries": 0,
            "open_browser": False,
            "allow_root": True,
            "root_dir": str(root),
            "jpserver_extensions": {"jupyterlab_envbuilder": True},
        },
        "IdentityProvider": {"token": token},
        "EnvBuilder": {"data_dir": str(home / "envbuilder")},
    }
    (home / ".jupyter").mkdir()
    (home / ".jupyter" / "jupyter_server_config.json").write_text(json.dumps(config))
    log = (home / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server"], env=env, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            request = urllib.request.Request(
                f"{url}/envbuilder/status", headers={"Authorization": f"token {token}"}
            )
            try:
                with urllib.request.urlopen(request, timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError):
                pass
            assert process.poll() is None, (home / "server.log").read_text()
            assert time.monotonic() < deadline, "jupyter server did not start"
            time.sleep(0.2)
        yield url, {"Authorization": f"token {token}"}
    finally:
        stop_process(process)
        log.close()


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_server_keeps_its_written_contract(case, server):
    url, auth = server
    case.call_and_validate(base_url=url, headers=auth, checks=CHECKS, timeout=30)


def documented(path: str) -> str:
    """A documented path as a route pattern: each ``{name}`` is one group."""
    return re.sub(r"\{[^}]+\}", "()", path)


def registered(pattern: str) -> str:
    return re.sub(r"\([^()]*\)", "()", pattern).replace("\\", "").rstrip("$")


def test_every_route_is_documented_and_every_documented_path_is_a_route():
    spec_paths = {documented(path) for path in schema.raw_schema["paths"]}
    server_paths = {registered(pattern) for pattern, *_ in routes("/", None)}
    assert server_paths == spec_paths


def codes_in_source() -> tuple[set[str], set[str]]:
    """The codes the extension's code can send: refusals (``EnvBuilderError(status, code``) and
    the ``error`` of the failed events the build gateway makes up, read from the source."""
    package = Path(__file__).resolve().parents[1]
    reasons: set[str] = set()
    events: set[str] = set()
    for path in package.rglob("*.py"):
        if {"tests", "hub"} & set(path.relative_to(package).parts):
            continue
        gateway = path.name == "gateway.py"
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and len(node.args) > 1:
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                code = node.args[1]
                if isinstance(code, ast.Constant) and name == "EnvBuilderError":
                    (events if gateway else reasons).add(code.value)
                if isinstance(code, ast.Constant) and name in ("upstream_error", "fail"):
                    events.add(code.value)
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values):
                    if isinstance(key, ast.Constant) and key.value == "error":
                        if isinstance(value, ast.Constant):
                            events.add(value.value)
            if isinstance(node, ast.FunctionDef) and node.name == "explain_status":
                for ret in ast.walk(node):
                    if isinstance(ret, ast.Return) and isinstance(ret.value, ast.Tuple):
                        events.add(ret.value.elts[1].value)
    return reasons, events


def test_every_code_the_server_sends_is_documented_in_camel_case():
    """The Lab page words every documented code (its jest tests read the same lists), so a code
    the document lacks would reach the user as a bare code."""
    reasons, events = codes_in_source()
    documented = schema.raw_schema["components"]["schemas"]
    # Build records replay `interrupted` and `notStarted` as events; the gateway's refusals to
    # start (`notConfigured`, `badSpec`) are HTTP errors as well.
    refusals = reasons - {"interrupted", "notStarted"} | {"notConfigured", "badSpec"}
    assert refusals == set(documented["ErrorReason"]["enum"])
    assert events | {"interrupted", "notStarted"} == set(documented["BuildEventError"]["enum"])
    assert all(re.fullmatch(r"[a-z][A-Za-z]*", code) for code in reasons | events)
