"""`filmcrawl` subcommands, one module each, registered by name in crawler/cli.py (COMMANDS): each module has
`register(subparsers)` and is imported only when its command runs."""

from __future__ import annotations

import argparse

from crawler.exit_codes import (
    EXIT_BELOW_THRESHOLDS,
    EXIT_CLOSED_PIPE,
    EXIT_COULD_NOT_RUN,
    EXIT_FAILED_PAGES,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_REDIS_LOST,
)

# The exit codes are re-exported for the commands (`from . import EXIT_OK`).
__all__ = [
    "EXIT_BELOW_THRESHOLDS",
    "EXIT_CLOSED_PIPE",
    "EXIT_COULD_NOT_RUN",
    "EXIT_FAILED_PAGES",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_REDIS_LOST",
    "site_argument",
]


def site_argument(value: str) -> str:
    """An argparse type: a known site slug or "generic"; anything else is refused (exit 2) with the known
    slugs, so a typo never falls back to the generic parser under a made-up `source`."""
    import difflib

    from crawler.core.sites import GENERIC, SITES

    known = [*sorted(SITES), GENERIC]
    if value in known:
        return value
    close = difflib.get_close_matches(value, known, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise argparse.ArgumentTypeError(f"unknown site {value!r}{hint}; known: {', '.join(known)}")
