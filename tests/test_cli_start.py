"""`filmcrawl` starts at the cost of the command it runs: `--help` imports no command, no Scrapy and no pydantic
models; each command is found by name and registers its own arguments only when it runs."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys

import pytest

from crawler.cli import COMMANDS, build_parser, command_module

HEAVY_MODULES = ("scrapy", "twisted", "pydantic", "schemas", "parsel", "lxml", "crawler.core.extraction")

_LOADED_AFTER_MAIN = """
import json, sys
from crawler.cli import main
try:
    main({argv!r})
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules_loaded_by(argv: list[str]) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", _LOADED_AFTER_MAIN.format(argv=argv)], capture_output=True, text=True, timeout=120
    )
    return set(json.loads(run.stderr.strip().splitlines()[-1]))


def _heavy(loaded: set[str], roots: tuple[str, ...]) -> set[str]:
    return {m for m in loaded for root in roots if m == root or m.startswith(root + ".")}


@pytest.mark.parametrize("argv", [["--help"], []])
def test_help_should_import_neither_scrapy_nor_pydantic(argv: list[str]) -> None:
    assert _heavy(_modules_loaded_by(argv), HEAVY_MODULES) == set()


def test_extract_should_start_without_scrapy() -> None:
    """`extract` reads pages with the crawl's parsers and models, but needs no crawl engine."""
    assert _heavy(_modules_loaded_by(["extract", "--help"]), ("scrapy", "twisted")) == set()


def test_help_should_import_no_command_module() -> None:
    loaded = _modules_loaded_by(["--help"])
    assert {m for m in loaded if m.startswith("crawler.jobs.commands.")} == set()


def test_help_should_list_every_command_with_its_summary() -> None:
    run = subprocess.run([sys.executable, "-m", "crawler.cli", "--help"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0
    for name, summary in COMMANDS.items():
        assert name in run.stdout and summary[:30] in " ".join(run.stdout.split())


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_should_register_under_its_name_with_the_summary_of_the_table(name: str) -> None:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers()
    importlib.import_module(command_module(name)).register(subparsers)
    assert list(subparsers.choices) == [name]
    assert [action.help for action in subparsers._choices_actions] == [COMMANDS[name]]


def test_a_command_should_get_its_own_arguments_when_it_is_run() -> None:
    args = build_parser("extract").parse_args(["extract", "page.html", "--site", "imdb"])
    assert (args.pages, args.site, args.func.__name__) == (["page.html"], "imdb", "extract_command")
