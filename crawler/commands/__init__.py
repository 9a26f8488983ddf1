"""`filmcrawl` subcommands, one module each. Each module has `register(subparsers)`; `COMMANDS` is their order
in `filmcrawl --help`."""

from __future__ import annotations

import argparse
import importlib

COMMANDS = ("extract", "crawl", "reparse", "demo", "sample_site", "merge", "load", "report", "collect", "validate",
            "stats")

EXIT_OK = 0
"""The command did its work and the data can be trusted."""
EXIT_FAILED_PAGES = 1
"""`extract`: at least one page gave no valid records."""
EXIT_COULD_NOT_RUN = 2
"""Bad arguments, an unknown site, a port in use, unreachable start URLs: nothing was done."""
EXIT_BELOW_THRESHOLDS = 3
"""The job finished but its data is below the quality thresholds (coverage, reject ratio, blocked ratio)."""
EXIT_REDIS_LOST = 4
"""A distributed crawl's Redis went away mid-crawl: the worker stopped cleanly, its pages in flight stay in
Redis; the same command resumes the crawl once Redis is back (crawler.distributed)."""
EXIT_CLOSED_PIPE = 141
"""The reader of stdout went away (`filmcrawl extract ... | head`): 128 + SIGPIPE, as a shell reports a
command a closed pipe stopped."""
EXIT_INTERRUPTED = 130
"""The job was stopped before its end (Ctrl-C, SIGTERM); `crawl --resume DIR` continues it when run again."""


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
