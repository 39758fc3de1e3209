# Fazhi — every command a user or CI needs. `make help` lists them.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/fazhi
PG_BENCH_URL ?= postgres://postgres@127.0.0.1:5432/fazhi_bench
export FAZHI_DATA_DIR ?= $(CURDIR)/var

.PHONY: help install demo serve test test-pg e2e bench bench-pg lint clean

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/fazhi: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

install: $(BIN)/fazhi  ## create .venv and install Fazhi with its test tools

demo: install  ## install, migrate SQLite, load the demo organisation, serve on http://127.0.0.1:8000
	$(BIN)/fazhi demo --scale $(or $(SCALE),county)
	$(BIN)/fazhi serve 127.0.0.1:8000

serve: install  ## serve the existing database on http://127.0.0.1:8000
	$(BIN)/fazhi serve 127.0.0.1:8000

test: install  ## run the whole test suite on SQLite (browser tests: make e2e)
	$(BIN)/pytest -q -n 2 -m "not e2e"

test-pg: install  ## the same suite on PostgreSQL (PG_URL, a throwaway test database)
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -n 2 -m "not e2e"

e2e: install  ## browser tests in Debian's chromium (/usr/bin/chromium) through Playwright
	$(BIN)/pytest -q -m e2e tests/e2e

bench: install  ## city-scale demo data in a scratch database: benchmarks, then 20 users for FAZHI_LOAD_SECONDS (180)
	rm -rf var/bench
	FAZHI_DATA_DIR=$(CURDIR)/var/bench $(BIN)/fazhi demo --scale city > /dev/null
	FAZHI_DATA_DIR=$(CURDIR)/var/bench $(BIN)/fazhi bench
	FAZHI_DATA_DIR=$(CURDIR)/var/bench $(BIN)/fazhi loadtest

bench-pg: install  ## the same benchmarks on PostgreSQL (PG_BENCH_URL, a scratch database made afresh)
	$(BIN)/python -c "import sys, psycopg; from urllib.parse import urlsplit; u = urlsplit(sys.argv[1]); \
	c = psycopg.connect(u._replace(path='/postgres').geturl(), autocommit=True); n = u.path.strip('/'); \
	c.execute(f'DROP DATABASE IF EXISTS \"{n}\"'); c.execute(f'CREATE DATABASE \"{n}\"')" $(PG_BENCH_URL)
	DATABASE_URL=$(PG_BENCH_URL) $(BIN)/fazhi demo --scale city > /dev/null
	DATABASE_URL=$(PG_BENCH_URL) $(BIN)/fazhi bench

lint: install  ## static checks
	$(BIN)/pip install -q ruff
	$(BIN)/ruff check src tests

clean:  ## remove the virtual environment and local data
	rm -rf $(VENV) var
