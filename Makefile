# One target per user action; `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CORPUS ?= default
# The topic pack: a shipped pack's name (`python -m analysis topics`) or a pack folder; empty = ukraine_war.
TOPIC ?=
TOPIC_OPTION := $(if $(TOPIC),--topic $(TOPIC),)
# SHOW_CODE=1: rendered reports show their code cells from the start (default: hidden behind a "Show code" toggle).
SHOW_CODE ?=
SHOW_CODE_OPTION := $(if $(filter 1 yes true on,$(SHOW_CODE)),--show-code,)
SHARED ?= ../shared
# Reading options for a CORPUS given as paths, as the CLI's --map, --outlet, --date-format and --dayfirst:
# MAP="text=body url=link" (FIELD=COLUMN pairs separated by spaces), OUTLET=bbc, DATE_FORMAT="%d.%m.%Y", DAYFIRST=1.
MAP ?=
OUTLET ?=
DATE_FORMAT ?=
DAYFIRST ?=
READ_OPTIONS := $(foreach pair,$(MAP),--map '$(pair)') $(if $(OUTLET),--outlet '$(OUTLET)',) \
  $(if $(DATE_FORMAT),--date-format '$(DATE_FORMAT)',) $(if $(filter 1 yes true on,$(DAYFIRST)),--dayfirst,)
# Errors that advise an option then name the make variable too (MAP="text=COLUMN").
export ANALYSIS_VIA_MAKE := 1

# Where ../shared/corpora exists (this machine, CI), it is the local mirror of the registered datasets.
# Point ANALYSIS_DATA_MIRROR elsewhere to use another mirror; without one, `make data` downloads them.
ifneq ($(wildcard $(SHARED)/corpora),)
export ANALYSIS_DATA_MIRROR ?= $(abspath $(SHARED)/corpora)
endif
export MPLBACKEND := Agg

.DEFAULT_GOAL := help
.PHONY: help install browser report figures notebooks data datasets test test-fast fuzz evaluate bench model lint clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo
	@echo "  Variables, e.g. make report CORPUS=seeds TOPIC=israel_gaza SHOW_CODE=1"
	@echo "    CORPUS=...   corpus to analyse: default, seeds, dataset names, or a folder (now: $(CORPUS))"
	@echo "    TOPIC=...    topic pack: a shipped pack's name or a pack folder (now: $(or $(TOPIC),ukraine_war))"
	@echo "    SHOW_CODE=1  reports show their code from the start (default: hidden behind a 'Show code' toggle)"
	@echo "    MAP=\"text=COLUMN ...\" OUTLET=SLUG DATE_FORMAT=FORMAT DAYFIRST=1"
	@echo "                 how to read a CORPUS given as paths (the CLI's --map, --outlet, --date-format, --dayfirst)"
	@echo "  Another corpus or pack writes to reports/<corpus>/<topic>/ and data/processed/, never to figures/."

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

install: $(VENV)/.installed browser ## create .venv (if missing) and install the pinned requirements and the package

# The browser tests (tests/browser.py) open reports in headless Chromium; where it is missing, they skip.
browser: ## install Debian's chromium for the browser tests where it is missing (needs root and apt-get)
	@if command -v chromium >/dev/null 2>&1 || [ -n "$$ANALYSIS_CHROMIUM" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } \
	    || echo "could not install chromium: the browser tests will skip"; \
	else echo "chromium is missing and installing it needs root and apt-get: the browser tests will skip"; fi

report: figures ## analyse CORPUS under TOPIC: figures, then every notebook as HTML and reports/index.html
	$(PY) -m analysis report --corpus $(CORPUS) $(TOPIC_OPTION) $(SHOW_CODE_OPTION) $(READ_OPTIONS)

figures: install ## rebuild every registered figure (figures/NAME.png) and its data twin (figures/NAME.csv)
	$(PY) -m analysis figures --corpus $(CORPUS) $(TOPIC_OPTION) $(READ_OPTIONS)

notebooks: install ## write the paired .ipynb of every notebooks/*.py (outputs stripped)
	$(VENV)/bin/jupytext --sync notebooks/[0-9][0-9]-*.py

data: install ## download the registered datasets into data/external/ and verify their checksums
	$(PY) -m analysis data fetch

datasets: install ## list the registered datasets and which are available here
	$(PY) -m analysis datasets

test: install ## run the test suite (tests needing ../shared skip without it)
	$(PY) -m pytest -n 2 -q

test-fast: install ## the test suite without slow tests (whole corpora, notebook execution)
	$(PY) -m pytest -q -m "not slow"

# FUZZ_EXAMPLES: examples per property (each a generated file or folder read by the corpus loader).
FUZZ_EXAMPLES ?= 2000
fuzz: install ## a long hypothesis session on the readers (FUZZ_EXAMPLES per property): inputs tried and failures
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q -p no:cacheprovider \
	  tests/test_fuzz.py -k "any_ or spans" --hypothesis-show-statistics

evaluate: install ## measured accuracy on gold data (needs ../shared)
	$(PY) -m analysis evaluate

# BENCH_SIZES: corpus sizes of the scale bench (comma-separated; default 10000,100000);
# BENCH_STAGES: only these stages (python -m analysis bench --help lists them).
BENCH_SIZES ?=
BENCH_STAGES ?=
bench: install ## speed and peak memory of every stage on resampled corpora of 10,000 and 100,000 articles (long: prints its expected duration)
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt -c requirements.txt \
	  || echo "could not install requirements-bench.txt: the bench reports the alternative as not installed"
	$(PY) -m analysis bench --scale $(if $(BENCH_SIZES),--sizes $(BENCH_SIZES),) \
	  $(if $(BENCH_STAGES),--stages $(BENCH_STAGES),)

model: install ## retrain the shipped loaded-language tagger on ../shared/gold/ptc2020 (prints its cross-validated scores)
	$(PY) -m analysis.tagger train

lint: install ## ruff, and check that every notebook's .ipynb is in sync with its .py
	$(VENV)/bin/ruff check analysis tests
	$(PY) -m pytest -q tests/test_notebooks.py -k paired

clean: ## remove caches, named tables and rendered reports (keeps .venv and downloaded data)
	rm -rf data/cache data/processed reports/*/ reports/*.html reports/*.ipynb .pytest_cache
