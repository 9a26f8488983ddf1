"""A generated IMDb-like site of any size, made from the bundled sample site's IMDb pages.

    /list/ls<per list><titles>/?page=K  list pages of ENTRIES_PER_LIST titles each, chained by "Next" links
    /title/tt<id>/                    title pages, alternating the two sample layouts (2016-21 title_wrapper,
                                      2022+ Next.js)
    /title/tt<id>/fullcredits/, /releaseinfo/, /reviews/
                                      the sub-pages the IMDb spider fetches and merges into each film

The IMDb spider has the longest sub-page chains, so a crawl of this site runs every part of the
crawl path: listing pages, title pages of two layouts, three merged sub-pages per title, film, review and
listing records. Title n gets its own tt id, title and review ids, substituted into the sample page of its
layout; pages are rendered on request and nothing is stored per page, so a site of any size costs the memory
of its templates. The list id names the site's size, so one server answers sites of any size.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qsl, urlsplit

from crawler.sample_site import PAGES

TEMPLATES = PAGES / "imdb"
ENTRIES_PER_LIST = 100
SUBPAGES = ("fullcredits", "releaseinfo", "reviews")
PAGES_PER_TITLE = 1 + len(SUBPAGES)
FIRST_TITLE = 10_000_000
MAX_REVIEWS = 10
"""Reviews a sample reviews page may hold: title n's k-th review is rw<(FIRST_TITLE + n) * 10 + k>."""
HTML = "text/html; charset=utf-8"
ROBOTS = b"User-agent: *\nAllow: /\n"

# The two layouts of the sample site: its title id, and the title text its pages print.
_LAYOUTS = ("tt0040725", "tt9990025")
_SAMPLE_TITLE = "The Red Shoes"
_SAMPLE_LIST = "ls099900048"
_REVIEW_ID = re.compile(r"(?<=rw)\d{5,10}")
_ITEM_START = '<div class="lister-item mode-detail">'
_LIST_END = '</div>\n<div class="list-pagination">'
_PAGINATION = re.compile(r'<div class="list-pagination">.*?</div>', re.S)
_TOTAL = re.compile(r'(lister-total-num-results">)\d+ titles')
_RANK = re.compile(r'(lister-item-index[^"]*">)\d+\.')

_TITLE_PATH = re.compile(r"^/title/tt(?P<number>\d{8})/(?:(?P<sub>fullcredits|releaseinfo|reviews)/?)?$")
_LIST_PATH = re.compile(r"^/list/ls(?P<per_list>\d{3})(?P<titles>\d{9})/?$")


class Template:
    """A page cut at its variable parts: rendering joins the fixed parts with the values of the slots."""

    def __init__(self, text: str, slots: dict[str, str]) -> None:
        """`slots` maps each literal of the page to be replaced to the name of its slot."""
        self.parts: list[str] = []
        self.names: list[str] = []
        pattern = re.compile("|".join(re.escape(literal) for literal in sorted(slots, key=len, reverse=True)))
        position = 0
        for match in pattern.finditer(text):
            self.parts.append(text[position : match.start()])
            self.names.append(slots[match.group()])
            position = match.end()
        self.parts.append(text[position:])

    def render(self, values: dict[str, str]) -> str:
        pieces = [self.parts[0]]
        for name, part in zip(self.names, self.parts[1:]):
            pieces.append(values[name])
            pieces.append(part)
        return "".join(pieces)


def title_slots(tt: str, review_numbers: list[str]) -> dict[str, str]:
    """The literals of a layout's pages that differ between titles: the tt id, the title and the numbers of
    the reviews (the reviews page writes "rw1096263", the title page's vote buttons "ynb_1096263")."""
    slots = {tt: "tt", _SAMPLE_TITLE: "title"}
    for k, number in enumerate(review_numbers):
        slots[number] = f"rw{k}"
    return slots


@dataclass(frozen=True)
class TitleTemplates:
    """The four pages of one layout (title, full credits, release info, reviews) and its list entry."""

    pages: dict[str, Template]
    """By sub-page name; "" is the title page."""
    entry: Template


@cache
def layouts() -> tuple[TitleTemplates, ...]:
    listing = (TEMPLATES / f"list-{_SAMPLE_LIST}.html").read_text(encoding="utf-8")
    entries = _list_entries(listing)
    found = []
    for tt, entry in zip(_LAYOUTS, entries):
        texts = {
            sub: (TEMPLATES / f"{sub or 'title'}-{tt}.html").read_text(encoding="utf-8") for sub in ("", *SUBPAGES)
        }
        review_numbers = list(dict.fromkeys(_REVIEW_ID.findall(texts["reviews"])))
        if len(review_numbers) > MAX_REVIEWS:
            raise ValueError(f"{tt}'s reviews page has over {MAX_REVIEWS} reviews: generated ids would collide")
        slots = title_slots(tt, review_numbers)
        pages = {sub: Template(text, slots) for sub, text in texts.items()}
        found.append(TitleTemplates(pages, Template(_RANK.sub(r"\g<1>{rank}.", entry), slots | {"{rank}": "rank"})))
    return tuple(found)


def _list_entries(listing: str) -> list[str]:
    first = listing.index(_ITEM_START)
    second = listing.index(_ITEM_START, first + 1)
    end = listing.index(_LIST_END)
    return [listing[first:second], listing[second:end]]


@cache
def _list_frame() -> tuple[str, str]:
    """The list page before its first entry and after its last, with slots for the list id, size and paging."""
    listing = (TEMPLATES / f"list-{_SAMPLE_LIST}.html").read_text(encoding="utf-8")
    head = _TOTAL.sub(r"\g<1>{total} titles", listing[: listing.index(_ITEM_START)]).replace(_SAMPLE_LIST, "{list}")
    tail = _PAGINATION.sub("{pagination}", listing[listing.index(_LIST_END) :])
    return head, tail


def title_number(n: int) -> str:
    return f"tt{FIRST_TITLE + n}"


def title_values(n: int) -> dict[str, str]:
    values = {"tt": title_number(n), "title": f"Sample Film {n}"}
    values.update({f"rw{k}": str((FIRST_TITLE + n) * MAX_REVIEWS + k) for k in range(MAX_REVIEWS)})
    return values


@dataclass(frozen=True)
class GeneratedSite:
    """An IMDb-like site of `titles` titles, listed ENTRIES_PER_LIST to a page."""

    titles: int
    per_list: int = ENTRIES_PER_LIST

    @classmethod
    def with_pages(cls, pages: int, per_list: int = ENTRIES_PER_LIST) -> GeneratedSite:
        """The smallest site with at least `pages` pages."""
        titles = max(1, math.floor(pages / (PAGES_PER_TITLE + 1 / per_list)))
        while cls(titles, per_list).pages < pages:
            titles += 1
        return cls(titles, per_list)

    @property
    def list_id(self) -> str:
        """Names the site: entries per list page, then titles ("ls100000002494")."""
        return f"ls{self.per_list:03d}{self.titles:09d}"

    @property
    def list_pages(self) -> int:
        return math.ceil(self.titles / self.per_list)

    @property
    def pages(self) -> int:
        """Pages a full crawl fetches (robots.txt aside)."""
        return self.list_pages + PAGES_PER_TITLE * self.titles

    @property
    def start_path(self) -> str:
        return f"/list/{self.list_id}/"

    def list_path(self, page: int) -> str:
        return self.start_path if page == 1 else f"{self.start_path}?page={page}"

    def paths(self) -> Iterator[str]:
        """Every page of a full crawl, as the IMDb spider requests it."""
        for page in range(1, self.list_pages + 1):
            yield self.list_path(page)
            for n in self._numbers_on(page):
                yield f"/title/{title_number(n)}/?ref_=li_tt"
                for sub in SUBPAGES:
                    yield f"/title/{title_number(n)}/{sub}/"

    def _numbers_on(self, page: int) -> range:
        return range((page - 1) * self.per_list, min(page * self.per_list, self.titles))

    def list_page(self, page: int) -> str:
        numbers = self._numbers_on(page)
        head, tail = _list_frame()
        entries = "".join(
            layouts()[n % len(_LAYOUTS)].entry.render(title_values(n) | {"rank": str(n + 1)}) for n in numbers
        )
        last = page == self.list_pages
        pagination = (
            f'<div class="list-pagination"><span class="pagination-range">{numbers.start + 1} - '
            f"{numbers.stop} of {self.titles}</span>"
            + (
                '<a class="next-page disabled" href="#">Next</a>'
                if last
                else f'<a class="next-page" href="{self.list_path(page + 1)}">Next</a>'
            )
            + "</div>"
        )
        return (
            head.replace("{list}", self.list_id).replace("{total}", str(self.titles))
            + entries
            + tail.replace("{pagination}", pagination)
        )


def title_page(n: int, sub: str = "") -> str:
    return layouts()[n % len(_LAYOUTS)].pages[sub].render(title_values(n))


def answer(target: str) -> tuple[int, str, bytes]:
    """(status, content type, body) of a request target ("/title/tt10000007/reviews/", "/list/ls...?page=2")."""
    parts = urlsplit(target)
    if parts.path == "/robots.txt":
        return 200, "text/plain", ROBOTS
    title = _TITLE_PATH.match(parts.path)
    if title:
        return 200, HTML, title_page(int(title.group("number")) - FIRST_TITLE, title.group("sub") or "").encode()
    listing = _LIST_PATH.match(parts.path)
    if listing:
        site = GeneratedSite(int(listing.group("titles")), int(listing.group("per_list")))
        page = dict(parse_qsl(parts.query)).get("page", "1")
        if page.isdigit() and 1 <= int(page) <= site.list_pages:
            return 200, HTML, site.list_page(int(page)).encode()
    return 404, "text/plain", b"not found\n"
