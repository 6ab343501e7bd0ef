# Two commands do all the set-up on a fresh machine:
#   make run    opens the desktop app on the bundled example
#   make test   runs the whole test suite (lint, layer contract, pytest)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXAMPLE := resources/examples/hq-12-branches-mpls.json

.PHONY: run test venv lint bench bench-all clean bytecode

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,fast]'
	$(MAKE) --no-print-directory bytecode
	touch $(STAMP)

# The app's modules compiled once, as an installed package's are: a shell with PYTHONDONTWRITEBYTECODE set (some
# sandboxes and CI images) would otherwise compile every module from source on every command (~0.1 s per run).
# A stale .pyc is never used (Python checks each source's time stamp); `make run` and `make bench` refresh them.
bytecode:
	$(BIN)/python -m compileall -q advisor
	$(BIN)/python -c "from advisor import routing_compiled as c; c.warm()"

venv: $(STAMP)

run: $(STAMP) bytecode
	scripts/system-deps.sh gui
	$(BIN)/advisor $(EXAMPLE)

lint: $(STAMP)
	$(BIN)/ruff check advisor tests benchmarks
	$(BIN)/lint-imports

test: $(STAMP)
	scripts/system-deps.sh test
	$(MAKE) --no-print-directory lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Every budget with its verdict, in one table per budget (~5 minutes); bench-all: every script of benchmarks/
bench: $(STAMP) bytecode
	scripts/system-deps.sh test
	$(BIN)/python benchmarks/budgets.py

bench-all: $(STAMP) bytecode
	scripts/system-deps.sh test
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

# The frozen desktop build (PyInstaller --onedir), built in a temporary folder and smoke-tested; not part of test.
.PHONY: package
package: $(STAMP)
	scripts/system-deps.sh test  # the smoke test runs the app offscreen, like make test
	packaging/smoke.sh
