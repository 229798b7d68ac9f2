"""Sphinx configuration of the jupyterlab-envbuilder documentation (MyST Markdown).

Built by `make docs-check` (warnings are errors, part of `make test`) and served by `make docs`.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE / "_ext"))

project = "jupyterlab-envbuilder"
author = "jupyterlab-envbuilder contributors"
copyright = "jupyterlab-envbuilder contributors"
release = json.loads((ROOT / "package.json").read_text())["version"]

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinxcontrib.openapi",
    "envbuilder_settings",
]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "README.md"]
autodoc_typehints = "description"
# Settings and command lines are full of "--" and quotes that must stay as written.
smartquotes = False

html_theme = "pydata_sphinx_theme"
html_title = "jupyterlab-envbuilder"
html_theme_options = {
    "navigation_with_keys": True,
    "github_url": "https://github.com/jupyterlab-envbuilder/jupyterlab-envbuilder",
}
