"""The output step: a job's records merged by id, given their film keys, and written whole.

    JSON Lines inputs (a job's parts, a feed, files given to `filmcrawl merge`)
      -> on-disk index (sqlite): one record per "<type>|<id>"; a later record of an id is merged into the
         first (crawler.core.merge: later values fill gaps, longer lists win, the first value stays on a conflict,
         which is counted)
      -> film keys for every film and review (crawler.dataset.identity)
      -> the output, written to a temporary name and renamed into place
      -> optionally the merged view: one record per film_key (crawler.dataset.view)

Memory stays bounded whatever the job's size: records live in the index on disk beside the output, and are
read back one at a time in the order they were first seen. Records without an id (listings) pass through.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.core.merge import merge_records

from .identity import IdentityResolver
from .jsonl import AtomicWriter, dumps, read_json, read_records, write_json
from .report import combine_reports, report_path
from .view import SITE_ORDER, write_view

if TYPE_CHECKING:
    from schemas.record_fields import JsonRecord

logger = logging.getLogger(__name__)

KEYED_TYPES = ("film", "review")


@dataclass
class MergeResult:
    written: Counter[str] = field(default_factory=Counter)
    """Records written, by "<type>/<source>"."""
    written_by_input: list[Counter[str]] = field(default_factory=list)
    """The same, by the input each record was first seen in."""
    duplicates: Counter[str] = field(default_factory=Counter)
    """Later records of an id already seen, merged into it, by type."""
    conflicts: Counter[str] = field(default_factory=Counter)
    """Fields where a later record of an id stated another value than the first, by "<type>.<path>"; the
    first value was kept."""
    film_keys: int = 0
    """Distinct film keys among the film records written."""
    view_records: int = 0
    """Records of the merged view, when one was written."""
    bad_lines: int = 0
    """Input lines that were not JSON objects (torn by a kill), skipped."""

    def as_report(self) -> dict[str, Any]:
        return {
            "records_written": dict(sorted(self.written.items())),
            "bad_lines_skipped": self.bad_lines,
            "duplicates_merged": dict(sorted(self.duplicates.items())),
            "merge_conflicts": dict(sorted(self.conflicts.items())),
            "films": sum(n for key, n in self.written.items() if key.startswith("film/")),
            "film_keys": self.film_keys,
            "merged_view_records": self.view_records,
        }


def record_key(record: JsonRecord) -> str:
    """What makes two lines one record: type and id; for records without an id (listings), their content
    apart from `scraped_at`, so the same page written twice (by two runs of a resumed job) is one record."""
    if record.get("id"):
        return f"{record.get('type')}|{record['id']}"
    content = json.dumps({k: v for k, v in record.items() if k != "scraped_at"}, sort_keys=True, default=str)
    return f"{record.get('type')}|#{hashlib.sha1(content.encode('utf-8')).hexdigest()}"


class RecordIndex:
    """Records by "<type>|<id>" in a sqlite file, merged as they arrive, read back in first-seen order."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        # A scratch file rebuilt on every run: no journal, no fsync.
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute(
            "CREATE TABLE records (seq INTEGER PRIMARY KEY, rkey TEXT NOT NULL UNIQUE, type TEXT, "
            "source TEXT, input INTEGER, body TEXT NOT NULL)"
        )
        self.duplicates: Counter[str] = Counter()
        self.conflicts: Counter[str] = Counter()

    def add(self, input_no: int, record: JsonRecord) -> None:
        kind = str(record.get("type"))
        rkey = record_key(record)
        row = self.db.execute("SELECT seq, body FROM records WHERE rkey = ?", (rkey,)).fetchone()
        if row is not None:
            # The key is worked out again for the merged record: a visit's own key is no conflict.
            later = {k: v for k, v in record.items() if k != "film_key"}
            merged, conflicts = merge_records(json.loads(row[1]), later)
            self.db.execute(
                "UPDATE records SET body = ? WHERE seq = ?", (json.dumps(merged, ensure_ascii=False), row[0])
            )
            self.duplicates[kind] += 1
            self.conflicts.update(f"{kind}.{path}" for path in conflicts)
            return
        self.db.execute(
            "INSERT INTO records (rkey, type, source, input, body) VALUES (?, ?, ?, ?, ?)",
            (rkey, kind, str(record.get("source")), input_no, json.dumps(record, ensure_ascii=False)),
        )

    def keyed(self) -> Iterator[tuple[int, str, JsonRecord]]:
        for seq, kind, body in self.db.execute(
            f"SELECT seq, type, body FROM records WHERE type IN {KEYED_TYPES} ORDER BY seq"
        ):
            yield seq, kind, json.loads(body)

    def with_keys(self) -> Iterator[tuple[int, str, str, dict[str, Any], str | None]]:
        """(input, type, source, record, film key) in first-seen order."""
        for input_no, kind, source, body, key in self.db.execute(
            "SELECT r.input, r.type, r.source, r.body, k.key FROM records r "
            "LEFT JOIN identity_key k ON k.seq = r.seq ORDER BY r.seq"
        ):
            yield input_no, kind, source, json.loads(body), key

    def close(self) -> None:
        self.db.close()


def with_film_key(record: JsonRecord, key: str | None) -> JsonRecord:
    """The record with its film key, in the field's place (after `id`) when the record lacks the field."""
    if "film_key" in record:
        return {**record, "film_key": key}
    placed: dict[str, Any] = {}
    for name, value in record.items():
        placed[name] = value
        if name == "id":
            placed["film_key"] = key
    placed.setdefault("film_key", key)
    return placed


def merge_outputs(
    inputs: Sequence[Path],
    out: Path | None,
    *,
    view: Path | None = None,
    site_order: Sequence[str] = SITE_ORDER,
    workdir: Path | None = None,
    strict: bool = True,
) -> MergeResult:
    """Merge `inputs` into `out` (and the merged view into `view`); both are replaced atomically. With
    `strict=False` a line that is not a JSON object is skipped with a warning instead of failing."""
    target_dir = (out or view or Path(".")).parent
    target_dir.mkdir(parents=True, exist_ok=True)
    result = MergeResult(written_by_input=[Counter() for _ in inputs])
    with tempfile.TemporaryDirectory(prefix=".merge-", dir=workdir or target_dir) as scratch:
        index = RecordIndex(Path(scratch) / "index.sqlite")
        try:

            def skip(message: str) -> None:
                logger.warning("%s: skipped (a process killed mid-write?)", message)
                result.bad_lines += 1

            for input_no, record in read_records(inputs, strict=strict, on_bad_line=skip):
                index.add(input_no, record)
            resolver = IdentityResolver(index.db)
            for seq, kind, record in index.keyed():
                (resolver.add_film if kind == "film" else resolver.add_review)(seq, record)
            resolver.resolve()
            index.db.commit()
            result.duplicates, result.conflicts = index.duplicates, index.conflicts
            if out is not None:
                with AtomicWriter(out) as sink:
                    for input_no, kind, source, record, key in index.with_keys():
                        if kind in KEYED_TYPES:
                            record = with_film_key(record, key)
                        sink.write(dumps(record))
                        result.written[f"{kind}/{source}"] += 1
                        result.written_by_input[input_no][f"{kind}/{source}"] += 1
            result.film_keys = index.db.execute(
                "SELECT count(DISTINCT k.key) FROM identity_key k JOIN records r ON r.seq = k.seq WHERE r.type = 'film'"
            ).fetchone()[0]
            if view is not None:
                result.view_records = write_view(index.db, view, site_order=site_order)
        finally:
            index.close()
    return result


def view_path(out: Path) -> Path:
    """Where the merged view of an output goes: films.jsonl -> films.merged.jsonl."""
    return out.with_name(out.stem + ".merged.jsonl")


def finalize_job(parts: Sequence[Path], out: Path) -> dict[Path, Counter[str]]:
    """The end of a crawl job (crawler.jobs.crawling.finalize_output): its parts merged into `out`, the merged
    view beside it, and the parts' reports (crawler.runtime.extensions.report) put together with what the merge did
    into the job's report beside `out`. Returns the records written from each part, by "<type>/<source>"."""
    present = [part for part in parts if part.exists()]
    result = merge_outputs(present, out, view=view_path(out), strict=False)
    reports = [read_json(report_path(part)) for part in parts if report_path(part).exists()]
    report = combine_reports(reports)
    report["output"] = {"path": str(out), "merged_view": str(view_path(out)), **result.as_report()}
    # The crawl's conflicts (between a title's pages) and the output step's (between copies of a record) are
    # different reads: together they are the job's count.
    report["merge_conflicts"] = dict(sorted((Counter(report.get("merge_conflicts", {})) + result.conflicts).items()))
    write_json(report_path(out), report)
    written: dict[Path, Counter[str]] = {part: Counter() for part in parts}
    written.update(zip(present, result.written_by_input))
    return written
