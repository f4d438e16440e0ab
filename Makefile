# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: run test lint bench services clean ui

# The web UI (web/ -> src/fleetwire/api/ui_dist): built when node is present and its sources
# changed; without node, / shows the small status page instead.
UI_DIST := src/fleetwire/api/ui_dist/index.html
UI_DEPS := web/node_modules/.installed
UI_SRC := $(shell find web/src -type f 2>/dev/null) web/index.html web/package.json \
	web/vite.config.ts web/tsconfig.json

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

$(UI_DEPS): web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

$(UI_DIST): $(UI_DEPS) $(UI_SRC)
	cd web && npm run build
	touch $@

ui:
	@if ! command -v npm >/dev/null; then \
	  echo "node/npm not found: the web UI is not built (/ shows the status page)"; \
	elif ! $(MAKE) --no-print-directory $(UI_DIST); then \
	  echo "the web UI did not build (it needs node 20.19+ or 22.12+): / shows the status page"; fi

run: $(STAMP) ui
	$(BIN)/fleetwire run

services:
	bash scripts/services.sh

test: $(STAMP) services ui
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache web/node_modules src/fleetwire/api/ui_dist artifacts
