"""Builds on this machine: image names, one build per (repository, SHA), repo2docker.

With a container engine repo2docker builds the image. Without one it runs as
``repo2docker --no-build``: it clones the repository and prints the Dockerfile it would build,
and every event says that no image was built (``"dryRun": true``).
"""

import asyncio
import hashlib
import json
import logging
import os
import string
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

import docker
import escapism

from ...eventstream import EventLog, parse_json

log = logging.getLogger(__name__)

R2D_CONFIG = str(Path(__file__).with_name("repo2docker_config.py"))
DRY_RUN_NOTICE = "Dry run: no container engine here, no image was built"
# repo2docker prints a whole Dockerfile or a long pip line at once: a line longer than this
# is passed on in pieces of about this size.
_LINE_LIMIT = 16 * 1024 * 1024
# Output is read this much at a time and cut into lines here: reading it line by line cost a
# round of the event loop per line, a quarter of the service's time on a 50,000-line log.
_READ_BYTES = 256 * 1024
_SLUG_SAFE = set(string.ascii_letters + string.digits)


def _safe_slug(slug: str, limit: int, hash_length: int = 6) -> str:
    """Escaped slug cut to ``limit`` with a hash of the whole: BinderHub's image-name scheme."""
    digest = hashlib.sha256(slug.encode("utf-8")).hexdigest()[:hash_length]
    escaped = escapism.escape(slug, safe=_SLUG_SAFE, escape_char="-")
    return f"{escaped[: limit - hash_length - 1]}-{digest}".lower()


def image_name(prefix: str, repo_url: str, ref: str) -> str:
    """``<prefix><escaped repo URL>-<hash>:<ref>``, named as BinderHub names its images."""
    slug = _safe_slug(repo_url, limit=255 - len(prefix))
    return f"{prefix}{slug}:{ref}".replace("_", "-").lower()


def container_engine_available() -> bool:
    """Whether a docker daemon answers (``$DOCKER_HOST`` or the default socket)."""
    try:
        client = docker.from_env(timeout=3)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        return False


def image_exists(name: str) -> bool:
    client = docker.from_env(timeout=10)
    try:
        client.images.get(name)
    except docker.errors.ImageNotFound:
        return False
    finally:
        client.close()
    return True


async def run_command(
    cmd: list[str], on_line: Callable[[str, str], None], extra_env: Optional[dict] = None
) -> int:
    """Run ``cmd``, calling ``on_line(stream, line)`` for each line of stdout and stderr
    (with its newline; the last one without, if the output does not end in one).

    The one place the service runs a subprocess. Returns the exit code.
    """
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", **(extra_env or {}))
    proc = await asyncio.create_subprocess_exec(
        *cmd,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
        limit=_READ_BYTES,
    )

    async def pump(stream: Optional[asyncio.StreamReader], name: str) -> None:
        assert stream is not None
        # The line not ended yet, in the pieces it came in, and their size.
        pending: list[bytes] = []
        size = 0
        while True:
            chunk = await stream.read(_READ_BYTES)
            if not chunk:
                break
            if b"\n" not in chunk:
                pending.append(chunk)
                size += len(chunk)
                if size >= _LINE_LIMIT:
                    on_line(name, b"".join(pending).decode("utf-8", "replace"))
                    pending, size = [], 0
                continue
            lines = chunk.split(b"\n")
            if pending:
                lines[0] = b"".join(pending) + lines[0]
            last = lines.pop()
            pending, size = ([last], len(last)) if last else ([], 0)
            for line in lines:
                on_line(name, (line + b"\n").decode("utf-8", "replace"))
        if pending:
            on_line(name, b"".join(pending).decode("utf-8", "replace"))

    await asyncio.gather(pump(proc.stdout, "stdout"), pump(proc.stderr, "stderr"))
    return await proc.wait()


class LocalBuild:
    def __init__(
        self, repo_url: str, ref: str, image: str, dry_run: bool, requested_by: str = ""
    ) -> None:
        self.repo_url = repo_url
        # The hub user whose request started the build (the URL names no user).
        self.requested_by = requested_by
        self.ref = ref
        self.image = image
        self.dry_run = dry_run
        self.log = EventLog()
        self.task: Optional[asyncio.Task] = None

    def add(self, event: dict[str, Any]) -> None:
        if self.dry_run:
            event["dryRun"] = True
        self.log.append(event)

    def add_line(self, stream: str, line: str) -> None:
        """repo2docker's JSON log lines as they are; anything else as a log line."""
        event = None
        # Only a line that may be a JSON object is parsed: failing to parse costs more than
        # the rest of a line's way, and a dry run's Dockerfile or a wrapper's log is all text.
        if line.lstrip().startswith("{"):
            event = parse_json(line.strip(" \t\r\n"))
        if isinstance(event, dict):
            self.add(event)
            return
        # In a dry run stdout is the Dockerfile repo2docker would build.
        phase = "building" if self.dry_run and stream == "stdout" else "unknown"
        event = {"phase": phase, "message": line}
        if self.dry_run:
            event["dryRun"] = True
        # What json.dumps(event) gives, without encoding the dict: half the time per line.
        dry_run = ', "dryRun": true' if self.dry_run else ""
        self.log.append(event, f'{{"phase": "{phase}", "message": {json.dumps(line)}{dry_run}}}')


class Builder:
    """The builds of this service: running ones, and what has been built."""

    def __init__(
        self,
        *,
        image_prefix: str,
        container_engine: str,
        repo2docker_command: Optional[list[str]] = None,
        appendix: str = "",
    ) -> None:
        self.image_prefix = image_prefix
        self.appendix = appendix
        self.container_engine = container_engine
        self.repo2docker_command = repo2docker_command or [sys.executable, "-m", "repo2docker"]
        self.running: dict[tuple[str, str], LocalBuild] = {}
        # A dry run builds nothing an engine could be asked about: remember what passed.
        self.dry_runs_done: set[str] = set()

    async def dry_run(self) -> bool:
        if self.container_engine == "none":
            return True
        if self.container_engine == "docker":
            return False
        return not await asyncio.get_running_loop().run_in_executor(
            None, container_engine_available
        )

    def image_for(self, repo_url: str, ref: str) -> str:
        return image_name(self.image_prefix, repo_url, ref)

    async def find_image(self, image: str, dry_run: bool) -> bool:
        if dry_run:
            return image in self.dry_runs_done
        return await asyncio.get_running_loop().run_in_executor(None, image_exists, image)

    @staticmethod
    def found_event(image: str, dry_run: bool) -> dict[str, Any]:
        """The answer to a build of what was built before: ``ready`` at once."""
        if dry_run:
            return {
                "phase": "ready",
                "imageName": image,
                "message": f"Done! Found built image from an earlier dry run. {DRY_RUN_NOTICE}\n",
                "dryRun": True,
            }
        return {"phase": "ready", "imageName": image, "message": "Done! Found built image\n"}

    async def build(
        self, repo_url: str, ref: str, requested_by: str = ""
    ) -> "LocalBuild | dict[str, Any]":
        """The running build of (repository, SHA) to attach to, else a new one, or the
        ``ready`` event when it was built before."""
        key = (repo_url, ref)
        if key in self.running:
            return self.running[key]
        dry_run = await self.dry_run()
        image = self.image_for(repo_url, ref)
        found = await self.find_image(image, dry_run)
        # Another request may have started it while this one looked.
        if key in self.running:
            return self.running[key]
        if found:
            return self.found_event(image, dry_run)
        build = LocalBuild(repo_url, ref, image, dry_run, requested_by)
        self.running[key] = build
        build.task = asyncio.ensure_future(self._run(build))
        return build

    def command(self, build: LocalBuild) -> list[str]:
        cmd = [
            *self.repo2docker_command,
            "--config",
            R2D_CONFIG,
            f"--ref={build.ref}",
            f"--image-name={build.image}",
            "--no-run",
            "--json-logs",
            "--user-name=jovyan",
            "--user-id=1000",
        ]
        if self.appendix:
            cmd.append(f"--appendix={self.appendix}")
        if build.dry_run:
            cmd.append("--no-build")
        # The repository last, so that it cannot be taken for an option.
        return [*cmd, build.repo_url]

    async def _run(self, build: LocalBuild) -> None:
        try:
            await self._build(build)
        except Exception as e:
            log.exception("Build of %s at %s failed", build.repo_url, build.ref)
            build.add({"phase": "failed", "message": f"The build service failed: {e}\n"})
        finally:
            build.log.close()
            self.running.pop((build.repo_url, build.ref), None)

    async def _build(self, build: LocalBuild) -> None:
        build.add({"phase": "waiting", "message": "Waiting for build to start...\n"})
        if build.dry_run:
            build.add(
                {
                    "phase": "building",
                    "message": f"{DRY_RUN_NOTICE}: repo2docker --no-build clones the "
                    "repository and shows the Dockerfile it would build.\n",
                }
            )
        # repo2docker ignores it; a wrapper command (the dev hub's) may read it.
        requested = {"ENVBUILDER_BUILD_REQUESTED_BY": build.requested_by}
        code = await run_command(self.command(build), build.add_line, requested)
        if code != 0:
            build.add({"phase": "failed", "message": f"repo2docker failed (exit code {code}).\n"})
            return
        if build.dry_run:
            self.dry_runs_done.add(build.image)
            message = DRY_RUN_NOTICE + "\n"
        else:
            message = "Done! Image built\n"
        build.add({"phase": "ready", "imageName": build.image, "message": message})
