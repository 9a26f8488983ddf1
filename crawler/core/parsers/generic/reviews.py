"""The reviews a page lists in its markup alone: a site's user or critic reviews without schema.org Review data.

A page of reviews shows them as a run of like elements (cards, list items, rows of a table, the `<div>`s of a
2000s page), each holding one review: its headline, its author (a link to the author's page, an "Author:"
label, a "by X" line or an element named for the author), its date, perhaps a score with its scale ("8/10",
"3/4", "★★★★☆", an image whose alt text is "8/10"), and its text (inside the item, or in the paragraphs right
after it). The reader

1. looks for the run only where the page could hold one: an element whose class or test id names a review,
   or a page title or main heading saying "reviews" (`may_hold_reviews`, one query in C over the attributes);
2. groups the children of every element by tag and class, and reads each group of two or more like elements as
   reviews; an item is a review when it has a text or a headline and an author or a date;
3. leaves out groups in page furniture (navigation, headers, footers, sidebars), a film's table of releases
   (a block named "releases": dates and countries, never reviews), blocks of other reviews
   (named related, similar, recommended, or headed "More reviews") and every comment thread (a class or id
   naming comments or replies, or a heading "Comments", "Leave a reply" before it): the comments under a
   blog's article are its readers' words, not reviews of the film;
4. keeps a group only where the page speaks of reviews (the group, an element above it, or the page's title
   or main heading names them), and only the page's main run: the group of the most reviews, when no other
   run (not one holding it or held in it) has as many. A wrong review is worse than none.

Each review is a record shaped as the site parsers' (its id from its own permalink where it has one, else a
digest of the page, author and headline); the film it reviews is named only where the page states it (a title
or heading "User reviews of X", "X (2013) - User reviews", with the film's link in the heading for its id). The
page's stated number of reviews ("572 reviews", "Reviews (572)", "1-10 of 572 reviews", "572 Kritiken") is
the `total` of a `reviews` listing record beside them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from lxml import etree

from crawler.core.normalize import parse_date, parse_rating
from crawler.core.normalize.text import clean_multiline, clean_text
from schemas.record_fields import ListingFields, RecordFields, ReviewFields, ReviewRatingFields

from ..fields import or_none
from ..ids import digest_id, host_of, path_id
from ..page import Page
from ..schemaorg import title_and_year
from .listing import registrable_host, title_family

MIN_REVIEWS = 2
# A review's text is a sentence at least: shorter blocks are its labels, counts and buttons.
_MIN_TEXT = 25
_MAX_AUTHOR = 80
_MAX_TITLE = 300
_MAX_ITEM_LINKS = 20
# A run of like elements of which fewer than this share are reviews is a page's layout, not a list of reviews.
_MIN_SHARE = 0.5

# Stems of "review" in class names and attribute values, in the languages the label reader knows.
_REVIEW_STEMS = (
    "review",
    "critique",
    "critic",
    "kritik",
    "rezension",
    "recension",
    "reseña",
    "recenz",
    "рецензи",
    "отзыв",
)
# A review's own address names a review ("/review/rw123/"); a critic's page is the author's, not the review's.
_PERMALINK_STEMS = tuple(stem for stem in _REVIEW_STEMS if stem != "critic")
_REVIEW_WORDS = re.compile(
    r"\b(?:user\s+|critic\s+|audience\s+)?(?:reviews?|critiques?|kritiken|rezensionen?|recensions?|recensioni|"
    r"recensione|reseñas?|recenze|recenzí|recenzje|рецензи[яийе]|отзыв(?:ы|ов|а)?)\b",
    re.IGNORECASE,
)
# The plural, or a "user review" of a site's users: the words of a page of reviews, not of one review article.
_LISTED_REVIEWS = re.compile(
    r"\b(?:user\s+reviews?|critic\s+reviews|reviews|critiques|kritiken|rezensionen|recensions|recensioni|"
    r"reseñas|recenze|recenzí|recenzje|рецензии|отзывы)\b",
    re.IGNORECASE,
)
_PRESENCE_ATTRIBUTES = ("class", "id", "data-testid")
# Those stems without their first letter, so that case does not matter ("Review", "userReviews", "Critiques"):
# the queries test each attribute or text as it is, without translating its case (the costly part).
_PRESENCE_STEMS = ("eview", "ritic", "ritiq", "ritik", "ezens", "ecens", "ecenz")
_TEXT_STEMS = (*_PRESENCE_STEMS, "EVIEW", "eseñ", "ецензи", "ЕЦЕНЗИ", "тзыв", "ТЗЫВ")


def _contains_any(stems: tuple[str, ...]) -> str:
    return " or ".join(f"contains(., '{stem}')" for stem in stems)


# Whether any class or test id names a review: one query over the attributes, run in C.
_PRESENCE_QUERY = (
    f"boolean(//@class[{_contains_any(_PRESENCE_STEMS)}] | //@data-testid[{_contains_any(_PRESENCE_STEMS)}])"
)
# Text nodes that may state the number of reviews, found in one query (scripts and styles left out).
_TOTAL_QUERY = f"//text()[not(parent::script or parent::style)][{_contains_any(_TEXT_STEMS)}]"

_FURNITURE_TAGS = {"nav", "header", "footer", "aside", "menu", "form", "dialog", "script", "style", "template"}
_FURNITURE_WORDS = {
    "sidebar", "aside", "footer", "masthead", "menu", "nav", "navbar", "navigation", "breadcrumb",
    "breadcrumbs", "ad", "ads", "advert", "advertisement", "sponsored", "promo", "banner", "rail", "cookie",
    "modal", "dropdown", "widget", "widgets", "side",
    # blocks beside the page's own reviews: other films', other pages' ("recent" or "latest" reviews are the
    # film's own on its page)
    "related", "recommended", "recommendations", "similar", "suggested", "suggestions",
}  # fmt: skip
# Comment threads are named in a class or id ("commentlist", "comment-123", "disqus_thread", "respond").
_COMMENT_MARKS = ("comment", "disqus", "reply", "replies", "respond", "trackback", "pingback", "guestbook", "forum")
_BESIDE_HEADING = re.compile(
    r"\b(?:comments?|responses?|repl(?:y|ies)|kommentare?|commentaires?|comentarios?|commenti|комментари\w*|"
    r"leave a reply|join the discussion)\b"
    # a block of other reviews beside the page's own: "More reviews", "Latest reviews", "Related critiques"
    r"|\b(?:more|other|related|similar|recommended)\s+(?:[^\W\d_]+\s+)?"
    r"(?:reviews|critiques)\b|\byou (?:may|might) also like\b",
    re.IGNORECASE,
)
# A block named for a film's releases ("tab-releases", "release-table") lists dates and countries, each perhaps
# with a festival's name: rows that look like dated, signed notes, never reviews.
_RELEASE_WORDS = frozenset({"release", "releases", "premiere", "premieres"})
_POSITIONAL_CLASSES = re.compile(r"^(odd|even|first|last|alt|active|selected|current|hover|is-.*|js-.*)$")
_NUMBERED = re.compile(r"\d+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

_TITLE_WORDS = {"title", "headline", "heading", "summary", "subject"}
_AUTHOR_MARKS = ("author", "byline", "reviewer", "username", "user-name", "displayname", "display-name", "nickname")
_AUTHOR_PATHS = {
    "user", "users", "u", "member", "members", "profile", "profiles", "critic", "critics", "author", "authors",
    "reviewer", "reviewers", "uzivatel", "benutzer", "utilisateur", "usuario", "membre",
}  # fmt: skip
# The words beside "name" in a class that names a review's author ("user-name", "critic_name", "screenName").
_NAMED_PEOPLE = {"user", "critic", "reviewer", "member", "screen", "nick", "display", "profile"}
_DATE_WORDS = {"date", "time", "published", "posted", "timestamp", "datetime", "when"}
_RATING_WORDS = {"rating", "ratings", "score", "stars", "star", "grade", "rated", "note", "notation", "bewertung"}
# Blocks of a review item that are the site's, not the reviewer's: votes, helpful counts, share buttons.
_NOISE_WORDS = {
    "actions", "action", "helpful", "helpfulness", "vote", "votes", "voting", "share", "sharing", "toolbar",
    "buttons", "controls", "permalink", "report", "flag",
}  # fmt: skip
_MORE_LINK = re.compile(
    r"^(?:(?:read\s+)?(?:the\s+)?(?:full|whole|complete|entire)\s+review|read\s+more|continue\s+reading|"
    r"permalink|more|(?:direct|permanent)\s+link|прямая\s+ссылка|постоянная\s+ссылка)\W*$",
    re.IGNORECASE,
)
_PUBLICATION_MARKS = ("publication", "outlet", "source", "publisher")
_CRITIC_WORDS = {"critic", "critics", "critique", "critiques", "press", "kritiker"}

_BYLINE = re.compile(
    r"^\s*(?:reviewed\s+by|review\s+by|written\s+by|by|author|von|par|por|di|от|autor|auteur)\s*:?\s+(?P<name>.+?)\s*"
    r"(?:(?:,|\bon\b|\||[-–—•·]|\bfrom\b)\s*.*)?$",
    re.IGNORECASE,
)
_AUTHOR_LABEL = re.compile(r"^\s*(?:author|reviewer|by|von|par|por|autor|auteur|автор)\s*:\s*$", re.IGNORECASE)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_PRINTED_DATE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}|"
    r"\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)
# A score printed as a short line of its own: "8/10", "Rating: 8/10", "Original score: 3/4", "4 out of 5".
# "out of" in a score of the languages read ("10 из 10" closing a Kinopoisk review, "8 sur 10", "7 von 10").
_OUT_OF = r"(?:/|out\s+of|из|sur|von|su|z|ze|van|av)"
_SCORE_LINE = re.compile(
    rf"^\s*[|·•,–—-]?\s*(?:[^\W\d_][\w ]{{0,24}}:\s*)?\d{{1,3}}(?:[.,]\d{{1,2}})?\s*{_OUT_OF}\s*\d{{1,3}}\s*(?:stars?)?\s*$",
    re.IGNORECASE,
)
# A score's "out of" in another language, before its scale: read as "/".
_WORDED_OUT_OF = re.compile(r"(?<=\d)\s+(?:из|sur|von|su|z|ze|van|av)\s+(?=\d)", re.IGNORECASE)
_STARS = re.compile(r"^\s*[★⭐☆½](?:\s*[★⭐☆½])*\s*$")
_SPOILER_LINE = re.compile(r"^\W*(?:this review may contain spoilers|spoilers?(?: ahead| warning)?)\W*$", re.I)

_NUMBER = r"(\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+|\d+)"
_TOTAL_FORMS = (
    # "572 reviews", "572 User Reviews", "1-10 of 572 reviews", "572 Kritiken", "572 рецензии"
    re.compile(
        rf"^(?:(?:showing\s+|displaying\s+)?\d+\s*[-–—]\s*\d+\s+(?:of|sur|von|de|di|из|z)\s+)?{_NUMBER}\s+"
        rf"(?:{_REVIEW_WORDS.pattern})(?:\s+in\s+total)?$",
        re.IGNORECASE,
    ),
    # "Reviews (572)", "User reviews: 572"
    re.compile(rf"^(?:{_REVIEW_WORDS.pattern})\s*(?:\(\s*{_NUMBER}\s*\)|:\s*{_NUMBER})$", re.IGNORECASE),
)
# How a page titles its reviews of one film: "User reviews of X", "Critiques de X", "X (2013) - User reviews".
_REVIEWS_OF = re.compile(
    rf"(?:{_REVIEW_WORDS.pattern})\s+(?:of|for|on|de|du|des|zu|von|zum|di|del|della|на|о|об)\s+(?P<film>.+?)\s*"
    r"(?:[|·•]|\s[-–—]\s|$)",
    re.IGNORECASE,
)
_FILM_THEN_REVIEWS = re.compile(
    rf"^\s*(?P<film>.+?\(\d{{4}}\))\s*(?:[-–—:|·•]\s*)?(?:{_REVIEW_WORDS.pattern})", re.IGNORECASE
)


@dataclass
class _Item:
    """What one review item prints, as elements and text."""

    element: Any
    title: str | None = None
    author: str | None = None
    author_url: str | None = None
    date_raw: str | None = None
    rating: ReviewRatingFields | None = None
    text: str | None = None
    publication: str | None = None
    permalink: str | None = None
    spoiler: bool = False
    film: _Film | None = None
    """The film the item's heading names by its link, where the page's reviews are of several films."""
    parts: set[Any] = field(default_factory=set)

    @property
    def is_review(self) -> bool:
        return bool((self.text or self.title) and (self.author or self.date_raw))


@dataclass(frozen=True)
class _Run:
    """A group of like sibling elements and the reviews read from them."""

    parent: Any
    items: list[_Item]
    critic: bool


@dataclass(frozen=True)
class _Film:
    title: str
    year: int | None
    url: str | None


def may_hold_reviews(page: Page) -> bool:
    """True when the page could list reviews: an element's class or test id names them, or its title or main
    heading does. One query over the attributes, run in C: a page without either is not walked."""
    root = page.sel.root
    if not isinstance(root, etree._Element):
        return False
    if bool(root.xpath(_PRESENCE_QUERY)):
        return True
    return _page_says_reviews(page) or _fragment_states_a_total(page)


def read_reviews(page: Page, source: str, *, url: str) -> list[RecordFields]:
    """The page's main run of reviews as review records, with a `reviews` listing carrying the stated total
    where the page states one; [] when the page has no clear main run of at least MIN_REVIEWS reviews."""
    root = page.sel.root
    if page.sel.type != "html" or not isinstance(root, etree._Element):
        return []
    # The <body> is a child of the document's root: no query over the whole tree to find it.
    document = root.getroottree().getroot()
    body = document.find("body") if document.tag == "html" else None
    if body is None:
        return []
    says_reviews = _page_says_reviews(page)
    languages = _page_languages(page)
    run = _main_run(list(_runs(body, page, says_reviews=says_reviews, languages=languages)))
    if run is None:
        return []
    film = _film_of(page)
    records: list[RecordFields] = [_record(item, run, film, source, url, languages) for item in run.items]
    total = _stated_total(page, run)
    if total is not None:
        # A listing of no entries says only how many reviews there are: it is given where the page says so.
        listing: ListingFields = {"type": "listing", "source": source, "kind": "reviews", "url": url, "total": total}
        if film is not None:
            listing["title"] = film.title
        records.append(listing)
    return records


# -- finding the run ------------------------------------------------------------------------------------------


def _marks(element: Any) -> str:
    """An element's class, id and test id as one lower-case string, for marks that are parts of words
    ("commentlist")."""
    return " ".join(element.get(name) or "" for name in _PRESENCE_ATTRIBUTES).lower()


def _words(element: Any) -> frozenset[str]:
    """The words of an element's class, id and test id: "user-review-item", "reviewCard" -> user, review..."""
    return _words_of(" ".join(element.get(name) or "" for name in _PRESENCE_ATTRIBUTES))


@lru_cache(maxsize=4096)
def _words_of(names: str) -> frozenset[str]:
    # A page repeats a few hundred class strings over thousands of elements: each is split once.
    return frozenset(word.lower() for word in _WORD.findall(_CAMEL.sub(" ", names)))


def _names_reviews(words: frozenset[str]) -> bool:
    return any(word.startswith(_REVIEW_STEMS) for word in words)


@lru_cache(maxsize=4096)
def _furniture_marks(names: str) -> bool:
    """True when a class, id and test id name page furniture or a comment thread."""
    return bool(_words_of(names) & _FURNITURE_WORDS) or any(mark in names.lower() for mark in _COMMENT_MARKS)


def _is_furniture(element: Any) -> bool:
    if element.tag in _FURNITURE_TAGS:
        return True
    role = element.get("role")
    if role and role.lower() in {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "dialog"}:
        return True
    names = " ".join(element.get(name) or "" for name in _PRESENCE_ATTRIBUTES)
    return bool(names.strip()) and _furniture_marks(names)


def _frames_the_page(element: Any) -> bool:
    """Furniture around the page's content; a section's own <header> ("Reviews (2291)") is not."""
    return element.tag != "header" and _is_furniture(element)


def _signature(element: Any) -> tuple[str, tuple[str, ...]]:
    """Tag and classes, without the classes that alternate or number a run of like rows."""
    return element.tag, _lasting_classes(element.get("class") or "")


@lru_cache(maxsize=4096)
def _lasting_classes(classes: str) -> tuple[str, ...]:
    return tuple(sorted(c for c in classes.split() if not _positional(c)))


def _positional(name: str) -> bool:
    """A class that marks a row's place or state ("odd", "first_review", "is-open") or numbers it."""
    return bool(_NUMBERED.search(name)) or any(_POSITIONAL_CLASSES.match(part) for part in re.split(r"[-_]+", name))


def _runs(body: Any, page: Page, *, says_reviews: bool, languages: tuple[str, ...]) -> Iterator[_Run]:
    """Every group of like children of an element outside the page furniture that reads as reviews.

    One walk down the tree: a block in the furniture or a comment thread is not walked into, and whether a
    block sits under one named for reviews is carried down from its parent."""
    stack: list[tuple[Any, bool]] = [(body, says_reviews)]
    while stack:
        element, under_reviews = stack.pop()
        children = [
            child
            for child in element
            if isinstance(child.tag, str) and not _is_furniture(child) and not _words(child) & _RELEASE_WORDS
        ]
        under_reviews = under_reviews or _names_reviews(_words(element))
        groups: dict[tuple[str, tuple[str, ...]], list[Any]] = {}
        for child in children:
            groups.setdefault(_signature(child), []).append(child)
            stack.append((child, under_reviews))
        for members in groups.values():
            if len(members) < MIN_REVIEWS or members[0].tag in _HEADINGS or members[0].tag in {"p", "br", "a"}:
                continue
            named = under_reviews or sum(_names_reviews(_words(member)) for member in members) * 2 >= len(members)
            if not (named or _counted_before(members[0])):
                continue  # one section of a page named for its reviews teaser does not make its sections reviews
            if _after_heading_beside(members[0]):
                continue
            run = _read_run(element, members, page, languages)
            if run is not None:
                yield run


# A section's header is a line or two: "572 reviews  Hide spoilers  Review"; it sits among the first blocks
# before the run.
_MAX_HEADER_TEXT = 100
_HEADER_SIBLINGS = 3


def _counted_before(first: Any) -> bool:
    """True when a header before the run's first element, beside it, states the number of reviews: the header
    of a section of reviews whose class names nothing ("<div>572 reviews</div> ... <article>...</article>").
    A block of the page that holds a count among its other facts (a title's rating box) is no such header."""
    # The header beside the run, or beside the block that holds the run.
    for holder in (first, first.getparent()):
        if holder is None:
            continue
        siblings = (sibling for sibling in holder.itersiblings(preceding=True) if isinstance(sibling.tag, str))
        for sibling in islice(siblings, _HEADER_SIBLINGS):
            if _short_joined(sibling, _MAX_HEADER_TEXT) is not None and _states_a_total(sibling):
                return True
    return False


def _states_a_total(block: Any) -> bool:
    """True when the block or an element in it prints a number of reviews as its whole text."""
    return any(
        isinstance(element.tag, str) and _total_of(clean_text(_text(element))) is not None for element in block.iter()
    )


# Stems of "review" in the words of a page; a text node longer than this is no statement of a number.
_REVIEW_TEXT = re.compile("|".join(map(re.escape, _TEXT_STEMS)))
_MAX_TOTAL_NODE = 100


def _fragment_states_a_total(page: Page) -> bool:
    """True when a page without a title or a main heading (a fragment a site's script loads: a section of review
    cards) states a number of reviews somewhere. A whole page says what it is in its title or heading."""
    root = page.sel.root
    if page.sel.xpath("//title | //h1"):
        return False
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        text = element.text
        if text and len(text) <= _MAX_TOTAL_NODE and _REVIEW_TEXT.search(text) and _states_a_total(element):
            return True
    return False


def _read_run(parent: Any, members: list[Any], page: Page, languages: tuple[str, ...]) -> _Run | None:
    needed = max(MIN_REVIEWS, math.ceil(_MIN_SHARE * len(members)))
    reviews: list[_Item] = []
    for read, member in enumerate(members, start=1):
        item = _read_item(member, page, languages) if not _link_heavy(member) else None
        if item is not None and item.is_review:
            reviews.append(item)
        elif len(reviews) + len(members) - read < needed:
            return None  # too few left to read to make a run of reviews: the rest is not read
    if len(reviews) < needed:
        return None
    critic = any(_words(element) & _CRITIC_WORDS for element in (parent, *members[:1]))
    return _Run(parent, reviews, critic)


def _link_heavy(member: Any) -> bool:
    """True when an element holds more links than a review card does (its author, its permalink, a few in its
    text): a section of the page (a cast list, a news box), not one review."""
    return sum(1 for _ in member.iter("a")) > _MAX_ITEM_LINKS


def _main_run(runs: list[_Run]) -> _Run | None:
    """The run of the most reviews, unless another run apart from it has as many."""
    if not runs:
        return None
    ranked = sorted(runs, key=lambda run: len(run.items), reverse=True)
    best = ranked[0]
    for other in ranked[1:]:
        if len(other.items) < len(best.items):
            break
        if not _nested(best, other):
            return None
    return best


def _nested(one: _Run, other: _Run) -> bool:
    """True when one run's items hold the other's (a card inside its row)."""
    a, b = one.items[0].element, other.items[0].element
    return any(ancestor is b for ancestor in a.iterancestors()) or any(ancestor is a for ancestor in b.iterancestors())


def _after_heading_beside(element: Any) -> bool:
    """True when a heading just before the run (or before a block holding it) names comments or replies, or
    other reviews than the page's ("More reviews", "Related reviews")."""
    for holder in (element, element.getparent()):
        if holder is None:
            continue
        previous = holder.getprevious()
        while previous is not None and not isinstance(previous.tag, str):
            previous = previous.getprevious()
        if previous is not None and previous.tag in _HEADINGS and _BESIDE_HEADING.search(_text(previous)):
            return True
    return False


# -- reading one item -----------------------------------------------------------------------------------------


def _read_item(element: Any, page: Page, languages: tuple[str, ...]) -> _Item:
    item = _Item(element)
    descendants = [node for node in element.iterdescendants() if isinstance(node.tag, str)]
    _read_author(item, descendants, page)
    _read_title(item, descendants, page)
    _read_date(item, descendants, languages)
    _read_rating(item, descendants)
    _read_publication(item, descendants)
    item.parts.update(node for node in descendants if _words(node) & _NOISE_WORDS or _is_more_link(node))
    _read_spoiler_label(item, descendants)
    _read_text(item, descendants)
    _read_permalink(item, descendants, page)
    return item


def _read_title(item: _Item, descendants: list[Any], page: Page) -> None:
    heading = next((node for node in descendants if node.tag in _HEADINGS and _text(node)), None)
    if heading is None:
        heading = next(
            (
                node
                for node in descendants
                if _words(node) & _TITLE_WORDS and 0 < len(_text(node)) <= _MAX_TITLE and not _holds_long_text(node)
            ),
            None,
        )
    if heading is None:
        return
    title = clean_text(_text(heading))
    # A heading that is the author's name (a card headed by its reviewer) or a section's ("User Reviews") is
    # no headline of the review.
    if not title or title == item.author or _REVIEW_WORDS.fullmatch(title):
        return
    if any(part in item.parts for part in heading.iter()):
        return
    film = _heading_film(heading, title, page)
    if film is not None:
        # "<h3><a href="/film/12-red-shoes/">The Red Shoes</a> 1948</h3>": the film reviewed, not a headline.
        item.film = film
        item.parts.add(heading)
        return
    item.title = title
    item.parts.add(heading)


_PRINTED_YEAR = re.compile(r"(?<![\d.,])((?:18|19|20)\d\d)(?![\d.,]\d)")
_MAX_HEADING_NOTE = 40


def _heading_film(heading: Any, title: str, page: Page) -> _Film | None:
    """The film an item's heading names: its one link to a title page of the site, followed by the film's year
    (and a kind, "2026 seriál", "(2025)") and nothing longer."""
    links = [anchor for anchor in heading.iter("a") if anchor.get("href")]
    if len(links) != 1:
        return None
    address = page.absolute(links[0].get("href"))
    if not address or not _same_site(page, address) or title_family(address) is None:
        return None
    name, year = title_and_year(_text(links[0]))
    rest = clean_text(title.replace(_text(links[0]), " ", 1))
    years = set(_PRINTED_YEAR.findall(rest))
    if not name or len(name) > _MAX_TITLE or len(rest) > _MAX_HEADING_NOTE or len(years) != 1 and year is None:
        return None
    return _Film(name, year or int(years.pop()), _without_query(address))


def _holds_long_text(node: Any) -> bool:
    return any(child.tag in ("p", "br") for child in node.iterdescendants())


def _read_author(item: _Item, descendants: list[Any], page: Page) -> None:
    for node in descendants:
        # A review's permalink ("/user/1/comment/1125068/" printed "прямая ссылка") is a link under the author's
        # path, never the author.
        if node.tag == "a" and _is_author_link(node.get("href"), page) and not _MORE_LINK.match(_text(node).strip()):
            name = _author_name(_text(node))
            if name:
                item.author, item.author_url = name, page.absolute(_without_query(node.get("href")))
                item.parts.add(node)
                return
    for node in descendants:
        if _names_author(node):
            name = _author_name(_text(node))
            if name:
                item.author = name
                item.parts.add(node)
                return
    for node in descendants:
        own = clean_text(node.text or "")
        if own and _AUTHOR_LABEL.match(own):
            # "<b>Author:</b> Name" or "<span>By:</span> <a>Name</a>": the name follows the label.
            following = clean_text(node.tail or "") or _text(node.getnext())
            name = _author_name(following)
            if name:
                item.author = name
                return
        byline = _BYLINE.match(own) if own and len(own) <= _MAX_AUTHOR * 2 else None
        if byline and node.tag not in _HEADINGS:
            name = _author_name(byline.group("name"))
            if name:
                item.author = name
                item.parts.add(node)
                return


def _names_author(node: Any) -> bool:
    """An element named for the review's author: "author", "byline", "display-name", or a bare "name" (a
    reviewer's name printed in a user review's "name" block), "user-name", "critic-name"."""
    marks = _marks(node)
    if not marks:
        return False
    if any(mark in marks for mark in _AUTHOR_MARKS):
        return True
    words = _words(node)
    return "name" in words and (words == {"name"} or bool(words & _NAMED_PEOPLE))


def _is_author_link(href: str | None, page: Page) -> bool:
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return False
    absolute = page.absolute(href)
    if absolute is None or not _same_site(page, absolute):
        return False  # no web address ("https://[broken"), a critic's publication, a share link
    segments = [segment.lower() for segment in urlsplit(absolute).path.split("/") if segment]
    return any(segment in _AUTHOR_PATHS or segment.startswith("~") for segment in segments[:-1]) or bool(
        segments and segments[0].startswith("~")
    )


# A link to the critic's page may be worded as what it leads to ("All this critic's reviews", "More reviews by
# this user"): no one's name speaks of reviews.
_NOT_A_NAME = re.compile(r"\breviews?\b|\bcritic's\b", re.IGNORECASE)


def _author_name(text: str) -> str | None:
    name = clean_text(text)
    byline = _BYLINE.match(name)
    if byline:
        name = byline.group("name")
    name = name.strip(" :,-–—|·•")
    if not name or len(name) > _MAX_AUTHOR or _PRINTED_DATE.search(name) or not re.search(r"[^\W\d_]", name):
        return None
    if _NOT_A_NAME.search(name):
        return None
    return name


def _read_date(item: _Item, descendants: list[Any], languages: tuple[str, ...]) -> None:
    # A block named for a release ("release_date") dates the film an item is about (a search result, a
    # catalogue card), never a review: no date is read in it.
    releases = {node for node in descendants if _words(node) & _RELEASE_WORDS}
    if releases:
        descendants = [node for node in descendants if not _within_any(node, releases)]
    for node in descendants:
        if node.tag == "time" or _words(node) & _DATE_WORDS:
            raw = clean_text(_text(node))
            found = _PRINTED_DATE.search(raw) if raw else None
            if raw and len(raw) <= 40 and or_none(parse_date, raw, languages=languages) is not None:
                item.date_raw = raw
            elif found:
                item.date_raw = found.group(0)
            elif node.tag == "time" and node.get("datetime"):
                item.date_raw = node.get("datetime")
            if item.date_raw:
                item.parts.add(node)
                return
    for node in descendants:
        for piece in (node.text, node.tail):
            found = _PRINTED_DATE.search(piece or "")
            if found and len(clean_text(piece or "")) <= 80:
                item.date_raw = found.group(0)
                return


def _within_any(node: Any, blocks: set[Any]) -> bool:
    return node in blocks or any(ancestor in blocks for ancestor in node.iterancestors())


def _read_rating(item: _Item, descendants: list[Any]) -> None:
    for node in descendants:
        if _words(node) & _RATING_WORDS:
            rating = _rating_of(clean_text("".join(node.itertext())))
            rating = rating or _rating_of(_label_of(node))
            if rating:
                item.rating = rating
                item.parts.add(node)
                return
    for node in descendants:
        if node.tag == "img":
            rating = _rating_of(clean_text(node.get("alt") or node.get("title") or ""))
            if rating:
                item.rating = rating
                return
    # A count of votes is no score, however it is printed ("Полезная рецензия? Да / Нет 11 / 12").
    noisy = _noisy(descendants)
    # (score line, the block holding it, whether it closes a text that stays the review's text)
    lines: list[tuple[str, Any, bool]] = []
    for node in descendants:
        if node in noisy:
            continue
        # A line of its own, or the text after a link in the same line ("Full Review | Original Score: 3/4").
        # A score closing a text of several lines is read only where nothing follows it.
        shown = _score_line(node.text)
        if shown and (shown == clean_text(node.text or "") or len(node) == 0):
            closing = len(node) == 0 and (shown != clean_text(node.text or "") or _closes_prose(node))
            lines.append((shown, node, closing))
        shown = _score_line(node.tail)
        if shown and (shown == clean_text(node.tail or "") or node.getnext() is None):
            closing = node.getnext() is None and (shown != clean_text(node.tail or "") or _in_prose(node))
            lines.append((shown, node.getparent(), closing))
    # Scores for parts of the film in the review's text ("Story: 8/10", "Music: 8/10", ...) are the review's
    # breakdown, none of them its score, and their block is its text.
    breakdowns = {holder for _, holder, _ in lines if sum(1 for _, other, _ in lines if other is holder) > 1}
    for shown, holder, closing in lines:
        if holder in breakdowns:
            continue
        rating = _rating_of(shown.split(":")[-1].strip(" |·•,–—-"))
        if rating:
            item.rating = rating
            if not closing:
                item.parts.add(holder)
            return
    for node in descendants:
        # A score printed in pieces, and nothing else: "<span><span>8</span><span>/10</span></span>".
        pieces = _short_joined(node, _MAX_SPLIT_SCORE) if len(node) and node not in noisy else None
        if pieces and _SCORE_LINE.match(pieces):
            rating = _rating_of(pieces)
            if rating:
                item.rating = rating
                item.parts.add(node)
                return


def _score_line(text: str | None) -> str | None:
    """The text where it is a score line; of a text of several lines, its last where that alone is a score line
    (a review printed with its line breaks, closing "\n\n10 из 10"), not one of a breakdown's lines."""
    lines = [shown for shown in map(clean_text, (text or "").splitlines()) if shown]
    scores = [line for line in lines if _SCORE_LINE.match(line) or _STARS.match(line)]
    if not scores or scores[-1] is not lines[-1]:
        return None
    return scores[0] if len(scores) == 1 else None


def _closes_prose(node: Any) -> bool:
    """True when the element is the last thing printed in a block of prose: the review's text closing with its
    score on a line of its own ("…никогда.<br><b>6 из 10</b>"), which stays the text; the score's own block is
    no part of it."""
    return not (node.tail or "").strip() and node.getnext() is None and _in_prose(node)


def _in_prose(node: Any) -> bool:
    """True when the element's parent is longer than a score's block: prose ("…слова.<br><br>10 из 10")."""
    parent = node.getparent()
    return parent is not None and _short_joined(parent, _MAX_SCORE_BLOCK) is None


def _noisy(descendants: list[Any]) -> set[Any]:
    """The descendants that are the site's blocks of votes, helpful counts and actions, or are inside one
    (`<li id="comment_num_vote_670396">11 / 12</li>`), in one pass in document order."""
    noisy: set[Any] = set()
    for node in descendants:
        if node.getparent() in noisy or _words(node) & _NOISE_WORDS:
            noisy.add(node)
    return noisy


def _short_joined(node: Any, limit: int) -> str | None:
    """The element's text joined as printed, when it is no longer than `limit` (read no further than that)."""
    pieces: list[str] = []
    read = 0
    for piece in node.itertext():
        pieces.append(piece)
        read += len(piece.strip())
        if read > limit:
            return None
    shown = clean_text("".join(pieces))
    return shown if len(shown) <= limit else None


# A block holding a score line and its label or links ("Full Review | Original Score: 3/4"), not a text.
_MAX_SCORE_BLOCK = 80
# "10/10", "8.5/10", "4 /5": a score in pieces is no longer than this.
_MAX_SPLIT_SCORE = 8


def _label_of(node: Any) -> str:
    """A score drawn as images or icons, stated in an attribute: "Rated 4 out of 5", alt "8/10"."""
    for candidate in (node, *node.iterdescendants()):
        if not isinstance(candidate.tag, str):
            continue
        for name in ("aria-label", "title", "alt"):
            label = clean_text(candidate.get(name) or "")
            if label and re.search(r"\d\s*(?:/|out\s+of)\s*\d", label):
                return label
    return ""


def _rating_of(raw: str) -> ReviewRatingFields | None:
    """A score with its scale; a bare number ("8", "90") is refused: its scale is unknown."""
    raw = raw.strip()
    if not raw or len(raw) > 40:
        return None
    if not (_STARS.match(raw) or re.search(rf"\d\s*{_OUT_OF}\s*\d", raw, re.IGNORECASE)):
        return None
    rating = or_none(parse_rating, _WORDED_OUT_OF.sub("/", raw))
    if rating is None:
        return None
    return {"value": rating.value, "best": rating.best, "raw": raw.replace(" ", "") if "/" in raw else raw}


def _read_publication(item: _Item, descendants: list[Any]) -> None:
    for node in descendants:
        marks = _marks(node)
        if node in item.parts or not marks or not any(mark in marks for mark in _PUBLICATION_MARKS):
            continue
        name = clean_text(_text(node))
        if name and len(name) <= _MAX_AUTHOR and name != item.author:
            item.publication = name
            item.parts.add(node)
            return


def _read_text(item: _Item, descendants: list[Any]) -> None:
    """The longest block of the item that holds none of its headline, author, date or score; else the
    paragraphs right after the item (a 2000s page prints its review under the heading block)."""
    lengths, holding = _lengths_and_parts(item, descendants)
    best, best_length = None, _MIN_TEXT - 1
    for node in descendants:
        if node in holding or node.tag in ("a", "button", "script", "style", "svg"):
            continue
        if lengths[node] > best_length:
            best, best_length = node, lengths[node]
    inside = _prose([best]) if best is not None else None
    after = _paragraphs_after(item)
    text = after if after and len(after) > len(inside or "") else inside
    if text and len(text) >= _MIN_TEXT and text != item.title:
        item.text = text
    if any("spoiler" in _marks(node) and not _holds_control(node) for node in descendants):
        item.spoiler = True


_CONTROLS = frozenset({"textarea", "input", "button", "select", "form"})


def _holds_control(node: Any) -> bool:
    """True for a form control or a block holding one: a form to report a spoiler (Kinopoisk's hidden
    `<div id="spoiler_txt_1578348"><textarea>` under every review) says nothing of the review's text."""
    return node.tag in _CONTROLS or any(inner.tag in _CONTROLS for inner in node.iterdescendants())


def _lengths_and_parts(item: _Item, descendants: list[Any]) -> tuple[dict[Any, int], set[Any]]:
    """The length of each descendant's text, and the descendants that are or hold a part of the item: read
    from the leaves up, once each (reading each block's text anew would cost its depth times over)."""
    lengths: dict[Any, int] = {}
    holding: set[Any] = set()
    for node in reversed(descendants):
        shown = node.get("hidden") is None and node.get("aria-hidden") != "true"
        length = len((node.text or "").strip())
        for child in node:
            length += len((child.tail or "").strip())
            if isinstance(child.tag, str) and child.tag not in ("script", "style", "svg"):
                length += lengths.get(child, 0)
            if child in holding:
                holding.add(node)
        lengths[node] = length if shown else 0
        if node in item.parts:
            holding.add(node)
    return lengths, holding


def _is_more_link(node: Any) -> bool:
    """A link to the rest of the review ("Full Review", "Read more", "Permalink"): the site's, not the text's."""
    return node.tag == "a" and bool(_MORE_LINK.match(clean_text(node.text or "")))


def _read_spoiler_label(item: _Item, descendants: list[Any]) -> None:
    """A "Spoiler" badge over the text: the review is flagged, and the badge is no part of its text."""
    for node in descendants:
        label = node.text or ""
        if label.strip() and len(label) <= 60 and len(node) == 0 and _SPOILER_LINE.match(label):
            item.spoiler = True
            item.parts.add(node)


def _paragraphs_after(item: _Item) -> str | None:
    """The paragraphs between an item and the next element that is not one, a spoiler warning left out."""
    paragraphs = []
    following = item.element.getnext()
    while following is not None and (not isinstance(following.tag, str) or following.tag == "p"):
        if isinstance(following.tag, str):
            if _SPOILER_LINE.match(_text(following)):
                item.spoiler = True
            else:
                paragraphs.append(following)
        following = following.getnext()
    return _prose(paragraphs) if paragraphs else None


def _read_permalink(item: _Item, descendants: list[Any], page: Page) -> None:
    """The review's own address: a link of the page's site whose path names a review and goes on past it."""
    for node in descendants:
        if node.tag != "a" or not node.get("href"):
            continue
        absolute = page.absolute(node.get("href"))
        if not absolute or not _same_site(page, absolute):
            continue
        segments = [segment.lower() for segment in urlsplit(absolute).path.split("/") if segment]
        named = [i for i, segment in enumerate(segments) if segment.startswith(_PERMALINK_STEMS)]
        if named and named[-1] < len(segments) - 1:
            item.permalink = _without_query(absolute)
            return


def _same_site(page: Page, absolute: str) -> bool:
    """True when an address is of the page's own site ("imdb.com" and "www.imdb.com" alike); any address is,
    on a page read without its address (a saved file whose links name their site in full)."""
    own, other = host_of(page.url), host_of(absolute)
    if not own or own == "localhost" or not other:
        return True
    return registrable_host(own) == registrable_host(other)


def _without_query(href: str | None) -> str | None:
    if not href:
        return None
    parts = urlsplit(href)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


# -- text -----------------------------------------------------------------------------------------------------


def _text(element: Any) -> str:
    """The element's visible text, scripts and styles left out, whitespace collapsed."""
    if element is None:
        return ""
    return " ".join(" ".join(_pieces(element)).split())


def _pieces(element: Any) -> Iterator[str]:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return
    yield element.text or ""
    for child in element:
        if isinstance(child.tag, str) and child.tag not in ("script", "style", "svg"):
            yield from _pieces(child)
        yield child.tail or ""


def _prose(blocks: list[Any]) -> str | None:
    """The text of blocks where <br> breaks a line and a paragraph is set off by a blank line."""
    chunks: list[str] = []

    def walk(node: Any) -> None:
        if node.tag in ("script", "style", "svg") or node.get("hidden") is not None:
            return
        if node.tag == "p":
            chunks.append("\n\n")
        chunks.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                if child.tag == "br":
                    chunks.append("\n")
                else:
                    walk(child)
            chunks.append(child.tail or "")

    for block in blocks:
        chunks.append("\n\n")
        walk(block)
    text = clean_multiline("".join(chunks).replace("\n\n\n", "\n\n"))
    return text or None


# -- the page around the reviews ------------------------------------------------------------------------------


def _page_headings(page: Page) -> list[str]:
    """The page's <title>, OpenGraph title and first main heading, as printed."""
    texts = [page.sel.xpath("//title/text()").get(), page.meta("og:title")]
    heading = page.sel.root.xpath("(//h1)[1]") if isinstance(page.sel.root, etree._Element) else []
    texts.extend(_text(node) for node in heading)
    return [clean_text(text) for text in texts if text and clean_text(text)]


def _page_languages(page: Page) -> tuple[str, ...]:
    """English, and the page's own language where it declares one: dates are printed in it ("12. März 2019")."""
    lang = (page.sel.xpath("/html/@lang").get() or "").strip().lower()[:2]
    return ("en", lang) if lang.isalpha() and len(lang) == 2 and lang != "en" else ("en",)


def _page_says_reviews(page: Page) -> bool:
    """True when the page's title or main heading calls it a page of reviews ("User reviews", "Critiques"); a
    single review's article ("Review: X") is not one."""
    return any(_LISTED_REVIEWS.search(text) for text in _page_headings(page))


def _film_of(page: Page) -> _Film | None:
    """The film the page says its reviews are of, from its title or main heading; its address where the
    heading links the film."""
    for text in _page_headings(page):
        named = _REVIEWS_OF.search(text) or _FILM_THEN_REVIEWS.match(text)
        if not named:
            continue
        title, year = title_and_year(named.group("film").strip(" \"'“”«»:"))
        if title and len(title) <= _MAX_TITLE:
            return _Film(title, year, _film_link(page, title))
    return None


def _film_link(page: Page, title: str) -> str | None:
    """The address of a heading's link whose text is the film's title."""
    wanted = title.casefold()
    for anchor in page.sel.root.xpath("//h1//a[@href] | //h2//a[@href] | //h3//a[@href]"):
        if _text(anchor).casefold() == wanted:
            return _without_query(page.absolute(anchor.get("href")))
    return None


def _stated_total(page: Page, run: _Run) -> int | None:
    """The number of reviews the page states, where it states one number only and not fewer than it shows."""
    inside = {item.element for item in run.items}
    found: set[int] = set()
    for node in page.sel.root.xpath(_TOTAL_QUERY):
        holder = node.getparent()
        if holder is not None and getattr(node, "is_tail", False):
            holder = holder.getparent()  # "<strong>38</strong> reviews": the text after an element is its parent's
        above = (holder, *holder.iterancestors()) if holder is not None else ()
        if not above or any(ancestor in inside or _frames_the_page(ancestor) for ancestor in above):
            continue  # an item's own counts, a footer's count of the whole site's reviews
        for candidate in (clean_text(str(node)), clean_text(_text(holder))):
            total = _total_of(candidate)
            if total is not None:
                found.add(total)
                break
    if len(found) != 1:
        return None
    total = found.pop()
    return total if total >= len(run.items) else None


def _total_of(text: str) -> int | None:
    if not text or len(text) > 60:
        return None
    for form in _TOTAL_FORMS:
        matched = form.match(text)
        if matched:
            digits = next(group for group in matched.groups() if group and group[0].isdigit())
            number = re.sub(r"\D", "", digits)
            return int(number) if number else None
    return None


# -- records --------------------------------------------------------------------------------------------------


def _record(
    item: _Item, run: _Run, film: _Film | None, source: str, url: str, languages: tuple[str, ...]
) -> ReviewFields:
    # A review of one of the page's several films is told from the others by its film too.
    named = item.title or (item.film.url or item.film.title if item.film else None)
    review_id = path_id(item.permalink) if item.permalink else digest_id(url, item.author, named, item.date_raw)
    record: ReviewFields = {
        "type": "review",
        "source": source,
        "kind": "critic" if run.critic or item.publication else "user",
        "url": url,
        "id": f"{source}:{review_id}",
    }
    film = film or item.film
    if film is not None:
        record["film_title"] = film.title
        if film.year:
            record["film_year"] = film.year
        if film.url:
            record["film_id"] = f"{source}:{path_id(film.url)}"
    if item.title:
        record["title"] = item.title
    if item.author:
        record["author"] = item.author
    if item.author_url:
        record["author_url"] = item.author_url
    if item.publication:
        record["publication"] = item.publication
    if item.date_raw:
        record["date_raw"] = item.date_raw
        date = or_none(parse_date, item.date_raw, languages=languages)
        if date is not None:
            record["date"] = date.iso
    if item.rating:
        record["rating"] = item.rating
    if item.text:
        record["text"] = item.text
    if item.spoiler:
        record["spoiler"] = True
    return record
