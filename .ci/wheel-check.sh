#!/usr/bin/env bash
# Build the release wheel the way a release does, from a clean copy of the sources (so the
# development bundle of `make build` can never leak into it), check that it ships only the
# production bundle, then install it into a fresh venv on a PATH without Node: both extensions
# (the prebuilt JupyterLab extension and the server extension) must be listed as OK.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "wheel-check: FAILED: $*"; exit 1; }

# The files git would commit (tracked or new, never ignored ones such as lib/ or the
# labextension), plus the installed node_modules as hard links so no download is needed.
mkdir "$work/src"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] && printf '%s\0' "$f"
done | tar --null -T - -cf - | tar -xf - -C "$work/src"
cp -al node_modules "$work/src/node_modules"
(cd "$work/src" && PATH="$root/.venv/bin:$PATH" "$root/.venv/bin/python" -m build --wheel --no-isolation --outdir "$root/dist.new" . \
  >"$work/build.log" 2>&1) || { tail -40 "$work/build.log"; fail "the wheel did not build"; }
rm -rf dist && mv dist.new dist
wheel=$(ls dist/jupyterlab_envbuilder-*.whl)

# What the wheel ships: unpack it and look at every file.
mkdir "$work/wheel"
.venv/bin/python -m zipfile -e "$wheel" "$work/wheel"
static=$(find "$work/wheel" -path '*/share/jupyter/labextensions/jupyterlab-envbuilder/static' -type d)
[ -n "$static" ] || fail "no labextension in the wheel"

found=$(.venv/bin/python .ci/bundle_check.py "$work/wheel") \
  || fail "the wheel ships more than the production bundle:"$'\n'"$found"
# The check must be able to fail: the development bundle of `make build` never passes it.
if [ -d jupyterlab_envbuilder/labextension/static ] \
  && .venv/bin/python .ci/bundle_check.py jupyterlab_envbuilder/labextension >/dev/null; then
  fail "bundle_check.py passes the development bundle of make build"
fi

sizes=$(.venv/bin/python - "$wheel" "$static" <<'EOF'
import gzip, os, pathlib, sys, zipfile
wheel, static = sys.argv[1], pathlib.Path(sys.argv[2])
unpacked = sum(i.file_size for i in zipfile.ZipFile(wheel).infolist())
def size(files):
    raw = sum(p.stat().st_size for p in files)
    packed = sum(len(gzip.compress(p.read_bytes(), 9)) for p in files)
    return f"{raw / 1024:.0f} KiB ({packed / 1024:.0f} KiB gzip)"
files = [p for p in static.rglob("*") if p.is_file()]
print(f"wheel {os.path.getsize(wheel) / 1024:.0f} KiB, {unpacked / 1024:.0f} KiB unpacked; "
      f"labextension static/ {size(files)}, of it JavaScript "
      f"{size([p for p in files if p.suffix == '.js'])}")
EOF
)
echo "wheel-check: built $(basename "$wheel"): $sizes"
echo "wheel-check: production bundle (minified, no source maps, no tests)"

# A bin folder with Python and the basics, but no node or npm.
mkdir -p "$work/bin"
for tool in sh bash env git; do ln -s "$(command -v $tool)" "$work/bin/$tool"; done
# The real interpreter, not a version-manager shim that rebuilds PATH.
ln -s "$(python3 -c "import sys; print(sys.executable)")" "$work/bin/python3"
nonode_path="$work/bin"
PATH=$nonode_path python3 -c "import shutil, sys; sys.exit(shutil.which('node') is not None)" \
  || fail "node is still on the PATH"

PATH=$nonode_path python3 -m venv "$work/venv"
PATH="$work/venv/bin:$nonode_path" PIP_EXTRA_INDEX_URL= "$work/venv/bin/pip" install -q \
  --disable-pip-version-check "$wheel" "jupyterlab>=4.4,<5" >"$work/pip.log" 2>&1 || {
  tail -40 "$work/pip.log"; fail "the wheel did not install"; }

labext=$(PATH="$work/venv/bin:$nonode_path" "$work/venv/bin/jupyter" labextension list 2>&1)
serverext=$(PATH="$work/venv/bin:$nonode_path" "$work/venv/bin/jupyter" server extension list 2>&1)
echo "$labext" | grep -E "jupyterlab-envbuilder v[0-9.]+ .*enabled.*OK" \
  || { echo "$labext"; fail "the Lab extension is not listed as OK"; }
echo "$serverext" | grep -E "jupyterlab_envbuilder .*enabled" \
  && echo "$serverext" | grep -E "jupyterlab_envbuilder [0-9.]+ .*OK" \
  || { echo "$serverext"; fail "the server extension is not listed as OK"; }
echo "wheel-check: passed (installed without Node: both extensions OK)"
