"""`filmcrawl merge IN.jsonl...`: the merged view of crawl output, and its records merged by id across files.

Inputs are JSON Lines files or folders of them (a crawl's `<out>.parts/`, batches of `scrapy crawl`). Their
records are merged by id (a record seen twice is written once, later values filling the first one's gaps),
film keys are worked out across all of them (so sites crawled by separate jobs line up), and the merged view
is written: one record per film_key with every site's ratings side by side.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import EXIT_COULD_NOT_RUN, EXIT_OK


def input_files(paths: list[str]) -> list[Path]:
    """The files named, and the JSON Lines files of the folders named (rejects, merged views and hidden files
    aside: a crawl's output folder holds its records beside their view)."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(
                p
                for p in path.glob("*.jsonl")
                if not p.name.startswith(".") and not p.name.endswith((".rejects.jsonl", ".merged.jsonl"))
            )
        else:
            files.append(path)
    return files


def merge_command(args: argparse.Namespace) -> int:
    from crawler.dataset.jsonl import BadLine
    from crawler.dataset.load import InputError, check_input
    from crawler.dataset.output import merge_outputs, view_path

    inputs = input_files(args.inputs)
    missing = [str(p) for p in inputs if not p.is_file()]
    if not inputs or missing:
        print(f"filmcrawl merge: no such file: {', '.join(missing) or ' '.join(args.inputs)}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    try:
        for name in args.inputs:
            if not Path(name).is_dir():
                check_input(Path(name))  # a file named on purpose must be crawl output
    except (BadLine, InputError) as error:
        print(f"filmcrawl merge: {error}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    view = Path(args.output) if args.output else view_path(inputs[0])
    records = Path(args.records) if args.records else None
    try:
        result = merge_outputs(inputs, records, view=view)
    except BadLine as error:
        print(f"filmcrawl merge: {error}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    read = sum(result.written.values()) + sum(result.duplicates.values())
    print(f"inputs: {len(inputs)} file(s)")
    if records is not None:
        print(f"records: {sum(result.written.values())} written to {records}")
    print(
        f"duplicates merged: {sum(result.duplicates.values())}"
        + "".join(f", {kind} {n}" for kind, n in sorted(result.duplicates.items()))
    )
    print(
        f"merge conflicts (first value kept): {sum(result.conflicts.values())}"
        + "".join(f", {path} {n}" for path, n in result.conflicts.most_common(5))
    )
    print(f"merged view: {result.view_records} films (film keys) to {view}")
    if records is None:
        print(f"({read} records read)")
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("merge", help="merge crawl output by id and film key: the merged view, one record per film")
    p.add_argument("inputs", nargs="+", metavar="IN", help="JSON Lines files or folders of them")
    p.add_argument(
        "-o",
        "--output",
        metavar="VIEW",
        help="the merged view, one record per film_key (default: <first input>.merged.jsonl)",
    )
    p.add_argument(
        "--records",
        metavar="OUT",
        help="also write the records, merged by id, with film keys worked out across every input",
    )
    p.set_defaults(func=merge_command)
