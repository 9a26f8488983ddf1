"""`filmcrawl` subcommands, one module each. Each module has `register(subparsers)`; `COMMANDS` is their order
in `filmcrawl --help`."""

from __future__ import annotations

import argparse
import importlib

COMMANDS = ("extract", "crawl", "demo", "sample_site")

EXIT_OK = 0
"""The command did its work and the data can be trusted."""
EXIT_FAILED_PAGES = 1
"""`extract`: at least one page gave no valid records."""
EXIT_COULD_NOT_RUN = 2
"""Bad arguments, an unknown site, a port in use, unreachable start URLs: nothing was done."""
EXIT_BELOW_THRESHOLDS = 3
"""The job finished but its data is below the quality thresholds (coverage, reject ratio, blocked ratio)."""


def register_all(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    for name in COMMANDS:
        importlib.import_module(f"crawler.commands.{name}").register(subparsers)
