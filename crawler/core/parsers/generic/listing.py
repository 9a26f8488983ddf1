"""A listing of any site, read from the page's main repeated block of title links.

A listing page shows its films as a run of like elements (table rows, list items, cards), each holding one
link to a title page of the site itself. The reader

1. keeps the links that point at the page's own site (the same registrable host) and at a title page: by the
   site's declared page routes when the site is known, else by the shape of the address (a path whose last
   segment is an id or slug, "/film/326/", "/movies/the-red-shoes-1948", "/es/film809297.html"); addresses
   that name people, lists, searches or the site's own pages are never titles;
2. takes as one entry the largest element around each link that holds no other title of the same shape (the
   row, the card), and groups the entries by the path of elements above them;
3. leaves out groups inside navigation, headers, footers, sidebars and blocks whose class, id or heading says
   related, trending, popular, recommended or advertising (unless the page itself is named so: the main block
   of a "popular films" page is its popular films);
4. takes the largest group when it has at least MIN_ENTRIES entries and at least twice as many as any other:
   without a clear winner there is no listing. A wrong list is worse than none.

A poster grid whose script makes the links counts as links: the wrapper of a poster's image whose data
attribute holds a title's address (`<div data-target-link="/film/metropolis/"><img alt="Metropolis">`). A
table whose rows link several titles of one shape (an episode, its director, its writer) is read by the
column its header calls the title, or not at all.

Each entry has the title as its link prints it (else a poster's data title or alternative text), the year
printed beside it ("(1948)", "Dec 1, 2017"), stated in a data attribute, in the row's date column or in the
page's description ("including Metropolis (1927)"), the rank printed before it ("1.", "#1") or else its
position, a rating printed with its scale ("8.1/10"), and an episode's season and number ("S1, Ep3"). The
list's stated size ("1-50 of 1,234 titles", "250 films", "1 234 films", "250 фильмов") is its `total`.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.core.normalize import parse_rating
from schemas.listing import ListingKind
from schemas.record_fields import ListingEntryFields, ListingFields, RatingFields

from ..fields import or_none
from ..ids import host_of, path_id
from ..page import Page
from ..schemaorg import title_and_year

TitleRoute = Callable[[str], bool | None]
"""True when a URL is a title page of the site, False when it is another page type, None when unknown."""

MIN_ENTRIES = 5
# The winner must have at least this many times the entries of the next block: two blocks of like size are
# two lists (or a list and its sidebar), and the reader cannot tell which one the page is about.
CLEAR_WINNER = 2.0
_MAX_LINKS = 20_000

# Data attributes of a poster grid's wrappers that hold the title page's address where no link does (the
# link is made by the page's script: `<div class="film-poster" data-target-link="/film/…/"><img alt="…">`),
# in the order they are trusted. Addresses of images, trailers and endpoints (data-poster-url, data-url) are
# not among them.
_LINK_ATTRIBUTES = (
    "data-target-link", "data-item-link", "data-film-link", "data-title-link", "data-film-url", "data-item-url",
    "data-href", "data-link", "data-film-slug", "data-item-slug",
)  # fmt: skip
_LINK_ATTRIBUTE_SET = frozenset(_LINK_ATTRIBUTES)
# How far above a poster's image its wrapper with the address may be (the wrapper, a frame, the image).
_WRAPPER_DEPTH = 3
# Data attributes naming the title of a poster that prints none ("Parasite", "Parasite (2019)").
_TITLE_ATTRIBUTES = (
    "data-film-name", "data-film-title", "data-item-name", "data-item-title", "data-title", "data-name",
)  # fmt: skip
# Data attributes holding the title's year ("2019", "2019-05-30").
_YEAR_ATTRIBUTES = ("data-film-release-year", "data-film-year", "data-item-year", "data-release-year", "data-year")

# Elements that stand for a link without an href: their address is written, base64-encoded, as a class
# (`<span class="ACrL2ZACrpbG0v… meta-title-link">`: the page's script makes the link).
_ENCODED_LINK_TAGS = ("span", "div", "a")
_BASE64_TOKEN = re.compile(r"^[A-Za-z0-9+/]{12,}={0,2}$")
_ENCODED_ADDRESS = re.compile(r"^(?:/(?!/)|https?://)[\x21-\x7e]*$")

_STRUCTURAL_TAGS = {"nav", "header", "footer", "aside", "menu", "form", "dialog"}
_STRUCTURAL_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"}
# Words in a class, id or aria-label of a block that is never the page's list.
_STRUCTURAL_WORDS = {
    "sidebar", "side", "aside", "footer", "header", "masthead", "menu", "nav", "navbar", "navigation",
    "breadcrumb", "breadcrumbs", "ad", "ads", "advert", "adverts", "advertisement", "sponsored", "promo",
    "banner", "rail", "cookie", "modal", "dropdown", "infobox", "navbox", "filter", "filters", "facet", "facets",
}  # fmt: skip
# Words of blocks beside the list; not excluding on a page whose own address names them (/films/popular/).
_TOPICAL_WORDS = {
    "related", "trending", "popular", "recommended", "recommendations", "recommendation", "similar",
    "suggested", "suggestions", "featured", "also", "teaser", "teasers", "latest", "news", "more",
    "ähnliche", "similaires", "similares", "simili", "похожие", "相关", "推荐", "おすすめ",
}  # fmt: skip
_HEADER_WORDS = {"header", "masthead"}
# Endings of a class or id written as one word that names navigation ("lsmenu", "mainmenu", "topnav").
_STRUCTURAL_ENDINGS = ("menu", "nav", "navbar", "sidebar")
_CELLS = {"td", "th"}
# Words of a table's header over its titles, and over the dates or years of its rows.
_TITLE_HEADERS = {
    "title", "titles", "titre", "titres", "titel", "título", "titulo", "titolo", "tytuł", "název", "название",
    "episode", "film", "movie", "series", "タイトル", "标题", "片名",
}  # fmt: skip
_DATE_HEADERS = {
    "date", "dates", "year", "aired", "airdate", "released", "release", "premiere", "premiered", "broadcast",
    "jahr", "datum", "année", "año", "anno", "rok", "год", "дата", "年",
}  # fmt: skip
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Classes that alternate or mark state along a run of like rows: not part of a row's identity.
_POSITIONAL_CLASSES = re.compile(r"^(odd|even|first|last|alt|active|selected|current|hover|is-.*|js-.*)$")

# Path words of pages that are not titles: people, lists, searches, the site's own pages.
_NOT_TITLE_WORDS = {
    "name", "names", "person", "persons", "people", "celebrity", "celebrities", "actor", "actors", "actress",
    "director", "directors", "cast", "crew", "star", "stars", "profile", "profiles", "user", "users",
    "member", "members", "tvurce", "osoba", "osoby", "personne", "persona", "personen", "company",
    "companies", "studio", "studios", "keyword", "keywords", "tag", "tags", "genre", "genres", "character",
    "characters", "award", "awards", "event", "events", "news", "article", "articles", "blog", "video",
    "videos", "trailer", "trailers", "photo", "photos", "image", "images", "gallery", "review", "reviews",
    "list", "lists", "search", "find", "chart", "charts", "browse", "top", "login", "signin", "signup",
    "register", "account", "settings", "help", "about", "contact", "privacy", "terms", "cart", "shop",
    "forum", "forums", "discussion", "comments", "calendar", "cinema", "cinemas", "theater", "theaters",
    "showtimes", "festival", "festivals", "box", "boxoffice", "country", "year", "decade", "language",
    "critique", "critiques", "kritik", "kritiken", "recensione", "recensioni", "critica", "criticas", "críticas",
    "recenze", "recenzje", "рецензии", "отзывы",
}  # fmt: skip
_TRACKING_KEYS = re.compile(r"^(ref_?|utm_.*|pf_rd_.*|fbclid|gclid|from|source|src|via|sr|tab|page|sort)$", re.I)
_EXTENSION = re.compile(r"\.(html?|php\d?|aspx?|jsp)$", re.IGNORECASE)
_PREFIXED_ID = re.compile(r"^([A-Za-z]{1,12})\d+$")
_ID_KEY = re.compile(r"^(?:id|[a-z]{0,8}_?id)$", re.IGNORECASE)
_QUERY_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")

_SEASON_EPISODE = re.compile(
    r"\s*\bS(?:eason)?\s*\.?\s*(\d{1,3})\s*(?:[,|.·∙:]\s*|\s*)E(?:p(?:isode)?)?\s*\.?\s*(\d{1,4})\b", re.IGNORECASE
)
# What an image's alternative text says around the title: "Poster for Gozu", "Gozu movie poster".
_POSTER_PHRASE = re.compile(
    r"^(?:poster|affiche|cartel|plakat|plakát|постер)\s+(?:for|of|de|du|zu|für|к)\s+|\s+(?:movie|film)\s+poster$",
    re.IGNORECASE,
)
_DESCRIBED_YEAR = re.compile(r"\s*\((\d{4})\)")
_RANK_ONLY = re.compile(r"^\s*(?:#|no\.\s*|№\s*)?(\d{1,5})\s*[.)]?\s*$", re.IGNORECASE)
_LEADING_RANK = re.compile(r"^\s*(\d{1,5})\.(?:\s+(?=\S)|(?=[^\W\d_]))")
# A title with its year and then kind notes in brackets: "Pelíšky (1999) (TV film)", "Red Shoes(1993)(seriál)".
_YEAR_THEN_NOTES = re.compile(r"^(?P<title>.*\S)\s*\((?P<year>\d{4})\)(?:\s*\([^()\d]{1,30}\))+$")
_PAREN_YEAR = re.compile(r"\((\d{4})(?:\s*[-–—]\s*(?:\d{4})?\s*)?\)")
_YEAR_SPAN = re.compile(r"(?<![\d.,])(\d{4})\s*[-–—]\s*(?:\d{4})?(?![\d.,]\d)")
_BARE_YEAR = re.compile(r"(?<![\d.,])(\d{4})(?![\d.,]\d)")
_SCALED_RATING = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?\s*(?:/|out of|von|sur|de|из|z)\s*(?:5|10|100))(?![\d.,]*\d)"
)

_NUMBER = r"(\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+|\d+)"
_TITLE_WORDS = (
    r"(?:titles?|films?|movies?|results?|entries|items|titel[n]?|filme[n]?|películas?|peliculas?|títulos?|"
    r"titoli|film|filmów|filmy|filmů|filmek|фильм\w*|тайтл\w*|результат\w*|件|部|本|"
    r"résultats?|resultados?|risultati|ergebnisse?|treffer|wynik\w*|találat\w*|resultaten)"
)
_TOTALS = (
    # "1-50 of 1,234 titles", "1 à 50 sur 1 234", "1–50 von 1.234", "1-50 de 1.234", "1-50 из 1 234"
    re.compile(rf"\d+\s*[-–—]\s*\d+\s+(?:of|sur|von|de|di|из|z|ze|/)\s+{_NUMBER}(?:\s+{_TITLE_WORDS})?", re.IGNORECASE),
    # "250 films", "1 234 titles", "250 фильмов", "共250部"
    re.compile(rf"(?<![\w.,])(?:共\s*)?{_NUMBER}\s*{_TITLE_WORDS}(?!\w)", re.IGNORECASE),
)


@dataclass(frozen=True)
class _Link:
    element: Any
    url: str
    family: tuple[str, ...]


def read_listing(
    page: Page, source: str, *, title_route: TitleRoute | None = None, kind: ListingKind | None = None
) -> ListingFields | None:
    """The page's main listing as a listing record, or None when the page has no clear main block of titles.
    `kind`: what the caller knows the list to be (a season's episodes), else told by the page's address."""
    if page.sel.type != "html":
        return None
    body = next(iter(page.sel.root.xpath("//body")), None)
    if body is None:
        return None
    base = page.canonical_url or page.url
    links = list(_title_links(body, page, base, title_route))
    block = _main_block(links, page_words=_words(urlsplit(page.url).path + " " + urlsplit(base).path))
    if block is None:
        return None
    entries = _entries(block)
    if len(entries) < MIN_ENTRIES:
        return None
    entries = _with_described_years(entries, page)
    record: ListingFields = {
        "type": "listing",
        "source": source,
        "url": base,
        "kind": kind or _kind(page.url, entries),
        "entries": [_with_id(entry, f"{source}:{path_id(entry['url'] or '')}") for entry in entries],
    }
    heading = _heading(body)
    if heading:
        record["title"] = heading
    total = _stated_total(block, len(entries)) or _counted_heading(body, len(entries))
    if total:
        record["total"] = total
    next_url = page.absolute(page.sel.xpath('//link[@rel="next"]/@href | //a[@rel="next"]/@href').get())
    if next_url:
        record["next_url"] = next_url
    return record


def may_state_title_or_total(page: Page) -> bool:
    """False when the page prints neither an <h1> outside its furniture (a listing's title) nor a phrase
    stating a list's size anywhere (its total): then the walk over every link of read_listing could give a
    listing neither, and a site listing that misses only those has nothing to gain from it."""
    body = next(iter(page.sel.root.xpath("//body")), None) if page.sel.type == "html" else None
    if body is None:
        return False
    if _heading(body):
        return True
    text = " ".join(
        piece
        for node in body.iter()
        if node.tag not in ("script", "style")
        for piece in (node.text, node.tail)
        if piece
    )
    return any(pattern.search(text) for pattern in _TOTALS)


# --- which links are titles ------------------------------------------------------------------------------


def registrable_host(host: str) -> str:
    """The part of a host name a site registers: "www.imdb.com" -> "imdb.com", "m.kinopoisk.co.uk" ->
    "kinopoisk.co.uk"."""
    labels = [label for label in host.lower().rstrip(".").split(".") if label]
    if len(labels) <= 2 or host.replace(".", "").isdigit():
        return ".".join(labels)
    keep = 3 if labels[-2] in {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"} else 2
    return ".".join(labels[-keep:])


def _title_links(body: Any, page: Page, base: str, title_route: TitleRoute | None) -> Iterator[_Link]:
    own = registrable_host(host_of(base))
    # What each address is, read once: a page links many titles twice (the poster and the name) and repeats
    # its menus.
    titles: dict[str | None, tuple[str, tuple[str, ...]] | None] = {}
    for count, element in enumerate(_linking_elements(body)):
        if count >= _MAX_LINKS:
            return
        href = _address_of(element)
        if href not in titles:
            titles[href] = _title_address(href, page, own, title_route)
        title = titles[href]
        if title is not None:
            yield _Link(element, *title)


def _linking_elements(body: Any) -> Iterator[Any]:
    """The page's links, and the poster wrappers whose data attributes hold a title's address, in page order.

    A wrapper is found from its poster's image, a few elements up: the page's links and images are listed
    by lxml itself, where asking every element of the page for its attributes would cost a walk of the whole
    tree from Python (or an XPath test of every element), as much as parsing the page."""
    previous = None
    for element in body.iter("img", *_ENCODED_LINK_TAGS):
        if element.tag == "a" and element.get("href"):
            yield element
            continue
        if element.tag != "img":
            if encoded_address(element):
                yield element
            continue
        wrapper = _poster_wrapper(element)
        if wrapper is not None and wrapper is not previous:
            previous = wrapper
            yield wrapper


def _poster_wrapper(image: Any) -> Any:
    """The element just above a poster's image whose data attributes hold the title's address; None when
    the image is a link's (the link is read) or nothing near it holds an address."""
    holder = image.getparent()
    for _ in range(_WRAPPER_DEPTH):
        if holder is None or link_address(holder):
            return None
        if not _LINK_ATTRIBUTE_SET.isdisjoint(holder.keys()):
            return holder
        holder = holder.getparent()
    return None


def _address_of(element: Any) -> str | None:
    """The address an element links to: a link's href, else the first address one of its data attributes
    holds. Only a path or a full URL counts: a bare slug ("parasite-2019") resolves against the page, not
    the site's title route."""
    address = link_address(element)
    if address:
        return address
    for name in _LINK_ATTRIBUTES:
        value = (element.get(name) or "").strip()
        if value.startswith(("/", "http://", "https://")):
            return value
    return None


def link_address(element: Any) -> str | None:
    """The address a link points at: an `<a>`'s href, else the address an element standing for a link writes
    base64-encoded in its class (see encoded_address)."""
    if element.tag == "a" and element.get("href"):
        return str(element.get("href"))
    if element.tag in _ENCODED_LINK_TAGS:
        return encoded_address(element)
    return None


def encoded_address(element: Any) -> str | None:
    """The address an element without an href writes as a class token, base64-encoded, where the page's script
    makes it a link: "L2ZpbG0vMTIzLmh0bWw=" is "/film/123.html". A marker the token repeats from its first
    three characters is dropped first ("ACrL2ZACrpbG0v…": "ACr"). Only a path or a full URL of printable
    characters counts: a class that merely looks like base64 decodes to neither."""
    classes = element.get("class")
    if not classes:
        return None
    for token in classes.split():
        if len(token) < 12:
            continue
        marker = token[:3]
        candidates = [token.replace(marker, "")] if token.count(marker) >= 2 else []
        candidates.append(token)
        for candidate in candidates:
            if not _BASE64_TOKEN.match(candidate) or len(candidate) % 4 == 1:
                continue
            try:
                decoded = base64.b64decode(candidate + "=" * (-len(candidate) % 4)).decode("ascii")
            except (binascii.Error, UnicodeDecodeError, ValueError):
                continue
            if _ENCODED_ADDRESS.match(decoded):
                return decoded
    return None


def _title_address(
    href: str | None, page: Page, own: str, title_route: TitleRoute | None
) -> tuple[str, tuple[str, ...]] | None:
    """(entry URL, title family) of a link to a title page of the site `own`, None for any other link."""
    url = page.absolute(href)
    if url is None or registrable_host(host_of(url)) != own:
        return None
    if title_route is not None and title_route(url) is not True:
        return None
    # A known site's routes say which addresses are titles ("/movie/celebrity" is a film there).
    family = title_family(url, by_words=title_route is None)
    if family is None:
        return None
    return _entry_url(url, family), family


def title_family(url: str, *, by_words: bool = True) -> tuple[str, ...] | None:
    """The shape of a title page's address ("film", "#") shared by the titles of one site, or None when the
    address is not one of a title: no id or slug in it, or (`by_words`) words of people, lists, searches,
    site pages."""
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    if not segments or len(segments) > 6:
        return None
    words = {word for segment in segments[:-1] for word in _words(segment)}
    last_base = _EXTENSION.sub("", segments[-1])
    if by_words and (words & _NOT_TITLE_WORDS or (not _has_id(last_base) and _words(last_base) & _NOT_TITLE_WORDS)):
        return None
    shapes = [_shape(segment) for segment in segments[:-1]]
    last = segments[-1]
    extension = _EXTENSION.search(last)
    prefixed = _PREFIXED_ID.match(last_base)
    if prefixed:
        shapes.append(f"{prefixed.group(1).lower()}#{extension.group(0).lower() if extension else ''}")
    elif _has_id(last_base) or (len(segments) >= 2 and not extension):
        shapes.append("*" + (extension.group(0).lower() if extension else ""))
    else:
        # "/film.php?id=12", "/movies/?id=redshoes.htm": the id is in the query.
        keys = sorted(key for key, value in parse_qsl(parts.query) if _query_id(key, value))
        if not keys:
            return None
        shapes.extend([last.lower(), "?" + "&".join(keys)])
    return tuple(shapes)


def _query_id(key: str, value: str) -> bool:
    """A query parameter naming the title: digits, or a slug under a key named for an id ("id=redshoes.htm")."""
    if _TRACKING_KEYS.match(key):
        return False
    return value.isdigit() or bool(_ID_KEY.match(key) and _QUERY_SLUG.match(value))


def _has_id(segment: str) -> bool:
    return bool(re.search(r"\d", segment) or re.search(r"[A-Za-z][-_+][A-Za-z0-9]", segment))


def _shape(segment: str) -> str:
    base = _EXTENSION.sub("", segment)
    if _PREFIXED_ID.match(base):
        return _PREFIXED_ID.sub(lambda m: m.group(1).lower() + "#", base)
    return "*" if _has_id(base) else segment.lower()


def _entry_url(url: str, family: tuple[str, ...]) -> str:
    """The title's address without tracking: the path, and the query only where the id is in it."""
    parts = urlsplit(url)
    query = ""
    if family and family[-1].startswith("?"):
        keys = set(family[-1][1:].split("&"))
        query = urlencode([(key, value) for key, value in parse_qsl(parts.query) if key in keys])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


# --- which block is the list ------------------------------------------------------------------------------


@dataclass
class _Block:
    items: list[Any]
    links: list[_Link]
    """The title link of each item, in the same order."""
    dates: dict[Any, str] = field(default_factory=dict)
    """Of an entry that is a table's cell: the text of its row's date or year cell."""


def _main_block(links: list[_Link], *, page_words: set[str]) -> _Block | None:
    order = {link.element: index for index, link in enumerate(links)}
    candidates: list[_Block] = []
    for family_links in _by_family(links).values():
        for block in _blocks(family_links):
            block = _title_column(_first_links_only(block, order))
            if (
                len(block.items) >= MIN_ENTRIES
                and _distinct(block)
                and not _in_prose(block)
                and not _beside_the_list(block.items[0], page_words)
            ):
                candidates.append(block)
    if not candidates:
        return None
    candidates.sort(key=lambda block: len(block.items), reverse=True)
    best = candidates[0]
    if len(candidates) > 1 and len(best.items) < CLEAR_WINNER * len(candidates[1].items):
        return None
    return best


def _blocks(links: list[_Link]) -> list[_Block]:
    """The family's links grouped into runs of like entries. An entry is the largest element around a link
    holding no other title; a row that also links a second title (an episode and its series) joins the run
    its like rows make."""
    holders = _holders(links)
    signatures: dict[Any, tuple[Any, ...]] = {}
    paths: dict[Any, tuple[Any, ...]] = {}
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for link in links:
        item = _item_of(link, holders)
        if item is not None:
            signature = signatures.get(item) or signatures.setdefault(item, _path_signature(item, paths))
            groups.setdefault(signature, []).append(item)
    runs = {signature: len(items) for signature, items in groups.items() if len(items) >= 2}
    members: dict[tuple[Any, ...], dict[Any, _Link]] = {signature: {} for signature in runs}
    for link in links:
        # The link's entry: of the elements around it that make a run, the one of the longest run (the row,
        # not the cell or the series link a few rows hold), the outer one when runs are as long.
        best: tuple[int, Any, tuple[Any, ...]] | None = None
        for ancestor in _ancestors_or_self(link.element):
            if ancestor.tag == "body":
                break
            signature = signatures.get(ancestor) or signatures.setdefault(ancestor, _path_signature(ancestor, paths))
            if signature in runs and (best is None or runs[signature] >= best[0]):
                best = (runs[signature], ancestor, signature)
        if best is not None:
            members[best[2]].setdefault(best[1], link)  # the first title link of the entry
    return [_Block(list(found), list(found.values())) for found in members.values()]


def _first_links_only(block: _Block, order: dict[Any, int]) -> _Block:
    """The block's entries whose first link is their title: a row that leads with a person ("Annabelle Wallis
    (Actress, Annabelle (2014))") is about the person. Entries in page order."""
    kept = []
    for item, link in zip(block.items, block.links):
        title = _text(link.element).casefold()
        first = next(
            (a for a in _links_in(item) if (_text(a) or a.find(".//img") is not None) and not _picture_of(a, title)),
            None,
        )
        if first is None or first is link.element or _same_title(first, link):
            kept.append((item, link))
    kept.sort(key=lambda pair: order.get(pair[1].element, 0))
    return _Block([item for item, _ in kept], [link for _, link in kept])


def _picture_of(anchor: Any, title: str) -> bool:
    """True for a link printing only a picture whose title or alternative text names the entry's title: its
    poster or its trailer's still ("<a href="/video/player…" title="Bande-annonce Soul"><img …></a>" before
    the title's link), not a link leading the row to another subject."""
    if not title or _text(anchor):
        return False
    named = " ".join(
        (element.get("title") or "") + " " + (element.get("alt") or "")
        for element in anchor.iter()
        if isinstance(element.tag, str)
    ).casefold()
    return re.search(rf"(?<!\w){re.escape(title)}(?!\w)", named) is not None


def _title_column(block: _Block) -> _Block:
    """A block of table cells (rows that link several titles of one shape: an episode, its director and its
    writer on a wiki) as the cells of the column its header calls the title. Without such a header, or where
    a row's title cell links no title (a title printed without a link), the block is none: which link of a
    row is its title, and how many rows the list has, cannot be told."""
    if not block.items or block.items[0].tag not in _CELLS:
        return block
    if all(_row_agrees(item, link) for item, link in zip(block.items, block.links)):
        # Each row links one title (a search result's picture and name): its cells agree, and the row is the
        # entry, its title link the one that prints the title.
        rows: dict[Any, _Link] = {}
        for item, link in zip(block.items, block.links):
            row = item.getparent()
            if row not in rows or (not _text(rows[row].element) and _text(link.element)):
                rows[row] = link
        return _Block(list(rows), list(rows.values()))
    table = next((ancestor for ancestor in block.items[0].iterancestors() if ancestor.tag == "table"), None)
    headers = _column_headers(table) if table is not None else {}
    column = next((index for index, text in sorted(headers.items()) if _words(text) & _TITLE_HEADERS), None)
    if table is None or column is None:
        return _Block([], [])
    kept = [(item, link) for item, link in zip(block.items, block.links) if _column_of(item) == column]
    rows_with_a_title = sum(
        1
        for row in table.iter("tr")
        if any(cell.tag == "td" and _column_of(cell) == column for cell in row.iterchildren("td", "th"))
    )
    if len(kept) < rows_with_a_title:
        return _Block([], [])
    dated = [index for index, text in headers.items() if _words(text) & _DATE_HEADERS]
    dates = {item: _row_text(item.getparent(), dated) for item, _ in kept} if dated else {}
    return _Block([item for item, _ in kept], [link for _, link in kept], dates)


def _row_agrees(cell: Any, link: _Link) -> bool:
    """True when every other cell of the cell's row that links anything links first the cell's title."""
    row = cell.getparent()
    if row is None:
        return False
    own = _href_path(link_address(link.element))
    for other in row.iterchildren("td", "th"):
        if other is cell:
            continue
        first = next(_links_in(other), None)
        if first is not None and _href_path(link_address(first)) != own:
            return False
    return True


def _href_path(href: str | None) -> str:
    """A link's address without its query and fragment ("/title/tt1/?ref_=fn_1" is "/title/tt1/")."""
    return (href or "").strip().split("#")[0].split("?")[0]


def _column_headers(table: Any) -> dict[int, str]:
    """The text of each column's header, by column, from the table's first row of header cells."""
    for row in table.iter("tr"):
        cells = list(row.iterchildren("td", "th"))
        if cells and all(cell.tag == "th" for cell in cells):
            return {_column_of(cell): _text(cell) for cell in cells}
        if any(cell.tag == "td" for cell in cells):
            return {}  # data before any header row
    return {}


def _column_of(cell: Any) -> int:
    """The column a cell starts in, counting the columns the cells before it span."""
    column = 0
    for before in cell.itersiblings("td", "th", preceding=True):
        span = before.get("colspan") or "1"
        column += int(span) if span.isdigit() and 0 < int(span) < 100 else 1
    return column


def _row_text(row: Any, columns: list[int]) -> str:
    return " ".join(_text(cell) for cell in row.iterchildren("td", "th") if _column_of(cell) in columns)


def _by_family(links: list[_Link]) -> dict[tuple[str, ...], list[_Link]]:
    families: dict[tuple[str, ...], list[_Link]] = {}
    for link in links:
        families.setdefault(link.family, []).append(link)
    return families


def _holders(links: list[_Link]) -> dict[Any, set[str]]:
    """For each element holding a title link of the family: the titles' addresses inside it."""
    # Keyed by the element itself: lxml keeps one proxy per node only while it is referenced.
    holders: dict[Any, set[str]] = {}
    for link in links:
        for element in _ancestors_or_self(link.element):
            holders.setdefault(element, set()).add(link.url)
    return holders


def _item_of(link: _Link, holders: dict[Any, set[str]]) -> Any:
    """The largest element around the link that holds no other title: the entry's row or card."""
    item = link.element
    parent = item.getparent()
    while parent is not None and parent.tag not in ("body", "html") and len(holders.get(parent, ())) == 1:
        item = parent
        parent = item.getparent()
    return item if parent is not None else None


def _ancestors_or_self(element: Any) -> Iterator[Any]:
    while element is not None and element.tag != "html":
        yield element
        element = element.getparent()


def _classes(element: Any) -> tuple[str, ...]:
    return tuple(sorted(c for c in (element.get("class") or "").split() if not _POSITIONAL_CLASSES.match(c)))


def _path_signature(item: Any, paths: dict[Any, tuple[Any, ...]] | None = None) -> tuple[Any, ...]:
    """The elements above an entry by tag and class, and the entry's own tag: like entries share it.

    `paths` keeps the path above each element read: the entries of a list share their ancestors, which are
    then read once, not once per entry and per element around it."""
    return (item.tag, *_path_above(item, {} if paths is None else paths))


def _path_above(element: Any, paths: dict[Any, tuple[Any, ...]]) -> tuple[Any, ...]:
    """(tag, classes) of each ancestor of `element`, from the root down."""
    chain = []
    parent = element.getparent()
    while parent is not None and parent not in paths:
        chain.append(parent)
        parent = parent.getparent()
    path = paths[parent] if parent is not None else ()
    for ancestor in reversed(chain):
        # A table's rows and a list's items are one run whatever classes they take in turn (a striping of
        # "row-a"/"row-b" no word tells as positional).
        classes = () if ancestor.tag in _ROW_TAGS else _classes(ancestor)
        path = paths[ancestor] = (*path, (ancestor.tag, classes))
    return path


_ROW_TAGS = frozenset({"tr", "li"})


def _distinct(block: _Block) -> bool:
    """Entries are different titles: a block repeating a few addresses is a menu, not a list."""
    return len({link.url for link in block.links}) >= 0.8 * len(block.links)


_INLINE = {"a", "span", "b", "i", "em", "strong", "small", "cite", "abbr", "u", "font"}


def _in_prose(block: _Block) -> bool:
    """True when the entries are links in running text (an article's paragraphs), not a list: the words
    around them outweigh their own."""
    if block.items[0].tag not in _INLINE:
        return False
    parents = list({item.getparent(): None for item in block.items if item.getparent() is not None})
    linked = sum(len(_text(item)) for item in block.items)
    total = sum(len(_text(parent)) for parent in parents)
    return total - linked > linked


def _words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(_CAMEL.sub(" ", text))}


def _beside_the_list(item: Any, page_words: set[str]) -> bool:
    """True when the entries sit in navigation, a header, footer or sidebar, or a block named related,
    trending, popular... (a page named after such a word keeps its own block)."""
    topical = _TOPICAL_WORDS - page_words
    in_a_header = False
    for ancestor in item.iterancestors():
        if ancestor.tag == "main" or (ancestor.get("role") or "").lower() == "main" or ancestor.get("id") == "main":
            return False  # the page's main content: what holds it is the page's frame
        if ancestor.tag in _STRUCTURAL_TAGS or (ancestor.get("role") or "").lower() in _STRUCTURAL_ROLES:
            return True
        words = _words(" ".join(ancestor.get(name) or "" for name in ("class", "id", "aria-label")))
        # A block classed "header" inside the main content heads the content (an episode list under its
        # season's name), not the page: it is the page's header only outside the main content.
        in_a_header = in_a_header or bool(words & _HEADER_WORDS)
        if words & (_STRUCTURAL_WORDS - _HEADER_WORDS | topical) or any(
            word.endswith(_STRUCTURAL_ENDINGS) for word in words
        ):
            return True
        heading = _heading_before(ancestor)
        if heading is not None and _words(heading) & topical:
            return True
    return in_a_header


def _heading_before(element: Any) -> str | None:
    """The text of the heading just before an element, when there is one."""
    previous = element.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    if previous is None:
        return None
    if previous.tag in _HEADINGS:
        return " ".join("".join(previous.itertext()).split())
    return None


# --- the entries ------------------------------------------------------------------------------------------


def _with_id(entry: ListingEntryFields, id: str) -> ListingEntryFields:
    identified = entry.copy()
    identified["id"] = id
    return identified


def _entries(block: _Block) -> list[ListingEntryFields]:
    entries: list[tuple[ListingEntryFields, int | None]] = []
    next_year = datetime.now(UTC).year + 1
    for position, (item, link) in enumerate(zip(block.items, block.links), start=1):
        anchors = [a for a in _links_in(item) if _same_title(a, link)]
        printed_by = {anchor: _text(anchor) for anchor in anchors}
        # The title's link, not the poster's "S1, Ep2" beside it.
        title_anchor = max(anchors, key=lambda a: len(_unnumbered(printed_by[a])), default=link.element)
        printed = _unnumbered(_link_title(title_anchor)) if link_address(title_anchor) else ""
        rank = None
        rank_only = _RANK_ONLY.match(printed)
        named = " ".join((title_anchor.get("title") or "").split()) or _image_title(anchors)
        if rank_only and named and named != printed and not _BARE_YEAR.fullmatch(printed.strip()):
            # A poster's link printing its place alone ("1."): a rank, the title being the link's title
            # attribute or its image's alternative text (a film called "300" printed alone stays a title).
            rank = int(rank_only.group(1)) if int(rank_only.group(1)) == position else None
            printed = named
        printed = printed or _poster_title(link.element) or _image_title(anchors) or ""
        leading = _LEADING_RANK.match(printed)
        # "1. The Red Shoes": a rank only when it is the entry's place on the page, not a title ("9. april").
        if leading and int(leading.group(1)) == position:
            rank, printed = position, printed[leading.end() :]
        title, year = _title_and_year(printed, next_year)
        if not title:
            continue
        outside = _texts_outside(item, anchors, stop=_other_titles(item, link))
        entry: ListingEntryFields = {"title": title, "url": link.url, "rank": rank or position}
        numbers = _season_episode(" ".join([*printed_by.values(), outside]))
        year = (
            year
            or _attribute_year(link.element, item, next_year)
            or _year(outside, next_year)
            or _year(block.dates.get(item, ""), next_year)
            or _card_year(title_anchor, next_year)
        )
        if year:
            entry["year"] = year
        if numbers:
            entry["season"], entry["episode"] = numbers
        rating = _rating(outside)
        if rating:
            entry["rating"] = rating
        entries.append((entry, _printed_rank(item, title_anchor)))
    printed_ranks = [printed for _, printed in entries if printed]
    # Ranks printed on their own ("1.", <em>1</em>) count when every entry has one and they rise.
    if len(printed_ranks) == len(entries) and all(a < b for a, b in zip(printed_ranks, printed_ranks[1:])):
        return [_ranked(entry, printed) for entry, printed in entries]
    return [entry for entry, _ in entries]


def _with_described_years(entries: list[ListingEntryFields], page: Page) -> list[ListingEntryFields]:
    """The entries, with the years the page's description states for the titles whose rows print none.

    A poster grid prints no year, but its description may name a few of its titles with theirs ("A list of
    250 films, including Come and See (1985), Parasite (2019) and ..."). A year is taken only for a title
    the list holds once and the description names with one year, where the name stands as an item of the
    description's list: after its start, a comma, a colon or a lowercase word ("including", "and"), not
    inside a longer title ("Joker" in "The Joker (1989)")."""
    undated = [entry for entry in entries if not entry.get("year")]
    description = page.meta("description") or page.meta("og:description") if undated else None
    # Where the description prints a year in brackets: the end of the name before it, and the year.
    marks = [(match.start(), int(match.group(1))) for match in _DESCRIBED_YEAR.finditer(description or "")]
    if not description or not marks:
        return entries
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry["title"].lower()] = counts.get(entry["title"].lower(), 0) + 1
    next_year = datetime.now(UTC).year + 1
    dated: list[ListingEntryFields] = []
    for entry in entries:
        year = None
        if not entry.get("year") and counts[entry["title"].lower()] == 1:
            year = _described_year(entry["title"], description, marks, next_year)
        if year:
            entry = entry.copy()
            entry["year"] = year
        dated.append(entry)
    return dated


def _described_year(title: str, description: str, marks: list[tuple[int, int]], next_year: int) -> int | None:
    """The one year the description gives `title`, read at the places it prints a year (`marks`)."""
    named: list[tuple[int, int]] = []  # (where the name starts, its year)
    for end, year in marks:
        start = end - len(title)
        if start >= 0 and description[start:end].lower() == title.lower():
            if start == 0 or not description[start - 1].isalnum():  # not the end of a longer word
                named.append((start, year))
    # The title named with one year only (not a film and its remake), as an item of the list.
    if len({year for _, year in named}) != 1 or not any(_starts_an_item(description[:start]) for start, _ in named):
        return None
    year = named[0][1]
    return year if 1870 <= year <= next_year else None


def _starts_an_item(before: str) -> bool:
    """True when a name after `before` starts an item of a list written out in a sentence."""
    stripped = before.rstrip()
    if not stripped or stripped[-1] in ",;:(":
        return True
    if stripped == before:  # no space: inside a word
        return False
    last = stripped.split()[-1]
    return last.isalpha() and last.islower()


def _title_and_year(printed: str, next_year: int) -> tuple[str | None, int | None]:
    """The title an entry prints and the year printed after it, also where kind notes in brackets follow the
    year ("Pelíšky (1999) (TV film)")."""
    title, year = title_and_year(printed)
    if year is None and title:
        noted = _YEAR_THEN_NOTES.match(title)
        if noted and 1870 <= int(noted.group("year")) <= next_year:
            return noted.group("title"), int(noted.group("year"))
    return title, year


def _ranked(entry: ListingEntryFields, rank: int | None) -> ListingEntryFields:
    ranked = entry.copy()
    ranked["rank"] = rank
    return ranked


def _same_title(anchor: Any, link: _Link) -> bool:
    href = link_address(anchor) or ""
    path = urlsplit(link.url).path
    return bool(href) and (
        href.split("?")[0].split("#")[0].rstrip("/").endswith(path.rstrip("/")) or anchor is link.element
    )


def _link_title(anchor: Any) -> str:
    """The title a link prints: its text, or the text of its first part when it holds several (a title span
    beside hidden action labels, "Gozu (2003)" + "Watch this film?"; a title beside its other titles), never
    scores printed alone ("81% 78%" over a poster grid's title). The year of a date the link prints beside the
    title ("Opened Feb 07, 2025") is not taken: it is a release's, and a re-release opens years later."""
    texts = [text for child in anchor if isinstance(child.tag, str) for text in (_visible_text(child),) if text]
    if len(texts) >= 2 and not (anchor.text or "").strip():
        return next((text for text in texts if not _SCORES_ONLY.match(text)), "")
    text = _visible_text(anchor)
    return "" if _SCORES_ONLY.match(text) else text


def _card_year(anchor: Any, next_year: int) -> int | None:
    """The year a card's link prints in a line of facts under its title ("The Green Mile, 1999, 189 мин."): a
    year standing as one item of the line, whose other items are words or a runtime; never a date's year
    ("Opened Feb 07, 2025": a release's)."""
    texts = [text for child in anchor if isinstance(child.tag, str) for text in (_visible_text(child),) if text]
    for text in texts[1:]:
        items = [item.strip(" .") for item in text.split(",")]
        years = [int(item) for item in items if _BARE_YEAR.fullmatch(item)]
        others = [item for item in items if not _BARE_YEAR.fullmatch(item)]
        if len(years) == 1 and all(not _DIGIT.search(i) or _RUNTIME_ITEM.fullmatch(i) for i in others):
            return years[0] if 1870 <= years[0] <= next_year else None
    return None


_DIGIT = re.compile(r"\d")
# A runtime as a card's line of facts prints it: "189 мин", "133 min", "2h 13m".
_RUNTIME_ITEM = re.compile(r"(?:\d{1,2}\s*h\s*)?\d{1,3}\s*(?:min|mins|мин|minut|perc|m|分)?", re.IGNORECASE)


# Scores printed alone, without a word: "81%", "81% 78%", "--%" (no score yet).
_SCORES_ONLY = re.compile(r"^(?:(?:\d{1,3}(?:[.,]\d)?|-+)\s*%\s*)+$")


def _visible_text(element: Any) -> str:
    """The element's text without what it hides (`hidden`, `aria-hidden`: menus, action labels)."""

    def pieces(node: Any) -> Iterator[str]:
        if node.get("hidden") is not None or node.get("aria-hidden") == "true":
            return
        yield node.text or ""
        for child in node:
            if isinstance(child.tag, str) and child.tag not in ("script", "style"):
                yield from pieces(child)
            yield child.tail or ""

    return " ".join("".join(pieces(element)).split())


def _text(element: Any) -> str:
    return " ".join(" ".join(t for t in element.itertext() if t).split())


def _image_title(anchors: list[Any]) -> str | None:
    """A poster's alternative text, for entries whose links show only the poster."""
    for anchor in anchors:
        for image in anchor.iter("img"):
            alt = _POSTER_PHRASE.sub("", " ".join((image.get("alt") or "").split()))
            if alt:
                return alt
    return None


def _poster_title(element: Any) -> str | None:
    """The title of a poster whose link is a data attribute of its wrapper: the wrapper's title attribute,
    else its image's alternative text."""
    if link_address(element):
        return None
    for name in _TITLE_ATTRIBUTES:
        value = " ".join((element.get(name) or "").split())
        if value:
            return value
    return _image_title([element])


def _attribute_year(element: Any, item: Any, next_year: int) -> int | None:
    """The year a data attribute of the title's link, or of an element between it and the entry, states."""
    for holder in _ancestors_or_self(element):
        for name in _YEAR_ATTRIBUTES:
            value = (holder.get(name) or "").strip()
            if len(value) >= 4 and value[:4].isdecimal() and (len(value) == 4 or not value[4].isdigit()):
                year = int(value[:4])
                return year if 1870 <= year <= next_year else None
        if holder is item:
            break
    return None


def _unnumbered(text: str) -> str:
    """A title without the episode's number printed before it ("S1.E3 ∙ Tell It to the Frogs"); nothing
    when the text is the number alone ("S1, Ep2" under a poster)."""
    match = _SEASON_EPISODE.match(text)
    if match is None:
        return text
    return text[match.end() :].lstrip(" ∙·•|:-–—").strip()


def _season_episode(text: str) -> tuple[int, int] | None:
    """(season, episode) an episode's row prints: "S1, Ep3", "S1.E3", "S01E03", "Season 1 Episode 3"."""
    match = _SEASON_EPISODE.search(text)
    return (int(match.group(1)), int(match.group(2))) if match else None


def _other_titles(item: Any, link: _Link) -> set[Any]:
    """Links of the entry to another title (the series of an episode): what follows them is theirs."""
    return {a for a in _links_in(item) if not _same_title(a, link) and title_family(link_address(a) or "")}


def _links_in(item: Any) -> Iterator[Any]:
    """The links inside an element, in page order: `<a href>`s and elements standing for links."""
    for element in item.iter("a", *_ENCODED_LINK_TAGS):
        if link_address(element):
            yield element


def _texts_outside(item: Any, anchors: list[Any], *, stop: set[Any]) -> str:
    """The entry's text without its title links (where a year or a rating is printed), up to a link to
    another title."""
    inside = {node for anchor in anchors for node in anchor.iter()}
    pieces: list[str] = []
    for node in item.iter():
        if node in stop:
            break
        if not isinstance(node.tag, str) or node.tag in ("script", "style"):
            continue
        if node not in inside and node.text:
            pieces.append(node.text)
        parent = node.getparent()
        if node is not item and node.tail and (parent is None or parent not in inside):
            pieces.append(node.tail)
    return " ".join(" ".join(pieces).split())


# The year a Japanese page says the film was made: "1948年製作", "製作年：1948年".
_MADE_IN = re.compile(r"(?<!\d)((?:18|19|20)\d\d)\s*年\s*製作|製作年\s*[:：]?\s*((?:18|19|20)\d\d)(?!\d)")
# A release date as Japanese and Chinese pages print it, its year the release's in the country, not the film's:
# "1950年3月21日公開", "2019年10月4日(金)より全国ロードショー", "劇場公開日：1950年3月21日", "上映日：2019年10月04日",
# "1950年公開", "2019-10-04(中国大陆)上映".
_DATE_JA = r"(?:18|19|20)\d\d\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
_DATE_DASHED = r"(?:18|19|20)\d\d-\d{1,2}(?:-\d{1,2})?"
_RELEASED = re.compile(
    rf"(?:劇場)?(?:公開日?|上映日|初公開)\s*[:：]?\s*(?:{_DATE_JA}|{_DATE_DASHED})"
    rf"|(?:{_DATE_JA}|{_DATE_DASHED})\s*(?:[(（][^()（）]{{0,12}}[)）])?\s*(?:より)?\s*(?:全国|劇場)?\s*(?:公開|上映|ロードショー)"
)


def _year(text: str, next_year: int) -> int | None:
    """The year printed beside the title: a Japanese production note ("1948年製作") first, then a "(1948)",
    else the start of a run ("2022–2025"), else the only year-like number; never the year of a Japanese or
    Chinese release date ("1950年3月21日公開"), which is the film's year in one country only."""
    if "年" in text or "公開" in text or "上映" in text:
        made = _MADE_IN.search(text)
        if made and 1870 <= int(made.group(1) or made.group(2)) <= next_year:
            return int(made.group(1) or made.group(2))
        text = _RELEASED.sub(" ", text)
    for match in _PAREN_YEAR.finditer(text):
        year = int(match.group(1))
        if 1870 <= year <= next_year:
            return year
    span = _YEAR_SPAN.search(text)
    if span and 1870 <= int(span.group(1)) <= next_year:
        return int(span.group(1))
    years = {int(y) for y in _BARE_YEAR.findall(text) if 1870 <= int(y) <= next_year}
    return years.pop() if len(years) == 1 else None


def _printed_rank(item: Any, title_anchor: Any) -> int | None:
    """A rank printed on its own in the entry ("1.", "#1", <em>1</em>), before or after the title."""
    for node in item.iter():
        if node is title_anchor or not isinstance(node.tag, str) or node.tag in ("script", "style"):
            continue
        for text in (node.text, node.tail if node is not item else None):
            match = _RANK_ONLY.match(text or "")
            if match and text and text.strip():
                return int(match.group(1))
    return None


def _rating(text: str) -> RatingFields | None:
    match = _SCALED_RATING.search(text)
    rating = or_none(parse_rating, match.group(1)) if match else None
    if rating is None:
        return None
    return {"value": rating.value, "best": rating.best, "worst": rating.worst}


# --- the list as a whole ----------------------------------------------------------------------------------


def _heading(body: Any) -> str | None:
    """The list's heading: the first <h1> outside the page's furniture (see _page_heading)."""
    heading = _page_heading(body)
    return _text(_without_count(heading)) if heading is not None else None


def _page_heading(body: Any) -> Any:
    """The first <h1> printing something outside the page's furniture. A <header> inside a section of the page
    (<section>, <article>, <main>) heads that section, as HTML has it, not the page: its <h1> counts. A heading
    marked as the list's author ("<h1 itemprop="author">List by Vicky Page</h1>") names who made it, not it."""
    for heading in body.iter("h1"):
        if any(a.tag in _STRUCTURAL_TAGS and not _heads_a_section(a) for a in heading.iterancestors()):
            continue
        if (heading.get("itemprop") or "").strip().lower() in _BYLINE_PROPS:
            continue
        if _text(_without_count(heading)):
            return heading
    return None


_SECTIONING = {"section", "article", "main"}
_BYLINE_PROPS = {"author", "creator"}


def _heads_a_section(element: Any) -> bool:
    """True for a <header> whose nearest sectioning ancestor is a section of the page, not the <body>."""
    if element.tag != "header":
        return False
    for ancestor in element.iterancestors():
        if ancestor.tag in _SECTIONING or (ancestor.get("role") or "").lower() == "main":
            return True
        if ancestor.tag in ("nav", "aside", "body"):
            return False
    return False


def _heading_count(heading: Any) -> int | None:
    """The count a heading prints last in an element of its own ("Ratings <span>427</span>"): the list's size."""
    children = [child for child in heading if isinstance(child.tag, str)]
    if not children or (children[-1].tail or "").strip():
        return None
    text = _text(children[-1])
    if not _COUNT_ONLY.match(text) or _YEAR_ONLY.match(text):
        return None
    return int(re.sub(r"\D", "", text))


# A year printed last in a heading ("Films similar to The Red Shoes <small>1948</small>") is the film's, not the
# list's size.
_YEAR_ONLY = re.compile(r"^\(?(?:18|19|20)\d\d\)?$")


def _without_count(heading: Any) -> Any:
    """The heading without the count it prints last in an element of its own."""
    if _heading_count(heading) is None:
        return heading
    copy = deepcopy(heading)
    copy.remove([child for child in copy if isinstance(child.tag, str)][-1])
    return copy


_COUNT_ONLY = re.compile(r"^\(?\d{1,3}(?:[ ,.\u00a0\u202f]?\d{3})*\)?$")


def _counted_heading(body: Any, entries: int) -> int | None:
    """The count the list's heading prints beside its title, where it is at least the entries shown."""
    heading = _page_heading(body)
    count = _heading_count(heading) if heading is not None else None
    return count if count is not None and count >= entries else None


def _stated_total(block: _Block, entries: int) -> int | None:
    """The list's size as the page states it near the list: in the blocks holding it, outside its entries."""
    items = {node for item in block.items for node in item.iter()}
    container = block.items[0].getparent()
    for _ in range(3):
        if container is None or container.tag in ("body", "html"):
            break
        items |= _other_views(container)
        text = " ".join(
            piece
            for node in container.iter()
            if isinstance(node.tag, str) and node not in items and node.tag not in ("script", "style")
            for piece in (node.text, node.tail)
            if piece
        )
        for pattern in _TOTALS:
            for match in pattern.finditer(text):
                total = int(re.sub(r"\D", "", match.group(1)))
                if total >= entries:
                    return total
        container = container.getparent()
    return None


def _other_views(container: Any) -> set[Any]:
    """The nodes of the links to other views of the list, each with its size, beside the view shown: tabs
    ("<a>Онлайн 204 фильма</a><a class="…rootActive…">Все 250 фильмов</a>"), whose counts are not this
    list's, but the count of the tab marked as the one shown is."""
    tabs: dict[Any, list[Any]] = {}
    for link in container.iter("a"):
        text = " ".join(" ".join(link.itertext()).split())  # pieces apart, as the total is read
        if any(pattern.search(text) for pattern in _TOTALS):
            tabs.setdefault(link.getparent(), []).append(link)
    others: set[Any] = set()
    for links in tabs.values():
        if len(links) >= 2:
            others.update(node for link in links if not _shown_view(link) for node in link.iter())
    return others


_SHOWN_MARK = re.compile(r"active|selected|current", re.IGNORECASE)


def _shown_view(link: Any) -> bool:
    """True for the tab marked as the view shown: a class naming it active, or aria-current/aria-selected."""
    if link.get("aria-current") not in (None, "false") or link.get("aria-selected") == "true":
        return True
    return bool(_SHOWN_MARK.search(link.get("class") or ""))


_KINDS: tuple[tuple[re.Pattern[str], ListingKind], ...] = (
    (re.compile(r"/(search|find|suche|recherche|busca|buscar|poisk)\b|[?&](q|query|s)=", re.I), "search"),
    (re.compile(r"/(top|chart|charts|ranking|rankings|rating|best|zebricky)\b", re.I), "chart"),
    (re.compile(r"/watchlist\b", re.I), "watchlist"),
    # a member's rated or seen films: "/user/ann/films", "/members/ann/ratings"
    (
        re.compile(r"/(?:user|users|member|members|profile|u)/[^/]+/(?:films|movies|ratings|votes)\b", re.I),
        "user_films",
    ),
)


def _kind(url: str, entries: list[ListingEntryFields]) -> ListingKind:
    if all(entry.get("episode") for entry in entries):
        return "episodes"  # every row prints its season and episode
    parts = urlsplit(url)
    target = parts.path + ("?" + parts.query if parts.query else "")
    return next((kind for pattern, kind in _KINDS if pattern.search(target)), "list")
