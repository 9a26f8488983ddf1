"""`filmcrawl validate FILE...`: every line of JSON Lines files checked against the record schema.

Prints each invalid line (file, line number, record id, every error) and a count of valid and invalid
records per type. Exit status: 0 every line is a valid record; 1 some line is not; 2 a file could not be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import EXIT_COULD_NOT_RUN, EXIT_FAILED_PAGES, EXIT_OK

if TYPE_CHECKING:
    from pydantic import BaseModel


def line_errors(line: str) -> tuple[str, list[str]]:
    """(record type, errors) of one JSON line: no errors when it is a valid record of its type (a crawl's
    film, review or listing, or a merged_film of the merged view)."""
    from pydantic import ValidationError

    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as error:
        return "(not JSON)", [f"not JSON: {error.msg} at column {error.colno}"]
    if not isinstance(data, dict):
        return "(not an object)", [f"a JSON {type(data).__name__}, not a record"]
    kind = data.get("type")
    models = _models()
    if not isinstance(kind, str) or kind not in models:
        known = ", ".join(models)
        return "(no type)" if kind is None else str(kind), [f"type: {kind!r} is not a record type ({known})"]
    try:
        models[kind].model_validate(data)
    except ValidationError as error:
        return kind, [f"{'.'.join(str(p) for p in item['loc']) or 'record'}: {item['msg']}" for item in error.errors()]
    return kind, []


@cache
def _models() -> dict[str, type[BaseModel]]:
    from schemas import RECORD_TYPES, VIEW_TYPES

    return {**RECORD_TYPES, **VIEW_TYPES}


def validate_command(args: argparse.Namespace) -> int:
    valid: Counter[str] = Counter()
    invalid: Counter[str] = Counter()
    for name in args.files:
        path = Path(name)
        if path.is_dir():
            print(f"filmcrawl validate: {path} is a directory, not a file", file=sys.stderr)
            return EXIT_COULD_NOT_RUN
        try:
            lines = path.open("rb")
        except OSError as error:
            print(f"filmcrawl validate: {path}: cannot read: {error.strerror}", file=sys.stderr)
            return EXIT_COULD_NOT_RUN
        with lines:
            for line_no, raw in enumerate(lines, 1):
                if not raw.strip():
                    continue
                try:
                    kind, errors = line_errors(raw.decode("utf-8-sig" if line_no == 1 else "utf-8"))
                except UnicodeDecodeError:
                    kind, errors = "(not UTF-8)", ["not UTF-8 text (a binary file?)"]
                if not errors:
                    valid[kind] += 1
                    continue
                invalid[kind] += 1
                record_id = _record_id(raw)
                print(f"{path}:{line_no}: invalid {kind}{' ' + record_id if record_id else ''}: {'; '.join(errors)}")
    kinds = sorted(set(valid) | set(invalid))
    width = max([len("type"), *map(len, kinds)])
    print(f"{'type':<{width}}  {'valid':>8}  {'invalid':>8}")
    for kind in kinds:
        print(f"{kind:<{width}}  {valid[kind]:>8}  {invalid[kind]:>8}")
    print(f"{'total':<{width}}  {sum(valid.values()):>8}  {sum(invalid.values()):>8}")
    return EXIT_FAILED_PAGES if invalid else EXIT_OK


def _record_id(raw: bytes) -> str | None:
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    value = data.get("id") or data.get("film_key") if isinstance(data, dict) else None
    return str(value) if value else None


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "validate",
        help="check every line of JSON Lines files against the record schema",
        description="Check every line of JSON Lines files against the record schema: each "
        "invalid line with its errors, then valid and invalid records per type. "
        "Exit status: 0 all valid; 1 some line invalid; 2 a file could not be "
        "read.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="JSON Lines: crawl output or its merged view")
    p.set_defaults(func=validate_command)
