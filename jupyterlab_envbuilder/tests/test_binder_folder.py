"""The repository's own ``binder/`` folder, as repo2docker (and so a BinderHub) reads it.

A Binder of this repository is JupyterLab with both parts of the extension, built by
``binder/postBuild`` from the repository. Running that build needs a container engine; what
can be checked here is what repo2docker makes of the folder, and that the environment it
builds has what the editable install in postBuild needs (it installs without build isolation).
"""

import subprocess
import sys
from pathlib import Path

import yaml
from packaging.requirements import Requirement

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pytest itself brings tomli there
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
BINDER = ROOT / "binder"


def test_repo2docker_builds_the_binder_folder_with_its_environment_and_postbuild():
    dockerfile = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    # --debug prints the Dockerfile it would build.
    text = dockerfile.stdout + dockerfile.stderr
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "binder/environment.yml"' in text
    assert "RUN ./binder/postBuild" in text
    # Only binder/ is read: a requirements.txt or environment.yml at the root would be ignored.
    assert "requirements.txt" not in text


def test_the_binder_environment_has_what_the_editable_install_builds_with():
    environment = yaml.safe_load((BINDER / "environment.yml").read_text())
    pip = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    installed = {Requirement(line).name.lower() for line in pip}
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    needed = [Requirement(r) for r in pyproject["build-system"]["requires"]]
    needed += [
        Requirement(r)
        for r in pyproject["tool"]["hatch"]["build"]["hooks"]["jupyter-builder"]["dependencies"]
    ]
    assert {r.name.lower() for r in needed} - installed == set()
    assert "jupyterlab" in installed
    postbuild = (BINDER / "postBuild").read_text()
    assert postbuild.startswith("#!/usr/bin/env bash\n")
    assert "pip install --no-build-isolation -e ." in postbuild
    assert (BINDER / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"
