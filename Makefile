# Two commands do everything on a fresh machine with Python 3.11+, pip and make:
#   make demo   serve the bundled sample site and crawl it into out/films.jsonl
#   make test   run the test suite
# Each creates or updates .venv and installs the project first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Test processes: the end-to-end tests mostly wait on sockets and subprocesses, so two per core pay off.
TEST_WORKERS ?= 4

.PHONY: install demo test schema clean bench redis-server chromium bench-distributed docs-report

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "filmcrawl needs Python 3.11+; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/filmcrawl demo

test: $(STAMP) lint redis-server chromium
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS)

# The guards, run before the tests: lint and format (ruff), strict types (mypy, pyproject.toml), and the import
# layers (import-linter: the core never imports Scrapy; no layer imports one above it; pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy crawler pipelines spiders schemas bench
	$(BIN)/lint-imports

# The distributed-crawl tests (tests/distributed) start their own redis-server on 127.0.0.1: the Debian package,
# installed here when missing (as root, with apt-get); elsewhere those tests are skipped, saying why.
redis-server:
	@if command -v redis-server >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server; \
	else \
	  echo "redis-server is missing and cannot be installed here (needs root and apt-get):" \
	       "the distributed-crawl tests will be skipped (install the redis-server package to run them)"; \
	fi

# The HTML report's test (tests/dataset/test_html_report.py) opens the page in a real headless Chromium: the
# Debian package, installed here when missing (as root, with apt-get); elsewhere that test is skipped.
chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; \
	else \
	  echo "chromium is missing and cannot be installed here (needs root and apt-get):" \
	       "the HTML report's browser test will be skipped (install the chromium package to run it)"; \
	fi

# docs/report.png: the report of a demo crawl, drawn by headless Chromium (no network, a throw-away profile).
CHROMIUM_FLAGS = --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
                 --disable-sync --no-first-run --hide-scrollbars
docs-report: $(STAMP) chromium
	$(BIN)/filmcrawl demo -o out/films.jsonl
	$(BIN)/filmcrawl report out/films.jsonl -o out/report.html
	profile=$$(mktemp -d) && chromium $(CHROMIUM_FLAGS) --user-data-dir=$$profile --window-size=1280,1500 \
	  --screenshot=docs/report.png file://$(CURDIR)/out/report.html; status=$$?; rm -rf $$profile; exit $$status

# Re-export the JSON Schemas and the data dictionary after changing a model.
schema: $(STAMP)
	$(BIN)/python -m schemas.export
	$(BIN)/python -m crawler.dataset.dictionary

# Speed against honest baselines (docs/performance.md): prints the figures, writes out/bench.json; 15-20
# minutes, not part of `make test`. BENCH_REAL_PAGES=DIR adds a folder of saved real pages (with a GOLD.json
# manifest); the shared folder beside the checkout is used when there is one.
BENCH_REAL_PAGES ?= $(firstword $(wildcard ../shared/real-pages ../../shared/real-pages))
bench: $(STAMP)
	$(BIN)/python -m bench $(if $(BENCH_REAL_PAGES),--real-pages $(BENCH_REAL_PAGES)) $(BENCH_ARGS)

# Throughput of a distributed crawl with 1, 2 and 4 workers (README, Distributed crawls): pages fetched once,
# records lost and duplicated, the scaling ratio (best of 3 rounds); writes out/bench-distributed.json. ~5 min.
BENCH_DISTRIBUTED_ARGS ?= --rounds 3
bench-distributed: $(STAMP) redis-server
	$(BIN)/python -m tests.distributed.bench $(BENCH_DISTRIBUTED_ARGS)

clean:
	rm -rf out .pytest_cache .hypothesis
