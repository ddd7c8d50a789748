# Maillage — `make demo` to try it, `make test` to check everything.
PYTHON := $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
MAILLAGE := $(BIN)/maillage
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
ADDRESS ?= 127.0.0.1:8000

.PHONY: demo install test lint typecheck migrations-check translations unit browser bench clean security-scan

$(BIN)/.installed-dev: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(BIN)/.installed-dev node_modules/.installed

demo: install
	cd maillage && ../$(MAILLAGE) compilemessages --locale fr >/dev/null
	$(MAILLAGE) migrate --no-input -v 0
	$(MAILLAGE) seed_demo
	@echo "Maillage is served on http://$(ADDRESS)/ (Ctrl-C to stop)."
	$(MAILLAGE) runserver $(ADDRESS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy maillage

migrations-check: install
	$(MAILLAGE) makemigrations --check --dry-run

translations: install
	scripts/check-translations $(MAILLAGE)

unit: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/pytest -q -m "not browser"

browser: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/pytest -q -m browser

test: install lint typecheck migrations-check translations security-scan
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/pytest -q

security-scan: install
	scripts/audit-dependencies $(BIN)/pip-audit
	$(BIN)/bandit -q -lll -r maillage -x '*/tests/*'

clean:
	rm -rf $(VENV) node_modules var artifacts
