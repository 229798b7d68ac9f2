"""Environment folders for tests: the files a user keeps in ``environment/``."""

import os

FILES = {
    "requirements.txt": b"numpy==2.1.0\n",
    "apt.txt": b"graphviz\n",
    "postBuild": b"#!/bin/bash\necho built\n",
    "binder/nested/notes.md": b"# nested\n",
}
EXECUTABLE = {"postBuild"}


def write_env(folder, files=FILES, order=None, executable=EXECUTABLE):
    """Write ``files`` under ``folder`` (in ``order``), executable ones with mode 0755."""
    for name in order or files:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[name])
        path.chmod(0o755 if name in executable else 0o644)
    return folder


def tree_state(folder):
    """Every file under ``folder`` with its contents and mode, to tell that nothing changed."""
    state = {}
    for directory, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(directory, name)
            with open(path, "rb") as f:
                state[os.path.relpath(path, folder)] = (f.read(), os.stat(path).st_mode)
    return state
