"""The publish boundary: folders that may become snapshots, and names that never may."""

import json
from pathlib import Path

import pytest

from jupyterlab_envbuilder.boundary import (
    OutsideBoundary,
    check_folder,
    normalize_folder,
    refusal,
)

# The same table is the frontend's (src/__tests__/envfiles/folder.spec.ts).
FOLDERS = json.loads((Path(__file__).parent / "fixtures" / "folders.json").read_text())


@pytest.mark.parametrize("folder, normalized", FOLDERS)
def test_one_normalisation_of_the_folder_setting(folder, normalized):
    if normalized is None:
        with pytest.raises(OutsideBoundary):
            normalize_folder(folder)
    else:
        assert normalize_folder(folder) == normalized


@pytest.mark.parametrize("folder", [None, 3, "a\0b"])
def test_not_a_folder_name(folder):
    with pytest.raises(OutsideBoundary):
        normalize_folder(folder)


@pytest.mark.parametrize(
    "path",
    [
        ".ssh",
        "keys/.ssh",
        ".jupyter",
        "a/.local/share/jupyter/runtime/kernel-1.json",
        ".local/share/jupyter",
        "jpserver-123.json",
        "x/jpserver-123-open.html",
        "kernel-abc.json",
        "jupyter_cookie_secret",
        "snapshot-secret",
        ".git-credentials",
    ],
)
def test_credentials_and_runtime_state_are_refused(path):
    assert "never published" in refusal(path)


@pytest.mark.parametrize(
    "path", ["requirements.txt", "binder/postBuild", ".local/share/other", "ssh.txt", "kernel.py"]
)
def test_environment_files_pass(path):
    assert refusal(path) is None


def test_home_and_what_holds_it_are_refused(tmp_path):
    home = tmp_path / "home" / "alice"
    (home / "environment").mkdir(parents=True)
    check_folder(str(tmp_path), "home/alice/environment", str(home))
    for folder in ("home/alice", "home"):
        with pytest.raises(OutsideBoundary, match="home folder"):
            check_folder(str(tmp_path), folder, str(home))
    with pytest.raises(OutsideBoundary, match="never published"):
        check_folder(str(tmp_path), "home/alice/.ssh", str(home))
