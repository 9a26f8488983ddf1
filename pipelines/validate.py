"""Validate every record against the common schema; an invalid one becomes a Reject with its field errors.

Before validation every value passes the plausibility rules and every text its length limit
(crawler.core.plausibility): an implausible value becomes null with its raw text in `extraction.unparsed`, counted as
`filmcrawl/implausible/<field>`; a value a reader could not normalise (its raw text already in `extraction.unparsed`,
crawler.core.parsers.fields) is counted as `filmcrawl/unparsed/<field>`; a cut text is counted as `filmcrawl/text_cut/<field>` and its whole value
written to the rejects file (pipelines.rejects.TEXT_CUT)."""

from __future__ import annotations

from typing import Any, cast

from pydantic import ValidationError
from scrapy.crawler import Crawler

from crawler.core.plausibility import check_record
from crawler.core.reject import FieldError, Reject
from pipelines.rejects import TEXT_CUT
from schemas import UnknownRecordType, to_json_dict, validate_record
from schemas.record_fields import RecordFields


def field_errors(error: ValidationError) -> list[FieldError]:
    return [
        {"path": ".".join(str(p) for p in e["loc"]), "message": e["msg"], "type": e["type"]}
        for e in error.errors(include_url=False)
    ]


class ValidatePipeline:
    """dict record -> schema-checked JSON dict; anything else passes through untouched."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, dict):
            return item
        # A dict item is a record as a spider yields it (spiders.base): a site's or the generic readers'.
        item = self.plausible(cast(RecordFields, item))
        try:
            record = to_json_dict(validate_record(item))
        except ValidationError as error:
            errors = field_errors(error)
            for e in errors:
                self.stats.inc_value(f"filmcrawl/invalid_fields/{item.get('type')}/{e['path']}")
            return Reject(
                url=str(item.get("url", "")),
                site=str(item.get("source", "")),
                stage="validate",
                reason=f"invalid_{item.get('type')}",
                record_type=item.get("type"),
                detail=f"{len(errors)} field(s) failed validation: "
                + "; ".join(f"{e['path']}: {e['message']}" for e in errors[:3]),
                errors=errors,
                data=item,
            )
        except UnknownRecordType as error:
            return Reject(
                url=str(item.get("url", "")),
                site=str(item.get("source", "")),
                stage="validate",
                reason="unknown_record_type",
                detail=str(error),
                data=item,
                record_type=str(item.get("type")) if item.get("type") is not None else None,
            )
        self.stats.inc_value(f"filmcrawl/records/{record['type']}")
        self.stats.inc_value(f"filmcrawl/records/{record['type']}/{record['source']}")
        return record

    def plausible(self, item: RecordFields) -> RecordFields:
        extraction = item.get("extraction")
        unparsed = extraction.get("unparsed") if isinstance(extraction, dict) else None
        for field in unparsed if isinstance(unparsed, dict) else ():
            self.stats.inc_value(f"filmcrawl/unparsed/{field}")
        checked = check_record(item)
        for finding in checked.implausible:
            self.stats.inc_value(f"filmcrawl/implausible/{finding.field}")
        for finding in checked.cut:
            self.stats.inc_value(f"filmcrawl/text_cut/{finding.field}")
            self.crawler.signals.send_catch_log(
                signal=TEXT_CUT,
                reject=Reject(
                    url=str(item.get("url", "")),
                    site=str(item.get("source", "")),
                    stage="validate",
                    reason="text_cut",
                    record_type=item.get("type"),
                    detail=f"{finding.field}: {finding.why}; cut, the record kept",
                    data={"field": finding.field, "raw": finding.raw},
                ),
            )
        return checked.record
