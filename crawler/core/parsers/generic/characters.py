"""The characters of a film's cast, read from the rows of the page's markup that pair a person with a role.

Structured data names the cast but seldom its characters; pages print them beside the names:

    table rows       <tr><td><a>Keanu Reeves</a></td><td>...</td><td class="character">Neo</td></tr>
    cards            <li class="card"><p><a>Keanu Reeves</a></p><p class="character">Neo</p></li>
                     <div data-testid="title-cast-item"><a>Keanu Reeves</a><a data-testid="...characters-link">Neo</a>
    "as" lines       <li><a>Keanu Reeves</a> as Neo</li>

A row's character goes to the cast member whose name (name_key: case, spacing and punctuation aside) is the
row's name: never by position. Where the record has no cast at all, the rows make one only when at least
MIN_BUILT_ROWS of them stand in a container that says it is the cast (its class or id, or a "Cast" heading
just before it, in any language of labels.LABELS). Rows in the page's furniture (nav, header, footer, aside,
a sidebar) are never read: a "people you may know" box pairs names with anything but roles. Where no rows make a
cast, a cast container's run of links to people's pages does (linked_cast), each link's title the character.

The page is walked once, by lxml's iteration; only the few candidate rows look at their ancestors.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from lxml import etree
from parsel import Selector

from crawler.core.normalize import parse_credited_as
from schemas.record_fields import CastMemberFields, FilmFields

from ..fields import or_none
from .labels import field_for

MAX_CHARACTER = 120
MAX_NAME = 80
MIN_BUILT_ROWS = 3
# How far up from a character element its row (the element that also holds the person's link) may be.
_ROW_LEVELS = 4
# How far up from a row a cast container (class, id or heading) is looked for.
_SECTION_LEVELS = 8

_CHARACTER_MARK = re.compile(r"character|(?:^|[\s_-])char(?:s)?(?:$|[\s_-])", re.IGNORECASE)
_CAST_MARK = re.compile(r"(?:^|[^A-Za-z])[Cc]ast|Cast")
_OUTSIDE_TAGS = frozenset({"nav", "header", "footer", "aside"})
_OUTSIDE_MARK = re.compile(r"sidebar|side-bar|people-you|suggest|recommend", re.IGNORECASE)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_ELLIPSIS = frozenset({"...", "…", ". . ."})
_AS_LINE = re.compile(r"^(?P<name>[^:;,()]{2,80}?)\s+as\s+(?P<character>\S.*)$")
# Where an "as" line's character ends and its description begins: "as Jim Garrison, a New Orleans DA".
_CHARACTER_END = re.compile(r",\s|;|:\s|\s[–—-]\s")
_NOT_A_CHARACTER = re.compile(
    r"^(?:\(?more\)?|.*\bmore\b.*credits?|see (?:full|more|all).*|full cast.*|show (?:all|more).*|view .*|"
    r"cast|crew|character|role|name|actor|actors|\.\.\.|…)$|https?://|www\.",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")
# Elements that may be or hold a row: a superset of what _CHARACTER_MARK, _table_row and _as_line accept.
_CANDIDATES = (
    "//*[contains(@class, 'har') or contains(@data-testid, 'har')] | //tr[td or th] | //li[contains(., ' as ')]"
)
_AS = re.compile(r"^as\s+", re.IGNORECASE)


@dataclass(frozen=True)
class CastRow:
    """One printed pairing of a person with a character."""

    name: str
    character: str
    in_cast_section: bool


def name_key(name: str) -> str:
    """A person's name as rows and structured data are compared: NFKC, casefolded, punctuation and symbols as
    spaces, spaces collapsed ("Samuel L. Jackson" and "samuel l jackson" are one name)."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(" " if unicodedata.category(ch)[0] in "PSZ" else ch for ch in text)
    return " ".join(text.split())


def with_characters(record: FilmFields, sel: Selector) -> FilmFields:
    """`record` with the characters its cast misses, or a cast made from the page's cast rows where it has
    none; `record` itself when the page gives nothing new. A character already there is kept."""
    cast = record.get("cast") or []
    if cast and all(member.get("character") for member in cast):
        return record
    root = sel.root
    if not isinstance(root, etree._Element):
        return record
    document = root.getroottree().getroot()
    rows = cast_rows(document)
    if not rows:
        return _with_linked_cast(record, document) if not cast else record
    completed = record.copy()
    if cast:
        return with_named_characters(record, [(row.name, row.character) for row in rows])
    sectioned = [row for row in rows if row.in_cast_section]
    built: list[CastMemberFields] = []
    seen: set[str] = set()
    for row in sectioned:
        key = name_key(row.name)
        if key and key not in seen:
            seen.add(key)
            built.append(credited({"name": row.name, "character": row.character, "order": len(built) + 1}))
    if len(built) < MIN_BUILT_ROWS:
        return _with_linked_cast(record, document)
    completed["cast"] = built
    return completed


def with_named_characters(record: FilmFields, pairs: list[tuple[str, str]]) -> FilmFields:
    """`record` with the characters of `pairs` (name, character) given to the cast members of the same name
    (name_key) that have none; `record` itself when none is given."""
    by_name: dict[str, str] = {}
    for name, character in pairs:
        by_name.setdefault(name_key(name), character)
    members: list[CastMemberFields] = []
    changed = False
    for member in record.get("cast") or []:
        role = by_name.get(name_key(str(member.get("name") or "")))
        if role and not member.get("character"):
            member = credited({**member, "character": role})
            changed = True
        members.append(member)
    return {**record, "cast": members} if changed else record


def _with_linked_cast(record: FilmFields, document: Any) -> FilmFields:
    cast = linked_cast(document)
    return {**record, "cast": cast} if cast else record


def linked_cast(document: Any) -> list[CastMemberFields]:
    """The cast a container that says it is the cast (its class or id, or a "Cast" heading) prints as a run of
    links to people's pages, in page order, each person once: "<div class="cast-list"><a href="/actor/ann-vale/"
    title="Jo">Ann Vale</a> ...". A link's title is the character where it is not the name itself. At least
    MIN_BUILT_ROWS people, all linked under one path ("/actor/", "/name/"): a container mixing people with
    other links keeps only those under the path most of its links share."""
    for container in _cast_containers(document):
        if _in_furniture(container):
            continue
        cast = _people_linked(container)
        if cast:
            return cast
    return []


# Classes, ids and test ids of which a cast container's is one: `_CAST_MARK` tells; this finds candidates.
_CAST_CONTAINERS = "//*[contains(@class, 'ast') or contains(@id, 'ast') or contains(@data-testid, 'ast')]"


def _in_furniture(element: Any) -> bool:
    """True when the element or an ancestor is the page's furniture (nav, header, footer, aside, a sidebar): a
    cast box there is another film's or the site's."""
    return any(_is_furniture(ancestor) for ancestor in (element, *element.iterancestors()))


def _cast_containers(document: Any) -> list[Any]:
    found = []
    for element in document.xpath(_CAST_CONTAINERS):
        marks = _marks(element)
        if _CAST_MARK.search(marks) and not _CREW_MARK.search(marks):
            found.append(element)
    for heading in document.xpath("//h2 | //h3 | //h4"):
        if _names_the_cast(heading):
            parent = heading.getparent()
            # A heading alone in its block heads the block after it.
            block = parent if parent is not None and _heading_of(parent) is heading else heading
            found.extend(_next_element(header) for header in (block, *_header_blocks(block, heading)))
    return [element for element in found if element is not None]


def _next_element(element: Any) -> Any:
    following = element.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    return following


def _header_blocks(block: Any, heading: Any) -> list[Any]:
    """The blocks above `block` that hold the heading and little else (its link, an "Edit" button): a section's
    header, whose next block is what the heading heads ("<div><div><a><h3>Top cast</h3></a><a>Edit</a></div>
    </div><div>...the cast...</div>")."""
    headers = []
    for ancestor in block.iterancestors():
        if ancestor.tag in ("body", "html") or next(ancestor.iter(*_HEADINGS)) is not heading:
            break
        if len(_clean("".join(ancestor.itertext()))) > _MAX_HEADING_BLOCK:
            break
        headers.append(ancestor)
    return headers


_CREW_MARK = re.compile(r"[Cc]rew")
MAX_LINKED_CAST = 200


def _people_linked(container: Any) -> list[CastMemberFields]:
    links: list[tuple[str, str, Any]] = []
    for link in container.iter("a"):
        name = _clean("".join(link.itertext()))
        href = (link.get("href") or "").strip()
        if name and href and _is_name(name):
            links.append((_first_segment(href), name, link))
    common = _people_segment([segment for segment, _, _ in links if segment])
    if common is None:
        return []
    cast: list[CastMemberFields] = []
    seen: set[str] = set()
    for segment, name, link in links:
        key = name_key(name)
        if segment != common or key in seen:
            continue
        seen.add(key)
        title = _clean(link.get("title") or "")
        character = valid_character(title) if title and name_key(title) != key else None
        character = character or _linked_character(link, key, container)
        cast.append({"name": name, "character": character, "order": len(cast) + 1})
        if len(cast) == MAX_LINKED_CAST:
            break
    return cast if len(cast) >= MIN_BUILT_ROWS else []


# A character's own page: "/title/tt0114814/characters/nm0000228", "/character/ch0000123/".
_CHARACTER_LINK = re.compile(r"/characters?/", re.IGNORECASE)


def _linked_character(link: Any, key: str, container: Any) -> str | None:
    """The character a person's row links beside the person ("<div><a href="/name/nm1/">Kevin Spacey</a>
    <a href="/title/tt1/characters/nm1">Verbal</a></div>"): the row is the largest block around the person's
    link, up to the container, that names no one else."""
    row = None
    for level, ancestor in enumerate(link.iterancestors()):
        if ancestor is container or level == _ROW_LEVELS or _names_another(ancestor, key):
            break
        row = ancestor
    if row is None:
        return None
    for other in row.iter("a"):
        if other is not link and _CHARACTER_LINK.search(other.get("href") or ""):
            character = valid_character(_printed_once(other))
            if character and name_key(character) != key:
                return character
    return None


def _names_another(element: Any, key: str) -> bool:
    """True when a link of the element, other than to a character's page, names someone else than `key`."""
    for a in element.iter("a"):
        text = _clean("".join(a.itertext()))
        if text and name_key(text) != key and not _CHARACTER_LINK.search(a.get("href") or ""):
            return True
    return False


# First path segments of people's pages, where a cast's links and as many other links tie ("/name/nm1/" for
# each actor beside "/title/tt1/characters/nm1/" for each character).
_PEOPLE_PATHS = frozenset(
    {"name", "names", "person", "persons", "people", "actor", "actors", "actress", "celebrity", "celebrities",
     "star", "stars", "talent", "cast", "tvurce", "osoba", "osobnost", "persona", "personne", "personnes"}
)  # fmt: skip


def _people_segment(segments: list[str]) -> str | None:
    """The path most of the links share: the people's. Where two paths tie, the one naming people; else none
    (a wrong cast is worse than none)."""
    counts = {segment: segments.count(segment) for segment in set(segments)}
    if not counts:
        return None
    most = max(counts.values())
    top = [segment for segment, count in counts.items() if count == most]
    if len(top) == 1:
        return top[0]
    people = [segment for segment in top if segment.casefold() in _PEOPLE_PATHS]
    return people[0] if len(people) == 1 else None


def _first_segment(href: str) -> str:
    """The first segment of a link's path ("actor" of "/actor/ann-vale/", of "https://site/actor/ann-vale"); ""
    for an anchor, a script or a link to nowhere."""
    if href.startswith(("#", "javascript:", "mailto:")):
        return ""
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", href, flags=re.IGNORECASE)
    segments = [segment for segment in path.split("?")[0].split("/") if segment]
    return segments[0] if len(segments) > 1 else ""


def cast_rows(document: Any) -> list[CastRow]:
    """The page's rows pairing a person with a character, in page order (one walk over the document)."""
    marked: list[Any] = []
    table_rows: list[Any] = []
    items: list[Any] = []
    position: dict[Any, int] = {}
    # One query, in document order; its tests are of each element's own attributes and text, evaluated in C.
    for index, element in enumerate(document.xpath(_CANDIDATES)):
        mark = f"{element.get('class') or ''} {element.get('data-testid') or ''}"
        if _CHARACTER_MARK.search(mark):
            marked.append(element)
        elif element.tag == "tr":
            table_rows.append(element)
        elif element.tag == "li":
            items.append(element)
        else:
            continue
        position[element] = index
    found: list[tuple[int, Any, str, str]] = []
    marked_set = set(marked)
    for element in marked:
        if _within_any(element, marked_set):
            continue  # inside another character element: read with it
        row = _marked_row(element, marked_set)
        if row is not None:
            found.append((position[element], *row))
    taken = {row[1] for row in found}
    for tr in table_rows:
        if tr not in taken:
            row = _table_row(tr)
            if row is not None:
                found.append((position[tr], *row))
    for item in items:
        if item not in taken:
            row = _as_line(item)
            if row is not None and not _marked_cells(item, marked_set) and not _within_any(item, marked_set):
                found.append((position[item], *row))
    rows: list[CastRow] = []
    for _, element, name, character in sorted(found, key=lambda row: row[0]):
        place = _place(element)
        if place is None:
            continue
        if place is False and element.tag == "tr" and not _marked_cells(element, marked_set):
            continue  # an unmarked table (a crew list's "... (written by)") counts in a cast section only
        rows.append(CastRow(name, character, place))
    return rows


def _marked_row(element: Any, marked: set[Any]) -> tuple[Any, str, str] | None:
    """The row around a character element: its nearest ancestor holding a person's link outside it, and no
    other character element (else the link may be another row's)."""
    character = _character_text(element)
    if character is None:
        return None
    row = element
    for _ in range(_ROW_LEVELS):
        row = row.getparent()
        if row is None:
            return None
        if sum(1 for inner in row.iter() if inner in marked and inner is not element and not _within(inner, element)):
            return None
        name = _person_link(row, element)
        if name:
            return row, name, character
    return None


def _within_any(element: Any, marked: set[Any]) -> bool:
    return any(ancestor in marked for ancestor in element.iterancestors())


def _within(inner: Any, outer: Any) -> bool:
    return any(ancestor is outer for ancestor in inner.iterancestors())


def _person_link(row: Any, outside: Any) -> str | None:
    for link in row.iter("a"):
        if link is outside or _within(link, outside):
            continue
        text = _clean("".join(link.itertext()))
        if text:
            return text if _is_name(text) else None
    return None


def _table_row(tr: Any) -> tuple[Any, str, str] | None:
    """A table row "name link | ... | character", or "name link | character" (two cells)."""
    cells = [cell for cell in tr if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
    texts = [_clean("".join(cell.itertext())) for cell in cells]
    for index, text in enumerate(texts):
        if text in _ELLIPSIS and 0 < index < len(cells) - 1:
            name_cell = next((cells[i] for i in range(index - 1, -1, -1) if texts[i]), None)
            character = valid_character(texts[index + 1])
            name = _cell_name(name_cell)
            return (tr, name, character) if name and character else None
    filled = [(cell, text) for cell, text in zip(cells, texts, strict=True) if text]
    if len(filled) == 2:
        name = _cell_name(filled[0][0])
        character = valid_character(filled[1][1])
        return (tr, name, character) if name and character else None
    return None


def _cell_name(cell: Any) -> str | None:
    if cell is None:
        return None
    links = [_clean("".join(link.itertext())) for link in cell.iter("a")]
    text = next((link for link in links if link), None)
    return text if text and _is_name(text) else None


def _as_line(item: Any) -> tuple[Any, str, str] | None:
    """A list item "Name as Character[, description]"."""
    if any(True for _ in item.iter("ul", "ol", "li") if _ is not item):
        return None
    text = _clean("".join(item.itertext()))
    if len(text) > 400 or " as " not in text:
        return None
    match = _AS_LINE.match(text)
    if not match:
        return None
    name = match["name"].strip()
    character = valid_character(_CHARACTER_END.split(match["character"], maxsplit=1)[0])
    return (item, name, character) if character and _is_name(name) else None


def _character_text(element: Any) -> str | None:
    """The character an element prints: its list items' joined by " / ", each read once where a page prints
    it twice for two screen sizes ("Neo" beside "as Neo"); an item that notes the one before ("(voice)") is
    joined to it with a space, an ellipsis of further characters dropped."""
    items: list[str] = []
    for li in element.iter("li"):
        item = _printed_once(li)
        if not item or item in _ELLIPSES:
            continue
        if items and item.startswith("(") and item.endswith(")"):
            items[-1] = f"{items[-1]} {item}"
        else:
            items.append(item)
    return valid_character(" / ".join(items) if items else _printed_once(element))


_ELLIPSES = frozenset({"…", "...", "(…)", "(...)"})
# A credit under another name printed after the character: "Sgt. Al Powell (as Reginald Veljohnson)".
_CREDITED_AS = re.compile(r"^(?P<character>.*?)\s*(?P<note>\(as [^()]+\))$")


def credited(member: CastMemberFields) -> CastMemberFields:
    """The cast member with the name it is credited under moved out of its character into `credited_as`."""
    character = member.get("character")
    match = _CREDITED_AS.match(character) if isinstance(character, str) else None
    if match is None:
        return member
    name = or_none(parse_credited_as, match["note"])
    if name is None:
        return member
    split: CastMemberFields = {**member, "character": match["character"] or None}
    if not member.get("credited_as"):
        split["credited_as"] = name
    return split


def _printed_once(element: Any) -> str:
    pieces = [_AS.sub("", _clean(piece)) for piece in element.itertext()]
    pieces = [piece for piece in pieces if piece]
    once = list(dict.fromkeys(pieces))
    return " ".join(once) if len(once) < len(pieces) else _AS.sub("", _clean("".join(element.itertext())))


def valid_character(text: str) -> str | None:
    text = _clean(text)
    if not text or len(text) > MAX_CHARACTER or _NOT_A_CHARACTER.search(text):
        return None
    if text.startswith("(") and text.endswith(")"):
        return None  # a credit's note ("(written by)", "(uncredited)"), no character
    if text.endswith(":") or not any(ch.isalpha() for ch in text):
        return None
    return text


def _is_name(text: str) -> bool:
    return 1 < len(text) <= MAX_NAME and any(ch.isalpha() for ch in text) and not _NOT_A_CHARACTER.search(text)


def _marked_cells(tr: Any, marked: set[Any]) -> bool:
    return any(inner in marked for inner in tr.iter())


def _place(element: Any) -> bool | None:
    """None for a row in the page's furniture; else whether it stands in a cast container. The nearer of the
    two decides (a malformed page may hold its whole body inside its <nav>)."""
    for level, ancestor in enumerate([element, *element.iterancestors()]):
        if _is_furniture(ancestor):
            return None
        if level <= _SECTION_LEVELS and (_CAST_MARK.search(_marks(ancestor)) or _after_cast_heading(ancestor)):
            return True
    return False


def _after_cast_heading(element: Any) -> bool:
    previous = element.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    heading = _heading_of(previous) if previous is not None else None
    return heading is not None and _names_the_cast(heading)


# A block that only heads what follows prints no more than its heading and a short note.
_MAX_HEADING_BLOCK = 80


def _heading_of(element: Any) -> Any:
    """The heading an element is, or the heading of a block that holds only a heading and a short note
    ("<div><h3>Cast</h3> <small>(first billed only)</small></div>"); else None."""
    if element.tag in _HEADINGS:
        return element
    children = [child for child in element if isinstance(child.tag, str)]
    if not children or children[0].tag not in _HEADINGS or any(c.tag not in _NOTE_TAGS for c in children[1:]):
        return None
    return children[0] if len(_clean("".join(element.itertext()))) <= _MAX_HEADING_BLOCK else None


_NOTE_TAGS = frozenset({"small", "span", "em", "i", "b", "br"})


def _names_the_cast(heading: Any) -> bool:
    """True when a heading's text, without an encyclopedia's "[edit]", is a cast label in any language."""
    text = re.sub(r"\s*\[[^\[\]]{0,20}\]\s*$", "", _clean("".join(heading.itertext())))
    return field_for(text) == "cast"


def _marks(element: Any) -> str:
    """The class, id and test id of an element, as the cast and furniture marks are searched in."""
    return f"{element.get('class') or ''} {element.get('id') or ''} {element.get('data-testid') or ''}"


def _is_furniture(element: Any) -> bool:
    """True for the page's furniture: nav, header, footer, aside, a sidebar, a "people you may know" box."""
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag in _OUTSIDE_TAGS or bool(_OUTSIDE_MARK.search(_marks(element))) or element.get("role") == "complementary"


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
