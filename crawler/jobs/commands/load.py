"""`filmcrawl load OUT.jsonl... --duckdb FILE | --parquet DIR | --csv DIR`: crawl output as relational tables.

Tables films, ratings, credits, releases, reviews, listings, listing_entries, rating_history and loads
(crawler/dataset/tables.py, docs/schema.md), joined on film_id and film_key. Loading each night's output into
the same database keeps the latest version of every record and the history of every rating; loading a file
again changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import EXIT_COULD_NOT_RUN, EXIT_OK


def load_command(args: argparse.Namespace) -> int:
    from crawler.dataset.jsonl import BadLine
    from crawler.dataset.load import InputError, check_input, load

    if not args.duckdb and not args.parquet and not args.csv:
        print("filmcrawl load: say where to: --duckdb FILE, --parquet DIR and/or --csv DIR", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    inputs = [Path(p) for p in args.inputs]
    try:
        for path in inputs:
            check_input(path)  # every input, before anything is written
        result = load(
            inputs,
            database=Path(args.duckdb) if args.duckdb else None,
            parquet_dir=Path(args.parquet) if args.parquet else None,
            csv_dir=Path(args.csv) if args.csv else None,
        )
    except (BadLine, InputError) as error:
        print(f"filmcrawl load: {error}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    print("read: " + ", ".join(f"{n} {kind}" for kind, n in sorted(result.records.items())))
    width = max(len(name) for name in result.rows)
    print(f"  {'table':<{width}}  {'rows':>8}  {'new or changed':>14}")
    for name, rows in result.rows.items():
        changed = result.changed.get(name)
        print(f"  {name:<{width}}  {rows:>8}  {'' if changed is None else changed:>14}")
    if args.duckdb:
        print(f"database: {args.duckdb}")
    if result.skipped:
        print("skipped (no table for them): " + ", ".join(f"{n} {kind}" for kind, n in sorted(result.skipped.items())))
    if result.parquet:
        print(f"parquet: {len(result.parquet)} files in {args.parquet}")
    if result.csv:
        print(f"csv: {len(result.csv)} files in {args.csv}")
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "load",
        help="load crawl output into DuckDB tables and/or Parquet or CSV files",
        description="Load crawl output (JSON Lines records, not the merged view) into "
        "DuckDB tables and/or Parquet or CSV files. Exit status: 0 loaded; "
        "2 could not run (no target, an input that is not crawl output).",
    )
    p.add_argument("inputs", nargs="+", metavar="OUT.jsonl", help="crawl output (JSON Lines)")
    p.add_argument("--duckdb", metavar="FILE", help="DuckDB database to create or add to")
    p.add_argument("--parquet", metavar="DIR", help="write every table as DIR/<table>.parquet")
    p.add_argument("--csv", metavar="DIR", help="write every table as DIR/<table>.csv (lists as JSON text)")
    p.set_defaults(func=load_command)
