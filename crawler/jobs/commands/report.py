"""`filmcrawl report OUT.jsonl -o report.html`: one self-contained HTML page about a crawl output (coverage heat
map, rejects, fallback-read fields, rating and year distributions, films on several sites side by side); see
crawler/dataset/html_report.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import EXIT_COULD_NOT_RUN, EXIT_OK


def report_command(args: argparse.Namespace) -> int:
    from crawler.dataset.html_report import rejects_beside, write_report
    from crawler.dataset.jsonl import BadLine

    records = Path(args.input)
    if not records.is_file():
        print(f"filmcrawl report: no such file: {records}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    rejects = [Path(p) for p in args.rejects] if args.rejects else rejects_beside(records)
    missing = [str(p) for p in rejects if not p.is_file()]
    if missing:
        print(f"filmcrawl report: no such file: {', '.join(missing)}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    target = Path(args.output) if args.output else records.with_name(records.stem + ".report.html")
    try:
        data = write_report(records, target, rejects)
    except (BadLine, UnicodeDecodeError) as error:
        print(f"filmcrawl report: {records} is not crawl output (JSON Lines): {error}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    print(f"report: {sum(data.records.values())} records, {sum(data.rejects.values())} rejects -> {target}")
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "report",
        help="write one self-contained HTML page about a crawl's output",
        description="Write one HTML page (no network needed to open it) about a crawl output: "
        "records and rejects, field coverage per site, fallback-read fields, "
        "rating and year distributions, films found on several sites.",
    )
    p.add_argument("input", metavar="OUT.jsonl", help="crawl output (JSON Lines)")
    p.add_argument("-o", "--output", metavar="HTML", help="where to write the page (default: <input>.report.html)")
    p.add_argument(
        "--rejects", action="append", metavar="FILE", help="rejects file(s) (default: the one beside the input, if any)"
    )
    p.set_defaults(func=report_command)
