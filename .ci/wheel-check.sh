#!/usr/bin/env bash
# Build the wheel and install it into a fresh venv on a PATH without Node: both extensions
# (the prebuilt JupyterLab extension and the server extension) must be listed as OK.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rm -rf dist
.venv/bin/python -m build --wheel --no-isolation --outdir dist . >"$work/build.log" 2>&1 || {
  tail -40 "$work/build.log"; exit 1; }
wheel=$(ls dist/jupyterlab_envbuilder-*.whl)
echo "wheel-check: built $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)"

# A bin folder with Python and the basics, but no node or npm.
mkdir -p "$work/bin"
for tool in sh bash env git; do ln -s "$(command -v $tool)" "$work/bin/$tool"; done
# The real interpreter, not a version-manager shim that rebuilds PATH.
ln -s "$(python3 -c "import sys; print(sys.executable)")" "$work/bin/python3"
nonode_path="$work/bin"
PATH=$nonode_path python3 -c "import shutil, sys; sys.exit(shutil.which('node') is not None)" \
  || { echo "wheel-check: node is still on the PATH"; exit 1; }

PATH=$nonode_path python3 -m venv "$work/venv"
PATH="$work/venv/bin:$nonode_path" PIP_EXTRA_INDEX_URL= "$work/venv/bin/pip" install -q \
  --disable-pip-version-check "$wheel" "jupyterlab>=4.4,<5" >"$work/pip.log" 2>&1 || {
  tail -40 "$work/pip.log"; exit 1; }

labext=$(PATH="$work/venv/bin:$nonode_path" "$work/venv/bin/jupyter" labextension list 2>&1)
serverext=$(PATH="$work/venv/bin:$nonode_path" "$work/venv/bin/jupyter" server extension list 2>&1)
echo "$labext" | grep -E "jupyterlab-envbuilder v[0-9.]+ .*enabled.*OK" \
  || { echo "$labext"; echo "wheel-check: the Lab extension is not listed as OK"; exit 1; }
echo "$serverext" | grep -E "jupyterlab_envbuilder .*enabled" \
  && echo "$serverext" | grep -E "jupyterlab_envbuilder [0-9.]+ .*OK" \
  || { echo "$serverext"; echo "wheel-check: the server extension is not listed as OK"; exit 1; }
echo "wheel-check: passed (installed without Node: both extensions OK)"
cd "$root"
