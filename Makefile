# ruralsw developer commands -- `make help` lists them.
#
# On a fresh machine `make test` is all it takes: it creates the dev-tools
# venv (.venv-ci, from requirements-dev.txt) when needed, runs the static
# checks and the plain tests, and runs the Odoo suite where an Odoo 18 is
# found (ODOO_PYTHON / ODOO_PATH / ODOO_BIN), saying what it skipped and why.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv-ci
# The python that builds the venv (and runs the stdlib-only tools/ scripts).
PYTHON ?= python3
# The python that imports Odoo 18. Resolved now, to an absolute path, so that
# putting the venv first on PATH below does not change which python3 it is.
ifndef ODOO_PYTHON
ODOO_PYTHON := $(shell command -v python3 2>/dev/null || echo python3)
endif
export ODOO_PYTHON

# TOOLS_FROM_PATH=1: use ruff/pylint/pytest/... as found on PATH (the tests
# image, or a venv you activated); otherwise use (and create) $(VENV).
ifeq ($(TOOLS_FROM_PATH),1)
VENV_DEP :=
TOOLS_ENV :=
else
VENV_DEP := venv
TOOLS_ENV := PATH="$(abspath $(VENV))/bin:$$PATH" VIRTUAL_ENV="$(abspath $(VENV))"
endif

.PHONY: help test lint pytest odoo-test venv format pre-commit-install clean-logs scale-data bench bench-resource bench-reporting

help: ## Show this help
	@echo "ruralsw -- developer commands"
	@echo
	@grep -hE '^[a-z][a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-20s %s\n", $$1, $$2}'
	@echo
	@echo "Variables (environment or make VAR=value):"
	@echo "  ODOO_PYTHON=python     python that imports Odoo 18 (default: python3 = $(ODOO_PYTHON))"
	@echo "  ODOO_PATH=/src/odoo    Odoo 18 source tree, run as \$$ODOO_PYTHON \$$ODOO_PATH/odoo-bin"
	@echo "  ODOO_BIN=/path/odoo-bin  an odoo-bin script to run with \$$ODOO_PYTHON"
	@echo "  ODOO_REQUIRED=1        fail (instead of skip) when no Odoo 18 is found"
	@echo "  ADDONS=ruralsw_case    test only these addons (comma-separated)"
	@echo "  ODOO_ARGS='...'        extra Odoo options, e.g. --test-tags=/ruralsw_case:TestX"
	@echo "  EXTRA_ADDONS_PATH=dir  more addon folders (their ruralsw_* addons are tested too)"
	@echo "  ODOO_TEST_LANG=zh_CN   language loaded in the test database ('' for none)"
	@echo "  KEEP_DB=1              keep the test database (and its filestore) afterwards"
	@echo "  PGHOST PGPORT PGUSER PGPASSWORD   PostgreSQL (default: local socket, current user)"
	@echo "  TOOLS_FROM_PATH=1      use the lint/test tools on PATH instead of $(VENV)"

test: $(VENV_DEP) ## Everything: lint, pytest, then the Odoo suite (if Odoo 18 is here)
	@$(TOOLS_ENV) $(PYTHON) tools/run_checks.py all

lint: $(VENV_DEP) ## Static checks only (ruff, pylint-odoo, OCA checks, msgfmt, idiom guard)
	@$(TOOLS_ENV) $(PYTHON) tools/run_checks.py lint

pytest: $(VENV_DEP) ## Plain pytest (tests/), no Odoo needed
	@$(TOOLS_ENV) $(PYTHON) tools/run_checks.py pytest

odoo-test: ## Odoo suite only: fresh database, install ruralsw_* with demo, run their tests
	@$(PYTHON) tools/run_checks.py odoo

scale-data: ## Generate the synthetic county in database $(DB) (default ruralsw_bench; SCALE=0.1 for a quick one)
	$(ODOO_PYTHON) tools/scale_data.py --db $(or $(DB),ruralsw_bench) --create --scale $(or $(SCALE),1)

bench: ## Run the benchmarks on the generated county $(DB) (default ruralsw_bench)
	$(ODOO_PYTHON) tools/bench_case.py --db $(or $(DB),ruralsw_bench)

bench-resource: ## Benchmark aid allocation, its confirmation and volunteer suggestions on $(DB) (default ruralsw_bench)
	$(ODOO_PYTHON) tools/bench_resource.py --db $(or $(DB),ruralsw_bench)

.PHONY: bench-bridge bench-reporting
bench-bridge: ## Benchmark order ingestion, the signal job and the applications API on $(DB) (default ruralsw_bench; BENCH_ARGS='--parts ingest')
	$(ODOO_PYTHON) tools/bench_bridge.py --db $(or $(DB),ruralsw_bench) $(BENCH_ARGS)
bench-reporting: ## Rebuild the reporting tables and time every dashboard figure and report on $(DB) (default ruralsw_bench)
	$(ODOO_PYTHON) tools/bench_reporting.py --db $(or $(DB),ruralsw_bench)

venv: ## Create or update the dev-tools venv (.venv-ci) from requirements-dev.txt
	@VENV_PYTHON="$(PYTHON)" tools/ensure_venv.sh "$(VENV)" requirements-dev.txt

format: $(VENV_DEP) ## Rewrite code with ruff format and ruff's safe fixes
	@$(TOOLS_ENV) ruff format .
	@$(TOOLS_ENV) ruff check --fix .

pre-commit-install: $(VENV_DEP) ## Install the git pre-commit hook (hooks in .pre-commit-config.yaml)
	@$(TOOLS_ENV) pre-commit install

clean-logs: ## Remove .odoo-test-logs/
	rm -rf .odoo-test-logs

.PHONY: reliability-bridge
reliability-bridge: $(VENV_DEP) ## Reliability of the bridge API on a real Odoo (2 workers, loopback): a new database, or DB=existing; SCENARIOS=kill,fuzz for some
	@$(TOOLS_ENV) python tools/reliability_bridge.py $(if $(DB),--db $(DB)) $(if $(SCENARIOS),--scenarios $(SCENARIOS))
