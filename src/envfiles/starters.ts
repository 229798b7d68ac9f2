/**
 * Starter contents offered when a user creates an environment file.
 *
 * Each one is valid for repo2docker as it stands and explains itself in
 * comments, so a user who only saves it gets a working build.
 */
import { EnvironmentFileName } from './names';

export const STARTERS: Readonly<Record<EnvironmentFileName, string>> = {
  'environment.yml': `# Conda packages for this environment. With this file, requirements.txt is ignored.
channels:
  - conda-forge
dependencies:
  - python=3.12
  - numpy
  - pandas
  - matplotlib
  - pip
  - pip:
      # Packages only available on PyPI go here.
      - nbgitpuller
`,
  'requirements.txt': `# Python packages to install with pip, one per line.
# Pin versions (==) for a build that gives the same result next year.
numpy>=1.26
pandas>=2.1
matplotlib
`,
  'apt.txt': `# Ubuntu packages to install with apt-get, one name per line.
# For example:
# ffmpeg
# graphviz
`,
  postBuild: `#!/bin/bash
# Runs once at the end of the build, as the notebook user (not root).
# Stop the build at the first failing command.
set -euo pipefail

# For example, enable a Jupyter server extension:
# jupyter server extension enable --sys-prefix my_extension
`,
  start: `#!/bin/bash
# Runs every time the server starts, before Jupyter.
# Keep it quick: set environment variables, prepare files.
export MY_SETTING=1

# Hand over to Jupyter; without this line the server never starts.
exec "$@"
`,
  'runtime.txt': `python-3.12
`,
  'install.R': `# R packages to install at build time.
# Used only when runtime.txt selects R (for example r-4.4-2024-06-01).
install.packages(c("tidyverse", "rmarkdown"))
`,
  DESCRIPTION: `Package: myanalysis
Title: Analysis Environment
Version: 0.1.0
Description: The R packages this analysis needs.
License: MIT
Depends: R (>= 4.1)
Imports:
    ggplot2,
    dplyr
`,
  'Project.toml': `# Julia packages for this environment; add them with Pkg.add, which fills [deps].
[deps]

[compat]
julia = "1.10"
`,
  Pipfile: `[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
numpy = "*"
pandas = "*"

[dev-packages]

[requires]
python_version = "3.12"
`,
  'Pipfile.lock': `{
    "_meta": {
        "hash": {
            "sha256": ""
        },
        "pipfile-spec": 6,
        "requires": {
            "python_version": "3.12"
        },
        "sources": [
            {
                "name": "pypi",
                "url": "https://pypi.org/simple",
                "verify_ssl": true
            }
        ]
    },
    "default": {},
    "develop": {}
}
`,
  'setup.py': `# Makes this folder a Python package that repo2docker installs with "pip install .".
from setuptools import find_packages, setup

setup(
    name="myproject",
    version="0.1.0",
    packages=find_packages(),
    install_requires=[],
)
`,
  'default.nix': `# The whole environment, built with nix-shell. Jupyter must be part of it.
let
  pkgs = import <nixpkgs> { };
in
pkgs.mkShell {
  buildInputs = with pkgs; [
    python3Packages.jupyterlab
    python3Packages.numpy
  ];
}
`,
  Dockerfile: `# With a Dockerfile, repo2docker builds only from this file and ignores all others.
# The image must provide Jupyter and JupyterHub's single-user server.
FROM quay.io/jupyter/minimal-notebook:python-3.11

# Install extra packages as the notebook user.
RUN pip install --no-cache-dir numpy pandas
`
};
