"""`filmcrawl` subcommands, one module each. Each module has `register(subparsers)`; `COMMANDS` is their order
in `filmcrawl --help`."""

from __future__ import annotations

import argparse
import importlib

COMMANDS = ("extract", "crawl", "reparse", "demo", "sample_site", "merge", "load", "report", "collect", "validate",
            "stats")

from crawler.exit_codes import (  # noqa: F401 (re-exported for the commands)
    EXIT_BELOW_THRESHOLDS,
    EXIT_CLOSED_PIPE,
    EXIT_COULD_NOT_RUN,
    EXIT_FAILED_PAGES,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_REDIS_LOST,
)


def site_argument(value: str) -> str:
    """An argparse type: a known site slug or "generic"; anything else is refused (exit 2) with the known
    slugs, so a typo never falls back to the generic parser under a made-up `source`."""
    import difflib

    from crawler.sites import GENERIC, SITES

    known = [*sorted(SITES), GENERIC]
    if value in known:
        return value
    close = difflib.get_close_matches(value, known, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise argparse.ArgumentTypeError(f"unknown site {value!r}{hint}; known: {', '.join(known)}")


def register_all(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    for name in COMMANDS:
        importlib.import_module(f"crawler.commands.{name}").register(subparsers)
