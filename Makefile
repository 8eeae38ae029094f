# The two commands of the quick start are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install migrate demo admin run test lint check serve clean lock loadtest bench

$(STAMP): pyproject.toml constraints.txt package.json package-lock.json
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt ".[test]"
	@# Front-end packages from the npm registry, shipped with the site (Leaflet; ical.js for the ICS tests).
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo_content --port $(PORT)

admin: migrate
	$(BIN)/python manage.py ensure_admin

## make run: install, migrate, load the demo content, create an admin, serve on http://127.0.0.1:8000
## with the worker for background work (mail) beside it
run: demo admin
	@echo "De site: http://$(HOST):$(PORT)/  ·  De beheeromgeving: http://$(HOST):$(PORT)/admin/"
	@echo "E-mails (bevestigingen, meldingen) verschijnen hieronder, verstuurd door de worker."
	$(BIN)/python manage.py db_worker --queue-name='*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## make test: the whole suite (browser tests skip themselves when Chromium is missing, except under CI=true)
test: install
	$(BIN)/python -m pytest -n 2 -q

## make lint: ruff (rules and formatting), the import contracts, and the HTML templates: indented as djhtml
## does it, no line over 120 characters (a <title> stays on one line: whitespace in it is part of the title).
## Mail's .txt templates are left alone: their line breaks are the e-mail's.
HTML_TEMPLATES = $(shell find templates -name '*.html' | sort)
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	@echo "djhtml --check en regels van ten hoogste 120 tekens: de HTML-templates"
	@$(BIN)/djhtml --check $(HTML_TEMPLATES)
	@awk 'length > 120 && !/<title>/ { print FILENAME ":" FNR ": " length " tekens, meer dan 120: breek de regel af"; bad = 1 } \
		END { exit bad }' $(HTML_TEMPLATES)

check: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

## make serve: production server (gunicorn + WhiteNoise); needs SECRET_KEY, WAGTAILADMIN_BASE_URL, DATABASE_URL,
## ALLOWED_HOSTS … Each worker is replaced after about GUNICORN_MAX_REQUESTS requests (± the jitter, so they do not all
## restart at once) and killed when a request takes longer than GUNICORN_TIMEOUT seconds; all read from the environment.
GUNICORN_WORKERS ?= 3
GUNICORN_TIMEOUT ?= 30
GUNICORN_MAX_REQUESTS ?= 1000
GUNICORN_MAX_REQUESTS_JITTER ?= 100
serve: install
	DJANGO_SETTINGS_MODULE=som.settings.production $(BIN)/python manage.py collectstatic --noinput
	DJANGO_SETTINGS_MODULE=som.settings.production $(BIN)/gunicorn som.wsgi:application --bind $(HOST):$(PORT) \
		--workers $(GUNICORN_WORKERS) --timeout $(GUNICORN_TIMEOUT) \
		--max-requests $(GUNICORN_MAX_REQUESTS) --max-requests-jitter $(GUNICORN_MAX_REQUESTS_JITTER)

## make lock: refresh constraints.txt from the current environment after changing pyproject.toml
lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^som-site' > constraints.txt

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

## make loadtest: two production servers on 127.0.0.1 under bounded load while an editor publishes,
## and 100 people registering at once for 30 places (needs PostgreSQL and Redis; FAULTS=1 also
## restarts both mid-run; FLOOD=1 instead browses with and without a client flooding random query
## strings, and counts renders per page after each publish). Not part of make test.
loadtest: install
	$(BIN)/python scripts/loadtest.py $(if $(FAULTS),--faults,) $(if $(FLOOD),--flood,)

## make bench: bulk data in PostgreSQL, production server, wrk; writes docs/benchmarks.md. Then building and
## sending 10,000 e-mail digests to a local SMTP server that only counts (time and peak memory; printed).
## make bench SCALE=10: instead, every page at today's bulk size and at ten times it, side by side in one run
## (generating the larger database the first time: its time and peak memory are reported).
SCALE ?= 1
bench: install
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	BENCH_SCALE=$(SCALE) $(BIN)/python scripts/bench.py
	@if [ "$(SCALE)" = "1" ]; then DATABASE_URL=postgres://postgres@127.0.0.1:5432/som_bench \
		$(BIN)/python manage.py bench_digests --subscribers 10000; fi
