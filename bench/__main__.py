"""`python -m bench` (`make bench`): four figures of filmcrawl's speed, each a ratio or a difference measured in
this one run, printed and written to out/bench.json.

    extract_parse_ratio              extract + validate + serialise per page / parse only, over the corpus
                                     (bench.extraction)                                        target <= 1.3
    crawl_fetch_ratio                pages/s of the IMDb crawl (spider, pipelines, feed) of a generated site
                                     / pages/s of a fetch-only spider over the same pages, same settings
                                     (bench.crawl, bench.site, bench.server)                   target >= 0.9
    rss_growth_mb                    peak RSS of the largest crawl - peak RSS of the smallest  target <= 50
    dateparser_calls_per_1000_pages  texts handed to dateparser per 1,000 pages crawled        target 0

Absolute times move with whatever else the machine runs; ratios of runs made side by side move much less,
so every figure compares two measurements of this run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench.extraction import ROOT, fixture_pages, measure, profile, real_pages
from bench.server import SiteServer, measure_capacity
from bench.site import GeneratedSite

TARGETS: dict[str, tuple[str, float]] = {
    "extract_parse_ratio": ("<=", 1.3),
    "crawl_fetch_ratio": (">=", 0.9),
    "rss_growth_mb": ("<=", 50.0),
    "dateparser_calls_per_1000_pages": ("<=", 0.0),
}
CRAWL_TIMEOUT_SECONDS = 3600


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    started = time.perf_counter()
    out = Path(args.out)
    result: dict[str, Any] = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                              "command": " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])]),
                              "machine": machine()}

    corpus = fixture_pages(args.fixtures_limit) + real_pages(Path(args.real_pages) if args.real_pages else None)
    _say(f"extract / parse: {len(corpus)} pages, {args.rounds} rounds")
    extraction = measure(corpus, rounds=args.rounds)
    if args.profile:
        extraction["profile"] = profile(corpus, out.with_name(out.stem + "-profile.txt"))

    crawl_site = GeneratedSite.with_pages(args.crawl_pages)
    memory_sites = [GeneratedSite.with_pages(pages) for pages in args.memory_pages]
    with SiteServer() as origin:
        _say(f"generated site on {origin}")
        capacity = measure_capacity(origin, list(crawl_site.paths()), seconds=args.capacity_seconds)
        # Fetch-only crawls before and after the project crawls: machine load that drifts during the run
        # shows as a difference between them, and the best run of each kind is compared.
        order = ["fetch"]
        for _ in range(args.crawl_rounds):
            order.append("imdb")
            if order.count("fetch") < args.fetch_runs:
                order.append("fetch")
        crawls = [_crawl(spider, origin, crawl_site) for spider in order]
        memory = []
        for site in memory_sites:
            done = next((c for c in crawls if c["spider"] == "imdb" and c["titles"] == site.titles), None)
            memory.append(done or _crawl("imdb", origin, site))
    startup = dateparser_startup()

    best = {spider: max((c for c in crawls if c["spider"] == spider), key=lambda c: c["pages_per_second"] or 0)
            for spider in ("fetch", "imdb")}
    project_crawls = [c for c in crawls + memory if c["spider"] == "imdb"]
    crawled = sum(c["pages"] for c in project_crawls)
    smallest, largest = min(memory, key=lambda c: c["pages"]), max(memory, key=lambda c: c["pages"])
    result.update({
        "extract_parse_ratio": extraction["extract_parse_ratio"],
        "crawl_fetch_ratio": round(best["imdb"]["pages_per_second"] / best["fetch"]["pages_per_second"], 3),
        "rss_growth_mb": round(largest["peak_rss_mb"] - smallest["peak_rss_mb"], 1),
        "dateparser_calls_per_1000_pages": round(sum(c["dateparser_calls"] for c in project_crawls) * 1000
                                                 / crawled, 2) if crawled else None,
    })
    result["targets"] = {key: {"target": f"{op} {value:g}", "met": _meets(result[key], op, value)}
                         for key, (op, value) in TARGETS.items()}
    result["details"] = {
        "extraction": extraction,
        "crawl": {"site": {"titles": crawl_site.titles, "pages": crawl_site.pages,
                           "layout": "IMDb list pages -> title pages (two layouts) -> fullcredits, releaseinfo, "
                                     "reviews sub-pages merged into each film"},
                  "server_capacity": capacity.__dict__, "runs": crawls,
                  "best_pages_per_second": {k: v["pages_per_second"] for k, v in best.items()}},
        "memory": {"runs": [{key: c[key] for key in ("pages", "titles", "seconds", "pages_per_second",
                                                      "rss_before_crawl_mb", "peak_rss_mb", "rss_trend_mb")}
                            for c in memory]},
        "dateparser": {"crawl_calls": sum(c["dateparser_calls"] for c in project_crawls), "crawl_pages": crawled,
                       "loaded_in_crawls": any(c["dateparser_loaded"] for c in project_crawls),
                       "corpus_calls_per_1000_pages": extraction["dateparser_calls_per_1000_pages"],
                       **startup},
    }
    result["seconds"] = round(time.perf_counter() - started, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(report(result))
    print(f"written to {out}")
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="out/bench.json", help="where the figures go (default %(default)s)")
    parser.add_argument("--real-pages", metavar="DIR", help="a folder of saved real pages with a GOLD.json "
                                                            "manifest ([{file, url}]), read in place and added "
                                                            "to the corpus")
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds over the corpus (default %(default)s)")
    parser.add_argument("--fixtures-limit", type=int, default=None, metavar="N", help="only the first N fixtures")
    parser.add_argument("--crawl-pages", type=int, default=10_000, metavar="N",
                        help="pages of the generated site both crawls fetch (default %(default)s)")
    parser.add_argument("--crawl-rounds", type=int, default=1,
                        help="project crawls; the best pages/s counts (default %(default)s)")
    parser.add_argument("--fetch-runs", type=int, default=2,
                        help="fetch-only crawls, one first and the others after project crawls; the best "
                             "pages/s counts (default %(default)s)")
    parser.add_argument("--memory-pages", type=lambda s: [int(n) for n in s.split(",")], default=[1000, 10_000],
                        metavar="N,N,...", help="sizes of the crawls whose peak RSS is compared (default 1000,10000)")
    parser.add_argument("--capacity-seconds", type=float, default=2.0,
                        help="how long the server's own limit is measured (default %(default)s)")
    parser.add_argument("--no-profile", dest="profile", action="store_false",
                        help="skip the pyinstrument profile of the extraction")
    return parser.parse_args(argv)


def _crawl(spider: str, origin: str, site: GeneratedSite) -> dict[str, Any]:
    _say(f"crawl: {spider}, {site.pages} pages")
    run = subprocess.run([sys.executable, "-m", "bench.crawl", spider, origin, str(site.titles)], cwd=ROOT,
                         capture_output=True, text=True, timeout=CRAWL_TIMEOUT_SECONDS)
    if run.returncode != 0:
        raise RuntimeError(f"the {spider} crawl failed:\n{run.stderr[-4000:]}")
    crawl: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    _say(f"       {crawl['pages']} pages in {crawl['seconds']} s: {crawl['pages_per_second']} pages/s, "
         f"peak RSS {crawl['peak_rss_mb']} MB")
    return crawl


def dateparser_startup() -> dict[str, Any]:
    """What the dateparser fallback costs once per process: import and first parser, in a fresh process."""
    code = ("import time, json; t0 = time.perf_counter(); import crawler.normalize as n; t1 = time.perf_counter(); "
            "n.warm_up(); t2 = time.perf_counter(); "
            "print(json.dumps({'normalize_import_seconds': round(t1 - t0, 3), "
            "'dateparser_startup_seconds': round(t2 - t1, 3)}))")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    if run.returncode != 0:
        return {"dateparser_startup_error": run.stderr[-2000:]}
    return dict(json.loads(run.stdout))


def machine() -> dict[str, Any]:
    from importlib.metadata import version

    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), platform.processor() or platform.machine())
    memory_kb = next((int(line.split()[1]) for line in _read("/proc/meminfo").splitlines()
                      if line.startswith("MemTotal:")), 0)
    return {"cpu": cpu, "cpus": os.cpu_count(), "memory_gb": round(memory_kb / 1024 / 1024, 1),
            "system": platform.platform(), "python": platform.python_version(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
            "packages": {name: version(name) for name in ("scrapy", "lxml", "parsel", "pydantic", "dateparser")}}


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
        lines.append(f"  {key:33s} {result[key]!s:>8}   target {op} {target:g}   "
                     + ("met" if met else "NOT MET" if met is not None else "n/a"))
    groups = ", ".join(f"{name} {g['ratio']} ({g['pages']} pages)"
                       for name, g in {**extraction["by_group"], **extraction["by_size"]}.items())
    lines += ["", f"  extract/parse by group: {groups}",
              f"  crawl: {crawl['site']['pages']} pages; best pages/s: project "
              f"{crawl['best_pages_per_second']['imdb']}, fetch-only {crawl['best_pages_per_second']['fetch']}; "
              f"server alone {round(crawl['server_capacity']['pages_per_second'])} pages/s",
              "  peak RSS: " + ", ".join(f"{m['pages']} pages {m['peak_rss_mb']} MB" for m in memory),
              f"  dateparser: {details['dateparser'].get('dateparser_startup_seconds')} s to start once; "
              f"{details['dateparser']['corpus_calls_per_1000_pages']} calls per 1,000 corpus pages",
              f"  total {result['seconds']} s"]
    profile_info = extraction.get("profile")
    if profile_info:
        lines.append("  hottest (own time): " + "; ".join(
            f"{h['function']} {h['share']:.0%}" for h in profile_info["hottest_by_own_time"][:3]))
    return "\n".join(lines)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
