"""One crawl of the generated site, alone in this process: `python -m bench.crawl imdb|fetch|parse ORIGIN TITLES`.

`imdb` runs the project's crawl path (crawler.jobs.crawling.run_jobs: the IMDb spider, the pipelines, FEEDS), with
the project's settings for a crawl of this machine; `fetch` runs a minimal Scrapy spider (bench.fetch_only)
over the same URLs with Scrapy's default settings and the same concurrency, and nothing else; `parse` is that
spider reading every page with the project's parser (the ceiling of a crawl that parses). Each crawl gets a
fresh process, so a Twisted reactor is started once per crawl and the process's peak RSS is the crawl's own.
The result is one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import threading
import time
from datetime import UTC
from pathlib import Path
from typing import Any

from bench.site import GeneratedSite

# The project's crawl: the project's settings for a crawl of this machine (no delays, no AutoThrottle, 16
# requests at once), quieter logs, and outputs in a scratch folder. The minimal spiders take its concurrency.
BENCH_OVERRIDES: dict[str, Any] = {"LOG_LEVEL": "ERROR"}
RSS_SAMPLE_SECONDS = 0.5


def current_rss_mb() -> float:
    """Resident set size now (Linux /proc), or the peak so far where /proc is missing."""
    return _proc_status_mb("VmRSS:") or peak_rss_mb()


def peak_rss_mb() -> float:
    """This process's peak resident set size. Linux keeps the parent's peak in ru_maxrss across fork and exec,
    so /proc's VmHWM (the peak of this program's own memory) is read where there is one."""
    peak = _proc_status_mb("VmHWM:")
    if peak:
        return peak
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def cpu_seconds() -> float:
    """CPU time this process has used, user and system: unlike pages per second of wall time, it hardly moves
    with what else the machine runs (the crawl and the server it fetches from are processes of their own)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _proc_status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class RssSampler(threading.Thread):
    """(seconds since start, RSS MB) every RSS_SAMPLE_SECONDS, to show how memory grows along a crawl."""

    def __init__(self) -> None:
        super().__init__(daemon=True, name="rss-sampler")
        self.samples: list[tuple[float, float]] = []
        self.stopped = threading.Event()
        self.started_at = time.perf_counter()

    def run(self) -> None:
        while not self.stopped.wait(RSS_SAMPLE_SECONDS):
            self.samples.append((round(time.perf_counter() - self.started_at, 2), round(current_rss_mb(), 1)))

    def trend(self, points: int = 12) -> list[tuple[float, float]]:
        step = max(1, len(self.samples) // points)
        return self.samples[::step] + self.samples[-1:]


def run(
    spider: str, origin: str, titles: int, workdir: Path, overrides: dict[str, str] | None = None
) -> dict[str, Any]:
    from crawler.core.normalize import dateparser_calls
    from crawler.jobs.crawling import LOCAL_OVERRIDES, CrawlJob, project_settings, run_jobs

    site = GeneratedSite(titles)
    settings = project_settings(
        **{**LOCAL_OVERRIDES, **BENCH_OVERRIDES, **(overrides or {})},
        FILMCRAWL_REJECTS_FILE=str(workdir / "rejects.jsonl"),
    )
    _warm_up(site)
    rss_before = current_rss_mb()
    cpu_before = cpu_seconds()
    sampler = RssSampler()
    sampler.start()
    if settings.getbool("HTTPCACHE_ENABLED") and not (overrides or {}).get("HTTPCACHE_DIR"):
        settings.set("HTTPCACHE_DIR", str(workdir / "httpcache"), priority="cmdline")
    if spider == "imdb":
        job = CrawlJob("imdb", [origin + site.start_path])
        run_jobs([job], workdir / "out.jsonl", workdir / "rejects.jsonl", settings)
        stats, written = job.stats, dict(job.written)
    else:
        stats = _minimal(spider, settings, [origin + path for path in site.paths()], overrides or {})
        written = {}
    cpu = cpu_seconds() - cpu_before
    sampler.stopped.set()
    seconds = float(stats.get("elapsed_time_seconds") or 0.0)
    pages = int(stats.get("response_received_count", 0))
    return {
        "spider": spider,
        "titles": titles,
        "pages": pages,
        "site_pages": site.pages,
        "seconds": round(seconds, 3),
        "pages_per_second": round(pages / seconds, 1) if seconds else None,
        "cpu_seconds": round(cpu, 3),
        "pages_per_cpu_second": round(pages / cpu, 1) if cpu else None,
        "records": written,
        "rejects": {
            k.removeprefix("filmcrawl/rejects/"): v for k, v in stats.items() if k.startswith("filmcrawl/rejects/")
        },
        "errors": int(stats.get("log_count/ERROR", 0)),
        "rss_before_crawl_mb": round(rss_before, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "rss_trend_mb": sampler.trend(),
        "dateparser_calls": dateparser_calls(),
        "dateparser_loaded": "dateparser" in sys.modules,
        "concurrent_requests": settings.getint("CONCURRENT_REQUESTS"),
        "concurrent_requests_per_domain": settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
        "download_delay": settings.getfloat("DOWNLOAD_DELAY"),
        "autothrottle": settings.getbool("AUTOTHROTTLE_ENABLED"),
        "settings_tried": overrides or {},
    }


def _warm_up(site: GeneratedSite) -> None:
    """Import the parsers and build their tables before the clock starts, for every kind of crawl alike."""
    from datetime import datetime

    from bench.site import answer
    from crawler.core.extraction import extract, selector_for

    for path in list(site.paths())[:2]:
        extract(
            selector_for(answer(path)[2]), url="https://www.imdb.com" + path, site="imdb", scraped_at=datetime.now(UTC)
        )
    import schemas  # noqa: F401  (the project crawl validates every record)
    import spiders.imdb  # noqa: F401


def minimal_settings(project: Any, overrides: dict[str, str]) -> dict[str, Any]:
    """Scrapy's defaults with the project crawl's concurrency and nothing else (no robots.txt, no delays)."""
    return {
        "CONCURRENT_REQUESTS": project.getint("CONCURRENT_REQUESTS"),
        "CONCURRENT_REQUESTS_PER_DOMAIN": project.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
        "DOWNLOAD_DELAY": 0,
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "ERROR",
        "TWISTED_REACTOR": project.get("TWISTED_REACTOR"),
        **overrides,
    }


def _minimal(spider: str, project: Any, urls: list[str], overrides: dict[str, str]) -> dict[str, Any]:
    from scrapy.crawler import AsyncCrawlerProcess

    from bench.fetch_only import FetchOnlySpider, ParseOnlySpider

    process = AsyncCrawlerProcess(minimal_settings(project, overrides))
    crawler = process.create_crawler(ParseOnlySpider if spider == "parse" else FetchOnlySpider)
    process.crawl(crawler, urls=urls)
    process.start()
    return dict(crawler.stats.get_stats()) if crawler.stats else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("spider", choices=("imdb", "fetch", "parse"))
    parser.add_argument("origin", help="where the generated site is served, e.g. http://127.0.0.1:8000")
    parser.add_argument("titles", type=int)
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting for this crawl on top of the project's (to try one out)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="filmcrawl-bench-") as scratch:
        result = run(
            args.spider, args.origin, args.titles, Path(scratch), dict(item.split("=", 1) for item in args.set)
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
