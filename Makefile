# Two commands matter: `make serve` and `make test`. Everything else they need, they do.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: install serve test lint seed schema neo4j-build neo4j-start neo4j-stop bench bench-backup bench-console clean \
	console chromium

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(INSTALLED)

neo4j-build: install
	$(BIN)/lianxin neo4j build

# The console: npm ci from the committed lock once (npm keeps its own cache), then a build
# whenever a source, the lock or schema.graphql changes. Neither is committed.
CONSOLE_SOURCES := $(shell find console/src console/*.html console/*.ts console/tsconfig.json \
	-type f -not -path 'console/src/gql/*' 2>/dev/null)

console/node_modules/.installed: console/package-lock.json
	cd console && npm ci --no-audit --no-fund --loglevel=error
	touch $@

console/dist/.built: console/node_modules/.installed $(CONSOLE_SOURCES) schema.graphql
	cd console && npm run --silent build
	touch $@

console: console/dist/.built

# The browser tests drive Debian's Chromium, with a Chinese font so pages and screenshots read.
CHROMIUM ?= /usr/bin/chromium
chromium:
	@test -x $(CHROMIUM) || ./tests/browser/install-chromium

serve: neo4j-build console
	$(BIN)/lianxin serve

# The tests start their own Neo4j (another port, var/test-neo4j) and stop it when they end.
test: neo4j-build console chromium
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

seed: install
	$(BIN)/lianxin seed

schema: install
	$(BIN)/lianxin export-schema --output schema.graphql

neo4j-start: neo4j-build
	$(BIN)/lianxin neo4j start

neo4j-stop: install
	$(BIN)/lianxin neo4j stop

# A fresh Neo4j on port 7790 (var/bench-neo4j), loaded at SCALE x the demo graph.
SCALE ?= 1
bench: neo4j-build
	$(BIN)/python -m bench.run --scale $(SCALE)

# Backup and restore rates at SCALE x the demo graph, on two fresh Neo4j (ports 7731, 7732).
bench-backup: neo4j-build
	$(BIN)/python -m bench.backup --scale $(SCALE)

# The console's first load in Chromium, its bundle size, and the README's pictures.
bench-console: neo4j-build console chromium
	$(BIN)/python -m bench.console --pictures console/pictures

clean:
	rm -rf $(VENV) neo4j/target var console/node_modules console/dist console/src/gql
