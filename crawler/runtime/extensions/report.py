"""`DatasetReportExtension`: the end-of-job report, and the coverage checks that fail a job.

Every record that leaves the pipelines (item_scraped) is counted by site, type and carried field. When the
spider closes, the extension builds the report (crawler.dataset.report: records, rejects, blocked pages,
coverage per site and type, threshold checks), stores the failed checks in the stats under
`filmcrawl/quality_failures` (a list of sentences such as "imdb film.rating coverage 0.40 < 0.90 (2 of 5
records)"; empty when all is well) for the commands' exit code, logs the table, adds the page ledger (`page_outcomes`:
pages requested and how each ended, crawler.runtime.outcomes), the off-site refusals and the listing limits reached,
and writes the report as JSON to FILMCRAWL_REPORT_FILE, or when that is empty beside the job's first local
feed (films.jsonl -> films.report.json).

Settings:
    FILMCRAWL_REPORT_ENABLED            off: no report, no coverage checks
    FILMCRAWL_REPORT_FILE               where the JSON goes ("" = beside the first local feed; none without one)
    FILMCRAWL_COVERAGE_THRESHOLDS       {"<site>" or "*": {"<type>.<field>": minimum share, or None for off}}
    FILMCRAWL_COVERAGE_DECLARED_MINIMUM the share every film field a site declares (`title_fields` of its SITE) must reach
                                        unless FILMCRAWL_COVERAGE_THRESHOLDS says otherwise (0: not checked)
    FILMCRAWL_COVERAGE_MIN_RECORDS      sites and types with fewer records are not checked
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from w3lib.url import file_uri_to_path

from crawler.dataset.jsonl import write_json
from crawler.dataset.report import (
    CoverageCounter,
    Thresholds,
    build_report,
    declared_thresholds,
    format_report,
    report_path,
    validate_thresholds,
    with_declared,
)
from crawler.runtime.outcomes import ledger

logger = logging.getLogger(__name__)

QUALITY_FAILURES = "filmcrawl/quality_failures"


class DatasetReportExtension:
    def __init__(self, crawler: Crawler, path: Path | None, thresholds: Thresholds, min_records: int) -> None:
        self.crawler = crawler
        self.path = path
        self.thresholds = thresholds
        self.min_records = min_records
        self.counter = CoverageCounter()
        self.report: dict[str, Any] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DatasetReportExtension:
        settings = crawler.settings
        if not settings.getbool("FILMCRAWL_REPORT_ENABLED", True):
            raise NotConfigured("FILMCRAWL_REPORT_ENABLED is off")
        declared_minimum = settings.getfloat("FILMCRAWL_COVERAGE_DECLARED_MINIMUM", 0.0)
        thresholds = with_declared(
            declared_thresholds(declared_minimum), settings.getdict("FILMCRAWL_COVERAGE_THRESHOLDS")
        )
        validate_thresholds(thresholds)
        configured = settings.get("FILMCRAWL_REPORT_FILE")
        path = Path(configured) if configured else _beside_first_feed(settings.getdict("FEEDS"))
        extension = cls(crawler, path, thresholds, settings.getint("FILMCRAWL_COVERAGE_MIN_RECORDS", 1))
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def item_scraped(self, item: Any) -> None:
        if isinstance(item, dict) and "type" in item:
            self.counter.add(item)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        report = build_report(self.counter.coverage(), stats, self.thresholds, self.min_records)
        report["finish_reason"] = reason
        # Every page requested and how it ended (crawler.runtime.outcomes), and the links and redirects refused as
        # off-site: the outcomes add up to the pages requested once the job has finished.
        report["page_outcomes"] = ledger(stats)
        report["offsite"] = {
            key.rsplit("/", 1)[1]: value for key, value in sorted(stats.items()) if key.startswith("filmcrawl/offsite/")
        }
        report["listings"] = {
            name: int(stats.get(f"filmcrawl/{name}", 0)) for name in ("listing_pages_beyond_limit", "listing_loops")
        }
        self.report = report
        self.crawler.stats.set_value(QUALITY_FAILURES, report["quality_failures"])
        for failure in report["quality_failures"]:
            logger.warning("Coverage below its threshold: %s", failure, extra={"spider": spider})
        logger.info(
            "Dataset report%s\n%s",
            f" ({self.path})" if self.path else "",
            format_report(report),
            extra={"spider": spider},
        )
        if self.path is not None:
            write_json(self.path, report)


def _beside_first_feed(feeds: dict[str, Any]) -> Path | None:
    for uri in feeds:
        scheme = urlsplit(str(uri)).scheme
        if scheme in ("", "file") or len(scheme) == 1:  # a plain path (a drive letter on Windows)
            path = Path(file_uri_to_path(uri) if str(uri).startswith("file:") else str(uri))
            if "%(" not in path.name:
                return report_path(path)
            return report_path(path.with_name(path.name.split("%(")[0].rstrip("-_.") + ".jsonl"))
    return None
