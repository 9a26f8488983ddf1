"""The `filmcrawl` command. Each subcommand lives in crawler/jobs/commands/<name>.py and is a thin layer over the
machinery a crawl uses, so what `filmcrawl extract` prints for a saved page is what a crawl would write.

Commands are registered by name: only the module of the command being run is imported, so `filmcrawl --help`
starts without Scrapy, pydantic or the parsers (tests/test_cli_start.py).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from crawler.exit_codes import EXIT_CLOSED_PIPE

# Command name -> its one-line summary in `filmcrawl --help`, in that order. The module
# crawler/jobs/commands/<name with "_" for "-">.py registers the command's own arguments when it is run.
COMMANDS: dict[str, str] = {
    "extract": "parse saved pages and print their records as JSON Lines",
    "crawl": "crawl one site (or a mirror of it) into JSON Lines",
    "reparse": "rebuild a job's output from its HTTP cache, without the network",
    "demo": "serve the bundled sample site and crawl it into out/films.jsonl",
    "sample-site": "serve the bundled sample site on 127.0.0.1 and print start URLs",
    "merge": "merge crawl output by id and film key: the merged view, one record per film",
    "load": "load crawl output into DuckDB tables and/or Parquet or CSV files",
    "report": "write one self-contained HTML page about a crawl's output",
    "collect": "write the output of a distributed crawl (records in Redis) as JSON Lines",
    "validate": "check every line of JSON Lines files against the record schema",
    "stats": "records by type and site, field coverage, ratings and years of a file",
}


class _VersionAction(argparse.Action):
    """`--version`: the package and record schema versions, read only when asked (the schema package builds
    its models on import)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the package and record schema versions and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        print(version_text())
        parser.exit()


def version_text() -> str:
    # Imported here: importlib.metadata (with the email package it parses metadata with) is a tenth of the
    # start of a command that never shows the version.
    from importlib.metadata import PackageNotFoundError, version

    from schemas.version import SCHEMA_VERSION

    try:
        number = version("filmcrawl")
    except PackageNotFoundError:  # run from a checkout that was never installed
        number = "unknown"
    return f"filmcrawl {number} (record schema {SCHEMA_VERSION})"


def command_module(name: str) -> str:
    return "crawler.jobs.commands." + name.replace("-", "_")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of `filmcrawl`; only `command` (when one is given) gets its full set of arguments."""
    parser = argparse.ArgumentParser(prog="filmcrawl", description="Crawl film sites into validated JSON Lines.")
    parser.add_argument("--version", action=_VersionAction)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, summary in COMMANDS.items():
        if name == command:
            importlib.import_module(command_module(name)).register(subparsers)
        else:
            subparsers.add_parser(name, help=summary)
    return parser


def requested_command(argv: Sequence[str]) -> str | None:
    """The command named on the command line: its first word that is not an option."""
    return next((word for word in argv if not word.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    command = requested_command(words)
    args = build_parser(command if command in COMMANDS else None).parse_args(words)
    try:
        status = int(args.func(args) or 0)
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit where Python reports it
        return status
    except BrokenPipeError:
        # The reader went away (`filmcrawl extract ... | head`): what it read was all it wanted. Python would
        # print a traceback when flushing stdout at exit; point stdout at /dev/null so it has nothing to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_CLOSED_PIPE


if __name__ == "__main__":
    sys.exit(main())
