"""A git server over smart HTTP, as GitHub or GitLab serve repositories: the one the tests use.

``git http-backend`` (CGI) behind Python's HTTP server on 127.0.0.1 serves the bare
repositories under a folder, read-only. nbgitpuller clones with ``--depth 1``, which git's dumb
HTTP protocol cannot serve. The pytest suite starts it in-process with :func:`serve`; the
Galata tests run this file (``python githttp.py <folder>``), which prints the URL and serves
until it is stopped. ``make_repository`` makes a bare repository to serve.
"""

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote_to_bytes


class GitHttpHandler(BaseHTTPRequestHandler):
    """Serve the repositories under ``server.project_root`` with git-http-backend."""

    def _serve(self) -> None:
        # http.server decodes the request line as latin-1: recover the bytes.
        raw_path, _, query = self.path.encode("latin-1").partition(b"?")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        env = {
            "PATH": os.environ["PATH"],
            "GIT_PROJECT_ROOT": str(self.server.project_root),  # type: ignore[attr-defined]
            "GIT_HTTP_EXPORT_ALL": "1",
            "REQUEST_METHOD": self.command,
            "PATH_INFO": unquote_to_bytes(raw_path).decode("utf-8"),
            "QUERY_STRING": query.decode("latin-1"),
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(length),
            "REMOTE_ADDR": "127.0.0.1",
        }
        for header, variable in [
            ("Content-Encoding", "HTTP_CONTENT_ENCODING"),
            ("Git-Protocol", "GIT_PROTOCOL"),
        ]:
            if header in self.headers:
                env[variable] = self.headers[header]
        output = subprocess.run(
            ["git", "http-backend"], input=body, env=env, capture_output=True, check=True
        ).stdout
        # CGI headers end at the first blank line; the payload after it is binary (pack data)
        # and must pass untouched.
        ends = [i for i in (output.find(b"\r\n\r\n"), output.find(b"\n\n")) if i >= 0]
        end = min(ends) if ends else len(output)
        separator = 4 if output.startswith(b"\r\n\r\n", end) else 2
        head, payload = output[:end], output[end + separator :]
        status = 200
        headers = []
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.split()[0])
            else:
                headers.append((name, value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = _serve
    do_POST = _serve

    def log_message(self, *args):
        pass


def _server(project_root: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), GitHttpHandler)
    server.project_root = project_root  # type: ignore[attr-defined]
    return server


@contextmanager
def serve(project_root: Path) -> Iterator[str]:
    """Serve the bare repositories under ``project_root``; yields the base URL (ends in /)."""
    server = _server(project_root)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def make_repository(served: Path, files: list[str], branches: list[str]) -> None:
    """A bare repository with `files` on every branch, and a BRANCH file naming it."""
    work = served.parent / f"work-{served.name}"
    work.mkdir()
    git("init", "-q", "-b", branches[0], cwd=work)
    for name in files:
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(json.dumps({"cells": [], "name": name}), encoding="utf-8")
    for branch in branches:
        git("checkout", "-q", "-B", branch, cwd=work)
        (work / "BRANCH").write_text(branch, encoding="utf-8")
        git("add", "-A", cwd=work)
        git("commit", "-q", "-m", f"content of {branch}", cwd=work)
    git("init", "-q", "--bare", str(served), cwd=work)
    git("push", "-q", str(served), *branches, cwd=work)
    git("symbolic-ref", "HEAD", f"refs/heads/{branches[0]}", cwd=served)


def main() -> None:
    server = _server(Path(sys.argv[1]).resolve())
    print(f"http://127.0.0.1:{server.server_address[1]}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
