"""A Wikipedia film article: the film infobox (`table.infobox` with a "Directed by" row) and the lead sentence.

Infobox cells list several values either as `<li>` items (plainlist / hlist) or separated by `<br>`; text
hidden with `display:none` (the ISO copy of a release date) and footnote markers are not part of a value.
The year is the one the lead sentence gives ("JFK is a 1991 American ... film"). The body's Plot section is
the storyline, and its Cast section gives the characters of the infobox's stars.
"""

from __future__ import annotations

import re
from collections.abc import Container
from decimal import Decimal
from urllib.parse import unquote, urlsplit

from parsel import Selector, SelectorList

from crawler.core.normalize import (
    clean_text,
    parse_date,
    parse_money,
    parse_runtime,
)
from schemas.record_fields import CastMemberFields, FilmFields, MoneyFields, PersonFields, ReleaseFields, WriterFields

from ..errors import PageLayoutError
from ..fields import PersonT, keep_unparsed, normalised, or_none, value_fields
from ..page import Page
from . import sections
from .skins import HEADING, LEAD_BLOCK

SOURCE = "wikipedia"

# "Directed by" as each language's film infobox prints it; the label row is what makes an infobox a film's.
InfoboxRow = tuple[str, Selector]
"""An infobox row: its label (casefolded) and its data cell."""

DIRECTOR_ROW_LABELS = (
    "Directed by",
    "Regie",
    "Réalisation",
    "Dirección",
    "Dirigida por",
    "Regia",
    "Direção",
    "Realização",
    "Reżyseria",
    "Režie",
    "Réžia",
    "Rendező",
    "監督",
    "导演",
    "導演",
    "Режиссёр",
    "Режиссер",
)
_DIRECTOR_ROW = " or ".join(f'normalize-space()="{label}"' for label in DIRECTOR_ROW_LABELS)
# English, Spanish and Italian infoboxes are `table.infobox`; the French one is a table in `div.infobox_v3`,
# until about 2016 a `table.infobox_v2` (the French, Spanish and Portuguese ones).
INFOBOX = (
    '//table[contains(concat(" ",normalize-space(@class)," ")," infobox ")'
    ' or contains(concat(" ",normalize-space(@class)," ")," infobox_v2 ")'
    ' or ancestor::div[contains(@class,"infobox_v")]]'
    f"[./tbody/tr/th[{_DIRECTOR_ROW}] or ./tr/th[{_DIRECTOR_ROW}]]"
)
# The infobox's title: its caption (a hidden one is only a label, "Données clés"), its "above" header cell,
# or the header of the French infobox's wrapper (`div.entete`, before the table).
CAPTION = (
    '(./caption[not(contains(@class,"hidden"))]'
    ' | ./tbody/tr/th[contains(@class,"summary") or contains(@class,"infobox-above")]'
    ' | ./tr/th[contains(@class,"summary") or contains(@class,"infobox-above")]'
    ' | ./ancestor::div[contains(@class,"infobox_v")][1]/div[contains(@class,"entete")])[1]'
)
ROWS = "./tbody/tr[th and td] | ./tr[th and td]"
ROW_LABEL = "./th"
ROW_DATA = "./td"
LEAD_PARAGRAPHS = f'{LEAD_BLOCK}/p[not(contains(@class,"mw-empty-elt"))][.//b]'
IMDB_LINKS = '//a[contains(@href,"imdb.com/title/tt")]/@href'
_HIDDEN = (
    'ancestor::*[contains(translate(@style," ",""),"display:none")] or ancestor::sup'
    " or ancestor::style or ancestor::script"
)
VISIBLE_TEXT_AND_BREAKS = f".//text()[not({_HIDDEN})] | .//br"
LIST_ITEMS = './/li[not(ancestor::li) and not(contains(@class,"mw-empty-elt"))]'
LINKS = ".//a[@href]"

LEAD_YEAR = re.compile(r"\b(?:is|was) (?:an? |the )?(?:[a-z]+ )?(\d{4})(?:[–-]\d{2,4})? [A-Z]")
# "(1948 film)", "(2025 American film)", "(film)", "(film, 1948)", "(película de 1948)", "(Film)", "(filme)".
DISAMBIGUATOR = re.compile(r"\s*\((?:[\w ]+ )?(?:film|película|pelicula|filme)(?:,? (?:de )?(\d{4}))?\)$", re.I)
DISAMBIGUATOR_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# A running time in minutes, in the infobox languages read ("133 minutes", "133 minutos", "133 Minuten").
RUNNING_TIME = re.compile(
    r"(?<![\d.,])(\d+(?:\.\d+)?)\s*(?:minutes|minute|mins|min|minutos|minuti|minuten|minut|minuty|perc|分钟|分|мин)"
    r"(?![a-z])",
    re.I,
)
IMDB_ID = re.compile(r"/title/(tt\d+)")
CURRENCY_PREFIX = re.compile(r"\b([A-Z]{1,3})(?=[$¥£€₹])")
SCALE_WORDS = {
    "thousand": 10**3,
    "lakh": 10**5,
    "lakhs": 10**5,
    "million": 10**6,
    "crore": 10**7,
    "crores": 10**7,
    "billion": 10**9,
}
SCALE_WORD = re.compile(r"\b(" + "|".join(SCALE_WORDS) + r")\b", re.I)
NOTE = re.compile(r"^(.*?)\s*\(([^()]+)\)$")

# Row labels, lower case, in the languages read; other languages' writer rows carry no credit note.
DIRECTOR_LABELS = {label.casefold() for label in DIRECTOR_ROW_LABELS}
WRITER_LABELS = {
    "written by": None,
    "screenplay by": "screenplay",
    "story by": "story",
    "teleplay by": "teleplay",
    **dict.fromkeys(
        {
            "drehbuch",
            "scénario",
            "guion",
            "sceneggiatura",
            "roteiro",
            "scenariusz",
            "scénář",
            "scenár",
            "forgatókönyvíró",
            "脚本",
            "编剧",
            "編劇",
            "сценарист",
        }
    ),
}
CAST_LABELS = {
    "starring",
    "besetzung",
    "acteurs principaux",
    "protagonistas",
    "reparto",
    "interpreti e personaggi",
    "elenco",
    "obsada",
    "hrají",
    "hrajú",
    "főszereplők",
    "出演者",
    "主演",
    "в главных ролях",
}
RELEASE_LABELS = {
    "release date",
    "release dates",
    "release date(s)",  # the English infobox until about 2011
    "released",
    "sortie",
    "estreno",
    "fecha de estreno",
    "uscita",
    "data di uscita",
    "lançamento",
    "premiera",
    "premiéra",
    "公開",
    "上映日期",
    "премьера",
}
RUNTIME_LABELS = {
    "running time",
    "länge",
    "durée",
    "duración",
    "durata",
    "duração",
    "czas trwania",
    "délka",
    "dĺžka",
    "játékidő",
    "上映時間",
    "片长",
    "片長",
    "длительность",
}
COUNTRY_LABELS = {
    "country",
    "countries",
    "country of origin",
    "produktionsland",
    "pays d'origine",
    "pays de production",
    "país",
    "país de origen",
    "paese di produzione",
    "país de origem",
    "kraj produkcji",
    "země",
    "krajina",
    "ország",
    "製作国",
    "国家",
    "國家",
    "страна",
}
LANGUAGE_LABELS = {
    "language",
    "languages",
    "original language",
    "originalsprache",
    "langue originale",
    "langue",
    "idioma",
    "idioma original",
    "idioma(s)",
    "lingua originale",
    "język",
    "jazyk",
    "nyelv",
    "言語",
    "语言",
    "語言",
    "язык",
}
# A year row, read when the lead sentence gives none (it is only read in English).
YEAR_LABELS = {"erscheinungsjahr", "año", "anno", "ano", "rok produkcji", "année de production", "年", "год"}


def is_film_article(page: Page) -> bool:
    return bool(page.sel.xpath(INFOBOX))


def parse(page: Page, *, article: str) -> FilmFields:
    infobox = page.sel.xpath(INFOBOX)
    heading = clean_text(page.sel.xpath(HEADING).xpath("string()").get() or "")
    caption = _visible(infobox.xpath(CAPTION)) if infobox else ""
    title = caption or _strip_disambiguator(heading) or _strip_disambiguator(article.replace("_", " "))
    if not infobox or not title:
        raise PageLayoutError("no_title", "Wikipedia article without a film infobox or title")
    article, url = _article_and_url(page, article)
    record: FilmFields = {"type": "film", "source": SOURCE, "id": f"{SOURCE}:{article}", "url": url, "title": title}
    rows = _rows(infobox[0])
    year = _lead_year(page) or _disambiguator_year(article.replace("_", " ")) or _row_year(rows)
    releases = _releases(rows)
    first_date = releases[0].get("date") if releases else None
    if year is None and first_date:
        year = int(first_date[:4])
    if year:
        record["year"] = year
    if releases:
        record["releases"] = releases
        first = releases[0]
        record["release_date_raw"] = first["date_raw"]
        if first.get("date"):
            record["release_date"] = first["date"]
        if first.get("country_code"):
            record["release_country"] = first["country_code"]
    record.update(_runtime(rows))
    directors = [person for cell in _cells(rows, DIRECTOR_LABELS) for person in _people(cell, page, kind=PersonFields)]
    if directors:
        record["directors"] = directors
    cast = [person for cell in _cells(rows, CAST_LABELS) for person in _people(cell, page, kind=CastMemberFields)]
    if cast:
        record["cast"] = _with_characters(cast, page)
    storyline = sections.plot(page.sel)
    if storyline:
        record["storyline"] = storyline
    writers = _writers(rows, page)
    if writers:
        record["writers"] = writers
    countries = list(dict.fromkeys(v for cell in _cells(rows, COUNTRY_LABELS) for v in _items(cell)))
    if countries:
        record["countries"] = countries
    languages = list(dict.fromkeys(v for cell in _cells(rows, LANGUAGE_LABELS) for v in _items(cell)))
    if languages:
        record["languages"] = languages
    unparsed: dict[str, str] = {}
    budget = _money(rows, "budget", unparsed, "budget")
    if budget:
        record["budget"] = budget
    box_office = _money(rows, "box office", unparsed, "box_office")
    if box_office:
        record["box_office"] = box_office
    keep_unparsed(record, unparsed)
    imdb = {m.group(1) for m in map(IMDB_ID.search, page.sel.xpath(IMDB_LINKS).getall()) if m}
    if len(imdb) == 1:
        record["external_ids"] = {"imdb": imdb.pop()}
    return record


def _visible(node: Selector | SelectorList[Selector]) -> str:
    """Text as shown: hidden spans and footnote markers left out, a line break read as a space."""
    return clean_text("".join(n.root if isinstance(n.root, str) else " " for n in node.xpath(VISIBLE_TEXT_AND_BREAKS)))


def _strip_disambiguator(title: str) -> str:
    return DISAMBIGUATOR.sub("", title).strip()


def _disambiguator_year(title: str) -> int | None:
    found = DISAMBIGUATOR.search(title)
    year = DISAMBIGUATOR_YEAR.search(found.group(0)) if found else None
    return int(year.group(1)) if year else None


def _row_year(rows: list[InfoboxRow]) -> int | None:
    for cell in _cells(rows, YEAR_LABELS):
        found = DISAMBIGUATOR_YEAR.search(" ".join(_items(cell)))
        if found:
            return int(found.group(1))
    return None


def _article_and_url(page: Page, article: str) -> tuple[str, str]:
    canonical = page.canonical_url
    if canonical and urlsplit(canonical).path.startswith("/wiki/"):
        name = unquote(urlsplit(canonical).path[len("/wiki/") :])
        if name:
            return name, canonical
    return article, page.url


def _rows(infobox: Selector) -> list[InfoboxRow]:
    rows = []
    for row in infobox.xpath(ROWS):
        label = clean_text(row.xpath(ROW_LABEL).xpath("string()").get() or "").casefold()
        rows.append((label, row.xpath(ROW_DATA)[0]))
    return rows


def _cells(rows: list[InfoboxRow], labels: Container[str]) -> list[Selector]:
    return [cell for label, cell in rows if label in labels]


def _items(cell: Selector) -> list[str]:
    """The values of a cell: its list items, else its `<br>`-separated lines; a line that is only a
    parenthesised note ("(UK)") belongs to the value above it."""
    items = cell.xpath(LIST_ITEMS)
    if items:
        segments = [_visible(item) for item in items]
    else:
        segments, current = [], []
        for node in cell.xpath(VISIBLE_TEXT_AND_BREAKS):
            if isinstance(node.root, str):
                current.append(node.root)
            else:
                segments.append(clean_text("".join(current)))
                current = []
        segments.append(clean_text("".join(current)))
    values: list[str] = []
    for segment in segments:
        if not segment:
            continue
        if values and segment.startswith("(") and segment.endswith(")"):
            values[-1] = f"{values[-1]} {segment}"
        else:
            values.append(segment)
    return values


def _with_characters(cast: list[CastMemberFields], page: Page) -> list[CastMemberFields]:
    """The cast in billing order, each with the character the article's cast section gives them."""
    characters = sections.characters(page.sel)
    for order, member in enumerate(cast, start=1):
        member["order"] = order
        if member["name"] in characters:
            member["character"] = characters[member["name"]]
    return cast


def _people(cell: Selector, page: Page, *, kind: type[PersonT]) -> list[PersonT]:
    links: dict[str, str] = {}
    for link in cell.xpath(LINKS):
        text = _visible(link)
        url = page.absolute(link.attrib.get("href"))
        if text and url and "redlink=1" not in url and text not in links:
            links[text] = url
    people = []
    for value in _items(cell):
        noted = NOTE.match(value) if kind is not WriterFields and value not in links else None
        if noted and noted.group(1):
            value = noted.group(1)  # "Keith Ferguson (2008–2013)": a note on the credit, not the name
        person = kind(name=value)
        if value in links:
            person["url"] = links[value]
            person["id"] = unquote(urlsplit(links[value]).path.rsplit("/", 1)[-1])
        people.append(person)
    return people


def _writers(rows: list[InfoboxRow], page: Page) -> list[WriterFields]:
    writers: list[WriterFields] = []
    for label, cell in rows:
        if label not in WRITER_LABELS:
            continue
        for person in _people(cell, page, kind=WriterFields):
            note = WRITER_LABELS[label]
            noted = NOTE.match(person["name"])
            if noted:
                person = WriterFields(name=noted.group(1), note=noted.group(2))
            elif note:
                person["note"] = note
            if person["name"]:
                writers.append(person)
    return writers


def _lead_year(page: Page) -> int | None:
    for paragraph in page.sel.xpath(LEAD_PARAGRAPHS)[:1]:
        found = LEAD_YEAR.search(_visible(paragraph))
        if found and 1870 <= int(found.group(1)) <= 2100:
            return int(found.group(1))
    return None


def _releases(rows: list[InfoboxRow]) -> list[ReleaseFields]:
    releases = []
    for cell in _cells(rows, RELEASE_LABELS):
        for raw in _items(cell):
            release: ReleaseFields = {"date_raw": raw}
            date = or_none(parse_date, raw)
            if date is None:
                releases.append(release)
                continue
            release["date"] = date.iso
            if date.country:
                release["country_code"] = date.country
                if date.note:
                    release["country"] = date.note
            elif date.note:
                release["note"] = date.note
            releases.append(release)
    return releases


def _runtime(rows: list[InfoboxRow]) -> FilmFields:
    for cell in _cells(rows, RUNTIME_LABELS):
        for raw in _items(cell):
            found = RUNNING_TIME.search(raw)
            if not found:
                return {"runtime_raw": raw}
            minutes = or_none(parse_runtime, f"{found.group(1)} min")
            return {"runtime_raw": raw} if minutes is None else {"runtime_minutes": minutes, "runtime_raw": raw}
    return {}


def _money(rows: list[InfoboxRow], label: str, unparsed: dict[str, str], field: str) -> MoneyFields | None:
    for cell in _cells(rows, {label}):
        for raw in _items(cell)[:1]:
            money = normalised(unparsed, field, parse_money, raw)
            if money is None or not _money_agrees(raw, money.amount, money.currency):
                return None
            return value_fields(money)
    return None


def _money_agrees(raw: str, amount: Decimal, currency: str) -> bool:
    """Whether a read amount keeps what the text states: the country letters before a currency sign
    ("CN¥", "HK$") and a scale word ("4.68 billion", "100 crore")."""
    prefix = CURRENCY_PREFIX.search(raw)
    if prefix and not currency.startswith(prefix.group(1)):
        return False
    scale = SCALE_WORD.search(raw)
    return not (scale and amount < SCALE_WORDS[scale.group(1).lower()])
