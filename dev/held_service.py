"""Start a hub service unless a test holds it down (the end-to-end tests' dev hub only).

Usage: ``held_service.py <folder> <name> <command...>``

Writes its process id to ``<folder>/<name>.pid``, waits while ``<folder>/<name>.hold``
exists, then becomes the service's command (``exec``: the same process, so the pid is the
service's and JupyterHub watches the service itself). A test stops the real service by
creating the hold file and ending that pid: JupyterHub notices a managed service that exited
at its next check (every 30 s) and starts this command again, which waits until the test
removes the hold file. ``ui-tests/tests/servicesStop.spec.ts`` does this.
"""

import os
import sys
import time
from pathlib import Path


def main() -> None:
    folder, name, command = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.pid").write_text(str(os.getpid()))
    while (folder / f"{name}.hold").exists():
        time.sleep(0.2)
    os.execv(command[0], command)  # noqa: S606 - the hub service's own command, from the config


if __name__ == "__main__":
    main()
