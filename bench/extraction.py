"""The cost of reading a page, against what the same bytes cost a bare parse and the library a user would pick.

For every page of the corpus four readings are timed in the same rounds, one after the other, and each page's
median over the rounds is kept (rounds are interleaved, so machine load that drifts during the run falls on
all four alike). Times are the process's CPU time, which other work on a shared machine hardly moves:

    lxml       lxml.html.fromstring of the bytes: the floor of any reader of the page
    extruct    extruct's JSON-LD + microdata + OpenGraph of the bytes: the peer a user would pick instead,
               which gives them a fraction of the fields
    parse      crawler.core.extraction.selector_for: the bytes decoded and parsed into a parsel Selector
    full       what `filmcrawl extract` does: selector_for, crawler.core.extraction.extract, schemas.validate_record
               + to_json_dict, and one JSON line per record as the crawl's feed exporter writes it

The corpus is every committed fixture page (tests/fixtures/<site>/<page type>/<case>.*, every site and
layout era, mostly small) and, when a folder of saved real pages is given, those pages too (large ones up
to a few MB). Ratios are of summed medians (what re-reading the whole corpus costs) and, per page type
(title, listing, article, sub-page), the median of the pages' own ratios.
"""

from __future__ import annotations

import gc
import json
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from statistics import median
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
PAGE_SUFFIXES = (".html", ".json", ".xml")
LARGE_BYTES = 100_000
SCRAPED_AT = datetime(2026, 1, 1, tzinfo=UTC)


# Page types of the figures, from a fixture's folder or a saved page's GOLD.json "page_type".
PAGE_TYPES: dict[str, tuple[str, ...]] = {
    "title": (
        "film",
        "movie",
        "title",
        "reference",
        "film_article",
        "title_main",
        "title_reference",
        "series",
        "episode",
        "tv",
        "tv_article",
    ),
    "listing": (
        "listing",
        "list",
        "watchlist",
        "browse",
        "top",
        "chart_top",
        "search_find",
        "search_title",
        "episode_list",
        "episodes",
        "chart",
        "search",
        "user_films",
        "diary",
        "person",
        "celebrity",
        "movie_list",
        "film_list",
        "list_article",
        "filmography",
        "profile",
        "similar",
    ),
    "article": ("review_post",),
    "sub-page": (
        "fullcredits",
        "releaseinfo",
        "reviews",
        "review",
        "criticreviews",
        "critic",
        "trivia",
        "goofs",
        "quotes",
        "crazycredits",
        "technical",
        "ratings",
        "taglines",
        "locations",
        "full_credits",
        "release_info",
        "title_subpage",
        "film_subpage",
        "user_reviews",
        "plotsummary",
        "parentalguide",
        "soundtrack",
        "movieconnections",
        "details",
    ),
    "blocked": ("blocked",),
}


def page_type(kind: str) -> str:
    return next((name for name, kinds in PAGE_TYPES.items() if kind in kinds), "other")


@dataclass(frozen=True)
class CorpusPage:
    name: str
    group: str
    """"fixtures" or "real"."""
    body: bytes
    url: str | None
    site: str | None
    kind: str = "other"
    """The page type: title, listing, article, sub-page (PAGE_TYPES)."""

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
        name = path.relative_to(FIXTURES)
        pages.append(
            CorpusPage(
                str(name),
                "fixtures",
                path.read_bytes(),
                known.get("url"),
                known.get("site"),
                page_type(name.parts[1] if len(name.parts) > 2 else ""),
            )
        )
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
            pages.append(
                CorpusPage(
                    entry["file"],
                    "real",
                    path.read_bytes(),
                    entry.get("url"),
                    None,
                    page_type(entry.get("page_type", "")),
                )
            )
    return pages


def _reader() -> tuple[Callable[[CorpusPage], Any], Callable[[CorpusPage], int]]:
    from pydantic import ValidationError
    from scrapy.utils.serialize import ScrapyJSONEncoder

    from crawler.core.extraction import extract, resolve_site, selector_for
    from crawler.core.parsers.errors import PageError
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


def baselines() -> dict[str, Callable[[CorpusPage], Any]]:
    """The readings the project is compared with: a bare lxml parse, and extruct where it is installed."""
    import lxml.html

    readers: dict[str, Callable[[CorpusPage], Any]] = {"lxml": lambda page: lxml.html.fromstring(page.body)}
    try:
        import extruct
    except ImportError:
        return readers
    readers["extruct"] = lambda page: extruct.extract(
        page.body, base_url=page.url or "http://localhost/", syntaxes=EXTRUCT_SYNTAXES, uniform=True, errors="ignore"
    )
    return readers


EXTRUCT_SYNTAXES = ["json-ld", "microdata", "opengraph"]


def measure(pages: list[CorpusPage], rounds: int = 5) -> dict[str, Any]:
    """Per page the median time of each reading over `rounds` interleaved rounds; ratios overall and by type."""
    from crawler.core.normalize import dateparser_calls

    parse_only, full = _reader()
    readers = {**baselines(), "parse": parse_only, "full": full}
    calls_before = dateparser_calls()
    for page in pages:  # first reads: imports, caches and lazily built tables are not what is measured
        full(page)
    calls = dateparser_calls() - calls_before
    for page in pages:
        for name, read in readers.items():
            if name != "full":
                read(page)
    times: dict[str, list[list[float]]] = {name: [[] for _ in pages] for name in readers}
    clock = time.process_time  # CPU time of this process: other work on a shared machine hardly moves it
    for _ in range(rounds):
        gc.collect()
        for i, page in enumerate(pages):
            for name, read in readers.items():
                started = clock()
                read(page)
                times[name][i].append(clock() - started)
    medians = {name: [median(samples) for samples in per_page] for name, per_page in times.items()}
    rows = []
    for i, page in enumerate(pages):
        row: dict[str, Any] = {
            "page": page.name,
            "group": page.group,
            "type": page.kind,
            "size_class": page.size_class,
            "bytes": len(page.body),
        }
        row.update({f"{name}_ms": round(values[i] * 1000, 3) for name, values in medians.items()})
        row["lxml_ratio"] = round(medians["full"][i] / medians["lxml"][i], 2)
        rows.append(row)
    by_type = _grouped(rows, lambda r: r["type"])
    typed = {name: group for name, group in by_type.items() if name in PAGE_TYPES and name != "blocked"}
    worst = max(typed.items(), key=lambda item: item[1]["median_lxml_ratio"] or 0) if typed else None
    return {
        "extract_lxml_ratio": _ratio(medians["full"], medians["lxml"]),
        "extract_extruct_ratio": _ratio(medians["full"], medians["extruct"]) if "extruct" in medians else None,
        "extract_parse_ratio": _ratio(medians["full"], medians["parse"]),
        "worst_type": {"type": worst[0], "median_lxml_ratio": worst[1]["median_lxml_ratio"]} if worst else None,
        "pages": len(pages),
        "rounds": rounds,
        "readings": list(readers),
        "by_type": by_type,
        "by_group": _grouped(rows, lambda r: r["group"]),
        "by_size": _grouped(rows, lambda r: r["size_class"]),
        "by_site": _grouped(rows, lambda r: r["page"].split("/")[0]),
        "largest_page": max(rows, key=lambda r: r["bytes"]) if rows else None,
        "worst_pages": sorted(rows, key=lambda r: r["lxml_ratio"], reverse=True)[:5],
        "dateparser_calls_per_1000_pages": round(calls * 1000 / len(pages), 1) if pages else None,
        "rows": rows,
    }


def _ratio(full: list[float], base: list[float]) -> float | None:
    return round(sum(full) / sum(base), 2) if base and sum(base) else None


def _grouped(rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], str]) -> dict[str, Any]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    summary = {}
    for name, members in sorted(groups.items()):
        summed = {
            reading: round(sum(m[f"{reading}_ms"] for m in members), 2)
            for reading in ("lxml", "extruct", "parse", "full")
            if f"{reading}_ms" in members[0]
        }
        summary[name] = {
            "pages": len(members),
            "lxml_ratio": _ratio([m["full_ms"] for m in members], [m["lxml_ms"] for m in members]),
            "median_lxml_ratio": round(median(m["lxml_ratio"] for m in members), 2),
            "extruct_ratio": (
                _ratio([m["full_ms"] for m in members], [m["extruct_ms"] for m in members])
                if "extruct_ms" in members[0]
                else None
            ),
            **{f"{reading}_ms": value for reading, value in summed.items()},
        }
    return summary


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

    return {
        "file": str(out),
        "seconds": round(session.duration, 2),
        "hottest_by_own_time": top(own, 8),
        "project_functions_by_total_time": top(total_in_project, 12),
    }
