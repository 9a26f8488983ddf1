"""A film's releases, read from the list a page prints of them: one row per release, the country first, then
the date, then any note ("(premiere)", "(limited)", a distributor).

    table rows     <tr><td><a>USA</a></td><td>12 July <a>1988</a></td><td>(premiere)</td></tr>
    nested lists   <li><a>United States</a><div><ul><li>July 12, 1988</li><li>(premiere)</li></ul></div></li>
    flag rows      <li><span><img class="flag" title="Česko"></span><p>V kinech od</p><span>05.08.1999 Bontonfilm</span></li>

Nothing depends on class names: a row's cells are its children (a flag image reads as its title), opened where
a child is itself a list or a block of them. A list is a release list only when it plainly is one: at least
MIN_ROWS rows that name a known country first and then a date, and no more than one row in five that is not a
release. A page printing two such lists says nothing of which is the film's: then none is read.

Without such a list, a film's info list may print its dates of release one label a kind ("In Theaters: Sep 10,
1994 wide", "Release Date (Streaming): Jan 27, 1998"): at least two kinds, each printed once, make the list
(without countries; the label and what follows the date are the note).

The page is walked once (lxml's iteration over tables and lists); only a list's first rows are read before it is
given up. The labels are looked for among the text nodes holding their words, as the XPath engine finds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from parsel import Selector

from crawler.core.normalize import clean_text, country_code, parse_date
from schemas.record_fields import ReleaseFields

from ..fields import or_none
from .labels import label_text, texts_and_tail

MIN_ROWS = 3
MAX_NOTE = 100
# A list whose first rows hold fewer releases than this is given up without reading the rest.
_PROBE_ROWS = 3
_PROBE_RELEASES = 2
# The longest country name a row may open with ("Democratic Republic of the Congo" and its like).
_MAX_COUNTRY = 40
_CONTAINERS = ("table", "ul", "ol")
# A release row's size: a country, a date, a note or two, in blocks a few levels deep at most.
_MAX_CELLS = 8
_MAX_CELL = 200
_MAX_DEPTH = 4
# Children opened into the cells they hold: a list inside a row, or a block wrapping one.
_OPENED = frozenset({"ul", "ol", "li", "div", "tbody", "thead"})
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "button"})
# A date opening a cell, then the cell's end or a space, comma or bracket: "05.08.1999 Bontonfilm",
# "12 July 1988", "July 12, 1988", "Sep 10, 1994", "July 1988", "1988-07-12", "1988".
_DOTTED = r"\d{1,2}\.\s?\d{1,2}\.\s?(?:18|19|20)\d\d"
_DATE_START = re.compile(
    rf"^(?P<date>(?P<dotted>{_DOTTED})"
    r"|(?:18|19|20)\d\d-\d\d-\d\d"
    r"|\d{1,2}\.?\s+[^\W\d_]{3,}\.?\s+(?:18|19|20)\d\d"
    r"|[^\W\d_]{3,}\.?\s+\d{1,2},?\s+(?:18|19|20)\d\d"
    r"|[^\W\d_]{3,}\s+(?:18|19|20)\d\d"
    r"|(?:18|19|20)\d\d)(?=$|[\s,(])"
)
# Two-letter country codes ("IT", "TV") are words too often: a row opening with one is no country's release.
_SHORT_COUNTRIES = frozenset({"usa", "uk"})


def read_releases(sel: Selector) -> list[ReleaseFields]:
    """The releases of the page's one release list, else of its labelled release dates; [] where it has
    neither, or more than one list."""
    if sel.type not in ("html", "xml"):
        return []
    found: list[list[ReleaseFields]] = []
    for container in sel.root.iter(*_CONTAINERS):
        releases = _release_list(container)
        if releases:
            found.append(releases)
    if found:
        return found[0] if len(found) == 1 else []
    return _labelled_releases(sel)


# The labels of a film's dates of release by kind: "In Theaters:", "On Disc/Streaming:", "Release Date
# (Theaters):", "Release Date (Streaming)", "Rerelease Date (Theaters)".
_RELEASE_LABEL = re.compile(
    r"^(?:in theaters|on disc/streaming|on dvd|on blu-ray"
    r"|(?:re-?)?release date \((?:theaters|streaming|dvd|disc|digital|tv)\))\s*:?$",
    re.IGNORECASE,
)
# Words one of whose spellings each such label holds, looked for before a text is cleaned and matched.
_RELEASE_LABEL_HINTS = ("heaters", "HEATERS", "treaming", "TREAMING", "DVD", "lu-ray", "LU-RAY", "elease", "ELEASE")
_NOT_LABELS = frozenset({"a", "option", "button", "script", "style", "title"})
# Each of _RELEASE_LABEL's labels as the label reader's page text holds it (labels.label_text: casefolded,
# without white space): a page holding none prints no such label, and its text nodes are not walked.
_RELEASE_LABEL_WORDS = ("intheaters", "ondisc/streaming", "ondvd", "onblu-ray", "releasedate(")


def _labelled_releases(sel: Selector) -> list[ReleaseFields]:
    """The film's dates of release as its info list prints them, one label a kind ("In Theaters: Sep 10, 1994
    wide", "On Disc/Streaming: Jan 27, 1998"): read where at least two kinds are printed, each once (a page of
    several films prints a kind per film), each with a date opening its value."""
    text = label_text(sel)
    if not any(word in text for word in _RELEASE_LABEL_WORDS):
        return []
    labelled: list[tuple[str, Any]] = []
    # A label is an element's own first text (not the text after one of its children), read element by element
    # in Python: an XPath test of every text node for each word cost ten times as much on a large page.
    for element in _body_elements(sel.root):
        text = element.text
        if not text or element.tag in _NOT_LABELS or not any(hint in text for hint in _RELEASE_LABEL_HINTS):
            continue
        shown = clean_text(text)
        if not _RELEASE_LABEL.match(shown):
            continue
        if clean_text(" ".join(element.itertext())) != shown:
            continue  # the label's words inside a longer text
        labelled.append((shown.rstrip(" :"), element))
    kinds = [label.casefold() for label, _ in labelled]
    if len(labelled) < 2 or len(set(kinds)) != len(kinds):
        return []
    releases = [_labelled_release(label, element) for label, element in labelled]
    return [release for release in releases if release] if all(releases) else []


def _body_elements(root: Any) -> Iterator[Any]:
    """The page's body and the elements inside it (not comments), in page order."""
    for body in root.iter("body"):
        for element in body.iter():
            if isinstance(element.tag, str):
                yield element


def _labelled_release(label: str, element: Any) -> ReleaseFields | None:
    """The release a label's value states: the text after the label in its row, opening with a date."""
    row = element.getparent()
    while row is not None and clean_text(" ".join(row.itertext())) == clean_text(" ".join(element.itertext())):
        element, row = row, row.getparent()  # the label wrapped alone in its own elements ("<dt><span>…")
    if row is None:
        return None
    value = clean_text(" ".join(text for sibling in element.itersiblings() for text in texts_and_tail(sibling)))
    value = clean_text(f"{element.tail or ''} {value}")
    dated = _DATE_START.match(value)
    date = _iso(dated) if dated else None
    if dated is None or date is None:
        return None
    rest = value[dated.end() :].strip(" ,")
    if len(rest) > MAX_NOTE:
        return None
    release: ReleaseFields = {"date": date, "date_raw": dated["date"], "note": f"{label}, {rest}" if rest else label}
    return release


def _release_list(container: Any) -> list[ReleaseFields] | None:
    """The releases of a table or list whose rows are releases; None when it is something else."""
    rows = _rows(container)
    if len(rows) < MIN_ROWS:
        return None
    releases: list[ReleaseFields] = []
    others = 0
    for index, row in enumerate(rows):
        if index == _PROBE_ROWS and len(releases) < _PROBE_RELEASES:
            return None
        cells = _cells(row)
        if cells == []:
            continue  # an empty row: a spacer
        release = _release(cells) if cells else None
        if release is None:
            others += 1
        else:
            releases.append(release)
        if others * 5 > len(rows):
            return None  # more others than a release list holds, whatever the rest
    if len(releases) < MIN_ROWS or others * 5 > len(releases) + others:
        return None
    return releases


def _rows(container: Any) -> list[Any]:
    """A table's rows of data (also inside its tbody; not its header row of <th> cells) or a list's items: its
    own, not those of lists inside them."""
    if container.tag == "table":
        parts = (container, *container.findall("tbody"))
        return [row for part in parts for row in part.findall("tr") if row.find("td") is not None]
    return list(container.findall("li"))


def _cells(row: Any, depth: int = 0) -> list[str] | None:
    """The texts of a row's cells in page order: its children's texts, lists and blocks opened into theirs, an
    image without text read as its title (a country's flag). None for a row no release prints: more than
    _MAX_CELLS cells, a cell longer than _MAX_CELL, blocks nested deeper than _MAX_DEPTH (told without reading
    the rest of the row: a release list's rows are small, a page's layout blocks are not)."""
    cells: list[str] = []
    _add(cells, row.text)
    for child in row:
        if not isinstance(child.tag, str) or child.tag in _SKIPPED:
            _add(cells, child.tail)
            continue
        if child.tag in _OPENED and any(isinstance(grandchild.tag, str) for grandchild in child):
            inner = _cells(child, depth + 1) if depth < _MAX_DEPTH else None
            if inner is None:
                return None
            cells.extend(inner)
        else:
            shown = _bounded_text(child)
            if shown is None:
                return None
            _add(cells, shown or _image_title(child))
        _add(cells, child.tail)
        if len(cells) > _MAX_CELLS:
            return None
    return cells


def _bounded_text(element: Any) -> str | None:
    """The element's clean text; None when it is longer than _MAX_CELL (read no further than that)."""
    pieces: list[str] = []
    length = 0
    for piece in element.itertext():
        pieces.append(piece)
        length += len(piece)
        if length > 4 * _MAX_CELL:  # raw text holds the markup's indentation: judged on the clean text below
            return None
    shown = clean_text(" ".join(pieces))
    return shown if len(shown) <= _MAX_CELL else None


def _image_title(element: Any) -> str:
    images = [element] if element.tag == "img" else element.findall(".//img")
    for image in images:
        title = clean_text(image.get("title") or image.get("alt") or "")
        if title:
            return title
    return ""


def _add(cells: list[str], text: str | None) -> None:
    shown = clean_text(text or "")
    if shown:
        cells.append(shown)


def _release(cells: list[str]) -> ReleaseFields | None:
    """A release from a row's cells: a country first, then (after at most a note) a cell opening with a date."""
    country, code = cells[0], _country_code(cells[0])
    if code is None:
        return None
    notes: list[str] = []
    for index, cell in enumerate(cells[1:], start=1):
        dated = _DATE_START.match(cell)
        date = _iso(dated) if dated else None
        if dated is None or date is None:
            if notes:
                return None  # a release's kind may come before its date ("In cinemas from"), nothing more
            notes.append(cell)
            continue
        if notes and len(date) == 4:
            return None  # "USA | Heat | 1995": a year after another cell is a film's, not a release date
        rest = cell[dated.end() :].strip(" ,")
        notes.extend([rest] if rest else [])
        notes.extend(cells[index + 1 :])
        note = " ".join(notes)
        if len(note) > MAX_NOTE:
            return None
        release: ReleaseFields = {"country": country, "country_code": code, "date": date, "date_raw": dated["date"]}
        if note:
            release["note"] = note
        return release
    return None


def _country_code(text: str) -> str | None:
    if len(text) > _MAX_COUNTRY or (len(text) < 3 and text.casefold() not in _SHORT_COUNTRIES):
        return None
    if any(character.isdigit() for character in text):
        return None
    return or_none(country_code, text)


def _iso(dated: re.Match[str]) -> str | None:
    # A dotted date is day first wherever it is printed ("05.08.1999": 5 August).
    date = or_none(parse_date, dated["date"], day_first=True if dated["dotted"] else None)
    return date.iso if date else None
