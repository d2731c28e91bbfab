# Two commands set everything up on a fresh machine:
#   make run    installs the bot into .venv and starts it
#   make test   installs the bot and its test tools into .venv and runs lint + the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint format bench install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python -m bot run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Four workers (pytest-xdist) on the 2-core machines: most end-to-end tests wait on loopback I/O,
# so 4 workers keep both cores busy (1,022 tests: ~85 s with -n 4, ~107 s with -n 2, ~200 s
# serial); worksteal keeps them busy to the end (a few tests take 5-12 s). `make test XDIST=`
# is serial.
XDIST ?= -n 4 --dist worksteal

test: lint
	$(BIN)/python -m bot content check
	$(BIN)/python -m pytest -q $(XDIST)

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python bench/search.py
	$(BIN)/python bench/quiz_clicks.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
