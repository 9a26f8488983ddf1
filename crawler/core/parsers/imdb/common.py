"""Pieces every IMDb page parser shares: ids and URLs, clean text of nodes, credits, and the value
readers (dates, runtimes, certificates, money, ratings) that wrap the normalisers.

Each reader keeps the printed text in the record's `*_raw` field when the normaliser cannot read it, and
never guesses a value.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from lxml import etree
from parsel import Selector, SelectorList

from crawler.core.normalize import (
    clean_multiline,
    clean_text,
    parse_awards,
    parse_certificate,
    parse_count,
    parse_credited_as,
    parse_date,
    parse_money,
)
from schemas.record_fields import (
    AwardsFields,
    CastMemberFields,
    CertificateFields,
    FilmFields,
    ListingEntryFields,
    MoneyFields,
    RatingFields,
    ReviewFields,
    ScoredRatingFields,
)

from .. import fields
from ..fields import PersonT, labelled, normalised, or_none, value_fields
from ..page import Page
from ..schemaorg import number
from .ids import SITE, person_id, title_id
from .ids import film_id as film_id  # re-exported for the page parsers

BASE = "https://www.imdb.com"
IMDB_BEST = Decimal(10)
IMDB_WORST = Decimal(1)
USER_RATING_LABEL = "IMDb RATING"
# What drop_empty cleans: a film record or a listing entry, given back as the type it was given.
FieldsT = TypeVar("FieldsT", FilmFields, ListingEntryFields)

_SPACES = re.compile(r"\s+")
_CREDIT_NOTE = re.compile(r"^\s*(\(.*\))\s*[,.]?\s*$")
_RATED = re.compile(r"\bRated\s+(\S+?)(?:\s+for\b|[.,;]|\s*$)", re.IGNORECASE)
_US_SPRITE = re.compile(r"\bus_([a-z0-9_]+)\b")
_MORE_LINK = re.compile(r"(?:See more|more)?\s*»?", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_BARE_TITLE_ID = re.compile(r"tt\d{5,10}")


def main_url(tt: str) -> str:
    """The canonical URL of a title's main page."""
    return f"{BASE}/title/{tt}/"


def film_base(tt: str) -> FilmFields:
    """The fields every IMDb film record starts with."""
    return {"type": "film", "id": film_id(tt), "source": SITE, "url": main_url(tt), "external_ids": {"imdb": tt}}


def film_of_review(film: FilmFields) -> ReviewFields:
    """The title and year of the reviewed film, as a review record names it (each when the film shows it)."""
    found: ReviewFields = {}
    if film.get("title"):
        found["film_title"] = film["title"]
    if film.get("year"):
        found["film_year"] = film["year"]
    return found


def title_id_of(page: Page) -> str | None:
    """The tt id of the page's title: from the URL, else the canonical link or og:url, else the bare id the
    2015-2021 pages state in `<meta property="pageId" content="tt0040725">`."""
    path = urlsplit(page.url).path
    found = title_id(path) or title_id(page.canonical_url) or title_id(page.meta("og:url"))
    page_id = page.meta("pageId") or ""
    return found or (page_id if _BARE_TITLE_ID.fullmatch(page_id) else None)


# ---------------------------------------------------------------- text


# The text nodes `text` reads, compiled once and run on the lxml nodes themselves: through parsel every text
# node would become a Selector, and `text` runs dozens of times a page (a third of a title page's parse time).
_VISIBLE_TEXT = etree.XPath(".//text()[not(ancestor::script) and not(ancestor::style)]", smart_strings=False)


def text(nodes: Selector | SelectorList[Selector] | None, sep: str = " ") -> str | None:
    """The clean text of nodes (all descendant text, scripts and styles left out); None when empty."""
    if nodes is None:
        return None
    parts = [
        part
        for node in (nodes if isinstance(nodes, SelectorList) else (nodes,))
        # A text or attribute result (a str) has no text nodes below it.
        if isinstance(node.root, etree._Element)
        for part in _VISIBLE_TEXT(node.root)
    ]
    joined = clean_text(sep.join(parts))
    return joined or None


# Links that stand where a title has no outline yet: IMDb's "Add a Plot" form (`/updates?update=…outlines.add`)
# and the IMDbPro note of a title in development ("Note: Because this project is categorized as in
# development, the data is only available on IMDbPro…"). Their text is an invitation, never the plot.
_OUTLINE_INVITATION = etree.XPath(
    ".//text()[not(ancestor::script) and not(ancestor::style)]"
    "[not(ancestor::a[contains(@href, '/updates?') or contains(@href, 'pro.imdb.com')])]",
    smart_strings=False,
)


def outline(nodes: Selector | SelectorList[Selector] | None) -> str | None:
    """The text of a plot outline's element; None when it holds only an invitation to add one (a link to
    the contribution form or to IMDbPro, and the "»" after it)."""
    found = text(nodes)
    if found is None or nodes is None:
        return None
    rest = [
        part
        for node in (nodes if isinstance(nodes, SelectorList) else (nodes,))
        if isinstance(node.root, etree._Element)
        for part in _OUTLINE_INVITATION(node.root)
    ]
    return found if clean_text(" ".join(rest)).strip(" »›") else None


def multiline(nodes: Selector | SelectorList[Selector] | None) -> str | None:
    """Text of a block where <br> and <p> break lines; paragraphs separated by a blank line."""
    if nodes is None:
        return None
    chunks: list[str] = []
    for node in nodes.xpath(".//text()[not(ancestor::script) and not(ancestor::style)] | .//br | .//p"):
        root = node.root
        if isinstance(root, str):
            chunks.append(root)
        elif getattr(root, "tag", None) == "br":
            chunks.append("\n")
        else:
            chunks.append("\n\n")
    joined = clean_multiline("".join(chunks).replace("\n\n\n", "\n\n"))
    return joined or None


# Half a UTF-16 surrogate pair, as a JSON escape ("\\ud800") in the page data leaves it: lxml cannot take it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def fragment(html: str) -> SelectorList[Selector]:
    """A fragment of markup the page data holds as a string (a card's HTML), as one `<div>` to read from; a lone
    surrogate in it is read as U+FFFD, as validation reads it in any text."""
    readable = _LONE_SURROGATE.sub("\ufffd", html)
    return Selector(text=f"<div>{readable}</div>").xpath("//body/div")


def lines(nodes: Selector | SelectorList[Selector] | None) -> list[str]:
    """Text split at <br> tags, one clean string per non-empty line; `nodes` may mix elements and text."""
    if nodes is None:
        return []
    out: list[str] = []
    current: list[str] = []
    for node in nodes if isinstance(nodes, SelectorList) else [nodes]:
        parts = (
            [node]
            if isinstance(node.root, str) or getattr(node.root, "tag", None) == "br"
            else node.xpath(".//text()[not(ancestor::script)] | .//br")
        )
        for part in parts:
            root = part.root
            if isinstance(root, str):
                current.append(root)
            else:
                out.append(clean_text("".join(current)))
                current = []
    out.append(clean_text("".join(current)))
    return [line for line in out if line and not _MORE_LINK.fullmatch(line)]


def year_in(value: str | None) -> int | None:
    match = _YEAR.search(value or "")
    return int(match.group(1)) if match else None


# ---------------------------------------------------------------- people


def person(link: Selector, page: Page, *, kind: type[PersonT]) -> PersonT | None:
    """Person {name, id, url} from a /name/nm... link, as the credit kind the caller builds."""
    name = text(link)
    if not name:
        return None
    found = kind(name=name)
    href = link.attrib.get("href")
    nm = person_id(href)
    if nm:
        found["id"] = nm
        found["url"] = f"{BASE}/name/{nm}/"
    return found


def credit_note(raw: str | None) -> str | None:
    """A writer's credit note "(novel)" as printed, from the text after the name."""
    if not raw:
        return None
    cleaned = clean_text(raw).strip(" ,.&")
    cleaned = re.sub(r"\s*(?:and|&)$", "", cleaned).strip(" ,")
    return cleaned or None


def character_and_alias(raw: str | None) -> tuple[str | None, str | None]:
    """Character text "Ljubov (as Leonide Massine)" -> ("Ljubov", "Leonide Massine")."""
    if not raw:
        return None, None
    cleaned = clean_text(raw)
    alias = None
    match = re.search(r"\(\s*(?:credited\s+)?as\s+[^()]*\)", cleaned, re.IGNORECASE)
    if match:
        alias = or_none(parse_credited_as, match.group(0))
        if alias is not None:
            cleaned = clean_text(cleaned[: match.start()] + cleaned[match.end() :])
    return cleaned or None, alias


# ---------------------------------------------------------------- values


def release_fields(raw: str | None) -> FilmFields:
    raw = clean_text(raw if isinstance(raw, str) else "")
    if not raw:
        return {}
    found: FilmFields = {"release_date_raw": raw}
    date = or_none(parse_date, raw)
    if date is None:
        return found
    found["release_date"] = date.iso
    if date.country:
        found["release_country"] = date.country
    return found


def runtime_fields(raw: str | None) -> FilmFields:
    raw = clean_text(raw if isinstance(raw, str) else "")
    return fields.runtime_fields(raw) if raw else {}


def certificate_field(code: str | None, *, country: str | None = None) -> CertificateFields | None:
    """The certificate as shown; a code the normaliser refuses is kept as shown, without a normalised form."""
    code = clean_text(code if isinstance(code, str) else "")
    if not code:
        return None
    cert = or_none(parse_certificate, code, country=country)
    return value_fields(cert) if cert else {"code": code, "country": country}


def rated_code(mpaa: str | None) -> str | None:
    """The certificate from an MPAA line "Rated R for language and prison violence"."""
    match = _RATED.search(clean_text(mpaa if isinstance(mpaa, str) else ""))
    return match.group(1).rstrip(".,;") if match else None


def sprite_certificate(classes: str | None) -> str | None:
    """A US certificate drawn as a sprite: class "us_pg_13" -> "PG-13"."""
    match = _US_SPRITE.search(classes or "")
    if not match:
        return None
    return match.group(1).upper().replace("_", "-")


def money_field(raw: str | None, unparsed: dict[str, str], field: str) -> MoneyFields | None:
    """The amount `raw` states; None when it states none, its text kept as `unparsed[field]`."""
    raw = clean_text(raw if isinstance(raw, str) else "")
    if not raw:
        return None
    money = normalised(unparsed, field, parse_money, raw)
    return value_fields(money) if money else None


def awards_field(raw: str | None) -> AwardsFields | None:
    raw = clean_text(raw if isinstance(raw, str) else "")
    if not raw:
        return None
    awards = or_none(parse_awards, raw)
    return value_fields(awards) if awards else {"raw": raw}  # the summary as printed, its counts unread


def count_of(raw: Any) -> int | None:
    """An exact count from an int or printed text ("21,464", "51 188"); None for abbreviations too."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int):
        return raw if raw >= 0 else None
    cleaned = clean_text(str(raw))
    if not cleaned or re.search(r"\d[.,]?\d*\s*[KkMm]\b", cleaned):
        return None
    return or_none(parse_count, cleaned)


def user_rating(value: Any, votes: Any = None) -> RatingFields | None:
    """The IMDb users' rating {value, best 10, worst 1, count}; "7,8" reads as 7.8."""
    score = number(value.strip() if isinstance(value, str) else value)
    if score is None or not IMDB_WORST <= score <= IMDB_BEST:
        return None
    rating: RatingFields = {"value": score, "best": IMDB_BEST, "worst": IMDB_WORST}
    exact = count_of(votes)
    if exact is not None:
        rating["count"] = exact
    return rating


def set_ratings(record: FilmFields, rating: RatingFields | None, metascore: Any = None) -> None:
    """Main rating plus the `ratings` list (user rating labelled "IMDb RATING", Metascore /100)."""
    ratings: list[ScoredRatingFields] = []
    if rating:
        record["rating"] = rating
        ratings.append(labelled(rating, kind="user", label=USER_RATING_LABEL))
    score = number(metascore.strip() if isinstance(metascore, str) else metascore)
    if score is not None and 0 <= score <= 100:
        ratings.append(
            {"value": score, "best": Decimal(100), "worst": Decimal(0), "kind": "metascore", "label": "Metascore"}
        )
    if ratings:
        record["ratings"] = ratings


def drop_empty(record: FieldsT) -> FieldsT:
    """The record (or listing entry) without keys whose value is None or an empty list/dict."""
    return cast(FieldsT, {k: v for k, v in record.items() if v not in (None, [], {}, "")})


def numbered(members: list[CastMemberFields]) -> list[CastMemberFields]:
    """Cast members (the stars a header bills) numbered in billing order."""
    for order, member in enumerate(members, start=1):
        member["order"] = order
    return members


def split_title_year(raw: str | None) -> tuple[str | None, int | None]:
    from crawler.core.normalize import strip_year_suffix

    cleaned = clean_text(raw if isinstance(raw, str) else "")
    if not cleaned:
        return None, None
    title, year = strip_year_suffix(cleaned)
    return (title or None), year


def collapse(value: str) -> str:
    return _SPACES.sub(" ", value).strip()
