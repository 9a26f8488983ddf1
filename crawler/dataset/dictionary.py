"""The data dictionary, docs/schema.md: every field of every record type and of the merged view with its
type, description (unit and format), an example and the sites whose parsers fill it; then the rejects file
and the tables `filmcrawl load` writes.

Generated from the models (descriptions are the field docstrings), from the parser fixtures
(tests/fixtures/**/*.expected.json give the examples and the "filled by" column) and from
crawler/dataset/tables.py. `python -m crawler.dataset.dictionary` (make schema) writes it; tests/test_schema.py fails when
the committed file differs, so a model or parser change that adds or empties a field shows up in review.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from crawler.core.merge import is_empty
from crawler.core.reject import Reject
from crawler.core.sites import GENERIC, SITE_ORDER
from crawler.dataset.tables import TABLES
from schemas import RECORD_TYPES, SCHEMA_VERSION, VIEW_TYPES, Film
from schemas.common import CountryCode, CurrencyCode, FilmKey, HttpUrl, PartialIsoDate, RecordId, Source
from schemas.merged import PER_SITE_FIELDS
from schemas.record_fields import JsonRecord

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
DOC_PATH = ROOT / "docs" / "schema.md"

# The "filled by" column lists sites with their own parser in registry order (crawler.core.sites.SITE_ORDER); other
# sources are "generic".

_FORMATS: dict[str, str] = {
    TypeAdapter(PartialIsoDate).json_schema()["pattern"]: "partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD",
    TypeAdapter(CountryCode).json_schema()["pattern"]: "ISO 3166-1 alpha-2",
    TypeAdapter(CurrencyCode).json_schema()["pattern"]: "ISO 4217",
    TypeAdapter(HttpUrl).json_schema()["pattern"]: "absolute URL",
    TypeAdapter(RecordId).json_schema()["pattern"]: '"<site>:<id>"',
    TypeAdapter(FilmKey).json_schema()["pattern"]: '"imdb:<tt id>" or "title:<title>-<year>"',
    TypeAdapter(Source).json_schema()["pattern"]: "site slug",
}
_SOURCE_PATTERN = TypeAdapter(Source).json_schema()["pattern"]
# Fields filled when records are written, not by the parsers: what the "filled by" column says for them.
_WRITTEN = {"film_key": "every site, when written", "scraped_at": "every site, at fetch time"}
_EXAMPLE_WIDTH = 48


@dataclass(frozen=True)
class FieldRow:
    path: str
    type: str
    description: str
    example: str
    filled_by: str


# --- the JSON Schema, walked --------------------------------------------------------------------------------


def _resolve(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in prop:
        resolved: dict[str, Any] = defs[prop["$ref"].rsplit("/", 1)[1]]
        return resolved
    return prop


def _non_null(prop: dict[str, Any]) -> tuple[list[dict[str, Any]], bool]:
    if "anyOf" in prop:
        options = [p for p in prop["anyOf"] if p.get("type") != "null"]
        return options, len(options) < len(prop["anyOf"])
    return [prop], False


def type_text(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    options, nullable = _non_null(prop)
    text = " or ".join(_one_type(p, defs) for p in options)
    return f"{text} or null" if nullable else text


def _one_type(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in prop:
        return f"object ({prop['$ref'].rsplit('/', 1)[1]})"
    if "const" in prop:
        return json.dumps(prop["const"])
    if "enum" in prop:
        return "one of " + ", ".join(json.dumps(v) for v in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return f"array of {type_text(prop.get('items', {}), defs)}"
    if kind == "object":
        found = _map_values(prop)
        return f"map of {found[0]} to {type_text(found[1], defs)}" if found else "object"
    if kind == "string" and "pattern" in prop:
        return f"string ({_FORMATS.get(prop['pattern'], 'pattern ' + prop['pattern'])})"
    if kind == "integer" and prop.get("minimum") == 0:
        return "integer ≥ 0"
    if kind == "integer" and "minimum" in prop and "maximum" in prop:
        return f"integer {prop['minimum']}–{prop['maximum']}"
    if "anyOf" in prop:
        return type_text(prop, defs)
    return str(kind or "any")


def _children(prop: dict[str, Any], defs: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """(path suffix, object schema with properties) of what a field holds, when it holds named fields."""
    options, _ = _non_null(prop)
    if len(options) != 1:
        return None
    inner = options[0]
    if "$ref" in inner:
        return "", _resolve(inner, defs)
    if inner.get("type") == "array" and isinstance(inner.get("items"), dict):
        found = _children(inner["items"], defs)
        return (f"[]{found[0]}", found[1]) if found else None
    values = _map_values(inner) if inner.get("type") == "object" else None
    if values:
        found = _children(values[1], defs)
        return (f".{values[0]}{found[0]}", found[1]) if found else None
    return None


def _map_values(prop: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """("<site>" or "<key>", schema of the values) of an object used as a map."""
    if isinstance(prop.get("additionalProperties"), dict):
        return "<key>", prop["additionalProperties"]
    patterns = prop.get("patternProperties") or {}
    if len(patterns) == 1:
        pattern, values = next(iter(patterns.items()))
        return ("<site>" if pattern == _SOURCE_PATTERN else "<key>"), values
    return None


def _walk(schema: dict[str, Any], defs: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for name, prop in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        yield path, prop
        found = _children(prop, defs)
        if found:
            suffix, nested = found
            yield from _walk(nested, defs, f"{path}{suffix}.")


def _description(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    text = prop.get("description")
    if not text:
        options, _ = _non_null(prop)
        text = _resolve(options[0], defs).get("description", "") if len(options) == 1 else ""
    return " ".join(text.split()).replace("|", "\\|")


# --- fixtures: examples and who fills what ------------------------------------------------------------------


def fixture_records() -> list[dict[str, Any]]:
    records = []
    for path in sorted(FIXTURES.rglob("*.expected.json")):
        records += json.loads(path.read_text(encoding="utf-8")).get("records", [])
    return records


def _site_of(record: JsonRecord) -> str:
    source = str(record.get("source"))
    return source if source in SITE_ORDER else GENERIC


def _rank(site: str) -> int:
    return SITE_ORDER.index(site) if site in SITE_ORDER else len(SITE_ORDER)


def values_at(data: Any, path: str) -> Iterator[Any]:
    tokens = [t for t in re.split(r"\.|(\[\])", path) if t]
    yield from _values(data, tokens)


def _values(data: Any, tokens: list[str]) -> Iterator[Any]:
    if not tokens:
        yield data
        return
    head, rest = tokens[0], tokens[1:]
    if head == "[]":
        for item in data if isinstance(data, list) else []:
            yield from _values(item, rest)
    elif head in ("<key>", "<site>"):
        for item in data.values() if isinstance(data, dict) else []:
            yield from _values(item, rest)
    elif isinstance(data, dict) and head in data:
        yield from _values(data[head], rest)


def _example(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > _EXAMPLE_WIDTH:
        text = text[: _EXAMPLE_WIDTH - 1] + "…"
    return "`" + text.replace("|", "\\|").replace("`", "'") + "`"


def field_rows(kind: str, model: type[BaseModel], records: list[JsonRecord]) -> list[FieldRow]:
    schema = model.model_json_schema(mode="serialization")
    defs = schema.get("$defs", {})
    if kind in VIEW_TYPES:
        return _view_rows(schema, defs, records)
    mine = sorted((r for r in records if r.get("type") == kind), key=lambda r: _rank(_site_of(r)))
    sites_with_records = {_site_of(r) for r in mine}
    rows = []
    for path, prop in _walk(schema, defs):
        carried = [
            (site, value)
            for record in mine
            for value in values_at(record, path)
            if not is_empty(value)
            for site in [_site_of(record)]
        ]
        # An example of a plain value, or of a list of plain values ("genres").
        scalar = next(
            (
                v
                for _, v in carried
                if not isinstance(v, dict) and not (isinstance(v, list) and any(isinstance(i, (dict, list)) for i in v))
            ),
            None,
        )
        sites = {site for site, _ in carried}
        if path in _WRITTEN:
            filled = _WRITTEN[path]
        elif not mine:
            filled = "—"
        elif sites and sites == sites_with_records:
            filled = "all"
        else:
            filled = ", ".join(sorted(sites, key=lambda s: (_rank(s), s)))
        rows.append(
            FieldRow(
                path,
                type_text(prop, defs),
                _description(prop, defs),
                _example(scalar) if scalar is not None else "",
                filled,
            )
        )
    return rows


def _view_rows(schema: dict[str, Any], defs: dict[str, Any], records: list[dict[str, Any]]) -> list[FieldRow]:
    """Rows of the merged view: its folded fields are the film record's, so the film fixtures give examples."""
    films = {r.path: r for r in field_rows("film", RECORD_TYPES["film"], records)}
    rows = []
    for path, prop in _walk(schema, defs):
        top = path.split(".")[0].split("[")[0]
        folded = top in Film.model_fields and top not in PER_SITE_FIELDS
        example = films[path].example if folded and path in films else ""
        rows.append(
            FieldRow(
                path,
                type_text(prop, defs),
                _description(prop, defs),
                example,
                "first site that has it (`provenance`)" if folded else "the merge",
            )
        )
    return rows


# --- the document -------------------------------------------------------------------------------------------

_INTRO = f"""# Data dictionary

Generated by `make schema` (`python -m crawler.dataset.dictionary`) from the record models in `schemas/`, the parser
fixtures in `tests/fixtures/` and the table definitions in `crawler/dataset/tables.py`; a test fails when this
file is out of date. Schema version **{SCHEMA_VERSION}** (changes: [schemas/CHANGELOG.md](../schemas/CHANGELOG.md);
JSON Schemas: [schemas/json/](../schemas/json/)).

Every line of a crawl's output is one record with `type` and `schema_version`. Paths use `.` for a field of an
object, `[]` for every item of a list and `<key>` (`<site>`: a site slug) for every value of a map.
"Filled by" lists the sites whose parser fixtures carry a value at that path ("all": every site that gives
this record type; "generic": film blogs and other schema.org pages); a site not listed never fills it, so its
column will be empty for that site.
Numbers are exact decimals as the page states them; "null" means the page does not state the value.
"""

_REJECT_FIELDS = {
    "url": "The page's URL (for a fetch error after redirects: the URL the crawl asked for).",
    "site": "Site slug of the spider that read it.",
    "stage": '"fetch" (not fetched, blocked), "parse" (no records: unexpected layout, unsupported page, parser '
    'error) or "validate" (a record refused by the schema).',
    "reason": 'Short slug, counted in the stats as `filmcrawl/rejects/<reason>` ("no_title", "http_404", '
    '"invalid_film", "blocked_waf_challenge", "parser_error").',
    "detail": "One sentence saying what was wrong.",
    "page_type": 'Kind of page as the fixture folders name it ("title", "fullcredits", "movie"), when known.',
    "record_type": 'For a refused record: its type ("film", "review", "listing").',
    "errors": 'Validation errors: `[{"path": "rating.value", "message": ..., "type": ...}]`.',
    "data": "The record as the parser gave it, for a refused record.",
}


def _cell(text: str) -> str:
    """Markdown table cell: "<site>" outside code spans would be read as an HTML tag."""
    parts = text.split("`")
    return "`".join(p if i % 2 else p.replace("<", "&lt;").replace(">", "&gt;") for i, p in enumerate(parts))


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return lines


def document() -> str:
    records = fixture_records()
    lines = [_INTRO]
    for kind, model in {**RECORD_TYPES, **VIEW_TYPES}.items():
        doc = " ".join((model.__doc__ or "").split())
        lines += [f"## `{kind}`", "", doc, ""]
        if kind in VIEW_TYPES:
            lines += [
                (
                    "Written by `filmcrawl merge` and beside the output of `filmcrawl crawl` / `demo` "
                    "(`films.merged.jsonl`), one line per `film_key`."
                ),
                "",
            ]
        rows = field_rows(kind, model, records)
        lines += _table(
            ("Field", "Type", "Description", "Example", "Filled by"),
            [(f"`{r.path}`", r.type, r.description, r.example, r.filled_by) for r in rows],
        )
        lines.append("")
    lines += [
        "## Rejects file (`rejects.jsonl`)",
        "",
        "One line per page or record that gave no valid data; nothing leaves a crawl without a line here.",
        "",
    ]
    lines += _table(
        ("Field", "Description"), [(f"`{f.name}`", _REJECT_FIELDS[f.name]) for f in dataclasses.fields(Reject)]
    )
    lines += [
        "",
        "## Tables of `filmcrawl load`",
        "",
        (
            "Keys: `film_id` is one site's film record, `film_key` the film across sites. `films` and `reviews` "
            "hold the latest version of each record (with its ratings, credits and releases); `rating_history` "
            "keeps every rating of every load."
        ),
        "",
    ]
    for table in TABLES:
        lines += [f"### `{table.name}`", "", f"{table.doc} Row key: {', '.join(f'`{c}`' for c in table.key)}.", ""]
        lines += _table(
            ("Column", "Type", "Description"),
            [(f"`{c.name}`", c.sql_type, c.doc.replace("|", "\\|")) for c in table.columns],
        )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> int:
    DOC_PATH.parent.mkdir(exist_ok=True)
    DOC_PATH.write_text(document(), encoding="utf-8")
    print(DOC_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main())
