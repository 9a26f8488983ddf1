"""Review articles of film blogs and review sites: one critic review record per article page.

`parse_article(page, source=...)` reads the headline, the film under review (title, year, directors, runtime),
byline, date, the reviewer's score and the body text of a page that has no schema.org data to say so.
It returns None when the page is not a review article (no body of prose, or no identifiable film, or
nothing that marks it as a review). A blog is not a film database: no film record is made here.

The body comes from a small paragraph-density heuristic (body.py) rather than a general main-text library:
the credits block, the star image and the dateline sit beside the body and have to be read from the same
element tree anyway, and a few dozen lines over lxml stay deterministic and dependency-free.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, cast

from lxml import etree

from crawler.core.normalize import clean_text
from schemas.record_fields import ReviewFields

from ..ids import path_id
from ..page import Page
from ..schemaorg import text_of
from ..structured import as_list
from . import dates
from .body import Body, FurnitureMap, find_body, read_part, short_element_text
from .body import text_of as node_text
from .film import FilmFacts, identify
from .rating import find_rating

HEADLINES = "//h1"
CREDIT_CANDIDATES = (
    ".//*[self::span or self::li or self::dd or self::dt or self::p or self::div or self::small"
    " or self::h2 or self::h3 or self::h4 or self::td][not(self::div and ./div)]"
)
AUTHOR_LINKS = "//a[@rel='author'] | //*[@itemprop='author']"
AUTHOR_CLASSES = (
    ".//*[@class][contains(translate(@class, 'AUTHOR', 'author'), 'author')"
    " or contains(translate(@class, 'BYLINE', 'byline'), 'byline')]"
)
_CREDIT_CANDIDATES = etree.XPath(CREDIT_CANDIDATES)
# A block of several bold labels ("<b>Regissør:</b> Tom Hooper <b>Med:</b> Colin Firth"), often one paragraph
# whose lines a blog's converter joined: each label and its value is a credit line of its own.
_LABELLED_BLOCKS = etree.XPath(".//*[self::p or self::div][count(./strong | ./b) >= 2]")
MAX_CREDIT_LINE = 120
MAX_AUTHOR = 60
ARTICLE_TYPES = ("Article", "BlogPosting", "NewsArticle", "WebPage")
# An unrated article that says nothing of a review needs this much prose beside its labelled facts to be one.
MIN_PROSE = 200
# A labelled fact line: a short label, a colon, its value ("Directed by: Michael Powell", "Runtime: 101 min").
_LABEL_LINE = re.compile(r"^[^\W\d][^:\n]{0,30}:\s")


def parse_article(page: Page, *, source: str) -> list[ReviewFields] | None:
    if page.sel.type != "html":
        return None
    body = find_body(page.sel)
    if body is None:
        return None
    headline_node = _headline_node(page)
    headline = node_text(headline_node) if headline_node is not None else None
    headline = headline or _meta_headline(page)
    root = _article_root(body, headline_node)
    lines = _credit_lines(root, body)
    facts = identify(
        headline=headline, url=page.canonical_url or page.url, credit_lines=lines, paragraphs=body.paragraphs
    )
    if not facts.title:
        return None
    rating = find_rating(root, lines)
    if not (rating or facts.directors or facts.runtime_minutes or _says_review(page, headline)):
        return None
    if not (rating or _says_review(page, headline)) and _prose_length(body.paragraphs) < MIN_PROSE:
        return None  # a film's fact sheet (labelled credits, a line of synopsis): its film, not a review
    url = page.canonical_url or page.url
    record: ReviewFields = {
        "type": "review",
        "source": source,
        "kind": "critic",
        "url": url,
        "id": f"{source}:{path_id(url)}",
        "film_title": facts.title,
    }
    shown: list[str | None] = list(body.paragraphs)
    found_date, shown[0] = dates.dateline(shown[0])
    paragraphs = [p for p in shown if p]
    found_date = found_date or dates.printed(root) or dates.embedded(_published(page))
    if facts.year:
        record["film_year"] = facts.year
    if facts.directors:
        record["film_directors"] = [{"name": name} for name in facts.directors]
    if facts.runtime_minutes:
        record["film_runtime_minutes"] = facts.runtime_minutes
    if headline:
        record["title"] = headline
    author = _author(page, root)
    if author:
        record["author"] = author
    if rating:
        record["rating"] = rating
    text = "\n\n".join(paragraphs)
    if text:
        record["text"] = text
    record.update(found_date)
    return [record]


def film_facts(page: Page) -> FilmFacts | None:
    """What the article states about its film, for completing a schema.org Review that lacks it."""
    if page.sel.type != "html":
        return None
    body = find_body(page.sel)
    if body is None:
        return None
    headline_node = _headline_node(page)
    headline = (node_text(headline_node) if headline_node is not None else None) or _meta_headline(page)
    root = _article_root(body, headline_node)
    return identify(
        headline=headline,
        url=page.canonical_url or page.url,
        credit_lines=_credit_lines(root, body),
        paragraphs=body.paragraphs,
    )


def _headline_node(page: Page) -> Any:
    """The first <h1> outside the site's header, navigation and furniture."""
    furniture = FurnitureMap()
    for node in page.sel.xpath(HEADLINES):
        if furniture.inside(node):
            continue
        if node_text(node):
            return node
    return None


def _meta_headline(page: Page) -> str | None:
    for obj in page.of_type(*ARTICLE_TYPES):
        headline = text_of(obj.get("headline"))
        if headline:
            return headline
    return page.meta("og:title")


def _article_root(body: Body, headline: Any) -> Any:
    """The smallest block holding both the headline and the body (the body's own block without a headline)."""
    if headline is None:
        return body.node
    body_chain = [a.root for a in body.node.xpath("ancestor-or-self::*")]
    for ancestor in reversed(headline.xpath("ancestor::*")):
        if ancestor.root in body_chain:
            return ancestor
    return body.node


def _credit_lines(root: Any, body: Body) -> list[str]:
    """Short texts of the article block outside the body's long paragraphs (credits, scores, datelines)."""
    lines: dict[str, None] = {}  # ordered, and a line is looked up at once however many there are
    furniture = FurnitureMap()
    for element in _credit_candidates(root.root, body):
        if furniture.element_inside(element):
            continue
        text = body.texts[element] if element in body.texts else short_element_text(element, MAX_CREDIT_LINE)
        if text and len(text) <= MAX_CREDIT_LINE:
            lines.setdefault(text)
    for paragraph in body.paragraphs:
        if len(paragraph) <= MAX_CREDIT_LINE:
            lines.setdefault(paragraph)
    for block in _labelled_blocks(root.root, body):
        if not furniture.element_inside(block):
            for line in _labelled_runs(block):
                lines.setdefault(line)
    return list(lines)


_CANDIDATE_TAGS = frozenset(("span", "li", "dd", "dt", "p", "div", "small", "h2", "h3", "h4", "td"))


def _credit_candidates(root: Any, body: Body) -> Iterable[Any]:
    """What CREDIT_CANDIDATES selects under `root`, where the body was read whole; else the same of the part
    read (read_part)."""
    if body.read_to is None:
        return cast(list[Any], _CREDIT_CANDIDATES(root))
    return (
        element
        for element in read_part(root, body)
        if element.tag in _CANDIDATE_TAGS and not (element.tag == "div" and element.find("div") is not None)
    )


def _labelled_blocks(root: Any, body: Body) -> Iterable[Any]:
    """What _LABELLED_BLOCKS selects under `root`, of the part read where the body was not read whole."""
    if body.read_to is None:
        return cast(list[Any], _LABELLED_BLOCKS(root))
    return (
        element
        for element in read_part(root, body)
        if element.tag in ("p", "div") and sum(1 for child in element if child.tag in ("strong", "b")) >= 2
    )


def _labelled_runs(block: Any) -> list[str]:
    """The "Label: value" runs of a block whose labels are bold, each up to the next bold label or line break;
    none when fewer than two of its bold children are labels."""
    runs: list[list[str]] = []
    for child in block:
        if not isinstance(child.tag, str):
            continue
        label = clean_text(_all_text(child)) if child.tag in ("strong", "b") else ""
        if label.endswith(":") and 0 < len(label) <= 32:
            runs.append([label])
        elif child.tag == "br" and runs:
            runs.append([])  # a run ends at a line break
        elif runs:
            runs[-1].append(_all_text(child))
        if runs and child.tail:
            runs[-1].append(child.tail)
    lines = [clean_text(" ".join(run)) for run in runs if run]
    labelled = [line for line in lines if _LABEL_LINE.match(line) and len(line) <= MAX_CREDIT_LINE]
    return labelled if len(labelled) >= 2 else []


def _all_text(element: Any) -> str:
    """Every text inside an lxml element, as printed (no cleaning)."""
    return "".join(element.itertext()) if isinstance(element.tag, str) else ""


def _prose_length(paragraphs: list[str]) -> int:
    """Characters of the body's prose: its paragraphs less the short labelled fact lines ("Directed by: ...");
    a long paragraph opening with a label ("Verdict: ...") is prose."""
    return sum(
        len(paragraph)
        for paragraph in paragraphs
        if len(paragraph) > MAX_CREDIT_LINE or not _LABEL_LINE.match(paragraph)
    )


def _says_review(page: Page, headline: str | None) -> bool:
    url = (page.canonical_url or page.url).lower()
    if "review" in url or (headline and "review" in headline.lower()):
        return True
    return bool(page.of_type("Review"))


def _published(page: Page) -> str | None:
    for obj in page.of_type(*ARTICLE_TYPES):
        published = text_of(obj.get("datePublished"))
        if published:
            return published
    for key in dates.META_KEYS:
        value = page.meta(key)
        if value:
            return value
    return None


def _author(page: Page, root: Any) -> str | None:
    for obj in page.of_type(*ARTICLE_TYPES):
        for author in as_list(obj.get("author")):
            name = text_of(author)
            if name:
                return name
    for node in page.sel.xpath(AUTHOR_LINKS):
        name = _byline_name(node_text(node))
        if name:
            return name
    meta = page.meta("author")
    if meta and len(meta) <= MAX_AUTHOR:
        return clean_text(meta)
    for node in root.xpath(AUTHOR_CLASSES):
        name = _byline_name(node_text(node))
        if name:
            return name
    return None


def _byline_name(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"^(?:posted\s+)?by\s+", "", clean_text(text), flags=re.IGNORECASE).strip(" ,|")
    return text if 0 < len(text) <= MAX_AUTHOR else None
