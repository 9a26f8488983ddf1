"""`filmcrawl load OUT.jsonl... --duckdb FILE | --parquet DIR`: crawl output as relational tables.

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
    from crawler.dataset.load import load

    if not args.duckdb and not args.parquet:
        print("filmcrawl load: say where to: --duckdb FILE and/or --parquet DIR", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    inputs = [Path(p) for p in args.inputs]
    missing = [str(p) for p in inputs if not p.is_file()]
    if missing:
        print(f"filmcrawl load: no such file: {', '.join(missing)}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    try:
        result = load(inputs, database=Path(args.duckdb) if args.duckdb else None,
                      parquet_dir=Path(args.parquet) if args.parquet else None)
    except BadLine as error:
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
    if result.parquet:
        print(f"parquet: {len(result.parquet)} files in {args.parquet}")
    return EXIT_OK


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = commands.add_parser("load", help="load crawl output into DuckDB tables and/or Parquet files")
    p.add_argument("inputs", nargs="+", metavar="OUT.jsonl", help="crawl output (JSON Lines)")
    p.add_argument("--duckdb", metavar="FILE", help="DuckDB database to create or add to")
    p.add_argument("--parquet", metavar="DIR", help="write every table as DIR/<table>.parquet")
    p.set_defaults(func=load_command)
