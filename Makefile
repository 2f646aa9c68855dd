# Two commands: `make run` and `make test`. Both work on a machine with only Python 3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run worker serve demo test lint bench bench-pages clean-db messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py demo_accounts

# The site and the background worker (mail, webhooks, digests) together; Ctrl-C stops both.
run: demo
	@echo "Site: http://$(HOST):$(PORT)/  admin: http://$(HOST):$(PORT)/admin/  (worker: manage.py run_huey)"
	trap 'kill 0' INT TERM EXIT; \
	$(BIN)/python manage.py run_huey --quiet & \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The background worker alone (production: run one or more beside the app servers).
worker: install
	$(BIN)/python manage.py run_huey

# The production shape on this machine: migrate, collect static files (served by WhiteNoise),
# then gunicorn with WEB_CONCURRENCY workers (default 2 x cores + 1, capped; config/gunicorn.py).
# Set DEBUG=false, SECRET_KEY, ALLOWED_HOSTS etc. in the environment or .env first.
serve: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn -c config/gunicorn.py config.wsgi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/api.py

# Public doors at 1,000 and 100,000 events: uncached, cached, 304 and bare bytes (docs/performance.md).
bench-pages: install
	$(BIN)/python bench/pages.py $(BENCH_ARGS)

messages: install
	$(BIN)/python manage.py makemessages -l ko -l zh_Hans --ignore=.venv --ignore=node_modules
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean-db:
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
