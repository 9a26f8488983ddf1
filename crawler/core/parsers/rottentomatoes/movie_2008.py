"""Movie pages of the 2008 (IGN-era) design: no structured data, everything read from the visible page.

h1.movie_title "Waist Deep (2006)"; #tomatometer_score span.percent; #tomatometer_data paragraphs
("Reviews Counted: 76", "Average Rating: 4.3/10"); p#consensus; #movie_stats label/content pairs
(Runtime, Genre, Theatrical Release, Box Office, MPAA Rating); #movie_castcrew "Starring:" and crew lines.

The first 2008 pages (until about September 2008) lay the same facts out otherwise: the meter in
#critics_tomatometer_score span.percent with one #critics_tomatometer_numbers_txt line ("Reviews Counted: 47
Fresh: 45 Rotten:2 Average Rating: 9/10"), no selected tab marked (the address says which tab: "?critic=creamcrop"
is the top critics'), and #movie_info_box holding label/content pairs (Runtime), "Genre:" and "Starring:"
paragraphs of links and a block of crew labels ("Director:", "Screenwriter:", "Story:") each followed by links.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from parsel import Selector, SelectorList

from crawler.core.normalize import clean_text, strip_year_suffix
from schemas.record_fields import CastMemberFields, FilmFields, PersonFields, ReleaseFields, WriterFields

from ..errors import PageLayoutError
from ..fields import PersonT, keep_unparsed, put_credits
from ..page import Page
from .common import (
    AVERAGE_RATING,
    TOMATOMETER,
    apply_ratings,
    apply_releases,
    average_rating,
    certificate,
    exact_count,
    film_identity,
    money,
    percent,
    person,
    release,
    runtime,
    score,
    unique_people,
)

TITLE = '//h1[contains(@class, "movie_title")]//text()'
SELECTED_TAB = '//ul[@id="tomatometer_nav"]/li[contains(@class, "ui-tabs-selected")]//text()'
METER = '//div[@id="tomatometer_score" or @id="critics_tomatometer_score"]//span[contains(@class, "percent")]/text()'
METER_DATA = '//div[@id="tomatometer_data"]/p | //div[@id="critics_tomatometer_numbers_txt"]'
CONSENSUS = '//p[@id="consensus"]'
CONSENSUS_LABEL = "Consensus:"
STATS = '//div[@id="movie_stats" or @id="movie_info_box"]//p[span[contains(@class, "label")]]'
STAT_LABEL = './span[contains(@class, "label")]//text()'
STAT_VALUE = './span[contains(@class, "content")]'
STAT_LINKS = "./a"
SYNOPSIS_FULL = '//span[@id="movie_synopsis_all"]//text()'
SYNOPSIS_BLURB = '//span[@id="movie_synopsis_blurb"]//text()'
CAST_ALL = '//div[@id="movie_castcrew"]/p[contains(@class, "movie_cast_all")]'
CAST_SHORT = '//div[@id="movie_castcrew"]/p[contains(@class, "movie_cast_shortened")]'
CREW_ALL = '//div[@id="movie_castcrew"]/p[contains(@class, "movie_crew_all")]'
CREW_SHORT = '//div[@id="movie_castcrew"]/p[contains(@class, "movie_crew_shortened")]'
INFO_BOX_CAST = '//div[@id="movie_info_box"]//p[span[contains(@class, "label")][normalize-space() = "Starring:"]]'
INFO_BOX_CREW = (
    '//div[@id="movie_info_box"]//div[contains(@class, "half_width_bottom")][span[contains(@class, "label")]]'
)
LINE_PARTS = './span[contains(@class, "label")] | ./a'

_DATE_AND_KIND = re.compile(r"^(.*?\d{4})\s*(.*)$")
_FIGURE = re.compile(r"(reviews counted|average rating)\s*:\s*(\S+)", re.IGNORECASE)
_WRITER_LABELS = {"screenwriter", "writer", "story", "written by", "screenplay"}


def parse(page: Page) -> list[FilmFields]:
    sel = page.sel
    title_text = clean_text(" ".join(sel.xpath(TITLE).getall()))
    if not title_text:
        raise PageLayoutError("no_title", "no h1.movie_title on a 2008 Rotten Tomatoes movie page")
    record = film_identity(page)
    title, year = strip_year_suffix(title_text)
    record["title"] = title or title_text
    if year:
        record["year"] = year

    _ratings(page, record)
    consensus = sel.xpath(CONSENSUS)
    if consensus:
        text = clean_text(consensus[0].xpath("string()").get() or "").removeprefix(CONSENSUS_LABEL).strip()
        if text:
            record["critics_consensus"] = text

    _stats(page, record)
    plot = clean_text(" ".join(sel.xpath(SYNOPSIS_FULL).getall())) or clean_text(
        " ".join(sel.xpath(SYNOPSIS_BLURB).getall())
    )
    if plot:
        record["plot"] = plot

    cast_line = sel.xpath(CAST_ALL) or sel.xpath(CAST_SHORT) or sel.xpath(INFO_BOX_CAST)
    cast = unique_people(
        [
            person(page, a.xpath("string()").get(), a.attrib.get("href"), kind=CastMemberFields)
            for a in cast_line[:1].xpath("./a")
        ]
    )
    put_credits(record, billed=cast)
    crew_line = sel.xpath(CREW_ALL) or sel.xpath(CREW_SHORT) or sel.xpath(INFO_BOX_CREW)
    crew = _credit_lines(page, crew_line, kind=PersonFields)
    directors = unique_people(crew.get("director", []) + crew.get("directors", []))
    if directors:
        record["directors"] = directors
    writers: list[WriterFields] = []
    for label, people in _credit_lines(page, crew_line, kind=WriterFields).items():
        if label in _WRITER_LABELS:
            for writer in people:
                writer["note"] = label.capitalize()
                writers.append(writer)
    if writers:
        record["writers"] = writers
    return [record]


def _ratings(page: Page, record: FilmFields) -> None:
    sel = page.sel
    tab = clean_text(" ".join(sel.xpath(SELECTED_TAB).getall())).lower()
    if tab and "critics" not in tab:
        return  # the box shows another tab's figures (community, friends): not the Tomatometer
    if not tab and "critic=" in urlsplit(page.url).query:
        return  # an unmarked tab chosen by the address (top critics, DVD reviews): not the Tomatometer
    label = TOMATOMETER if "top" not in tab else "Top Critics Tomatometer"
    lines = [clean_text(p.xpath("string()").get() or "") for p in sel.xpath(METER_DATA)]
    figures = {name.lower(): value for line in lines for name, value in _FIGURE.findall(line)}
    counted = exact_count(figures.get("reviews counted"))
    average = f"Average Rating: {figures['average rating']}" if "average rating" in figures else None
    meter = score("critic", label, percent(sel.xpath(METER).get()), counted)
    apply_ratings(record, [meter, average_rating(average, kind="critic", label=AVERAGE_RATING)])


def _stats(page: Page, record: FilmFields) -> None:
    releases: list[tuple[ReleaseFields, bool]] = []
    unparsed: dict[str, str] = {}
    for row in page.sel.xpath(STATS):
        label = clean_text(" ".join(row.xpath(STAT_LABEL).getall())).rstrip(":").lower()
        value = row.xpath(STAT_VALUE) or row.xpath(STAT_LINKS)
        text = clean_text(", ".join(node.xpath("string()").get() or "" for node in value))
        if not text:
            continue
        if label == "runtime":
            record.update(runtime(text))
        elif label in ("genre", "genres"):
            genres = [clean_text(g) for g in value.xpath("self::a//text() | .//a//text()").getall() if clean_text(g)]
            record["genres"] = genres or [g.strip() for g in text.split(",") if g.strip()]
        elif label in ("mpaa rating", "rated", "rating", "mpaa"):
            cert = certificate(text)
            if cert:
                record["certificate"] = cert
        elif "release" in label:
            match = _DATE_AND_KIND.match(text)
            date_text, kind = (match.group(1), match.group(2)) if match else (text, "")
            name = clean_text(re.sub(r"\brelease\b", "", label, flags=re.I)).capitalize() or "Release"
            entry = release(date_text, f"{name} {kind}".strip())
            if entry:
                releases.append((entry, label.startswith("theatrical")))
        elif label == "box office":
            box_office = money(text, unparsed)
            if box_office:
                record["box_office"] = box_office
    apply_releases(record, releases)
    keep_unparsed(record, unparsed)


def _credit_lines(page: Page, line: SelectorList[Selector], *, kind: type[PersonT]) -> dict[str, list[PersonT]]:
    """{"director": [...], "screenwriter": [...]} from `<span class=label>Director:</span> <a>..</a><br>` runs."""
    credits: dict[str, list[PersonT]] = {}
    current: str | None = None
    for node in line[:1].xpath(LINE_PARTS):
        if node.root.tag == "span":
            current = clean_text(node.xpath("string()").get() or "").rstrip(":").lower()
            credits.setdefault(current, [])
        elif current:
            entry = person(page, node.xpath("string()").get(), node.attrib.get("href"), kind=kind)
            if entry:
                credits[current].append(entry)
    return credits
