# Two commands matter: `make serve` and `make test`. Everything else they need, they do.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: install serve test lint seed schema neo4j-build neo4j-start neo4j-stop bench clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(INSTALLED)

neo4j-build: install
	$(BIN)/lianxin neo4j build

serve: neo4j-build
	$(BIN)/lianxin serve

# The tests start their own Neo4j (another port, var/test-neo4j) and stop it when they end.
test: neo4j-build
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

clean:
	rm -rf $(VENV) neo4j/target var
