"""Pinning and drift against a real virtual environment and real ``pip install``.

The venv starts with one package (what the image brought); the server's starting point is
recorded; then a package is installed by hand, as a user would in a terminal. Packages are tiny
wheels written here, installed with ``--no-index``, so nothing is downloaded.
"""

import base64
import hashlib
import subprocess
import venv
import zipfile
from pathlib import Path

import pytest

from jupyterlab_envbuilder.packages import read_baseline, read_installed, record_baseline
from jupyterlab_envbuilder.pins import PinError, find_drift, propose_pins, write_pins


def make_wheel(folder: Path, name: str, version: str) -> Path:
    """A pure-Python wheel with one module, as a build backend would write it."""
    module = name.replace("-", "_")
    dist_info = f"{module}-{version}.dist-info"
    files = {
        f"{module}.py": f"VERSION = {version!r}\n",
        f"{dist_info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{dist_info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
        "Tag: py3-none-any\n",
    }
    record = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=")
        record.append(f"{path},sha256={digest.decode()},{len(text.encode())}")
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = "\n".join(record) + "\n"
    wheel = folder / f"{module}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    """A real venv with `course-tools` 1.0, and wheels to install by hand later."""
    root = tmp_path_factory.mktemp("pins")
    venv.EnvBuilder(with_pip=True).create(root / "venv")
    python = str(root / "venv" / "bin" / "python")
    wheels = root / "wheels"
    wheels.mkdir()
    pip(python, make_wheel(wheels, "course-tools", "1.0"))
    return python, wheels


def pip(python: str, *wheels: Path) -> None:
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-index", *map(str, wheels)], check=True
    )


def test_drift_then_pin_then_files(environment, tmp_path):
    python, wheels = environment
    data_dir = tmp_path / "data"
    folder = tmp_path / "environment"
    folder.mkdir()
    (folder / "requirements.txt").write_text(
        "# the course's tools\ncourse-tools>=0.5  # week 1\nnumpy\n", encoding="utf-8"
    )

    start = read_installed(python)
    assert start.pip["course-tools"] == "1.0"
    record_baseline(str(data_dir), start, server="course-101")
    baseline = read_baseline(str(data_dir), server="course-101")
    assert baseline is not None and baseline.pip == start.pip
    assert read_baseline(str(data_dir), server="other") is None
    assert find_drift(baseline, start, str(folder)) == []

    # By hand, in a terminal: one new package, one upgrade of a package the files do name.
    pip(python, make_wheel(wheels, "Plot_Helper", "2.3"), make_wheel(wheels, "course-tools", "1.1"))
    now = read_installed(python)
    drift = find_drift(baseline, now, str(folder))
    assert drift == [{"name": "Plot_Helper", "version": "2.3", "change": "added"}]

    (change,) = propose_pins(str(folder), now, add=["plot-helper"])
    assert change["file"] == "requirements.txt"
    assert change["diff"].splitlines()[2:] == [
        "@@ -1,3 +1,4 @@",
        " # the course's tools",
        "-course-tools>=0.5  # week 1",
        "+course-tools==1.1  # week 1",
        " numpy",
        "+Plot_Helper==2.3",
    ]
    # Nothing is written until the proposal is accepted.
    assert "==" not in (folder / "requirements.txt").read_text(encoding="utf-8")
    assert write_pins(str(folder), [change]) == ["requirements.txt"]
    assert (folder / "requirements.txt").read_text(encoding="utf-8") == (
        "# the course's tools\ncourse-tools==1.1  # week 1\nnumpy\nPlot_Helper==2.3\n"
    )
    # Pinned and named: nothing drifts any more, and pinning again changes nothing.
    assert find_drift(baseline, now, str(folder)) == []
    assert propose_pins(str(folder), now, add=[]) == []
    # The pinned file installs exactly what runs (numpy is not installed here: left as is).
    pinned = tmp_path / "pinned.txt"
    pinned.write_text(
        "".join(line for line in (folder / "requirements.txt").open() if "==" in line)
    )
    check = subprocess.run(
        [python, "-m", "pip", "install", "--no-index", "--dry-run", "-q", "-r", str(pinned)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr


def test_environment_yml_gets_a_pip_list(environment, tmp_path):
    python, _wheels = environment
    folder = tmp_path / "environment"
    folder.mkdir()
    (folder / "environment.yml").write_text(
        "name: course\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n"
        "  - conda-forge::numpy>=1.26  # arrays\n",
        encoding="utf-8",
    )
    now = read_installed(python)
    assert now.conda == {}  # a venv: conda has nothing to say
    (change,) = propose_pins(str(folder), now, add=["course-tools"])
    assert change["file"] == "environment.yml"
    assert change["text"] == (
        "name: course\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n"
        "  - conda-forge::numpy>=1.26  # arrays\n  - pip:\n    - course-tools==1.1\n"
    )
    write_pins(str(folder), [change])
    text = (folder / "environment.yml").read_text(encoding="utf-8")
    # The result is the YAML conda reads: the pip list is an item of dependencies.
    import yaml

    assert yaml.safe_load(text)["dependencies"][-1] == {"pip": ["course-tools==1.1"]}


def test_conda_packages_pinned_with_exact_versions(tmp_path):
    from jupyterlab_envbuilder.packages import Installed

    folder = tmp_path / "environment"
    folder.mkdir()
    (folder / "environment.yml").write_text(
        "dependencies:\n- python>=3.10\n- conda-forge::NumPy  # arrays\n- pip\n- pip:\n"
        "  - course-tools\n  - git+https://example.org/x.git\n",
        encoding="utf-8",
    )
    installed = Installed(
        pip={"course-tools": "1.1", "pip": "24.0"},
        conda={"python": "3.11.9", "numpy": "1.26.4", "pip": "24.0"},
    )
    (change,) = propose_pins(str(folder), installed, add=[])
    assert change["text"] == (
        "dependencies:\n- python==3.11.9\n- conda-forge::NumPy==1.26.4  # arrays\n- pip==24.0\n"
        "- pip:\n  - course-tools==1.1\n  - git+https://example.org/x.git\n"
    )


def test_a_file_changed_since_the_proposal_is_not_overwritten(environment, tmp_path):
    python, _wheels = environment
    folder = tmp_path / "environment"
    folder.mkdir()
    (folder / "requirements.txt").write_text("course-tools\n", encoding="utf-8")
    (change,) = propose_pins(str(folder), read_installed(python), add=[])
    (folder / "requirements.txt").write_text("course-tools\npandas\n", encoding="utf-8")
    with pytest.raises(PinError):
        write_pins(str(folder), [change])
    assert (folder / "requirements.txt").read_text() == "course-tools\npandas\n"


def test_no_files_yet_proposes_a_new_requirements_txt(environment, tmp_path):
    python, _wheels = environment
    (change,) = propose_pins(str(tmp_path), read_installed(python), add=["course-tools"])
    assert change["fingerprint"] == ""
    assert change["diff"].startswith("--- /dev/null\n+++ b/requirements.txt\n")
    assert change["text"] == "course-tools==1.1\n"


def test_reads_the_servers_own_environment_without_editable_installs():
    installed = read_installed()
    assert installed.pip["jupyter-server"]
    # This project is installed editable here: a pin of it could never be built.
    assert "jupyterlab-envbuilder" not in installed.pip
