"""The publish boundary: which folder may become a snapshot, and what may never be in one.

A snapshot is copied into an image that anyone with access to the registry can pull, so the
environment folder must be a subfolder of the server root (never the root, never the home),
and nothing that holds credentials or Jupyter's runtime state may be inside it. The folder
setting is normalised the same way here and in the Lab frontend (``normalize_folder`` and
``publishableFolder`` in ``src/model/folder.ts``, both tested against
``tests/fixtures/folders.json``).
"""

import fnmatch
import os
import re
from typing import Optional

# Names, file name patterns (Jupyter's runtime files: server info with its token, kernels'
# connection files) and folder paths never published, written once in contract.json.
from .contract import REFUSED_NAMES, REFUSED_PATHS, REFUSED_PATTERNS

# Each asked once per file of a snapshot: one expression for all patterns, one for all paths.
_REFUSED_PATTERN = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in REFUSED_PATTERNS))
_REFUSED_PATH = re.compile("|".join(re.escape(f"/{path}/") for path in REFUSED_PATHS))


class OutsideBoundary(ValueError):
    """A folder or file that is never published; ``message`` says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def normalize_folder(folder: object) -> str:
    """``environment``, ``/repos/x/binder/`` → ``repos/x/binder``; refuses the root and ``..``."""
    if not isinstance(folder, str) or "\0" in folder:
        raise OutsideBoundary("Name the environment folder, e.g. 'environment'.")
    parts = [p for p in folder.strip().replace("\\", "/").split("/") if p not in ("", ".")]
    if ".." in parts:
        raise OutsideBoundary(
            f"The environment folder must be inside your files: {folder!r} is not."
        )
    if not parts:
        raise OutsideBoundary(
            f"The environment folder must be a subfolder, e.g. 'environment', not {folder!r}: "
            "everything in it is copied into the image."
        )
    return "/".join(parts)


def refusal(relative_path: str) -> Optional[str]:
    """Why ``relative_path`` (a file or folder, with "/") is never published; None if it may be."""
    name = relative_path.rpartition("/")[2]
    if (
        name in REFUSED_NAMES
        or _REFUSED_PATTERN.match(name)
        or _REFUSED_PATH.search(f"/{relative_path}/")
    ):
        return (
            f"'{relative_path}' holds credentials or Jupyter's runtime state and is never "
            "published: everything in the environment folder is copied into the image. "
            "Choose a folder without it."
        )
    return None


def check_folder(root_dir: str, folder: str, home: str) -> None:
    """Refuse a folder that is, or holds, the home folder, or lies in a refused place."""
    path = os.path.realpath(os.path.join(root_dir, folder))
    home = os.path.realpath(home)
    if path == home or home.startswith(path.rstrip(os.sep) + os.sep):
        raise OutsideBoundary(
            f"'{folder}' is your home folder or holds it; the environment must be a subfolder "
            "with only the environment's files."
        )
    parts = folder.split("/")
    for depth in range(1, len(parts) + 1):
        reason = refusal("/".join(parts[:depth]))
        if reason:
            raise OutsideBoundary(reason)
