"""`python -m bench` (`make bench`): filmcrawl's speed against honest baselines, every figure measured in this
one run (interleaved rounds, medians), printed and written to out/bench.json. docs/performance.md explains them.

    extract_lxml_ratio               full read of a page (decode, parse, extract, validate, serialise) / a bare
                                     lxml.html.fromstring of the same bytes, summed over the corpus
                                     (bench.extraction)                                          target <= 2
    extract_lxml_worst_type_ratio    the same, median of the pages' ratios of the worst page type
                                     (title, listing, article, sub-page)                         target <= 4
    extract_extruct_ratio            full read / extruct's JSON-LD + microdata + OpenGraph        target <= 1.4
    large_page_ratio                 full read / lxml parse of a generated 16 MB page (bench.large) target <= 3
    size_growth                      full read per MB of the 16 MB page / of the 1 MB page        target <= 1.5
    crawl_minimal_fetch_ratio        pages per CPU second of the project's crawl of a generated site / of a
                                     minimal Scrapy spider fetching the same URLs (bench.crawl)   target >= 0.6
                                     (the parse-only ceiling beside it: crawl_parse_only_ratio)
    cli_help_seconds                 `filmcrawl --help`, process wall time (bench.startup)        target <= 0.15
    extract_one_page_seconds         `filmcrawl extract PAGE` on one title page                   target <= 0.35
    rss_growth_mb                    peak RSS of the largest crawl - peak RSS of the smallest     target <= 50
    dateparser_calls_per_1000_pages  texts handed to dateparser per 1,000 pages crawled           target 0

Absolute times move with whatever else the machine runs; ratios of runs made side by side move much less,
so every figure but the two process times compares two measurements of this run (and those two are shown
beside a bare `python -c pass` of the same rounds).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from statistics import median
from typing import Any

from bench.extraction import ROOT, fixture_pages, measure, profile, real_pages
from bench.large import measure_large
from bench.server import SiteServer, measure_capacity
from bench.site import GeneratedSite
from bench.startup import measure_startup

TARGETS: dict[str, tuple[str, float]] = {
    "extract_lxml_ratio": ("<=", 2.0),
    "extract_lxml_worst_type_ratio": ("<=", 4.0),
    "extract_extruct_ratio": ("<=", 1.4),
    "large_page_ratio": ("<=", 3.0),
    "size_growth": ("<=", 1.5),
    "crawl_minimal_fetch_ratio": (">=", 0.6),
    "cli_help_seconds": ("<=", 0.15),
    "extract_one_page_seconds": ("<=", 0.35),
    "rss_growth_mb": ("<=", 50.0),
    "dateparser_calls_per_1000_pages": ("<=", 0.0),
}
CRAWL_TIMEOUT_SECONDS = 3600
CRAWL_KINDS = ("fetch", "parse", "imdb")
# Each tried on the project's crawl against the settings as they are, in the same rounds: what a setting or
# code path costs in pages per CPU second, with the records it gives.
AB_VARIANTS: dict[str, dict[str, str]] = {
    "item_concurrency_100": {"CONCURRENT_ITEMS": "100"},
    "cache_gzip": {"HTTPCACHE_ENABLED": "True", "HTTPCACHE_GZIP": "True"},
    "cache_gzip_level_9": {"HTTPCACHE_ENABLED": "True", "HTTPCACHE_GZIP": "True", "FILMCRAWL_CACHE_GZIP_LEVEL": "9"},
    "cache_plain": {"HTTPCACHE_ENABLED": "True", "HTTPCACHE_GZIP": "False"},
    "no_report_no_progress": {"FILMCRAWL_REPORT_ENABLED": "False", "FILMCRAWL_PROGRESS_INTERVAL": "0"},
    # The feed's merging of records by id and its film keys, per item on the way out (crawler.dataset.feeds).
    "feed_merge_off": {"FILMCRAWL_FEED_MERGE": "False"},
}


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    started = time.perf_counter()
    out = Path(args.out)
    result: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])]),
        "machine": machine(),
    }

    corpus = fixture_pages(args.fixtures_limit) + real_pages(Path(args.real_pages) if args.real_pages else None)
    _say(f"extraction: {len(corpus)} pages, {args.rounds} rounds")
    extraction = measure(corpus, rounds=args.rounds)
    if args.profile:
        extraction["profile"] = profile(corpus, out.with_name(out.stem + "-profile.txt"))
    _say(f"large pages: {', '.join(f'{mb:g} MB' for mb in args.large_sizes)}")
    large = measure_large(tuple(args.large_sizes), rounds=args.large_rounds)
    if args.extraction_only:
        return _write_extraction_only(result, extraction, large, out, started)
    _say("process start")
    startup = measure_startup(args.start_rounds)

    crawl_site = GeneratedSite.with_pages(args.crawl_pages)
    ab_site = GeneratedSite.with_pages(args.ab_pages)
    memory_sites = [GeneratedSite.with_pages(pages) for pages in args.memory_pages]
    with SiteServer() as origin:
        _say(f"generated site on {origin}")
        capacity = measure_capacity(origin, list(crawl_site.paths()), seconds=args.capacity_seconds)
        crawls = [_crawl(kind, origin, crawl_site) for _ in range(args.crawl_rounds) for kind in CRAWL_KINDS]
        ab_runs = [
            _crawl("imdb", origin, ab_site, variant=name, overrides=overrides)
            for _ in range(args.ab_rounds)
            for name, overrides in {"as_set": {}, **AB_VARIANTS}.items()
        ]
        memory = []
        for site in memory_sites:
            done = next((c for c in crawls if c["spider"] == "imdb" and c["titles"] == site.titles), None)
            memory.append(done or _crawl("imdb", origin, site))
    dateparser = dateparser_startup()

    medians = {kind: _median_of(crawls, kind) for kind in CRAWL_KINDS}
    project_crawls = [c for c in crawls + ab_runs + memory if c["spider"] == "imdb"]
    crawled = sum(c["pages"] for c in project_crawls)
    smallest, largest = min(memory, key=lambda c: c["pages"]), max(memory, key=lambda c: c["pages"])
    worst_type = extraction["worst_type"] or {}
    result.update(
        {
            "extract_lxml_ratio": extraction["extract_lxml_ratio"],
            "extract_lxml_worst_type_ratio": worst_type.get("median_lxml_ratio"),
            "extract_extruct_ratio": extraction["extract_extruct_ratio"],
            "large_page_ratio": large["large_page_ratio"],
            "size_growth": large["size_growth"],
            "crawl_minimal_fetch_ratio": _share(medians["imdb"], medians["fetch"], "pages_per_cpu_second"),
            "crawl_parse_only_ratio": _share(medians["parse"], medians["fetch"], "pages_per_cpu_second"),
            "crawl_minimal_fetch_wall_ratio": _share(medians["imdb"], medians["fetch"], "pages_per_second"),
            "cli_help_seconds": startup["cli_help_seconds"],
            "extract_one_page_seconds": startup["extract_one_page_seconds"],
            "python_pass_seconds": startup["python_pass_seconds"],
            "rss_growth_mb": round(largest["peak_rss_mb"] - smallest["peak_rss_mb"], 1),
            "dateparser_calls_per_1000_pages": round(
                sum(c["dateparser_calls"] for c in project_crawls) * 1000 / crawled, 2
            )
            if crawled
            else None,
        }
    )
    result["targets"] = {
        key: {"target": f"{op} {value:g}", "met": _meets(result[key], op, value)}
        for key, (op, value) in TARGETS.items()
    }
    result["details"] = {
        "extraction": extraction,
        "large_pages": large,
        "startup": startup,
        "crawl": {
            "site": {
                "titles": crawl_site.titles,
                "pages": crawl_site.pages,
                "layout": "IMDb list pages -> title pages (two layouts) -> fullcredits, releaseinfo, "
                "reviews sub-pages merged into each film",
            },
            "server_capacity": capacity.__dict__,
            "runs": crawls,
            "medians": medians,
        },
        "ab": ab_summary(ab_runs),
        "memory": {
            "runs": [
                {
                    key: c[key]
                    for key in (
                        "pages",
                        "titles",
                        "seconds",
                        "pages_per_second",
                        "rss_before_crawl_mb",
                        "peak_rss_mb",
                        "rss_trend_mb",
                    )
                }
                for c in memory
            ]
        },
        "dateparser": {
            "crawl_calls": sum(c["dateparser_calls"] for c in project_crawls),
            "crawl_pages": crawled,
            "loaded_in_crawls": any(c["dateparser_loaded"] for c in project_crawls),
            "corpus_calls_per_1000_pages": extraction["dateparser_calls_per_1000_pages"],
            **dateparser,
        },
    }
    result["seconds"] = round(time.perf_counter() - started, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(report(result))
    print(f"written to {out}")
    return 0


# The figures measured without the process starts, the crawls and the memory runs.
EXTRACTION_FIGURES = (
    "extract_lxml_ratio",
    "extract_lxml_worst_type_ratio",
    "extract_extruct_ratio",
    "large_page_ratio",
    "size_growth",
)


def _write_extraction_only(
    result: dict[str, Any], extraction: dict[str, Any], large: dict[str, Any], out: Path, started: float
) -> int:
    """`--extraction-only`: the corpus and the large pages, written and printed as the full run's figures."""
    worst_type = extraction["worst_type"] or {}
    result.update(
        {
            "extract_lxml_ratio": extraction["extract_lxml_ratio"],
            "extract_lxml_worst_type_ratio": worst_type.get("median_lxml_ratio"),
            "extract_extruct_ratio": extraction["extract_extruct_ratio"],
            "large_page_ratio": large["large_page_ratio"],
            "size_growth": large["size_growth"],
        }
    )
    result["targets"] = {
        key: {"target": f"{op} {value:g}", "met": _meets(result[key], op, value)}
        for key, (op, value) in TARGETS.items()
        if key in EXTRACTION_FIGURES
    }
    result["details"] = {"extraction": extraction, "large_pages": large}
    result["seconds"] = round(time.perf_counter() - started, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"filmcrawl bench (extraction only), {result['date']}, load average {result['machine']['load_average_at_start']}"
    ]
    for key in EXTRACTION_FIGURES:
        op, target = TARGETS[key]
        lines.append(f"  {key:33s} {result[key]!s:>8}   target {op} {target:g}")
    lines.append(
        "  extract / lxml, median per page type: "
        + ", ".join(
            f"{name} {g['median_lxml_ratio']} ({g['pages']} pages)" for name, g in extraction["by_type"].items()
        )
    )
    lines.append(
        "  large pages: "
        + ", ".join(
            f"{name} {s['large_page_ratio']} x lxml, growth {s['size_growth']}" for name, s in large["by_shape"].items()
        )
    )
    print("\n".join(lines))
    print(f"written to {out}")
    return 0


def _median_of(crawls: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    runs = [c for c in crawls if c["spider"] == kind and not c.get("variant")]
    return {
        key: round(median(c[key] or 0 for c in runs), 1) if runs else None
        for key in ("pages_per_second", "pages_per_cpu_second")
    } | {"runs": len(runs)}


def _share(part: dict[str, Any], whole: dict[str, Any], key: str) -> float | None:
    return round(part[key] / whole[key], 3) if part.get(key) and whole.get(key) else None


def ab_summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Per variant the median pages per CPU second and its change against the settings as they are."""
    variants: dict[str, list[dict[str, Any]]] = {}
    for run in runs:
        variants.setdefault(run["variant"], []).append(run)
    base = variants.get("as_set")
    if not base:
        return {}
    base_rate = median(r["pages_per_cpu_second"] or 0 for r in base)
    summary = {}
    for name, members in variants.items():
        rate = median(r["pages_per_cpu_second"] or 0 for r in members)
        summary[name] = {
            "settings": members[0]["settings_tried"],
            "runs": len(members),
            "pages_per_cpu_second": round(rate, 1),
            "pages_per_second": round(median(r["pages_per_second"] or 0 for r in members), 1),
            "change": round(rate / base_rate - 1, 3) if base_rate else None,
            "same_records": all(r["records"] == base[0]["records"] for r in members),
        }
    return summary


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default="out/bench.json", help="where the figures go (default %(default)s)")
    parser.add_argument(
        "--real-pages",
        metavar="DIR",
        help="a folder of saved real pages with a GOLD.json "
        "manifest ([{file, url}]), read in place and added "
        "to the corpus",
    )
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds over the corpus (default %(default)s)")
    parser.add_argument("--fixtures-limit", type=int, default=None, metavar="N", help="only the first N fixtures")
    parser.add_argument(
        "--crawl-pages",
        type=int,
        default=4000,
        metavar="N",
        help="pages of the generated site every crawl fetches (default %(default)s)",
    )
    parser.add_argument(
        "--crawl-rounds",
        type=int,
        default=3,
        help="rounds of the three crawls (minimal fetch, parse-only, project); medians count (default %(default)s)",
    )
    parser.add_argument(
        "--ab-pages",
        type=int,
        default=2000,
        metavar="N",
        help="pages of the crawls that try settings A/B (default %(default)s)",
    )
    parser.add_argument(
        "--ab-rounds", type=int, default=2, help="rounds of the A/B crawls; 0 skips them (default %(default)s)"
    )
    parser.add_argument(
        "--large-sizes",
        type=lambda s: [float(n) for n in s.split(",")],
        default=[1, 4, 16],
        metavar="MB,MB,...",
        help="sizes of the generated large pages (default 1,4,16)",
    )
    parser.add_argument("--large-rounds", type=int, default=3, help="rounds over the large pages (default %(default)s)")
    parser.add_argument(
        "--start-rounds", type=int, default=5, help="rounds of the process start timings (default %(default)s)"
    )
    parser.add_argument(
        "--memory-pages",
        type=lambda s: [int(n) for n in s.split(",")],
        default=[1000, 10_000],
        metavar="N,N,...",
        help="sizes of the crawls whose peak RSS is compared (default 1000,10000)",
    )
    parser.add_argument(
        "--capacity-seconds",
        type=float,
        default=2.0,
        help="how long the server's own limit is measured (default %(default)s)",
    )
    parser.add_argument(
        "--extraction-only",
        action="store_true",
        help="measure the extraction and the large pages only: no process starts, crawls or memory runs",
    )
    parser.add_argument(
        "--no-profile", dest="profile", action="store_false", help="skip the pyinstrument profile of the extraction"
    )
    return parser.parse_args(argv)


def _crawl(
    spider: str,
    origin: str,
    site: GeneratedSite,
    *,
    variant: str | None = None,
    overrides: dict[str, str] | None = None,
) -> dict[str, Any]:
    settings = [f"--set={name}={value}" for name, value in (overrides or {}).items()]
    _say(f"crawl: {spider}{f' ({variant})' if variant else ''}, {site.pages} pages")
    run = subprocess.run(
        [sys.executable, "-m", "bench.crawl", spider, origin, str(site.titles), *settings],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=CRAWL_TIMEOUT_SECONDS,
    )
    if run.returncode != 0:
        raise RuntimeError(f"the {spider} crawl failed:\n{run.stderr[-4000:]}")
    crawl: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    crawl["variant"] = variant
    _say(
        f"       {crawl['pages']} pages in {crawl['seconds']} s: {crawl['pages_per_second']} pages/s, "
        f"{crawl['pages_per_cpu_second']} pages per CPU second, peak RSS {crawl['peak_rss_mb']} MB"
    )
    return crawl


def dateparser_startup() -> dict[str, Any]:
    """What the dateparser fallback costs once per process: import and first parser, in a fresh process."""
    code = (
        "import time, json; t0 = time.perf_counter(); import crawler.core.normalize as n; t1 = time.perf_counter(); "
        "n.warm_up(); t2 = time.perf_counter(); "
        "print(json.dumps({'normalize_import_seconds': round(t1 - t0, 3), "
        "'dateparser_startup_seconds': round(t2 - t1, 3)}))"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    if run.returncode != 0:
        return {"dateparser_startup_error": run.stderr[-2000:]}
    return dict(json.loads(run.stdout))


def machine() -> dict[str, Any]:
    from importlib.metadata import version

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or platform.machine(),
    )
    memory_kb = next(
        (int(line.split()[1]) for line in _read("/proc/meminfo").splitlines() if line.startswith("MemTotal:")), 0
    )
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "system": platform.platform(),
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
        "packages": {name: version(name) for name in ("scrapy", "lxml", "parsel", "pydantic", "dateparser")},
    }


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _meets(value: float | None, op: str, target: float) -> bool | None:
    if value is None:
        return None
    return value <= target if op == "<=" else value >= target


def report(result: dict[str, Any]) -> str:
    details = result["details"]
    extraction, crawl, memory = details["extraction"], details["crawl"], details["memory"]["runs"]
    lines = [f"filmcrawl bench, {result['date']}, {result['machine']['cpus']} x {result['machine']['cpu']}", ""]
    for key, (op, target) in TARGETS.items():
        met = result["targets"][key]["met"]
        lines.append(
            f"  {key:33s} {result[key]!s:>8}   target {op} {target:g}   "
            + ("met" if met else "NOT MET" if met is not None else "n/a")
        )
    by_type = ", ".join(
        f"{name} {g['median_lxml_ratio']} ({g['pages']} pages)" for name, g in extraction["by_type"].items()
    )
    shapes = ", ".join(
        f"{name} {s['large_page_ratio']} x lxml, growth {s['size_growth']}"
        for name, s in details["large_pages"]["by_shape"].items()
    )
    medians = crawl["medians"]
    lines += [
        "",
        f"  extract / lxml, median per page type: {by_type}",
        f"  extract / parse only: {extraction['extract_parse_ratio']}; large pages: {shapes}",
        f"  crawl pages per CPU second (median): project {medians['imdb']['pages_per_cpu_second']}, "
        f"parse-only {medians['parse']['pages_per_cpu_second']}, minimal fetch "
        f"{medians['fetch']['pages_per_cpu_second']}; parse-only ceiling {result['crawl_parse_only_ratio']}"
        f", wall-clock ratio {result['crawl_minimal_fetch_wall_ratio']}; server alone "
        f"{round(crawl['server_capacity']['pages_per_second'])} pages/s",
        "  A/B (pages per CPU second against the settings as they are): "
        + ", ".join(f"{name} {v['change']:+.0%}" for name, v in details["ab"].items() if name != "as_set"),
        f"  process start: python -c pass {result['python_pass_seconds']} s",
        "  peak RSS: " + ", ".join(f"{m['pages']} pages {m['peak_rss_mb']} MB" for m in memory),
        f"  dateparser: {details['dateparser'].get('dateparser_startup_seconds')} s to start once; "
        f"{details['dateparser']['corpus_calls_per_1000_pages']} calls per 1,000 corpus pages",
        f"  total {result['seconds']} s",
    ]
    profile_info = extraction.get("profile")
    if profile_info:
        lines.append(
            "  hottest (own time): "
            + "; ".join(f"{h['function']} {h['share']:.0%}" for h in profile_info["hottest_by_own_time"][:3])
        )
    return "\n".join(lines)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
