# Maillage — `make demo` to try it, `make test` to check everything.
PYTHON = $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
MAILLAGE := $(BIN)/maillage
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
PORT ?= 8000
TEST_DATABASE = $${DATABASE_URL:-$(TEST_DATABASE_URL)}

.PHONY: demo install test lint typecheck migrations-check translations unit browser bench clean \
	security-scan prerequisites demo-prerequisites

$(BIN)/.installed-dev: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(BIN)/.installed-dev node_modules/.installed

# Python, npm and gettext for the demo; Chromium, Pango and PostgreSQL as well for the tests.
# As root with apt, missing packages are installed; otherwise one line says what to install.
demo-prerequisites:
	@scripts/check-prerequisites demo

prerequisites:
	@scripts/check-prerequisites test "$(TEST_DATABASE)"

# The demo runs with development settings (debug pages list every URL): it listens on this
# machine only. The task worker beside the server builds exports; Ctrl-C stops both.
demo: demo-prerequisites install
	cd maillage && ../$(MAILLAGE) compilemessages --locale fr >/dev/null
	$(MAILLAGE) migrate --no-input -v 0
	$(MAILLAGE) seed_demo
	@# The identifier detector's name index, built once (about 40 s) rather than at the first save.
	test -f maillage/privacy/pii/data/lexicon.npz || $(MAILLAGE) build_pii_lexicon
	@echo "Maillage is served on http://127.0.0.1:$(PORT)/ to this machine only (Ctrl-C to stop)."
	$(MAILLAGE) db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; trap 'exit 0' INT TERM; \
	$(MAILLAGE) runserver 127.0.0.1:$(PORT)

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
	DATABASE_URL=$(TEST_DATABASE) $(BIN)/pytest -q -m "not browser"

browser: install
	DATABASE_URL=$(TEST_DATABASE) $(BIN)/pytest -q -m browser

test: prerequisites install lint typecheck migrations-check translations security-scan
	DATABASE_URL=$(TEST_DATABASE) $(BIN)/pytest -q

security-scan: install
	scripts/audit-dependencies $(BIN)/pip-audit
	$(BIN)/bandit -q -lll -r maillage -x '*/tests/*'

clean:
	rm -rf $(VENV) node_modules var artifacts
