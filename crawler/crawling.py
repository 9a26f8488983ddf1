"""Run Scrapy crawls from the command line: one crawler per site, each writing its own part, then one output.

Every job writes JSON Lines through Scrapy's FEEDS into `<out>.parts/<site>.jsonl`; when all crawls are over
the parts are concatenated into a temporary file beside the output and renamed over it, so a reader never
sees a half-written output file.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader


@dataclass
class CrawlJob:
    site: str
    start_urls: list[str]
    stats: dict[str, Any] = field(default_factory=dict)
    written: Counter[str] = field(default_factory=Counter)
    """Records written to the output, by "<type>/<source>" (duplicates and invalid records are not)."""


def project_settings(**overrides: Any) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for key, value in overrides.items():
        settings.set(key, value, priority="cmdline")
    return settings


# Settings for crawling the bundled sample site or a test server on this machine: no politeness delays.
LOCAL_OVERRIDES: dict[str, Any] = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "RETRY_TIMES": 1,
}


def run_jobs(jobs: list[CrawlJob], out: Path, rejects: Path, settings: Settings) -> None:
    """Crawl every job in one reactor; write `out` (JSON Lines) and `rejects`; fill each job's stats."""
    parts_dir = out.with_name(out.name + ".parts")
    parts_dir.mkdir(parents=True, exist_ok=True)
    # The process installs the reactor (TWISTED_REACTOR) before any crawler is built, so every job's crawler
    # runs on it; the jobs crawl side by side and the call returns when the last one is over.
    process = AsyncCrawlerProcess(settings)
    loader = SpiderLoader.from_settings(settings)
    crawlers: list[tuple[CrawlJob, Crawler]] = []
    for job in jobs:
        job_settings = settings.copy()
        job_settings.set("FEEDS", {str(parts_dir / f"{job.site}.jsonl"): {
            "format": "jsonlines", "encoding": "utf-8", "overwrite": True}}, priority="cmdline")
        job_settings.set("FILMCRAWL_REJECTS_FILE", str(parts_dir / f"{job.site}.rejects.jsonl"), priority="cmdline")
        crawler = Crawler(loader.load(job.site), job_settings)
        crawlers.append((job, crawler))
        process.crawl(crawler, start_urls=job.start_urls)
    process.start()
    for job, crawler in crawlers:
        job.stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
        job.written = count_records(parts_dir / f"{job.site}.jsonl")
    _concatenate([parts_dir / f"{job.site}.jsonl" for job in jobs], out)
    _concatenate([parts_dir / f"{job.site}.rejects.jsonl" for job in jobs], rejects)
    shutil.rmtree(parts_dir, ignore_errors=True)


def _concatenate(parts: list[Path], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    with temporary.open("wb") as sink:
        for part in parts:
            if part.exists():
                with part.open("rb") as source:
                    shutil.copyfileobj(source, sink)
    temporary.replace(target)


def count_records(path: Path) -> Counter[str]:
    """Records of a JSON Lines file by "<type>/<source>"."""
    counts: Counter[str] = Counter()
    if not path.exists():
        return counts
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                counts[f"{record.get('type')}/{record.get('source')}"] += 1
    return counts


def summary(jobs: list[CrawlJob]) -> dict[str, Any]:
    """Pages (by job), records written by type and site, rejects by reason, blocked pages and logged errors,
    summed over the jobs."""
    pages: Counter[str] = Counter()
    records: Counter[str] = Counter()
    rejects: Counter[str] = Counter()
    blocked: Counter[str] = Counter()
    errors = 0
    for job in jobs:
        pages[job.site] += 0
        records.update(job.written)
        for key, value in job.stats.items():
            if not isinstance(value, int):
                continue
            if key == "filmcrawl/pages":
                pages[job.site] += value
            elif key.startswith("filmcrawl/rejects/"):
                rejects[key.split("/", 2)[2]] += value
            elif key.startswith("blocked/"):
                blocked[key.split("/", 1)[1]] += value
            elif key == "log_count/ERROR":
                errors += value
    return {"pages": sum(pages.values()), "pages_by_job": dict(pages), "records": dict(sorted(records.items())),
            "rejects": dict(sorted(rejects.items())), "blocked": dict(sorted(blocked.items())), "errors": errors}


def format_summary(data: dict[str, Any], out: Path, rejects: Path) -> str:
    by_job = data.get("pages_by_job") or {}
    lines = [f"pages crawled: {data['pages']}"
             + (" (" + ", ".join(f"{site} {n}" for site, n in by_job.items()) + ")" if len(by_job) > 1 else "")]
    by_type: Counter[str] = Counter()
    for key, value in data["records"].items():
        by_type[key.split("/")[0]] += value
    lines.append("records: " + (", ".join(f"{n} {kind}" for kind, n in sorted(by_type.items())) or "none"))
    for key, value in data["records"].items():
        lines.append(f"  {key:32s} {value}")
    total_rejects = sum(data["rejects"].values())
    lines.append(f"rejects: {total_rejects}" + (" (" + ", ".join(f"{r} {n}" for r, n in data["rejects"].items()) + ")"
                                                 if total_rejects else ""))
    if data["blocked"]:
        lines.append("blocked responses: " + ", ".join(f"{r} {n}" for r, n in data["blocked"].items()))
    if data.get("errors"):
        lines.append(f"errors logged: {data['errors']} (see the log above)")
    lines.append(f"output: {out}   rejects: {rejects}")
    return "\n".join(lines)
