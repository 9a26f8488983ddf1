# Two commands do everything on a fresh machine with Python 3.11+, pip and make:
#   make demo   serve the bundled sample site and crawl it into out/films.jsonl
#   make test   run the test suite
# Each creates or updates .venv and installs the project first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test schema clean bench redis-server bench-distributed

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "filmcrawl needs Python 3.11+; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/filmcrawl demo

test: $(STAMP) redis-server
	$(BIN)/python -m pytest -q

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

# Re-export the JSON Schemas and the data dictionary after changing a model.
schema: $(STAMP)
	$(BIN)/python -m schemas.export

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
