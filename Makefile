# Two commands: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint typecheck migrations unit bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

PORT ?= 8000
EXAMPLE := examples/retention-challenges-2024
DEMO_OUT := var/demo

run: $(STAMP)
	$(BIN)/teichaku analyze $(EXAMPLE)/responses.csv --instrument retention-challenges-2024 \
		--codings $(EXAMPLE)/codings.csv --out $(DEMO_OUT)
	@echo
	@echo "報告書 / report: file://$(CURDIR)/$(DEMO_OUT)/report.html"
	$(BIN)/teichaku serve --port $(PORT)

test: lint typecheck migrations unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# A model change without its migration fails here (and so in CI).
migrations: $(STAMP)
	TEICHAKU_VAR=$(CURDIR)/var/test $(BIN)/teichaku manage makemigrations --check --dry-run

# Two pytest-xdist workers (CI's machine has two cores), each with its own test database;
# worksteal hands the long walks' neighbours to whichever worker is free.
# `make unit TEST_WORKERS=0` runs in one process.
TEST_WORKERS ?= 2
unit: $(STAMP)
	TEICHAKU_VAR=$(CURDIR)/var/test $(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal

bench: $(STAMP)
	$(BIN)/python bench/analyze_tables_only.py

clean:
	rm -rf $(VENV) var
