# Briefing — build and test entry points (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000

.PHONY: site test serve bench clean system-deps screenshots

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $(STAMP)

# Debian's Chromium for the browser tests; installed only when missing and we are root.
system-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "chromium missing: run 'sudo apt-get install chromium chromium-driver'" >&2; exit 1; fi; \
	fi
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else echo "java missing (needed by the HTML validator)" >&2; exit 1; fi; }

site: $(STAMP)
	$(VENV)/bin/briefing build

test: $(STAMP) system-deps
	$(PY) -m pytest -q -p no:cacheprovider

serve: $(STAMP)
	$(VENV)/bin/briefing serve --port $(PORT)

bench: $(STAMP)
	$(PY) bench/run_all.py

screenshots: $(STAMP) system-deps site
	$(PY) tests/screenshots.py

clean:
	rm -rf output .cache
