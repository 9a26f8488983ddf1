"""The `filmcrawl` command. Each subcommand lives in crawler/commands/<name>.py and is a thin layer over the
machinery a crawl uses, so what `filmcrawl extract` prints for a saved page is what a crawl would write."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version

from crawler.commands import EXIT_CLOSED_PIPE, register_all
from schemas.version import SCHEMA_VERSION


def version_text() -> str:
    try:
        number = version("filmcrawl")
    except PackageNotFoundError:  # run from a checkout that was never installed
        number = "unknown"
    return f"filmcrawl {number} (record schema {SCHEMA_VERSION})"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="filmcrawl", description="Crawl film sites into validated JSON Lines.")
    parser.add_argument("--version", action="version", version=version_text())
    register_all(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
