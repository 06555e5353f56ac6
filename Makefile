# Neural Networks from Scratch: the two commands of the README, and their helpers.
#   make lab    set up .venv (when missing or stale) and open the course in JupyterLab
#   make test   set up .venv (when missing or stale), install bubblewrap (as root, when missing) and run every test
#   make progress  grade your own notebooks/: a table per lesson, and progress.html
#   make test-browser  add Playwright to .venv and run the playground, lessons 02 and 06's explorers
#               and lesson 13's live plot in JupyterLab in the system's headless Chromium
#               (make test runs it when Chromium is there)
#   make bench  add the benchmark peers (PyTorch, scikit-learn) to .venv, then measure
#               nnlib against them and write benchmarks/RESULTS.md (never part of `make test`)
# Only Python 3.11+ with pip is needed; everything else comes from pyproject.toml,
# pinned by constraints.txt so that stored notebook outputs are reproducible.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Extra JupyterLab options, e.g. `make lab LAB_ARGS="--no-browser --port=8899"`.
LAB_ARGS ?=
# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
PYTEST_ARGS ?=

.PHONY: lab test test-browser bench setup lock clean bubblewrap progress

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed; found $$($(PYTHON) --version 2>&1) at $(PYTHON)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--constraint constraints.txt --editable ".[test]"
	@touch $(STAMP)

# The course's JupyterLab settings (nnlib/course/lab_settings/overrides.json): no "news" prompt over the
# notebook on the first visit, no update check; news_url=None fetches no news either.
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir="$(CURDIR)" $(ALLOW_ROOT) \
		--LabApp.app_settings_dir="$(CURDIR)/nnlib/course/lab_settings" --LabApp.news_url=None $(LAB_ARGS)

# Your own progress: grades the notebooks you worked in (as the class grader would), prints a table per
# lesson and writes progress.html.
progress: $(STAMP)
	$(BIN)/python -m nnlib.course progress

# One BLAS thread per process: the lessons' products are small, and on a 2-core machine busy with
# other work OpenBLAS's threads wait for each other (lesson 09: 103 s with two threads, 9.6 s with one,
# at a load of 7). The lessons print the same either way (06-12 and 15 were re-executed with one thread:
# every stored output stayed as it was).
test: $(STAMP) bubblewrap
	OPENBLAS_NUM_THREADS=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

# The grader runs every learner's kernel under bubblewrap (bwrap), from the system's package manager,
# installed here with apt-get when run as root, as Chromium is for test-browser. Without it the grading
# tests that need it skip, saying why.
bubblewrap:
	@if ! command -v bwrap >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null; \
		else echo "The grader needs bubblewrap: install it (Debian/Ubuntu: sudo apt-get install bubblewrap); the tests that need it skip."; fi; \
	fi
	@if [ -x "$(CHROMIUM)" ]; then $(MAKE) --no-print-directory test-browser; \
	else echo "Browser test skipped: no Chromium found (apt-get install -y chromium, then make test-browser)."; fi

# The real-browser test: JupyterLab + the system's Chromium, driven by Playwright (the
# `browser` extra, pinned by tests/browser/constraints.txt). Chromium comes from the system's
# package manager, installed here with apt-get when run as root; Playwright never downloads one.
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)
BROWSER_STAMP := $(VENV)/.browser-installed

$(BROWSER_STAMP): $(STAMP) tests/browser/constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--constraint constraints.txt --constraint tests/browser/constraints.txt --editable ".[browser]"
	@touch $(BROWSER_STAMP)

test-browser: $(BROWSER_STAMP)
	@if [ ! -x "$(CHROMIUM)" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "make test-browser needs Chromium: install it (Debian/Ubuntu: sudo apt-get install chromium)"; exit 1; fi; \
	fi
	@set -e; for page in 90_playground:3 02_activations:1 06_training:2 13_monitoring:0; do \
		echo "== $${page%%:*}"; \
		CHROMIUM="$$(command -v chromium || command -v chromium-browser)" \
		NNLIB_BROWSER_NOTEBOOK=solutions/$${page%%:*}.ipynb NNLIB_BROWSER_EXPLORERS=$${page##*:} \
			$(BIN)/python -m pytest -p no:cacheprovider tests/browser/browser_playground.py; \
	done

# The `bench` extra, pinned by benchmarks/constraints.txt on top of the course's pins.
BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): $(STAMP) benchmarks/constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--constraint constraints.txt --constraint benchmarks/constraints.txt --editable ".[bench]"
	@touch $(BENCH_STAMP)

# Measured as a learner's machine runs numpy: some machine images set OPENBLAS_CORETYPE
# and OPENBLAS_L2_SIZE (a workaround for old OpenBLAS builds), which picks a slower kernel
# for current numpy, so they are unset for these commands only (make test keeps them).
# The throughput table and its summary line come last.
BENCH_ENV := env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE

bench: $(BENCH_STAMP)
	$(BENCH_ENV) $(BIN)/python benchmarks/notebook_times.py
	$(BENCH_ENV) $(BIN)/python benchmarks/mlp_phases.py
	$(BENCH_ENV) $(BIN)/python benchmarks/playground_speed.py
	$(BENCH_ENV) $(BIN)/python benchmarks/conv_throughput.py
	$(BENCH_ENV) $(BIN)/python benchmarks/mlp_throughput.py

# Re-resolve the newest versions allowed by pyproject.toml and pin them in constraints.txt.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check ".[test]"
	{ echo "# Pinned versions for reproducible notebook outputs; regenerate with 'make lock'."; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^nnlib'; } > constraints.txt
	rm -rf .lock-venv build nnlib.egg-info

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
