# Ny Form boutique. `make run` starts the app with demo data; `make test` runs everything.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app boutique
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 3
# A PostgreSQL to run the suite on a second time (skipped when none answers).
BOUTIQUE_TEST_POSTGRES_URL ?= postgresql://boutique:boutique@127.0.0.1:5433/boutique_test
export BOUTIQUE_TEST_POSTGRES_URL

.PHONY: install system-deps run test test-sqlite test-postgres test-browser lint i18n bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate pyproject.toml requirements.lock
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

install: $(VENV)/.installed
	$(BIN)/python scripts/i18n.py compile

system-deps:
	bash scripts/system-deps.sh

run: install
	$(FLASK) db upgrade
	if $(FLASK) is-empty; then $(FLASK) demo; fi
	@echo "Ny Form boutique: http://$(HOST):$(PORT)/  (demo logins in README.md)"
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - 'boutique:create_app()'

lint: install
	$(BIN)/ruff check .
	$(BIN)/python scripts/i18n.py check
	$(BIN)/python scripts/security_checks.py

test-sqlite: install
	$(BIN)/python -m pytest -p no:cacheprovider $(PYTEST_ARGS)

test-postgres: install
	@if $(BIN)/python scripts/pg_ready.py "$$BOUTIQUE_TEST_POSTGRES_URL"; then \
		echo "== PostgreSQL: running the suite again on $$BOUTIQUE_TEST_POSTGRES_URL"; \
		BOUTIQUE_TEST_DATABASE_URL="$$BOUTIQUE_TEST_POSTGRES_URL" $(BIN)/python -m pytest -p no:cacheprovider $(PYTEST_ARGS); \
	else \
		echo "== PostgreSQL not reachable at $$BOUTIQUE_TEST_POSTGRES_URL: suite ran on SQLite only"; \
		if [ -n "$$CI" ]; then echo "CI must cover PostgreSQL"; exit 1; fi; \
	fi

test: system-deps install lint
	@echo "== SQLite"
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

# `make bench` runs every benchmark (bench/README.md); add PostgreSQL with
# BENCH_DATABASES="--database sqlite --database postgresql://…/boutique_bench" (that database is wiped).
BENCH_ITEMS ?= 10000,100000,1000000
BENCH_DATABASES ?= --database sqlite
bench: install
	$(BIN)/python -m bench $(BENCH_DATABASES) --items $(BENCH_ITEMS)

test-browser: install
	$(BIN)/python -m pytest -p no:cacheprovider -m browser tests/e2e $(PYTEST_ARGS)

i18n: install
	$(BIN)/python scripts/i18n.py update
	$(BIN)/python scripts/i18n.py compile

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
