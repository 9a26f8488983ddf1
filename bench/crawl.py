"""One crawl of the generated site, alone in this process: `python -m bench.crawl imdb|fetch ORIGIN TITLES`.

`imdb` runs the project's crawl path (crawler.crawling.run_jobs: the IMDb spider, the pipelines, FEEDS);
`fetch` runs FetchOnlySpider over the same URLs with the same settings. Each crawl gets a fresh process, so a
Twisted reactor is started once per crawl and the process's peak RSS is the crawl's own. The result is one
JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.site import GeneratedSite

# The same for both crawls: the project's settings for a crawl of this machine (no delays, no AutoThrottle,
# 16 requests at once), quieter logs, and outputs in a scratch folder.
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


def run(spider: str, origin: str, titles: int, workdir: Path, overrides: dict[str, str] | None = None
        ) -> dict[str, Any]:
    from crawler.crawling import LOCAL_OVERRIDES, CrawlJob, project_settings, run_jobs
    from crawler.normalize import dateparser_calls

    site = GeneratedSite(titles)
    settings = project_settings(**{**LOCAL_OVERRIDES, **BENCH_OVERRIDES, **(overrides or {})},
                                FILMCRAWL_REJECTS_FILE=str(workdir / "rejects.jsonl"))
    rss_before = current_rss_mb()
    sampler = RssSampler()
    sampler.start()
    if spider == "imdb":
        job = CrawlJob("imdb", [origin + site.start_path])
        run_jobs([job], workdir / "out.jsonl", workdir / "rejects.jsonl", settings)
        stats, written = job.stats, dict(job.written)
    else:
        stats, written = _fetch_only(settings, [origin + path for path in site.paths()], workdir), {}
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
        "records": written,
        "rejects": {k.removeprefix("filmcrawl/rejects/"): v for k, v in stats.items()
                    if k.startswith("filmcrawl/rejects/")},
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


def _fetch_only(settings: Any, urls: list[str], workdir: Path) -> dict[str, Any]:
    from scrapy.crawler import AsyncCrawlerProcess

    from bench.fetch_only import FetchOnlySpider

    settings = settings.copy()
    settings.set("FEEDS", {str(workdir / "fetch.jsonl"): {"format": "jsonlines", "encoding": "utf-8",
                                                           "overwrite": True}}, priority="cmdline")
    process = AsyncCrawlerProcess(settings)
    crawler = process.create_crawler(FetchOnlySpider)
    process.crawl(crawler, urls=urls)
    process.start()
    return dict(crawler.stats.get_stats()) if crawler.stats else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("spider", choices=("imdb", "fetch"))
    parser.add_argument("origin", help="where the generated site is served, e.g. http://127.0.0.1:8000")
    parser.add_argument("titles", type=int)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for this crawl on top of the project's (to try one out)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="filmcrawl-bench-") as scratch:
        result = run(args.spider, args.origin, args.titles, Path(scratch),
                     dict(item.split("=", 1) for item in args.set))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
