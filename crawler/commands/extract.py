"""`filmcrawl extract PAGE...`: the crawl's parsing and validation on saved pages, JSON Lines on stdout."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from pydantic import ValidationError

from crawler.decoding import decode_page
from crawler.extraction import extract, resolve_site, selector_of
from crawler.plausibility import check_record
from crawler.parsers.errors import PageError
from schemas import UnknownRecordType, to_json_dict, validate_record

from . import EXIT_FAILED_PAGES, EXIT_OK


def _validation_summary(error: ValidationError) -> str:
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(p) for p in item["loc"]) or "record"
        parts.append(f"{where}: {item['msg']}")
    more = len(error.errors()) - 5
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def extract_command(args: argparse.Namespace) -> int:
    failures = 0
    scraped_at = datetime.now(timezone.utc)
    out = sys.stdout
    for path in args.pages:
        try:
            body = Path(path).read_bytes()
        except OSError as error:
            print(f"{path}: cannot read: {error.strerror}", file=sys.stderr)
            failures += 1
            continue
        decoded = decode_page(body)
        if decoded.replaced:
            print(f"{path}: warning: {decoded.replaced} characters did not decode as {decoded.encoding} and were "
                  "replaced with U+FFFD", file=sys.stderr)
        sel = selector_of(decoded.text)
        site, url = resolve_site(sel, url=args.url, site=args.site)
        try:
            extraction = extract(sel, url=url, site=site, scraped_at=scraped_at)
        except PageError as error:
            print(f"{path}: {type(error).__name__}: {error}", file=sys.stderr)
            failures += 1
            continue
        page_failed = False
        for record in extraction.records:
            checked = check_record(record)
            for finding in checked.findings:
                print(f"{path}: warning: {finding.field} {'cut' if finding.reason == 'cut' else 'left out'}: "
                      f"{finding.why}", file=sys.stderr)
            try:
                model = validate_record(checked.record)
            except (ValidationError, UnknownRecordType) as error:
                detail = _validation_summary(error) if isinstance(error, ValidationError) else str(error)
                print(f"{path}: invalid {record.get('type', 'record')} record: {detail}", file=sys.stderr)
                page_failed = True
                continue
            out.write(json.dumps(to_json_dict(model), ensure_ascii=False) + "\n")
        failures += page_failed
    out.flush()
    return EXIT_FAILED_PAGES if failures else EXIT_OK


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = commands.add_parser("extract", help="parse saved pages and print their records as JSON Lines")
    p.add_argument("pages", nargs="+", metavar="PAGE", help="saved HTML page or API response")
    p.add_argument("--url", help="the URL the page was fetched from (picks the site and resolves links)")
    p.add_argument("--site", help="site slug whose parsers to use (default: from the URL or the page itself); "
                                  "'generic' forces the schema.org parser")
    p.set_defaults(func=extract_command)
