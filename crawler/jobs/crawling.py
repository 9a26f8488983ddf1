"""Run Scrapy crawls from the command line: one crawler per site, each writing its own part, then one output.

Every job writes JSON Lines through Scrapy's FEEDS into a part file of its own; when the crawls are over,
`finalize_output` merges the parts into a temporary file beside the output and renames it over the output,
so a reader never sees a half-written output file.

- Without resuming, the parts live in `<out>.parts.<pid>/`, the job's own, and are removed once the output is
  written. A crawl stopped early (Ctrl-C) still writes what it got.
- With `resume_dir` (crawler.jobs.resume), each job keeps its Scrapy JOBDIR and one part per run in
  `<resume_dir>/<site>/`; the output is written only when the job has finished, from every run's part, and
  a record written by two runs (a page fetched again after a kill) is kept once (merged by id).

One job at a time per output and per job folder (crawler.jobs.joblock): a second job on the same `-o` or `--resume`
folder is refused at once (JobLocked) with the PID of the job holding it.

Jobs whose start URLs are all on this machine (the sample site, a test server) get LOCAL_OVERRIDES.
`could_not_run` and `quality_failures` read a finished job's stats for the exit code of the commands.
"""

from __future__ import annotations

import glob
import json
import logging
import os
import shutil
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.settings import BaseSettings, Settings
from scrapy.spiderloader import SpiderLoader

from crawler.jobs import joblock
from crawler.jobs.resume import JobFolder, add_counters, counters_of
from crawler.runtime.fetch_errors import quiet_network_tracebacks
from crawler.runtime.middlewares.hosts import is_loopback
from crawler.runtime.outcomes import OUTCOMES, ledger

logger = logging.getLogger(__name__)


@dataclass
class CrawlJob:
    site: str
    start_urls: list[str]
    stats: dict[str, Any] = field(default_factory=dict)
    """The crawl's stats; with resuming, the counters of the job's earlier runs are added in."""
    written: Counter[str] = field(default_factory=Counter)
    """Records written to the output, by "<type>/<source>" (duplicates and invalid records are not)."""
    folder: JobFolder | None = None
    """The job's folder when it can be resumed."""

    @property
    def finish_reason(self) -> str | None:
        """Scrapy's reason: "finished", "closespider_pagecount"..., "shutdown" (stopped by a signal), or None
        when the crawl was killed before it could close."""
        reason = self.stats.get("finish_reason")
        return str(reason) if reason is not None else None

    @property
    def started(self) -> bool:
        """False when the crawl failed before it opened (an error in a component, logged by Scrapy)."""
        return "start_time" in self.stats

    @property
    def finished(self) -> bool:
        reason = self.finish_reason or ""
        return reason == "finished" or reason.startswith("closespider_")


@dataclass
class RunResult:
    jobs: list[CrawlJob]
    stopped: bool
    """At least one job stopped before its end (Ctrl-C, SIGTERM)."""
    output_written: bool


def project_settings(**overrides: Any) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for key, value in overrides.items():
        settings.set(key, value, priority="cmdline")
    return settings


# Settings for crawling the bundled sample site or a test server on this machine: no politeness delays
# (crawler.runtime.middlewares.politeness drops them for loopback hosts in any crawl; these make it explicit).
# Applied above the project settings and below the command line, so `-s NAME=VALUE` still wins.
LOCAL_OVERRIDES: dict[str, Any] = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "RETRY_TIMES": 1,
    # The sample site and test servers listen on loopback, which public crawls may not reach.
    "FILMCRAWL_ALLOW_PRIVATE_HOSTS": ["127.0.0.0/8", "::1"],
}


def is_local(urls: Sequence[str]) -> bool:
    """True when there are start URLs and every one is on this machine."""
    return bool(urls) and all(is_loopback(urlsplit(url).hostname or "") for url in urls)


def run_jobs(
    jobs: list[CrawlJob], out: Path, rejects: Path, settings: Settings, *, resume_dir: Path | None = None
) -> RunResult:
    """Crawl every job in one reactor; write `out` (JSON Lines) and `rejects` when the jobs are over (or, without
    `resume_dir`, stopped); fill each job's stats and written counts. JobLocked when another running job holds
    `out` or `resume_dir`."""
    locks = [joblock.acquire(out)]
    try:
        if resume_dir is not None:
            locks.append(joblock.acquire(resume_dir, folder=True))
        return _run_locked(jobs, out, rejects, settings, resume_dir=resume_dir)
    finally:
        for lock in reversed(locks):
            lock.release()


def parts_folder(out: Path) -> Path:
    """The parts of a job without `--resume`: its own folder, so no other job's end can remove them."""
    return out.with_name(f"{out.name}.parts.{os.getpid()}")


def _remove_dead_parts(out: Path) -> None:
    """Parts folders of earlier jobs on `out` that were killed before they could remove them: with the lock
    held, no running job owns them."""
    for folder in out.parent.glob(f"{glob.escape(out.name)}.parts*"):
        if folder.is_dir() and folder != parts_folder(out):
            shutil.rmtree(folder, ignore_errors=True)


def _run_locked(
    jobs: list[CrawlJob], out: Path, rejects: Path, settings: Settings, *, resume_dir: Path | None
) -> RunResult:
    _remove_dead_parts(out)
    parts_dir = parts_folder(out)
    if resume_dir is not None:
        for job in jobs:
            job.folder = JobFolder(resume_dir / job.site)
    # Every folder is checked (JobMismatch) before any run is counted in one.
    states = {job.site: job.folder.begin(job.site, job.start_urls) for job in jobs if job.folder is not None}
    # The process installs the reactor (TWISTED_REACTOR) before any crawler is built, so every job's crawler
    # runs on it; the jobs crawl side by side and the call returns when the last one is over.
    process = AsyncCrawlerProcess(settings)
    quiet_network_tracebacks()
    loader = SpiderLoader.from_settings(settings)
    crawlers: list[tuple[CrawlJob, Crawler]] = []
    record_parts: dict[str, list[Path]] = {}
    rejects_parts: dict[str, list[Path]] = {}
    for job in jobs:
        job_settings = settings.copy()
        if is_local(job.start_urls):
            job_settings.setdict(LOCAL_OVERRIDES, priority="spider")
        if len(jobs) > 1:
            # Several bars on one line would overwrite each other: log lines only.
            job_settings.set("FILMCRAWL_PROGRESS_BAR", False, priority="cmdline")
        if job.folder is not None:
            state = states[job.site]
            part, rejects_part = job.folder.part(state.runs), job.folder.rejects_part(state.runs)
            job_settings.set("JOBDIR", str(job.folder.jobdir), priority="cmdline")
            job_settings.set("FILMCRAWL_CACHE_FRESH_SINCE", state.started_at, priority="cmdline")
            record_parts[job.site] = job.folder.record_parts() + [part]
            rejects_parts[job.site] = job.folder.rejects_parts() + [rejects_part]
        else:
            parts_dir.mkdir(parents=True, exist_ok=True)
            part, rejects_part = parts_dir / f"{job.site}.jsonl", parts_dir / f"{job.site}.rejects.jsonl"
            record_parts[job.site], rejects_parts[job.site] = [part], [rejects_part]
        # A new file per run (overwrite): a resumed run never appends to the part of a run that was killed.
        # A part is a working file, written line by line in place and merged with the others by finalize_output.
        job_settings.set(
            "FEEDS",
            {str(part): {"format": "jsonlines", "encoding": "utf-8", "overwrite": True, "filmcrawl_part": True}},
            priority="cmdline",
        )
        job_settings.set("FILMCRAWL_REJECTS_FILE", str(rejects_part), priority="cmdline")
        crawler = Crawler(loader.load(job.site), job_settings)
        crawlers.append((job, crawler))
        process.crawl(crawler, start_urls=job.start_urls)
    process.start()

    for job, crawler in crawlers:
        stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
        if job.folder is not None:
            state = states[job.site]
            earlier = dict(state.totals)
            if stats.get("finish_reason") is not None or "start_time" not in stats:
                # Closed properly (or never opened): the queue is saved and the next run continues it. Otherwise
                # (killed before it could close) the state stays "running" and the next run starts over.
                job.folder.stopped_cleanly(counters_of(stats))
            stats = {**stats, **add_counters(earlier, counters_of(stats))}
        job.stats = stats
    stopped = any(job.started and not job.finished for job in jobs)
    if stopped and resume_dir is not None:
        return RunResult(jobs, stopped=True, output_written=False)
    if not any(int(job.stats.get("filmcrawl/pages", 0)) for job in jobs):
        # Not one page read (unreachable start URLs...): the previous output, if any, stays as it was.
        _remove_work(jobs, parts_dir)
        return RunResult(jobs, stopped=stopped, output_written=False)

    ordered = [(job, record_parts[job.site]) for job in jobs]
    written = finalize_output([part for _, parts in ordered for part in parts], out)
    for job, parts in ordered:
        job.written = sum((written.get(part, Counter()) for part in parts), Counter())
    finalize_rejects([part for job in jobs for part in rejects_parts[job.site]], rejects)
    _remove_work(jobs, parts_dir)
    return RunResult(jobs, stopped=stopped, output_written=True)


def _remove_work(jobs: list[CrawlJob], parts_dir: Path) -> None:
    for job in jobs:
        if job.folder is not None:
            job.folder.remove()
    shutil.rmtree(parts_dir, ignore_errors=True)


# --- Output finalisation ------------------------------------------------------------------------------------


def reject_key(reject: dict[str, Any]) -> str:
    return f"{reject.get('site')}|{reject.get('url')}|{reject.get('stage')}|{reject.get('reason')}"


def finalize_output(parts: Sequence[Path], out: Path) -> dict[Path, Counter[str]]:
    """Merge the part files into `out`, atomically, through the dataset's output step
    (crawler.dataset.output.finalize_job). Parts are given oldest first (the site parts of one run, or the runs
    of a resumed job). A film or review found more than once (same type and id: a title reached by two URLs, a
    page written by two runs) is written once, merged: later values fill the first copy's gaps, the longer list
    wins, and where both state a different value the first stays and the conflict is counted in the report.
    Every film and review gets its cross-site film_key; a listing written twice is kept once. Torn lines (a run
    killed mid-write) are skipped. Beside `out` go the merged view (films.merged.jsonl, one record per film
    key) and the job's report (films.report.json). Returns the records written from each part, by
    "<type>/<source>"."""
    from crawler.dataset.output import finalize_job

    return finalize_job(parts, out)


def finalize_rejects(parts: Sequence[Path], target: Path) -> None:
    """Concatenate the rejects parts into `target`, atomically; a page rejected again by a later part (same
    site, URL, stage and reason: a resumed job's later run) keeps only the later part's lines. Two passes,
    holding only keys in memory: find the last part naming each key, then write those lines."""
    last: dict[str, int] = {}
    for index, part in enumerate(parts):
        for _, record in _complete_lines(part):
            last[reject_key(record)] = index
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as sink:
        for index, part in enumerate(parts):
            for raw, record in _complete_lines(part):
                if last.get(reject_key(record)) == index:
                    sink.write(raw)  # as the pipeline wrote it
        sink.flush()
        os.fsync(sink.fileno())
    temporary.replace(target)


def _complete_lines(part: Path) -> Iterator[tuple[bytes, dict[str, Any]]]:
    """(line, record) of every complete JSON line of `part`; a torn or unreadable line is skipped."""
    if not part.exists():
        return
    with part.open("rb") as lines:
        for line_no, raw in enumerate(lines):
            if not raw.endswith(b"\n") or not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except ValueError:
                logger.warning("%s line %d is not JSON (a run killed mid-write?): skipped", part, line_no + 1)
                continue
            if isinstance(record, dict):
                yield raw, record


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


# --- Verdicts for exit codes ---------------------------------------------------------------------------------

# Reject reasons that say nothing about the data: a second copy of a record, or a page robots.txt forbids.
_NEUTRAL_REJECTS = ("duplicate_", "robots_txt")


def could_not_run(job: CrawlJob) -> str | None:
    """Why the job read no page at all (unreachable or refused start URLs), or None when it read some."""
    if int(job.stats.get("filmcrawl/pages", 0)):
        return None
    if not job.started:
        return f"{job.site}: the crawl could not start (see the errors logged above)"
    reasons: Counter[str] = Counter()
    for key, value in job.stats.items():
        if key.startswith(("filmcrawl/fetch_errors/", "filmcrawl/boundaries/")) and isinstance(value, int):
            reasons[key.rsplit("/", 1)[1]] += value
    where = " ".join(job.start_urls) or "its default start URLs"
    detail = f" ({', '.join(f'{reason} {n}' for reason, n in reasons.most_common())})" if reasons else ""
    return f"{job.site}: no page could be read from {where}{detail}"


def reject_ratio(stats: dict[str, Any]) -> float:
    """Rejected pages and records (duplicates and robots.txt refusals aside) over those plus records written."""
    rejected = sum(
        v
        for k, v in stats.items()
        if k.startswith("filmcrawl/rejects/")
        and isinstance(v, int)
        and not k.split("/", 2)[2].startswith(_NEUTRAL_REJECTS)
    )
    total = rejected + int(stats.get("item_scraped_count", 0))
    return rejected / total if total else 0.0


def blocked_ratio(stats: dict[str, Any]) -> float:
    """Challenge, captcha or consent answers over pages read (a page blocked, then retried, counts twice)."""
    blocked = sum(v for k, v in stats.items() if k.startswith("blocked/") and isinstance(v, int))
    pages = int(stats.get("filmcrawl/pages", 0))
    return blocked / pages if pages else 0.0


def quality_failures(job: CrawlJob, settings: BaseSettings) -> list[str]:
    """The job's failed quality checks: those of the end-of-job report (filmcrawl/quality_failures) and the
    reject and blocked ratios over FILMCRAWL_MAX_REJECT_RATIO / FILMCRAWL_MAX_BLOCKED_RATIO, and the share of
    records read by fallback per site and page type over FILMCRAWL_FALLBACK_MAX_RATIO (crawler.core.drift)."""
    from crawler.core.drift import SETTING, drift_failures

    failures = [str(f) for f in job.stats.get("filmcrawl/quality_failures") or []]
    failures.extend(drift_failures(job.stats, settings.getfloat(SETTING)))
    for name, ratio, setting in (
        ("reject ratio", reject_ratio(job.stats), "FILMCRAWL_MAX_REJECT_RATIO"),
        ("blocked ratio", blocked_ratio(job.stats), "FILMCRAWL_MAX_BLOCKED_RATIO"),
    ):
        limit = settings.getfloat(setting)
        if ratio > limit:
            failures.append(f"{job.site} {name} {ratio:.2f} > {limit:.2f} ({setting})")
    return failures


# --- Summary ---------------------------------------------------------------------------------------------


def summary(jobs: list[CrawlJob]) -> dict[str, Any]:
    """Pages (by job), records written by type and site, rejects by reason, blocked pages and logged errors,
    summed over the jobs."""
    pages: Counter[str] = Counter()
    records: Counter[str] = Counter()
    rejects: Counter[str] = Counter()
    blocked: Counter[str] = Counter()
    errors = 0
    outcomes: Counter[str] = Counter()
    offsite: Counter[str] = Counter()
    listings: Counter[str] = Counter()
    for job in jobs:
        pages[job.site] += 0
        outcomes.update(ledger(job.stats))
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
            elif key.startswith("filmcrawl/offsite/"):
                offsite[key.rsplit("/", 1)[1]] += value
            elif key in ("filmcrawl/listing_pages_beyond_limit", "filmcrawl/listing_loops"):
                listings[key.rsplit("/", 1)[1]] += value
    return {
        "pages": sum(pages.values()),
        "pages_by_job": dict(pages),
        "records": dict(sorted(records.items())),
        "rejects": dict(sorted(rejects.items())),
        "blocked": dict(sorted(blocked.items())),
        "errors": errors,
        "budget": budget_summary(jobs),
        "outcomes": dict(outcomes),
        "offsite": dict(sorted(offsite.items())),
        "listings": dict(listings),
    }


def budget_summary(jobs: list[CrawlJob]) -> dict[str, Any] | None:
    """What the page budget (--max-pages, crawler.runtime.middlewares.budget) cut, summed over the jobs; None when no
    job had a budget."""
    budgets = [job.stats for job in jobs if job.stats.get("filmcrawl/budget/max_pages")]
    if not budgets:
        return None
    unread: Counter[str] = Counter()
    for stats in budgets:
        unread.update(
            {
                key.rsplit("/", 1)[1]: value
                for key, value in stats.items()
                if key.startswith("filmcrawl/unread_subpages/") and isinstance(value, int)
            }
        )
    return {
        "max_pages": sum(int(s["filmcrawl/budget/max_pages"]) for s in budgets),
        "reached": any(s.get("filmcrawl/budget/reached") for s in budgets),
        "unfetched": sum(int(s.get("filmcrawl/budget/unfetched", 0)) for s in budgets),
        "films_with_unread_subpages": sum(int(s.get("filmcrawl/films_with_unread_subpages", 0)) for s in budgets),
        "unread_subpages": dict(sorted(unread.items())),
    }


def format_budget(budget: dict[str, Any]) -> str:
    if not budget["reached"]:
        return f"page budget: {budget['max_pages']} pages, not reached"
    line = f"page budget reached: {budget['max_pages']} pages fetched, {budget['unfetched']} requests not fetched"
    if budget["films_with_unread_subpages"]:
        pages = ", ".join(f"{kind} {n}" for kind, n in budget["unread_subpages"].items())
        line += (
            f"; {budget['films_with_unread_subpages']} film(s) written without some sub-pages ({pages}; "
            "see extraction.unread_subpages)"
        )
    return line


def format_outcomes(outcomes: dict[str, int]) -> str:
    """pages requested: 40 = records 30 + rejected 6 + duplicate 2 + refused 1 + followed 1"""
    if not outcomes.get("requested"):
        return ""
    line = f"pages requested: {outcomes['requested']} = " + " + ".join(
        f"{name} {outcomes.get(name, 0)}" for name in OUTCOMES
    )
    if outcomes.get("unsettled"):
        line += f" (+ {outcomes['unsettled']} still queued when the job stopped)"
    return line


def format_summary(data: dict[str, Any], out: Path, rejects: Path) -> str:
    by_job = data.get("pages_by_job") or {}
    lines = [
        f"pages crawled: {data['pages']}"
        + (" (" + ", ".join(f"{site} {n}" for site, n in by_job.items()) + ")" if len(by_job) > 1 else "")
    ]
    by_type: Counter[str] = Counter()
    for key, value in data["records"].items():
        by_type[key.split("/")[0]] += value
    lines.append("records: " + (", ".join(f"{n} {kind}" for kind, n in sorted(by_type.items())) or "none"))
    for key, value in data["records"].items():
        lines.append(f"  {key:32s} {value}")
    total_rejects = sum(data["rejects"].values())
    lines.append(
        f"rejects: {total_rejects}"
        + (" (" + ", ".join(f"{r} {n}" for r, n in data["rejects"].items()) + ")" if total_rejects else "")
    )
    if data["blocked"]:
        lines.append("blocked responses: " + ", ".join(f"{r} {n}" for r, n in data["blocked"].items()))
    if data.get("budget"):
        lines.append(format_budget(data["budget"]))
    if outcomes := format_outcomes(data.get("outcomes") or {}):
        lines.append(outcomes)
    if data.get("offsite"):
        lines.append("off-site, refused: " + ", ".join(f"{kind} {n}" for kind, n in data["offsite"].items()))
    listings = data.get("listings") or {}
    if listings.get("listing_pages_beyond_limit"):
        lines.append(
            f"listing page limit reached (FILMCRAWL_MAX_LISTING_PAGES): "
            f"{listings['listing_pages_beyond_limit']} next page(s) not followed"
        )
    if listings.get("listing_loops"):
        lines.append(f"listings repeating themselves, not followed further: {listings['listing_loops']}")
    if data.get("errors"):
        lines.append(f"errors logged: {data['errors']} (see the log above)")
    lines.append(f"output: {out}   rejects: {rejects}")
    return "\n".join(lines)
