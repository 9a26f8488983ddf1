"""The last check of a record before validation: every value must be plausible, every text within its length.

A wrong value is worse than a missing one. A value that fails a rule of RULES is taken out of the record (its
field set to null, or the list entry dropped) and its raw text kept in `extraction.unparsed[<field>]`; the
caller counts it as `filmcrawl/implausible/<field>`. A text longer than its limit (schemas.safe_text.TEXT_LIMITS)
is cut to the limit; the caller counts it as `filmcrawl/text_cut/<field>` and keeps the raw value where it
can (a crawl writes it to the rejects file).

The same function serves a crawl (pipelines.validate) and `filmcrawl extract`, so both write the same values.

    checked = check_record(record)
    checked.record     # a new dict; `record` is left as it was
    checked.findings   # [Finding(field="year", raw="1789", reason="implausible"), ...]
"""

from __future__ import annotations

import calendar
import copy
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Generic, TypeVar, cast
from urllib.parse import urlsplit

from crawler.core.normalize import bounded_decimal
from crawler.core.parsers.fields import or_none
from crawler.core.parsers.ids import host_of
from crawler.core.parsers.site import TITLE_PAGE_TYPES
from crawler.core.sites import SITES, page_type_of, site_for_host
from schemas.record_fields import ExtractionFields, RecordFields
from schemas.safe_text import cut_text, text_limit

FIRST_FILM_YEAR = 1870  # the earliest moving pictures (Muybridge's sequences are from the 1870s)
MAX_RUNTIME_MINUTES = 1_500  # the longest released films run about 14 hours (857 minutes for "Logistics")
MAX_RATING_SCALE = Decimal(100)
MAX_COUNT = 10**12
# The longest certificates spell out a rating board's label ("Nevhodný mládeži do 15 let", "Tous publics avec
# avertissement"); an MPAA sentence ("Rated R for strong graphic violence throughout, ...") is longer.
MAX_CERTIFICATE_LENGTH = 60  # more votes than people on Earth is not a count

# Paths that name a list, a person, a search or the site's own pages on any site: a link there from a list is
# the page's navigation or sidebar, not an entry.
_NOT_A_TITLE_PATH = re.compile(
    r"/(lists?|users?|members?|people|search|find|chart|browse|top|tags?|genres?|"
    r"films/(year|genre|decade)|news|about|help|login|sign-?in|sign-?up|settings|"
    r"account)(/|$)",
    re.IGNORECASE,
)
_YEAR_SPAN = re.compile(r"^\s*\(?\s*(?P<start>\d{4})\s*[-–—]\s*(?P<end>\d{4})?\s*\)?\s*$")
_PARTIAL_DATE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


@dataclass(frozen=True)
class Finding:
    field: str
    """Where: "year", "rating", "entries", "releases.date"."""
    raw: str
    """The value taken out or cut, as text."""
    reason: str
    """"implausible" (taken out) or "cut" (longer than its limit, cut)."""
    why: str = ""
    at: str = ""
    """The key of `extraction.unparsed` the raw text is kept under: `field`, with the item's index for an item
    of a list ("entries.3")."""


CheckedT = TypeVar("CheckedT", bound=RecordFields)
"""The record checked, of any type: the result is of the type given."""


@dataclass(frozen=True)
class Checked(Generic[CheckedT]):
    record: CheckedT
    findings: list[Finding] = field(default_factory=list)

    @property
    def implausible(self) -> list[Finding]:
        return [f for f in self.findings if f.reason == "implausible"]

    @property
    def cut(self) -> list[Finding]:
        return [f for f in self.findings if f.reason == "cut"]


Check = Callable[[Any, Mapping[str, object], "Context"], str | None]
"""(value, the dict holding it, context) -> why the value is implausible, or None when it is plausible."""


@dataclass(frozen=True)
class Context:
    record: RecordFields
    next_year: int


# --- the checks -----------------------------------------------------------------------------------------


def _year(value: Any, parent: Mapping[str, object], ctx: Context) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "not a whole year"
    if not FIRST_FILM_YEAR <= value <= ctx.next_year:
        return f"outside {FIRST_FILM_YEAR}..{ctx.next_year}"
    return None


def _end_year(value: Any, parent: Mapping[str, object], ctx: Context) -> str | None:
    why = _year(value, parent, ctx)
    year = parent.get("year")
    if why is None and isinstance(year, int) and value < year:
        return f"ends before it starts ({year})"
    return why


def _date(value: Any, parent: Mapping[str, object], ctx: Context) -> str | None:
    if not isinstance(value, str):
        return "not a date"
    match = _PARTIAL_DATE.match(value)
    if not match:
        return "not an ISO date"
    year = int(match.group("y"))
    if not FIRST_FILM_YEAR <= year <= ctx.next_year:
        return f"year outside {FIRST_FILM_YEAR}..{ctx.next_year}"
    month, day = match.group("m"), match.group("d")
    if month is not None and not 1 <= int(month) <= 12:
        return "no such month"
    if day is not None and not 1 <= int(day) <= calendar.monthrange(year, int(month))[1]:
        return "no such day"
    return None


def _release_date(value: Any, parent: Mapping[str, object], ctx: Context) -> str | None:
    raw = parent.get("release_date_raw") or parent.get("date_raw")
    if isinstance(raw, str) and _YEAR_SPAN.match(raw):
        return f"{raw!r} is a span of years, not a date"
    return _date(value, parent, ctx)


def _certificate(value: Any, parent: Mapping[str, object], ctx: Context) -> str | None:
    code = value.get("code") if isinstance(value, dict) else value
    if not isinstance(code, str) or not any(char.isalnum() for char in code):
        return "no letter or digit"
    if len(code) > MAX_CERTIFICATE_LENGTH:
        return f"{len(code)} characters: a sentence, not a certificate"
    return None


def _number(value: Any) -> Decimal | None:
    return or_none(bounded_decimal, value)


def _rating(value: Any, parent: Mapping[str, object], ctx: Context) -> str | None:
    if not isinstance(value, dict):
        return "not a rating"
    if value.get("value") is None and value.get("best") is None:
        return None  # a review's rating kept as raw text only
    score, best = _number(value.get("value")), _number(value.get("best"))
    worst = _number(value.get("worst", 0)) if value.get("worst") is not None else Decimal(0)
    if score is None or best is None or worst is None:
        return "not a number on a scale"
    if not worst < best <= MAX_RATING_SCALE:
        return f"scale {worst}..{best} is not one a site uses"
    if not worst <= score <= best:
        return f"{score} is outside its scale {worst}..{best}"
    return None


def _runtime(value: Any, parent: Mapping[str, object], ctx: Context) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_RUNTIME_MINUTES:
        return f"not 1..{MAX_RUNTIME_MINUTES} minutes"
    return None


def _count(value: Any, parent: Mapping[str, object], ctx: Context) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        return "not a count"
    return None


def _site_of(host: str) -> str:
    known = site_for_host(host)
    if known:
        return known.slug
    labels = host.split(".")
    return ".".join(labels[-2:]) if not host.replace(".", "").isdigit() else host


def _listing_entry(value: Any, parent: Mapping[str, object], ctx: Context) -> str | None:
    if not isinstance(value, dict):
        return "not an entry"
    url, listing_url = value.get("url"), ctx.record.get("url")
    if not isinstance(url, str) or not isinstance(listing_url, str):
        return None
    entry_host, listing_host = host_of(url), host_of(listing_url)
    source = ctx.record.get("source")
    # A mirror of a known site (a test server, a cache) answers for the site its records name.
    listing_site = _site_of(listing_host)
    if site_for_host(listing_host) is None and source in SITES:
        listing_site = source
    entry_site = listing_site if entry_host == listing_host else _site_of(entry_host)
    if entry_site != listing_site:
        return f"links to another site ({entry_host})"
    page_type = page_type_of(entry_site, url)
    if page_type is not None and page_type not in TITLE_PAGE_TYPES:
        return f"links to a {page_type} page, not a title"
    if page_type is None and _NOT_A_TITLE_PATH.search(urlsplit(url).path):
        return "links to a site page, not a title"
    if not urlsplit(url).path.strip("/"):
        return "links to the site's home page"
    return None


@dataclass(frozen=True)
class Rule:
    record_types: tuple[str, ...]
    path: str
    """Dotted field path; "entries[]" stands for each item of a list (an implausible item is dropped)."""
    check: Check
    states: str
    """What a plausible value is (docs/faults.md)."""


_ALL = ("film", "review", "listing")

RULES: tuple[Rule, ...] = (
    Rule(("film",), "year", _year, f"a year from {FIRST_FILM_YEAR} to next year"),
    Rule(("film",), "end_year", _end_year, "a year from the film's year to next year"),
    Rule(("review",), "film_year", _year, f"a year from {FIRST_FILM_YEAR} to next year"),
    Rule(("listing",), "entries[].year", _year, f"a year from {FIRST_FILM_YEAR} to next year"),
    Rule(("film",), "related[].year", _year, f"a year from {FIRST_FILM_YEAR} to next year"),
    Rule(("film",), "release_date", _release_date, "a real calendar date (a span of years is not one)"),
    Rule(("film",), "releases[].date", _release_date, "a real calendar date (a span of years is not one)"),
    Rule(("review",), "date", _date, "a real calendar date"),
    Rule(
        ("film",),
        "certificate",
        _certificate,
        f"a code with a letter or digit, {MAX_CERTIFICATE_LENGTH} characters at most",
    ),
    Rule(("film",), "rating", _rating, f"within its scale; a scale up to {MAX_RATING_SCALE}"),
    Rule(("film",), "ratings[]", _rating, f"within its scale; a scale up to {MAX_RATING_SCALE}"),
    Rule(("review",), "rating", _rating, f"within its scale; a scale up to {MAX_RATING_SCALE}"),
    Rule(("listing",), "entries[].rating", _rating, f"within its scale; a scale up to {MAX_RATING_SCALE}"),
    Rule(("film",), "related[].rating", _rating, f"within its scale; a scale up to {MAX_RATING_SCALE}"),
    Rule(("film",), "runtime_minutes", _runtime, f"1 to {MAX_RUNTIME_MINUTES:,} minutes"),
    Rule(("review",), "film_runtime_minutes", _runtime, f"1 to {MAX_RUNTIME_MINUTES:,} minutes"),
    Rule(("film",), "rating.count", _count, "a count, not negative"),
    Rule(("film",), "user_review_count", _count, "a count, not negative"),
    Rule(("film",), "critic_review_count", _count, "a count, not negative"),
    Rule(("listing",), "total", _count, "a count, not negative"),
    Rule(("listing",), "entries[]", _listing_entry, "a title linking to a title page of the list's own site"),
)


def rules_table() -> str:
    """RULES as the Markdown table of docs/faults.md (a test checks the page holds it)."""
    rows = ["| Record | Field | A plausible value is |", "|---|---|---|"]
    rows += [f"| {', '.join(rule.record_types)} | `{rule.path}` | {rule.states} |" for rule in RULES]
    return "\n".join(rows)


# --- applying the rules -----------------------------------------------------------------------------------


def _raw(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("raw", "code"):
            text = value.get(key)
            if isinstance(text, str):
                return text
        if "value" in value and "best" in value:
            return f"{value['value']}/{value['best']}"
        if "title" in value and "url" in value:
            return f"{value.get('title')} <{value.get('url')}>"
        return json.dumps(value, default=str, ensure_ascii=False)[:500]
    return str(value)[:500]


def _apply(node: Any, steps: list[str], rule: Rule, ctx: Context, where: str, findings: list[Finding]) -> Any:
    """`node` with the values `steps` lead to checked: implausible ones removed, findings appended. Returns the
    node itself when nothing changed, else a changed copy."""
    if not isinstance(node, dict):
        return node
    step, rest = steps[0], steps[1:]
    name = step.removesuffix("[]")
    value = node.get(name)
    if value is None:
        return node
    label = f"{where}.{name}" if where else name
    if step.endswith("[]"):
        if not isinstance(value, list):
            return node
        kept, changed = [], False
        for index, item in enumerate(value):
            if rest:
                new = _apply(item, rest, rule, ctx, label, findings)
                kept.append(new)
                changed = changed or new is not item
                continue
            why = rule.check(item, node, ctx)
            if why is None:
                kept.append(item)
            else:
                findings.append(Finding(label, _raw(item), "implausible", why, at=f"{label}.{index}"))
                changed = True
        return {**node, name: kept} if changed else node
    if rest:
        new = _apply(value, rest, rule, ctx, label, findings)
        return node if new is value else {**node, name: new}
    why = rule.check(value, node, ctx)
    if why is None:
        return node
    findings.append(Finding(label, _raw(value), "implausible", why))
    return {**node, name: None}


def _cut_texts(node: Any, name: str, where: str, findings: list[Finding]) -> Any:
    """`node` with every string longer than its field's limit cut (schemas.safe_text.TEXT_LIMITS)."""
    if isinstance(node, str):
        limit = text_limit(name)
        if len(node) <= limit:
            return node
        findings.append(Finding(where or name, node, "cut", f"{len(node):,} characters, limit {limit:,}"))
        return cut_text(node, limit)
    if isinstance(node, dict):
        changed = {
            key: _cut_texts(value, key, f"{where}.{key}" if where else key, findings) for key, value in node.items()
        }
        return node if all(changed[k] is node[k] for k in node) else changed
    if isinstance(node, list):
        items = [_cut_texts(item, name, where, findings) for item in node]
        return node if all(a is b for a, b in zip(items, node)) else items
    return node


def check_record(record: CheckedT, *, today: datetime | None = None) -> Checked[CheckedT]:
    """`record` with its implausible values taken out and its over-long texts cut (see the module docstring)."""
    ctx = Context(record, (today or datetime.now(UTC)).year + 1)
    findings: list[Finding] = []
    checked: CheckedT = record
    kind = record.get("type")
    for rule in RULES:
        if kind in rule.record_types:
            checked = _apply(checked, rule.path.split("."), rule, ctx, "", findings)
    checked = _cut_texts(checked, "", "", findings)
    implausible = [f for f in findings if f.reason == "implausible"]
    if implausible:
        checked = copy.copy(checked)
        stated = _extraction(checked)
        extraction: ExtractionFields = stated.copy() if stated else {}
        extraction.setdefault("parser", str(record.get("source") or "generic"))
        unparsed = dict(extraction.get("unparsed") or {})
        for finding in implausible:
            unparsed.setdefault(finding.at or finding.field, finding.raw)
        extraction["unparsed"] = unparsed
        checked["extraction"] = extraction
    stated = _extraction(checked)
    if stated and not stated.get("parser"):
        # Values left out by a parser (extraction.unparsed) on a record no reader has labelled yet.
        checked = copy.copy(checked)
        labelled = stated.copy()
        labelled["parser"] = str(record.get("source") or "generic")
        checked["extraction"] = labelled
    return Checked(checked, findings)


def _extraction(record: Mapping[str, object]) -> ExtractionFields | None:
    """The record's `extraction`, None when it has none (or, in a record read from outside a parser, when it is
    not an object)."""
    stated = record.get("extraction")
    return cast(ExtractionFields, stated) if isinstance(stated, dict) else None
