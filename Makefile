# Two commands for a newcomer: `make demo` and `make test`. Everything else is a step they use.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
JLPM := $(VENV)/bin/jlpm
STAMPS := .stamps
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1
PIP := env PIP_EXTRA_INDEX_URL= $(PY) -m pip -q --no-input

.PHONY: demo test lint jest pytest wheel-check docs docs-check e2e bench build clean
.DELETE_ON_ERROR:

$(STAMPS)/venv: pyproject.toml
	@mkdir -p $(STAMPS)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -U pip
	$(PIP) install "jupyterlab>=4.4,<5" "hatchling>=1.5" "hatch-jupyter-builder>=0.5" "hatch-nodejs-version>=0.3.2" "jupyter-builder>=1.2,<2" editables
	$(PY) -c "import jupyterlab, hatchling, hatch_jupyter_builder, editables"
	touch $@

$(STAMPS)/node: $(STAMPS)/venv package.json
	$(JLPM) install
	touch $@

$(STAMPS)/build: $(STAMPS)/node $(shell find src style schema -type f 2>/dev/null) tsconfig.json
	$(JLPM) build
	touch $@

$(STAMPS)/install: $(STAMPS)/build pyproject.toml
	$(PIP) install --no-build-isolation -e ".[test,docs]"
	$(PY) -c "import jupyterhub, nbgitpuller, repo2docker, pytest"
	$(VENV)/bin/jupyter-builder develop --overwrite . >/dev/null
	$(VENV)/bin/jupyter server extension enable --sys-prefix jupyterlab_envbuilder >/dev/null
	touch $@

$(STAMPS)/ui-tests: $(STAMPS)/venv ui-tests/package.json
	cd ui-tests && ../$(JLPM) install
	touch $@

# The latest JupyterHub 5.x, for the hub process only: single-user servers run from .venv.
# The hub loads configure() from this checkout, so it needs the package's own requirements.
$(STAMPS)/hub5: $(STAMPS)/venv pyproject.toml
	test -x .venv-hub5/bin/python || python3 -m venv .venv-hub5
	$(PY) -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' > $(STAMPS)/hub5-requirements.txt
	env PIP_EXTRA_INDEX_URL= .venv-hub5/bin/python -m pip -q --no-input install "jupyterhub>=5,<6" "psutil>=5.6" -r $(STAMPS)/hub5-requirements.txt
	.venv-hub5/bin/python -c "import jupyterhub; assert jupyterhub.__version__.startswith('5.'), jupyterhub.__version__"
	touch $@

$(STAMPS)/chromium:
	@mkdir -p $(STAMPS)
	command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	chromium --version
	touch $@

build: $(STAMPS)/install

demo: $(STAMPS)/install
	$(PY) dev/demo.py

lint: $(STAMPS)/install
	$(JLPM) lint:check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

jest: $(STAMPS)/install
	$(JLPM) test

pytest: $(STAMPS)/install
	$(PY) -m pytest -q

wheel-check: $(STAMPS)/install
	bash .ci/wheel-check.sh

# The documentation, warnings as errors (part of `make test`); `make docs` also serves it.
DOCS_PORT ?= 8100
docs-check: $(STAMPS)/install
	$(VENV)/bin/sphinx-build -W --keep-going -q -b html docs docs/_build/html

docs: docs-check
	@echo "docs: http://127.0.0.1:$(DOCS_PORT)/ (Ctrl-C stops)"
	$(PY) -m http.server --bind 127.0.0.1 --directory docs/_build/html $(DOCS_PORT)

# The tests tagged @production (the startup budget) measure the bundle the wheel ships: they run
# on a production build, after which the development build is put back.
# A test that fails is run once more (`--retries=1`); Playwright then reports it as flaky.
E2E_RETRIES ?= 1
# Each Playwright run ends within this (they take 1-12 minutes): one that hangs fails with a
# message, long before CI's 90 minutes would cut the whole run off without one. It is
# interrupted as with Ctrl+C, so that it still stops its dev hub.
E2E_TIMEOUT ?= 40m
PLAYWRIGHT = timeout -s INT --kill-after=120 $(E2E_TIMEOUT) \
	node_modules/.bin/playwright test --retries=$(E2E_RETRIES)
TIMED_OUT = if [ $$status -eq 124 ]; then echo "e2e: Playwright did not finish in $(E2E_TIMEOUT)" >&2; fi
e2e: $(STAMPS)/install $(STAMPS)/ui-tests $(STAMPS)/chromium $(STAMPS)/hub5
	cd ui-tests && $(PLAYWRIGHT) --grep-invert @production; status=$$?; $(TIMED_OUT); exit $$status
	$(JLPM) build:prod
	cd ui-tests && $(PLAYWRIGHT) --grep @production; status=$$?; $(TIMED_OUT); \
		cd .. && $(JLPM) build >/dev/null; exit $$status
	@echo "e2e: again with JupyterHub $$(.venv-hub5/bin/python -c 'import jupyterhub; print(jupyterhub.__version__)') for the tests tagged @hub5"
	cd ui-tests && ENVBUILDER_E2E_HUB_PYTHON=$(CURDIR)/.venv-hub5/bin/python ENVBUILDER_E2E_PORT=8020 \
		$(PLAYWRIGHT) --grep @hub5; status=$$?; $(TIMED_OUT); exit $$status

# Every test, each part timed (the first line is the set-up: venv, node_modules, build).
test:
	@set -e; for part in build lint jest pytest wheel-check docs-check e2e; do \
		start=$$(date +%s); $(MAKE) --no-print-directory $$part; \
		echo "== make $$part took $$(( $$(date +%s) - start ))s"; \
	done

# Numbers, not tests: see bench/README.md. e.g. make bench BENCH_ARGS="logview --quick"
# Measured on the production bundle, as the wheel ships it; the development build is put back.
bench: $(STAMPS)/install $(STAMPS)/ui-tests $(STAMPS)/chromium
	$(JLPM) build:prod
	$(PY) bench/run.py $(BENCH_ARGS); status=$$?; $(JLPM) build >/dev/null; exit $$status

clean:
	rm -rf $(STAMPS) lib jupyterlab_envbuilder/labextension docs/_build node_modules ui-tests/node_modules .dev-data .venv-hub5
