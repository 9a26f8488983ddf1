# Two commands do everything on a fresh machine with Python 3.11+, pip and make:
#   make demo   serve the bundled sample site and crawl it into out/films.jsonl
#   make test   run the test suite
# Each creates or updates .venv and installs the project first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test schema clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "filmcrawl needs Python 3.11+; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/filmcrawl demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Re-export the JSON Schemas and the data dictionary after changing a model.
schema: $(STAMP)
	$(BIN)/python -m schemas.export

clean:
	rm -rf out .pytest_cache .hypothesis
