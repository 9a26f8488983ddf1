"""`filmcrawl extract PAGE...`: the crawl's parsing and validation on saved pages, JSON Lines on stdout."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from pydantic import ValidationError

from crawler.extraction import extract, resolve_site, selector_for
from crawler.parsers.errors import PageError
from crawler.settings import DOWNLOAD_MAXSIZE
from schemas import UnknownRecordType, to_json_dict, validate_record

from . import EXIT_FAILED_PAGES, EXIT_OK


def _validation_summary(error: ValidationError) -> str:
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(p) for p in item["loc"]) or "record"
        parts.append(f"{where}: {item['msg']}")
    more = len(error.errors()) - 5
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


@contextmanager
def _stopped_at_once_by_ctrl_c() -> Iterator[None]:
    """Ctrl-C ends the process at once, also inside a long parse or query in C, where Python would raise
    KeyboardInterrupt only once the call returns. Every finished page's records are flushed before the next
    page is read, so nothing already printed is lost."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def extract_command(args: argparse.Namespace) -> int:
    with _stopped_at_once_by_ctrl_c():
        return _extract_pages(args)


def _extract_pages(args: argparse.Namespace) -> int:
    failures = 0
    scraped_at = datetime.now(timezone.utc)
    out = sys.stdout
    for path in args.pages:
        try:
            size = Path(path).stat().st_size
            if args.max_size and size > args.max_size:
                print(f"{path}: {size:,} bytes, over the size cap of {args.max_size:,} bytes that a crawl "
                      f"also applies (--max-size 0 reads it anyway)", file=sys.stderr)
                failures += 1
                continue
            body = Path(path).read_bytes()
        except OSError as error:
            print(f"{path}: cannot read: {error.strerror}", file=sys.stderr)
            failures += 1
            continue
        sel = selector_for(body)
        site, url = resolve_site(sel, url=args.url, site=args.site)
        try:
            extraction = extract(sel, url=url, site=site, scraped_at=scraped_at)
        except PageError as error:
            print(f"{path}: {type(error).__name__}: {error}", file=sys.stderr)
            failures += 1
            continue
        page_failed = False
        for record in extraction.records:
            try:
                model = validate_record(record)
            except (ValidationError, UnknownRecordType) as error:
                detail = _validation_summary(error) if isinstance(error, ValidationError) else str(error)
                print(f"{path}: invalid {record.get('type', 'record')} record: {detail}", file=sys.stderr)
                page_failed = True
                continue
            out.write(json.dumps(to_json_dict(model), ensure_ascii=False) + "\n")
        out.flush()
        failures += page_failed
    return EXIT_FAILED_PAGES if failures else EXIT_OK


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = commands.add_parser("extract", help="parse saved pages and print their records as JSON Lines")
    p.add_argument("pages", nargs="+", metavar="PAGE", help="saved HTML page or API response")
    p.add_argument("--url", help="the URL the page was fetched from (picks the site and resolves links)")
    p.add_argument("--site", help="site slug whose parsers to use (default: from the URL or the page itself); "
                                  "'generic' forces the schema.org parser")
    p.add_argument("--max-size", type=int, default=DOWNLOAD_MAXSIZE, metavar="BYTES",
                   help="refuse pages larger than this, as a crawl does (default %(default)s, the crawl's "
                        "DOWNLOAD_MAXSIZE); 0 reads pages of any size")
    p.set_defaults(func=extract_command)
