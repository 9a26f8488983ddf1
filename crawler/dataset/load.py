"""Load crawl output (JSON Lines) into DuckDB and Parquet: the tables of crawler.dataset.tables.

    records -> rows of each table, streamed to staging JSON Lines files in a scratch folder (nothing of the
               input is held in memory)
            -> DuckDB reads them with the tables' column types (read_json with explicit columns)
            -> one transaction: every film and review replaces its older version (same id, fetched no later),
               with its ratings, credits and releases; listing pages are added once per URL and fetch time;
               every rating goes into rating_history unless that film, kind and fetch time is there already
            -> Parquet: one file per table, written from the database (COPY ... (FORMAT parquet)).

Loading the same file again changes nothing; loading each night's output into one database keeps the
latest version of every record in films/reviews and the whole story of every rating in rating_history.
Records without a film_key (written by `filmcrawl extract`, or of schema 1.0) get the key they have alone.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from crawler.core.film_key import own_film_key
from crawler.core.normalize.country import COUNTRY_ENGLISH_NAMES, country_code
from crawler.core.normalize.errors import NormalizeError

from .jsonl import read_records
from .tables import (
    COUNTRIES,
    CREDITS,
    FILMS,
    LISTING_ENTRIES,
    LISTINGS,
    LOADS,
    RATING_HISTORY,
    RATINGS,
    RELEASES,
    REVIEWS,
    TABLES,
    Table,
)

if TYPE_CHECKING:
    from schemas.record_fields import JsonRecord

# Tables staged from the input; every staged row carries `_seq`, the input line of its record.
_STAGED = (FILMS, RATINGS, CREDITS, RELEASES, REVIEWS, LISTINGS, LISTING_ENTRIES)


@dataclass
class LoadResult:
    records: Counter[str] = field(default_factory=Counter)
    """Records read, by type."""
    changed: dict[str, int] = field(default_factory=dict)
    """Rows written by this load, by table (a record loaded again replaces itself: counted, not added)."""
    rows: dict[str, int] = field(default_factory=dict)
    """Rows in each table after the load."""
    parquet: list[Path] = field(default_factory=list)
    csv: list[Path] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    """Records of types with no table (a view record, a reject line...), by type."""


# --- records -> rows ------------------------------------------------------------------------------------------


def _get(data: Any, *path: str) -> Any:
    for name in path:
        if not isinstance(data, dict):
            return None
        data = data.get(name)
    return data


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None and not isinstance(value, bool) else None
    except InvalidOperation:
        return None


def rating_scale(rating: dict[str, Any]) -> str | None:
    """ "<worst>-<best>" of a rating's scale ("0-100", "1-10", "0-5"): with its kind, what tells two ratings of one
    film record apart (Rotten Tomatoes' critics: a 0-100 Tomatometer and a 0-10 average rating)."""
    best, worst = _decimal(rating.get("best")), _decimal(rating.get("worst")) or Decimal(0)
    if best is None:
        return None
    return f"{_plain(worst)}-{_plain(best)}"


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")  # 10.0 -> "10", 0.5 -> "0.5"


def value_100(rating: dict[str, Any]) -> Decimal | None:
    """A rating on 0-100: (value - worst) / (best - worst) * 100, to two decimals; None without a scale."""
    value, best = _decimal(rating.get("value")), _decimal(rating.get("best"))
    worst = _decimal(rating.get("worst")) or Decimal(0)
    if value is None or best is None or best <= worst:
        return None
    return ((value - worst) / (best - worst) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def country_codes(names: list[Any] | None) -> list[str]:
    """ISO 3166-1 alpha-2 codes of country names as a site prints them ("UK", "United Kingdom" -> "GB"), each
    once, in page order; a name with no known code is left out (films.countries_raw keeps it)."""
    codes: list[str] = []
    for name in names or []:
        try:
            code = country_code(str(name))
        except NormalizeError:
            continue
        if code not in codes:
            codes.append(code)
    return codes


def film_rows(record: JsonRecord) -> Iterator[tuple[Table, dict[str, Any]]]:
    ref = {
        "film_id": record["id"],
        "film_key": record.get("film_key") or own_film_key(record),
        "source": record.get("source"),
    }
    yield (
        FILMS,
        {
            **ref,
            "url": record.get("url"),
            "title": record.get("title"),
            "original_title": record.get("original_title"),
            "year": record.get("year"),
            "release_date": record.get("release_date"),
            "release_country": record.get("release_country"),
            "runtime_minutes": record.get("runtime_minutes"),
            "genres": record.get("genres") or [],
            "certificate": _get(record, "certificate", "code"),
            "certificate_normalized": _get(record, "certificate", "normalized"),
            "languages": record.get("languages") or [],
            "countries": country_codes(record.get("countries")),
            "countries_raw": record.get("countries") or [],
            "rating_value": _get(record, "rating", "value"),
            "rating_best": _get(record, "rating", "best"),
            "rating_worst": _get(record, "rating", "worst"),
            "rating_count": _get(record, "rating", "count"),
            "rating_100": value_100(record["rating"]) if isinstance(record.get("rating"), dict) else None,
            "user_review_count": record.get("user_review_count"),
            "critic_review_count": record.get("critic_review_count"),
            "budget_amount": _get(record, "budget", "amount"),
            "budget_currency": _get(record, "budget", "currency"),
            "box_office_amount": _get(record, "box_office", "amount"),
            "box_office_currency": _get(record, "box_office", "currency"),
            "plot": record.get("plot"),
            "imdb_id": _get(record, "external_ids", "imdb"),
            "scraped_at": record.get("scraped_at"),
            "schema_version": record.get("schema_version"),
            "record": record,
        },
    )
    seen: set[tuple[Any, str | None]] = set()
    for rating in record.get("ratings") or []:
        key = (rating.get("kind"), rating_scale(rating))
        if key in seen:
            continue  # the key of the table: a record stating one kind twice on one scale keeps its first
        seen.add(key)
        yield (
            RATINGS,
            {
                **ref,
                "kind": key[0],
                "scale": key[1],
                "label": rating.get("label"),
                "value": rating.get("value"),
                "value_100": value_100(rating),
                "best": rating.get("best"),
                "worst": rating.get("worst"),
                "count": rating.get("count"),
                "scraped_at": record.get("scraped_at"),
            },
        )
    for role, people in (
        ("director", record.get("directors")),
        ("writer", record.get("writers")),
        ("cast", record.get("cast")),
    ):
        for position, person in enumerate(people or [], 1):
            yield (
                CREDITS,
                {
                    **ref,
                    "role": role,
                    "credit_order": person.get("order") or position,
                    "name": person.get("name"),
                    "person_id": person.get("id"),
                    "person_url": person.get("url"),
                    "character": person.get("character"),
                    "credited_as": person.get("credited_as"),
                    "note": person.get("note"),
                },
            )
    for position, release in enumerate(record.get("releases") or [], 1):
        yield (
            RELEASES,
            {
                **ref,
                "release_order": position,
                "country": release.get("country"),
                "country_code": release.get("country_code"),
                "date": release.get("date"),
                "date_raw": release.get("date_raw"),
                "note": release.get("note"),
            },
        )


def review_rows(record: JsonRecord) -> Iterator[tuple[Table, dict[str, Any]]]:
    yield (
        REVIEWS,
        {
            "review_id": record["id"],
            "film_key": record.get("film_key") or own_film_key(record),
            "film_id": record.get("film_id"),
            "source": record.get("source"),
            "kind": record.get("kind"),
            "url": record.get("url"),
            "title": record.get("title"),
            "author": record.get("author"),
            "date": record.get("date"),
            "rating_value": _get(record, "rating", "value"),
            "rating_best": _get(record, "rating", "best"),
            "rating_raw": _get(record, "rating", "raw"),
            "helpful_yes": _get(record, "helpful", "yes"),
            "helpful_total": _get(record, "helpful", "total"),
            "spoiler": record.get("spoiler"),
            "film_title": record.get("film_title"),
            "film_year": record.get("film_year"),
            "text": record.get("text"),
            "scraped_at": record.get("scraped_at"),
            "record": record,
        },
    )


def listing_rows(record: JsonRecord) -> Iterator[tuple[Table, dict[str, Any]]]:
    page = {"listing_url": record.get("url"), "scraped_at": record.get("scraped_at")}
    entries = record.get("entries") or []
    yield (
        LISTINGS,
        {
            **page,
            "source": record.get("source"),
            "kind": record.get("kind"),
            "title": record.get("title"),
            "total": record.get("total"),
            "next_url": record.get("next_url"),
            "entry_count": len(entries),
        },
    )
    for position, entry in enumerate(entries, 1):
        yield (
            LISTING_ENTRIES,
            {
                **page,
                "source": record.get("source"),
                "position": position,
                "rank": entry.get("rank"),
                "title": entry.get("title"),
                "year": entry.get("year"),
                "url": entry.get("url"),
                "film_id": entry.get("id"),
                "rating_value": _get(entry, "rating", "value"),
                "rating_best": _get(entry, "rating", "best"),
                "rating_count": _get(entry, "rating", "count"),
            },
        )


_ROWS = {"film": film_rows, "review": review_rows, "listing": listing_rows}


# --- staging --------------------------------------------------------------------------------------------------


class _Stage:
    """One staging JSON Lines file per table in a scratch folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, IO[str]] = {
            t.name: (folder / f"{t.name}.jsonl").open("w", encoding="utf-8") for t in _STAGED
        }
        self.counts: Counter[str] = Counter()

    def add(self, seq: int, table: Table, row: dict[str, Any]) -> None:
        self.files[table.name].write(json.dumps({**row, "_seq": seq}, ensure_ascii=False, default=str) + "\n")
        self.counts[table.name] += 1

    def close(self) -> None:
        for file in self.files.values():
            file.close()

    def path(self, table: Table) -> Path:
        return self.folder / f"{table.name}.jsonl"


def _columns(table: Table) -> str:
    """The `columns` argument of read_json: every column typed as the table declares it, and `_seq`."""
    pairs = [f"'{c.name}': '{c.sql_type}'" for c in table.columns] + ["'_seq': 'BIGINT'"]
    return "{" + ", ".join(pairs) + "}"


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


# --- input checks ---------------------------------------------------------------------------------------------


class InputError(ValueError):
    """An input `load` cannot take, said in one line with what to give instead."""


def check_input(path: Path) -> None:
    """Refuse, before anything is written, what is not crawl output: a folder, a missing or empty file, a file
    whose first line is not a JSON object (binary data, CSV, a pretty-printed JSON document), the merged view
    or a rejects file. Raises InputError, or BadLine naming the line."""
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a file: give the JSON Lines files in it ({path}/*.jsonl)")
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    first = next(read_records([path]), None)
    if first is None:
        raise InputError(f"{path} is empty: no records to load")
    _refuse_other_kind(path, first[1])


def _refuse_other_kind(path: Path, record: JsonRecord) -> None:
    kind = record.get("type")
    if kind == "merged_film":
        source = path.with_name(path.name.replace(".merged.jsonl", ".jsonl"))
        instead = source if source != path and source.exists() else "the crawl output it was made from"
        raise InputError(
            f"{path} is the merged view (merged_film records, one per film key), which `load` does "
            f"not read: load the records it was made from ({instead}); the tables join them on "
            "film_key"
        )
    if kind is None and {"stage", "reason"} <= record.keys():
        raise InputError(f"{path} is a rejects file (pages and records that were not written), not records")
    if kind not in _ROWS:
        raise InputError(
            f"{path} holds no film, review or listing records (its first line is "
            f"{'of type ' + repr(kind) if kind is not None else 'a JSON object without a type'})"
        )


# --- load -----------------------------------------------------------------------------------------------------


def load(
    inputs: Sequence[Path],
    *,
    database: Path | None = None,
    parquet_dir: Path | None = None,
    csv_dir: Path | None = None,
) -> LoadResult:
    """Load `inputs` into the DuckDB file `database` (created if missing; an in-memory database without
    one) and, with `parquet_dir` / `csv_dir`, write every table there as Parquet / CSV."""
    import duckdb

    result = LoadResult()
    if database is not None:
        database.parent.mkdir(parents=True, exist_ok=True)
    db = duckdb.connect(str(database) if database is not None else ":memory:")
    try:
        for table in TABLES:
            db.execute(table.ddl())
        with tempfile.TemporaryDirectory(prefix=".load-", dir=(database or inputs[0]).parent) as scratch:
            stage = _Stage(Path(scratch))
            files = []
            try:
                for number, path in enumerate(inputs):
                    counts: Counter[str] = Counter()
                    for seq, (_, record) in enumerate(read_records([path])):
                        rows = _ROWS.get(str(record.get("type")))
                        if rows is None:
                            result.skipped[str(record.get("type"))] += 1
                            continue
                        counts[record["type"]] += 1
                        for table, row in rows(record):
                            stage.add(number * 10**12 + seq, table, row)
                    if not counts:
                        raise InputError(f"{path} holds no film, review or listing records")
                    result.records.update(counts)
                    files.append(
                        {
                            "file": str(path),
                            "sha256": _sha256(path),
                            "films": counts["film"],
                            "reviews": counts["review"],
                            "listings": counts["listing"],
                        }
                    )
            finally:
                stage.close()
            _upsert(db, stage, files, result)
        for table in TABLES:
            counted = db.execute(f"SELECT count(*) FROM {table.name}").fetchone()
            assert counted is not None  # count(*) gives one row, empty table or not
            (result.rows[table.name],) = counted
        if parquet_dir is not None:
            parquet_dir.mkdir(parents=True, exist_ok=True)
            for table in TABLES:
                target = parquet_dir / f"{table.name}.parquet"
                db.execute(f"COPY {table.name} TO {_quoted(target)} (FORMAT parquet)")
                result.parquet.append(target)
        if csv_dir is not None:
            csv_dir.mkdir(parents=True, exist_ok=True)
            for table in TABLES:
                target = csv_dir / f"{table.name}.csv"
                db.execute(
                    f"COPY (SELECT {_csv_columns(table)} FROM {table.name}) TO {_quoted(target)} (FORMAT csv, HEADER)"
                )
                result.csv.append(target)
    finally:
        db.close()
    return result


def _csv_columns(table: Table) -> str:
    """The table's columns for CSV: lists and JSON as JSON text (["Drama","Romance"]), which a spreadsheet
    keeps in one cell and a reader can parse back; everything else as DuckDB writes it."""
    return ", ".join(
        f"CAST(to_json({c.name}) AS VARCHAR) AS {c.name}"
        if c.sql_type.endswith("[]") or c.sql_type == "JSON"
        else c.name
        for c in table.columns
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _upsert(db: Any, stage: _Stage, files: list[dict[str, Any]], result: LoadResult) -> None:
    db.execute("BEGIN TRANSACTION")
    try:
        for table in _STAGED:
            db.execute(
                f"CREATE OR REPLACE TEMP TABLE s_{table.name} AS SELECT * FROM "
                f"read_json({_quoted(stage.path(table))}, format = 'newline_delimited', "
                f"columns = {_columns(table)})"
            )
        _replace_versions(db, FILMS, "film_id", children=(RATINGS, CREDITS, RELEASES), result=result)
        _replace_versions(db, REVIEWS, "review_id", children=(), result=result)
        _add_listings(db, result)
        _add_history(db, result)
        _add_countries(db, result)
        before = db.execute(f"SELECT count(*) FROM {LOADS.name}").fetchone()[0]
        for row in files:
            db.execute(
                f"INSERT INTO {LOADS.name} SELECT ?, ?, now(), ?, ?, ? WHERE NOT EXISTS "
                f"(SELECT 1 FROM {LOADS.name} WHERE sha256 = ?)",
                [row["file"], row["sha256"], row["films"], row["reviews"], row["listings"], row["sha256"]],
            )
        result.changed[LOADS.name] = db.execute(f"SELECT count(*) FROM {LOADS.name}").fetchone()[0] - before
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _replace_versions(db: Any, table: Table, key: str, *, children: tuple[Table, ...], result: LoadResult) -> None:
    """The newest staged version of each record replaces the stored one when it was fetched later, or at the
    same time with other content (merged differently); the same record loaded again changes nothing."""
    columns = ", ".join(table.column_names)
    db.execute(f"""
        CREATE OR REPLACE TEMP TABLE w_{table.name} AS
        SELECT s.* FROM (SELECT *, row_number() OVER (PARTITION BY {key} ORDER BY scraped_at DESC, _seq DESC) AS _rn
                         FROM s_{table.name}) s
        LEFT JOIN {table.name} t ON t.{key} = s.{key}
        WHERE s._rn = 1 AND (t.{key} IS NULL OR s.scraped_at > t.scraped_at
                             OR (s.scraped_at = t.scraped_at
                                 AND CAST(s.record AS VARCHAR) <> CAST(t.record AS VARCHAR)))""")
    db.execute(f"DELETE FROM {table.name} WHERE {key} IN (SELECT {key} FROM w_{table.name})")
    db.execute(f"INSERT INTO {table.name} SELECT {columns} FROM w_{table.name}")
    result.changed[table.name] = db.execute(f"SELECT count(*) FROM w_{table.name}").fetchone()[0]
    for child in children:
        db.execute(f"DELETE FROM {child.name} WHERE {key} IN (SELECT {key} FROM w_{table.name})")
        db.execute(
            f"INSERT INTO {child.name} SELECT {', '.join(child.column_names)} FROM s_{child.name} "
            f"WHERE _seq IN (SELECT _seq FROM w_{table.name})"
        )
        result.changed[child.name] = db.execute(
            f"SELECT count(*) FROM s_{child.name} WHERE _seq IN (SELECT _seq FROM w_{table.name})"
        ).fetchone()[0]


def _add_listings(db: Any, result: LoadResult) -> None:
    db.execute(f"""
        CREATE OR REPLACE TEMP TABLE w_listings AS
        SELECT s.* FROM (SELECT *, row_number() OVER (PARTITION BY listing_url, scraped_at ORDER BY _seq) AS _rn
                         FROM s_listings) s
        WHERE s._rn = 1 AND NOT EXISTS (SELECT 1 FROM {LISTINGS.name} l
                                        WHERE l.listing_url = s.listing_url AND l.scraped_at = s.scraped_at)""")
    db.execute(f"INSERT INTO {LISTINGS.name} SELECT {', '.join(LISTINGS.column_names)} FROM w_listings")
    db.execute(
        f"INSERT INTO {LISTING_ENTRIES.name} SELECT {', '.join(LISTING_ENTRIES.column_names)} "
        "FROM s_listing_entries WHERE _seq IN (SELECT _seq FROM w_listings)"
    )
    result.changed[LISTINGS.name] = db.execute("SELECT count(*) FROM w_listings").fetchone()[0]
    result.changed[LISTING_ENTRIES.name] = db.execute(
        "SELECT count(*) FROM s_listing_entries WHERE _seq IN (SELECT _seq FROM w_listings)"
    ).fetchone()[0]


def _add_countries(db: Any, result: LoadResult) -> None:
    before = db.execute(f"SELECT count(*) FROM {COUNTRIES.name}").fetchone()[0]
    db.executemany(
        f"INSERT INTO {COUNTRIES.name} SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM {COUNTRIES.name} WHERE code = ?)",
        [[code, name, code] for code, name in sorted(COUNTRY_ENGLISH_NAMES.items())],
    )
    result.changed[COUNTRIES.name] = db.execute(f"SELECT count(*) FROM {COUNTRIES.name}").fetchone()[0] - before


def _add_history(db: Any, result: LoadResult) -> None:
    before = db.execute(f"SELECT count(*) FROM {RATING_HISTORY.name}").fetchone()[0]
    db.execute(f"""
        INSERT INTO {RATING_HISTORY.name}
        SELECT DISTINCT ON (film_id, kind, scale, scraped_at) film_key, film_id, source, kind, scale, label,
               scraped_at, value, value_100, best, count
        FROM s_ratings s
        WHERE NOT EXISTS (SELECT 1 FROM {RATING_HISTORY.name} h
                          WHERE h.film_id = s.film_id AND h.kind = s.kind AND h.scale IS NOT DISTINCT FROM s.scale
                            AND h.scraped_at = s.scraped_at)""")
    # A film's key can change when a later crawl learns its IMDb id: its whole history follows the film.
    db.execute(f"""
        UPDATE {RATING_HISTORY.name} SET film_key = f.film_key FROM {FILMS.name} f
        WHERE {RATING_HISTORY.name}.film_id = f.film_id
          AND {RATING_HISTORY.name}.film_key IS DISTINCT FROM f.film_key""")
    result.changed[RATING_HISTORY.name] = (
        db.execute(f"SELECT count(*) FROM {RATING_HISTORY.name}").fetchone()[0] - before
    )
