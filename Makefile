# Two entry points, used by the README and CI. Everything installs into .venv.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup serve build test lint

$(BIN)/mkdocs: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $@

setup: $(BIN)/mkdocs

build: setup
	$(BIN)/mkdocs build --strict

serve: build
	$(BIN)/mkdocs serve

test: lint
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check plugins tests scripts
	$(BIN)/mypy
