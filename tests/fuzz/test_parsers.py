"""Every parser, on mutated copies of every fixture page, gives records or a typed page error: never another
exception. Whatever records it gives are written as valid UTF-8 JSON without markup once validated (or are
refused by validation with field errors, which a crawl turns into a rejected record).

The number of examples per fixture follows the Hypothesis profile (tests/conftest.py): 10 with "ci", 250
with HYPOTHESIS_PROFILE=long.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import ValidationError
from w3lib.encoding import html_to_unicode

from crawler.core.extraction import extract, selector_for
from crawler.core.parsers.errors import PageError
from schemas import UnknownRecordType, to_json_dict, validate_record
from schemas.safe_text import has_markup
from tests.fixture_cases import SCRAPED_AT, FixtureCase, all_cases

from .mutations import mutated_page

PROFILE_EXAMPLES = settings.default.max_examples
EXAMPLES_PER_PAGE = max(6, PROFILE_EXAMPLES // 20)
CASES = all_cases()


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def check_outcome(body: bytes, url: str, site: str) -> None:
    """The property: records or a PageError, and what validates is safe UTF-8 JSON."""
    sel = selector_for(body)
    try:
        extraction = extract(sel, url=url, site=site, scraped_at=SCRAPED_AT)
    except PageError:
        return
    for record in extraction.records:
        assert isinstance(record, dict) and record.get("type") in ("film", "review", "listing"), record
        try:
            model = validate_record(record)
        except (ValidationError, UnknownRecordType):
            continue
        data = to_json_dict(model)
        json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8")
        assert not [s for s in strings(data) if has_markup(s)]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_mutated_fixture_page_gives_records_or_a_page_error(case: FixtureCase) -> None:
    expected = case.expected()
    url, site = expected["url"], expected["site"]
    _, text = html_to_unicode(None, case.page.read_bytes())
    is_json = case.page.suffix == ".json"

    @settings(max_examples=EXAMPLES_PER_PAGE, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(mutated_page(text, is_json=is_json))
    def check(page: str) -> None:
        # Lone surrogates become the invalid bytes a broken server sends.
        check_outcome(page.encode("utf-8", "surrogatepass"), url, site)

    check()


# Inputs found by fuzzing that once escaped as other exceptions, kept as fixed examples.
REGRESSIONS = [
    # JSON-LD integer over Python's 4,300-digit limit: ValueError from json.loads
    (
        b'<html><head><script type="application/ld+json">{"@type": "Movie", "name": "X", "aggregateRating": '
        b'{"ratingCount": ' + b"9" * 5000 + b"}}</script></head><body><h1>X</h1></body></html>",
        "https://letterboxd.com/film/x/",
        "letterboxd",
    ),
    # A JSON body nested deeper than the JSON parser goes: RecursionError from parsel
    (b"[" * 100_000, "https://athome.fandango.com/content/browse/details/X/1", "fandango_at_home"),
    # A JSON document given to the schema.org parser: ValueError from an XPath on a JSON selector
    (b'{"@type": "Movie"}', "https://films.example/x", "generic"),
    # Attribute names lxml parses but cannot give back (KeyError, ValueError from Selector.attrib)
    (
        b'<html><body><div {{attrs}} class="x"><p {x}y=1>'
        + b"Prose of a review long enough to be read. " * 9
        + b"</p></div></body></html>",
        "https://films.example/review/x",
        "generic",
    ),
    # The same in a second <html> after the first one's end, which lxml keeps beside the root element: not
    # under it, so walking the root's descendants never finds it
    (
        b"<html><head><title>Ballet on film</title></head>\n<html><head><title>Ballet on film</title></head>"
        b'</html><body><ol><meta property="name" content=""\x08Ballet on film"><li><a href="/film/1">The Red'
        b" Shoes</a> (1948)</li></ol></body></html>",
        "https://films.example/lists/ballet",
        "generic",
    ),
    # Half a UTF-16 surrogate pair escaped in JSON-LD and in page state: strings no UTF-8 holds
    (
        b'<html><head><script type="application/ld+json">{"@type": "Movie", "name": "The Red Shoes \\ud83c",'
        b' "director": {"@type": "Person", "name": "\\udc00Michael Powell"}, "datePublished": "1948"}'
        b"</script></head><body><h1>The Red Shoes</h1></body></html>",
        "https://films.example/film/red-shoes",
        "generic",
    ),
    (
        b'<html><body><h1>The Red Shoes</h1><script>window.__INITIAL_STATE__ = {"movie": {"title": "The Red'
        b' Shoes \\ud83c", "releaseYear": 1948, "runtime": 133, "genres": ["Drama"], "directors": ["M. P."]}};'
        b"</script></body></html>",
        "https://films.example/film/red-shoes",
        "generic",
    ),
    # A review's author link whose host is no URL ("https://[films.example/..."): ValueError from urlsplit
    (
        b"<html><head><title>The Red Shoes - Reviews</title></head><body><h1>The Red Shoes Reviews</h1>"
        + b"".join(
            b'<div class="review-element"><div class="update_at">Apr 2' + day + b', 2024</div><div class="username">'
            b'<a href="' + href + b'">' + name + b'</a></div><div class="text">Moira Shearer dances the ballet of'
            b' the Red Shoes and the film never lets her stop.</div><div class="rating">Reviewer\'s Rating: '
            b'<span class="num">8</span></div></div>'
            for day, href, name in (
                (b"0", b"https://[films.example/profile/vicky", b"vicky"),
                (b"3", b"https://films.example/profile/boris", b"boris"),
            )
        )
        + b"</body></html>",
        "https://films.example/film/red-shoes/reviews",
        "generic",
    ),
    # A control character in a connections heading, once given to XPath as a string: ValueError from lxml
    (
        b'<html><body><h3><a href="/title/tt0040725/">The Red Shoes</a> (1948)</h3><div id="connections_content">'
        b'<h4 class="li_group">Referenced in\x08 (1)</h4><div class="soda odd"><a href="/title/tt0047396/">Rear'
        b" Window</a> (1954)</div></div></body></html>",
        "https://www.imdb.com/title/tt0040725/movieconnections",
        "imdb",
    ),
    # Lists nested in a JSON-LD text property past the recursion limit
    (
        b'<html><head><script type="application/ld+json">{"@type": "Movie", "name": '
        + b"[" * 900
        + b"]" * 900
        + b"}</script></head><body></body></html>",
        "https://films.example/film/x",
        "generic",
    ),
]


@pytest.mark.parametrize(("body", "url", "site"), REGRESSIONS)
def test_hostile_document_gives_records_or_a_page_error(body: bytes, url: str, site: str) -> None:
    check_outcome(body, url, site)


_CLOSING_TAG = re.compile(r"(</(?:h[1-6]|b|strong|dt|dd|a|span|li|td)>)", re.IGNORECASE)


@pytest.mark.parametrize("case", [case for case in CASES if case.page.suffix != ".json"], ids=lambda case: case.name)
def test_fixture_page_with_comments_between_its_nodes_gives_records_or_a_page_error(case: FixtureCase) -> None:
    """A comment may sit anywhere between nodes (templates leave them, a broken one swallows markup): readers
    that walk nodes one by one must not ask a comment for elements."""
    expected = case.expected()
    _, text = html_to_unicode(None, case.page.read_bytes())
    commented = _CLOSING_TAG.sub(r"\1<!-- x -->", text)
    check_outcome(commented.encode("utf-8", "surrogatepass"), expected["url"], expected["site"])


_JSON_TEXT_STARTS = re.compile(r'("(?:name|text|plainText|html|cardHtml|reviewBody|headline|title)"\s*:\s*")')


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_fixture_page_whose_json_escapes_half_a_character_gives_records_or_a_page_error(case: FixtureCase) -> None:
    """A lone UTF-16 surrogate escaped in a page's JSON ("\\ud800") decodes to a string no UTF-8 holds: it is
    read as U+FFFD, never hashed, handed to lxml or written as it is."""
    expected = case.expected()
    _, text = html_to_unicode(None, case.page.read_bytes())
    broken = _JSON_TEXT_STARTS.sub(lambda match: match.group(1) + "\\ud800", text)
    check_outcome(broken.encode("utf-8", "surrogatepass"), expected["url"], expected["site"])
