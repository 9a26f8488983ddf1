"""The fault tally of a test session: faults tried, faults survived, records lost.

A test wraps the checks of one fault in `fault(slug)`: the fault is tried, and survived when the checks pass.
Tests that compare a crawl's output with the records its pages hold add what is missing with `lost(n)`.
tests/faults/conftest.py prints the tally at the end of the session:

    faults: 61 tried, 61 survived; records lost: 0
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Tally:
    tried: set[str] = field(default_factory=set)
    survived: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)
    records_lost: int = 0

    def line(self) -> str:
        return (
            f"faults: {len(self.tried)} tried, {len(self.survived - self.failed)} survived; "
            f"records lost: {self.records_lost}"
        )


TALLY = Tally()


@contextmanager
def fault(slug: str) -> Iterator[None]:
    """The checks of the fault `slug`: it survived when they all pass (in every test that checks it)."""
    TALLY.tried.add(slug)
    try:
        yield
    except BaseException:
        TALLY.failed.add(slug)
        raise
    TALLY.survived.add(slug)


def lost(records: int) -> int:
    TALLY.records_lost += records
    return records
