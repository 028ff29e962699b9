# Two commands set everything up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# `make run` is for trying the platform locally: debug pages on unless told otherwise.
RUN_DEBUG ?= true
GEALC := $(BIN)/gealc
# The suite runs in parallel, one process per core (pytest-xdist); PYTEST_WORKERS=0 runs it in one.
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS)

.PHONY: run test install install-dev gettext lint layers typecheck migrations-check messages compilemessages \
	test-sqlite test-postgres browser-deps clean serve bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# GNU gettext compiles the translations; installed from Debian's packages when missing and we are root.
gettext:
	@command -v msgfmt >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else echo "msgfmt is missing: install GNU gettext (apt-get install gettext)"; exit 1; fi; }

compilemessages: install gettext
	cd gealc && DEBUG=true ../$(GEALC) compilemessages --ignore '.venv' -v0

# Extract interface strings into the catalogues (run after changing templates or code).
messages: install gettext
	cd gealc && for lang in es pt fr; do DEBUG=true ../$(GEALC) makemessages -l $$lang --no-obsolete -v0 --ignore 'tests/*'; done

run: install compilemessages
	mkdir -p var
	DEBUG=$${DEBUG:-$(RUN_DEBUG)} $(GEALC) migrate --noinput -v0
	DEBUG=$${DEBUG:-$(RUN_DEBUG)} $(GEALC) load_reference
	@DEBUG=$${DEBUG:-$(RUN_DEBUG)} SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(GEALC) demo --how-to-sign-in
	DEBUG=$${DEBUG:-$(RUN_DEBUG)} SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(GEALC) runserver 127.0.0.1:$(PORT)

# Debian's Chromium drives the browser tests; Playwright never downloads a browser.
browser-deps:
	@if ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "chromium is missing: browser tests will be skipped. Install it with: sudo apt-get install chromium"; \
	  fi; \
	fi

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The import contracts of pyproject.toml ([tool.importlinter]): the layers between apps of architecture.md.
layers: install-dev
	$(BIN)/lint-imports --no-logo --no-cache

typecheck: install-dev
	GEALC_TESTING=1 $(BIN)/mypy gealc tests conftest.py

migrations-check: install-dev
	DEBUG=true $(GEALC) makemigrations --check --dry-run

test-sqlite: install-dev compilemessages browser-deps
	DATABASE_URL= $(PYTEST)

test-postgres: install-dev compilemessages browser-deps
	@case "$${DATABASE_URL:-}" in \
	  postgres*|postgresql*) echo "Running the suite on PostgreSQL ($${DATABASE_URL%%\?*})"; $(PYTEST) ;; \
	  *) echo "DATABASE_URL does not point to PostgreSQL: the PostgreSQL run is skipped." ;; \
	esac

test: lint layers typecheck migrations-check test-sqlite test-postgres

# The performance benchmark (README "Performance"): SCALE=100 by default; SCALES="1 10 100" for the growth
# table; BENCH_DATABASES="postgres sqlite"; BENCH_DATABASE_URL names its own PostgreSQL database.
SCALE ?= 100
bench: install-dev compilemessages
	SCALES="$${SCALES:-$(SCALE)}" $(BIN)/python -m gealc.bench

clean:
	rm -rf $(VENV) staticfiles
