"""A film marked up in the data-vocabulary.org RDFa of 2008-2015: `property="v:..."` and `rel="v:..."`
attributes over the page's own markup, without a `typeof` item around them (Douban, Mtime), or inside a
`typeof="v:Review-aggregate"` block (film sites' star ratings of the time):

    <h1><span property="v:itemreviewed">红菱艳 The Red Shoes</span> <span class="year">(1948)</span></h1>
    <a href="/celebrity/1/" rel="v:directedBy">迈克尔·鲍威尔</a>   <a ... rel="v:starring">莫伊拉·希勒</a>
    <span property="v:genre">剧情</span>   <span property="v:runtime" content="133">133分钟</span>
    <span property="v:initialReleaseDate" content="1948-09-06(英国)">1948-09-06(英国)</span>
    <strong property="v:average">8.8</strong> <span property="v:best" content="10.0"></span>
    <span property="v:votes">20412</span>人评价      <span property="v:summary">...</span>

The vocabulary also marks up books, products and hotels, and one critic's review (`typeof="v:Review"`): a
page's terms describe a film only where it marks one reviewed item and a film's own terms (its directors, cast,
running time or release date); elsewhere only a marked average rating is read, for a page found to be a film's by other means
(its labels, its OpenGraph type), and never one critic's score. Where the page marks a term more than once and
that term is one value (the reviewed item, its average, its release date), none is taken: a chart lists many
films' averages, and several release dates leave open which one is meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from crawler.core.normalize import clean_text, parse_date, split_genres
from schemas.record_fields import CastMemberFields, FilmFields, PersonFields

from ..fields import labelled, or_none, runtime_fields
from ..page import Page
from ..schemaorg import aggregate_rating, plot_text, scale_of_site

# Every element carrying a term of the vocabulary, in one pass over the page's attributes.
# Through the attributes, not every element: the same elements, in page order, six times faster on a 1 MB page.
_MARKED = '//@property[starts-with(., "v:")]/.. | //@rel[starts-with(., "v:")]/..'
_FILM_TERMS = frozenset({"directedby", "starring", "runtime", "initialreleasedate"})
# A film festival's showing is a premiere, not a release ("1994-09-10(多伦多电影节)", "(Cannes Film Festival)").
_FESTIVAL = re.compile(r"电影节|影展|festival|festspiele|mostra", re.IGNORECASE)
_HEADING_YEAR = re.compile(r"^\s*\(\s*((?:18|19|20)\d\d)\s*\)")
_MINUTES = re.compile(r"^\d{1,3}$")


@dataclass
class VocabularyFilm:
    """What the page's data-vocabulary terms say of its film; `unparsed` keeps what could not be read.
    `is_film`: the terms are a film's own (else only its average rating is given). `release_unsettled`: the
    page marks release dates, none of which is the film's one release (several, a festival's showing): no
    printed date beside them is either."""

    is_film: bool = False
    release_unsettled: bool = False
    fields: FilmFields = field(default_factory=lambda: FilmFields())
    unparsed: dict[str, str] = field(default_factory=dict)


def read_vocabulary(page: Page) -> VocabularyFilm | None:
    """The page's film in data-vocabulary terms; None where the page marks none."""
    if page.sel.type != "html":
        return None
    terms = _marked_terms(page.sel.root)
    if not terms:
        return None
    # One reviewed item beside a film's own terms: a list of films marks each one's (a director each), a film's
    # page its own.
    film = VocabularyFilm(is_film=bool(_FILM_TERMS & terms.keys()) and len(terms.get("itemreviewed", [])) == 1)
    _read_rating(terms, page, film)
    if not film.is_film:
        return film
    fields = film.fields
    title, year = _reviewed_item(terms.get("itemreviewed", []))
    if title:
        fields["title"] = title
    if year:
        fields["year"] = year
    directors = _people(terms.get("directedby", []), page, PersonFields)
    if directors:
        fields["directors"] = directors
    cast = _people(terms.get("starring", []), page, CastMemberFields)
    for order, member in enumerate(cast, start=1):
        member["order"] = order
    if cast:
        fields["cast"] = cast
    genres = list(dict.fromkeys(g for node in terms.get("genre", []) for g in split_genres(_text(node))))
    if genres:
        fields["genres"] = genres
    fields.update(_runtime(terms.get("runtime", []), film.unparsed))
    _read_release(terms.get("initialreleasedate", []), film)
    plot = _summary(terms.get("summary", []))
    if plot:
        fields["plot"] = plot
    return film


def _marked_terms(root: Any) -> dict[str, list[Any]]:
    """The page's elements by the vocabulary term they carry (lower case, without "v:"), in page order."""
    terms: dict[str, list[Any]] = {}
    for node in root.xpath(_MARKED):
        for term in _terms_of(node):
            terms.setdefault(term, []).append(node)
    return terms


def _terms_of(node: Any) -> Iterator[str]:
    for attribute in ("property", "rel"):
        for term in (node.get(attribute) or "").split():
            if term[:2].lower() == "v:" and len(term) > 2:
                yield term[2:].casefold()


def _text(node: Any) -> str:
    return clean_text(" ".join(node.itertext()))


def _value(node: Any) -> str:
    """A term's value: its `content` where it states one (a machine form of what it prints), else its text."""
    content = node.get("content")
    return clean_text(content) if content is not None and content.strip() else _text(node)


def _reviewed_item(nodes: list[Any]) -> tuple[str | None, int | None]:
    """The film's title as `v:itemreviewed` prints it, and the year printed alone in brackets right after it
    inside the same heading ("<h1><span property="v:itemreviewed">红菱艳</span> <span class="year">(1948)</span>")."""
    if len(nodes) != 1:
        return None, None
    node = nodes[0]
    title = _text(node) or None
    parent = node.getparent()
    if title is None or parent is None or parent.tag not in ("h1", "h2"):
        return title, None
    after = "".join([node.tail or "", *(_text_and_tail(sibling) for sibling in node.itersiblings())])
    shown = _HEADING_YEAR.match(clean_text(after))
    return title, int(shown.group(1)) if shown else None


def _text_and_tail(node: Any) -> str:
    """An element's text and the text after it; of a comment, the text after it only."""
    return (" ".join(node.itertext()) if isinstance(node.tag, str) else "") + (node.tail or "")


def _people(nodes: list[Any], page: Page, kind: Any) -> list[Any]:
    people: list[Any] = []
    seen: set[str] = set()
    for node in nodes:
        name = _text(node)
        if not name or name in seen:
            continue
        seen.add(name)
        person = kind(name=name)
        url = page.absolute(node.get("href"))
        if url:
            person["url"] = url
        people.append(person)
    return people


def _runtime(nodes: list[Any], unparsed: dict[str, str]) -> FilmFields:
    """The first marked running time (the main cut: Douban marks only it) as printed, its minutes from the
    printed text, else from a `content` of bare minutes ("133")."""
    if not nodes:
        return {}
    printed, content = _text(nodes[0]), clean_text(nodes[0].get("content") or "")
    fields = runtime_fields(printed) if printed else {}
    if "runtime_minutes" not in fields and _MINUTES.match(content) and int(content) > 0:
        fields = {"runtime_minutes": int(content), "runtime_raw": printed or content}
    if "runtime_minutes" not in fields and (printed or content):
        unparsed["runtime"] = printed or content
        return {}
    return fields


def _read_release(nodes: list[Any], film: VocabularyFilm) -> None:
    """The release date where the page marks one only, and it is no festival's showing; the marked text kept
    (in `unparsed`) where it is no date, or where the dates leave the release open."""
    raws = [raw for raw in map(_value, nodes) if raw]
    if not raws:
        return
    if len(raws) > 1 or _FESTIVAL.search(raws[0]):
        film.release_unsettled = True
        film.unparsed["release_date"] = " / ".join(raws)[:200]
        return
    date = or_none(parse_date, raws[0])
    if date is None:
        film.unparsed["release_date"] = raws[0][:200]
        return
    film.fields["release_date"] = date.iso
    film.fields["release_date_raw"] = raws[0]
    if date.country:
        film.fields["release_country"] = date.country


def _only(nodes: list[Any]) -> str | None:
    return _value(nodes[0]) or None if len(nodes) == 1 else None


def _read_rating(terms: dict[str, list[Any]], page: Page, film: VocabularyFilm) -> None:
    """The film's marked average, on the marked scale (`v:best`, else the site's own), with its votes: the
    users' rating where they are counted. Several averages on the page (a chart's rows) give none."""
    # `v:value` is an aggregate's average only inside a `v:Review-aggregate`; in a `v:Review` it is one critic's.
    averages = [node for node in terms.get("average", []) if not _in_one_review(node)] or [
        node for node in terms.get("value", []) if _in_aggregate(node)
    ]
    value = _only(averages)
    if value is None:
        return
    site_scale = scale_of_site(page.canonical_url or page.url)
    votes = _only(terms.get("votes", [])) or _only(terms.get("count", []))
    aggregate = {
        "ratingValue": value,
        "bestRating": _only(terms.get("best", [])),
        "worstRating": _only(terms.get("worst", [])),
        "ratingCount": votes.replace(",", "") if votes else None,
    }
    rating = aggregate_rating(aggregate, default_best=site_scale, unparsed=film.unparsed)
    if rating is None:
        return
    film.fields["rating"] = rating
    if "count" in rating:
        film.fields["ratings"] = [labelled(rating, kind="user")]


def _types_around(node: Any) -> Iterator[str]:
    for ancestor in node.iterancestors():
        yield from (term.casefold() for term in (ancestor.get("typeof") or "").split())


def _in_one_review(node: Any) -> bool:
    return "v:review" in _types_around(node)


def _in_aggregate(node: Any) -> bool:
    return "v:review-aggregate" in _types_around(node)


def _summary(nodes: list[Any]) -> str | None:
    """The marked summary; its whole text where the page shows the marked one shortened, with the whole one
    beside it (`<span class="short"><span property="v:summary">...</span></span><span class="all hidden">`)."""
    if len(nodes) != 1:
        return None
    node = nodes[0]
    shortened = next((a for a in node.iterancestors() if "short" in (a.get("class") or "").split()), None)
    if shortened is not None:
        whole = next(
            (s for s in shortened.itersiblings() if isinstance(s.tag, str) and "all" in (s.get("class") or "").split()),
            None,
        )
        if whole is not None:
            node = whole
    return plot_text(_text(node))
