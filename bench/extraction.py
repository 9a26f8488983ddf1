"""Figure 1: the cost of reading a page (extract + validate + serialise) against the cost of parsing it.

For every page of the corpus both are timed in the same rounds, interleaved, and the fastest of the rounds
is kept (the least disturbed by other work on the machine):

    parse only   crawler.extraction.selector_for: the bytes decoded and parsed into a parsel Selector
    full         the same, then crawler.extraction.extract, schemas.validate_record + to_json_dict, and one
                 JSON line per record as the crawl's feed exporter writes it

The corpus is every committed fixture page (tests/fixtures/<site>/<page type>/<case>.*, every site and
layout era, mostly small) and, when a folder of saved real pages is given, those pages too (large ones up
to a few MB). The figure is the ratio of the summed times: what re-parsing the whole corpus costs over
what parsing it alone costs.
"""

from __future__ import annotations

import gc
import json
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from statistics import median
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
PAGE_SUFFIXES = (".html", ".json", ".xml")
LARGE_BYTES = 100_000
SCRAPED_AT = datetime(2026, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class CorpusPage:
    name: str
    group: str
    """"fixtures" or "real"."""
    body: bytes
    url: str | None
    site: str | None

    @property
    def size_class(self) -> str:
        return "large" if len(self.body) >= LARGE_BYTES else "small"


def fixture_pages(limit: int | None = None) -> list[CorpusPage]:
    """Every fixture page that has its expected records beside it, with the URL and site they were read as."""
    pages = []
    for path in sorted(FIXTURES.rglob("*")):
        expected = path.with_name(path.stem + ".expected.json")
        if path.suffix not in PAGE_SUFFIXES or path.name.endswith(".expected.json") or not expected.exists():
            continue
        known = json.loads(expected.read_text(encoding="utf-8"))
        pages.append(CorpusPage(str(path.relative_to(FIXTURES)), "fixtures", path.read_bytes(), known.get("url"),
                                known.get("site")))
    return pages[:limit]


def real_pages(folder: Path | None) -> list[CorpusPage]:
    """Saved real pages listed in `folder`/GOLD.json ([{"file": ..., "url": ...}, ...]); none without it.

    The pages are read where they are, for measuring only; the site is found from the URL as in a crawl."""
    if folder is None or not (folder / "GOLD.json").is_file():
        return []
    pages = []
    for entry in json.loads((folder / "GOLD.json").read_text(encoding="utf-8")):
        path = folder / entry["file"]
        if path.is_file():
            pages.append(CorpusPage(entry["file"], "real", path.read_bytes(), entry.get("url"), None))
    return pages


def _reader() -> tuple[Callable[[CorpusPage], Any], Callable[[CorpusPage], int]]:
    from pydantic import ValidationError
    from scrapy.utils.serialize import ScrapyJSONEncoder

    from crawler.extraction import extract, resolve_site, selector_for
    from crawler.parsers.errors import PageError
    from schemas import UnknownRecordType, to_json_dict, validate_record

    encoder = ScrapyJSONEncoder(ensure_ascii=False)

    def parse_only(page: CorpusPage) -> Any:
        return selector_for(page.body)

    def full(page: CorpusPage) -> int:
        """Bytes of JSON Lines the page gives (a page that gives no records is timed all the same)."""
        sel = selector_for(page.body)
        site, url = resolve_site(sel, url=page.url, site=page.site)
        try:
            records = extract(sel, url=url, site=site, scraped_at=SCRAPED_AT).records
        except PageError:
            return 0
        written = 0
        for record in records:
            try:
                written += len((encoder.encode(to_json_dict(validate_record(record))) + "\n").encode())
            except (ValidationError, UnknownRecordType):
                continue
        return written

    return parse_only, full


def measure(pages: list[CorpusPage], rounds: int = 5) -> dict[str, Any]:
    """Per page the fastest parse-only and full times over `rounds` interleaved rounds; ratios by group."""
    from crawler.normalize import dateparser_calls

    parse_only, full = _reader()
    calls_before = dateparser_calls()
    for page in pages:  # first reads: imports, caches and lazily built tables are not what is measured
        full(page)
    calls = dateparser_calls() - calls_before
    best_parse = [float("inf")] * len(pages)
    best_full = [float("inf")] * len(pages)
    clock = time.perf_counter
    for _ in range(rounds):
        gc.collect()
        for i, page in enumerate(pages):
            started = clock()
            parse_only(page)
            parsed = clock()
            full(page)
            done = clock()
            best_parse[i] = min(best_parse[i], parsed - started)
            best_full[i] = min(best_full[i], done - parsed)
    rows = [{"page": page.name, "group": page.group, "size_class": page.size_class, "bytes": len(page.body),
             "parse_ms": round(p * 1000, 3), "full_ms": round(f * 1000, 3), "ratio": round(f / p, 2)}
            for page, p, f in zip(pages, best_parse, best_full)]
    return {
        "extract_parse_ratio": _ratio(best_full, best_parse),
        "pages": len(pages),
        "rounds": rounds,
        "by_group": _grouped(rows, lambda r: r["group"]),
        "by_size": _grouped(rows, lambda r: r["size_class"]),
        "by_site": _grouped(rows, lambda r: r["page"].split("/")[0]),
        "median_page_ratio": round(median(r["ratio"] for r in rows), 2) if rows else None,
        "largest_page": max(rows, key=lambda r: r["bytes"]) if rows else None,
        "worst_pages": sorted(rows, key=lambda r: r["full_ms"] - r["parse_ms"], reverse=True)[:5],
        "dateparser_calls_per_1000_pages": round(calls * 1000 / len(pages), 1) if pages else None,
        "rows": rows,
    }


def _ratio(full: list[float], parse: list[float]) -> float | None:
    return round(sum(full) / sum(parse), 2) if parse and sum(parse) else None


def _grouped(rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], str]) -> dict[str, Any]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return {name: {"pages": len(members),
                   "ratio": _ratio([m["full_ms"] for m in members], [m["parse_ms"] for m in members]),
                   "parse_ms": round(sum(m["parse_ms"] for m in members), 2),
                   "full_ms": round(sum(m["full_ms"] for m in members), 2)}
            for name, members in sorted(groups.items())}


def profile(pages: list[CorpusPage], out: Path, passes: int = 2) -> dict[str, Any]:
    """A pyinstrument profile of the full read of every page; the functions with the most time of their own."""
    from pyinstrument import Profiler

    _, full = _reader()
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(passes):
        for page in pages:
            full(page)
    session = profiler.stop()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(profiler.output_text(unicode=False, color=False, show_all=False), encoding="utf-8")
    own: dict[str, float] = defaultdict(float)
    total_in_project: dict[str, float] = defaultdict(float)
    root = session.root_frame()
    stack: list[tuple[Any, frozenset[str]]] = [(root, frozenset())] if root else []
    while stack:
        frame, above = stack.pop()
        name = f"{frame.function} ({frame.file_path_short}:{frame.line_no})"
        path = frame.file_path or ""
        in_project = path.startswith(str(ROOT)) and "/.venv/" not in path and "/bench/" not in path
        if in_project and name not in above:  # a recursive function's time counts once
            total_in_project[name] += frame.time
        if frame.function and not frame.is_synthetic and "/bench/" not in path:
            own[name] += frame.total_self_time
        stack.extend((child, above | {name}) for child in frame.children)
    duration = session.duration or 1.0

    def top(times: dict[str, float], count: int) -> list[dict[str, Any]]:
        ranked = sorted(times.items(), key=lambda item: item[1], reverse=True)[:count]
        return [{"function": name, "share": round(seconds / duration, 3)} for name, seconds in ranked]

    return {"file": str(out), "seconds": round(session.duration, 2), "hottest_by_own_time": top(own, 8),
            "project_functions_by_total_time": top(total_in_project, 12)}
