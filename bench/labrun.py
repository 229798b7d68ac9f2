"""What every benchmark that drives JupyterLab in Chromium does around its measurement: log
a user in on the dev hub, start their named server on an image, run the browser side (a
``bench/<name>/run.ts`` script under tsx) against it, read back the raw JSON it wrote, and
stop the server again, also when the browser side fails.

The browser side reads its settings from the environment: BENCH_HUB_URL, BENCH_USER,
BENCH_SERVER, BENCH_TOKEN (the user's hub token), BENCH_PASSWORD, BENCH_ROUNDS, BENCH_OUT.
"""

import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from devhub import PASSWORD, DevHub
from report import BENCH, ROOT


def run_in_lab(
    hub: DevHub, script: str, *, user: str, server: str, image: str, rounds: int
) -> dict[str, Any]:
    """Run ``bench/<script>/run.ts`` against ``user``'s server ``server`` on ``image``."""
    token = hub.login(user)
    hub.start_server(user, server, token, image)
    try:
        with tempfile.TemporaryDirectory(prefix=f"envbuilder-bench-{script}-") as tmp:
            out = Path(tmp) / "raw.json"
            env = dict(
                os.environ,
                BENCH_HUB_URL=hub.url,
                BENCH_USER=user,
                BENCH_SERVER=server,
                BENCH_TOKEN=token,
                BENCH_PASSWORD=PASSWORD,
                BENCH_ROUNDS=str(rounds),
                BENCH_OUT=str(out),
            )
            subprocess.run(
                [str(ROOT / "node_modules" / ".bin" / "tsx"), str(BENCH / script / "run.ts")],
                cwd=ROOT,
                env=env,
                check=True,
            )
            return json.loads(out.read_text())
    finally:
        hub.stop_server(user, server, token)
