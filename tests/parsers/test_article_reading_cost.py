"""The article reader costs what its page's paragraphs cost: no query per ancestor of each paragraph, and the
text of a node read by walking it, exactly as the XPath that defines it (body.TEXT) selects."""

from __future__ import annotations

from typing import Any

import pytest
from parsel import Selector

from crawler.core.normalize import clean_text
from crawler.core.parsers.article import parse_article
from crawler.core.parsers.article.body import TEXT, text_of
from crawler.core.parsers.page import Page

TEXTS = [
    # inline markup joined as written
    "<p>Powell and <em>Pressburger</em>'s <a href='/x'>The Red Shoes</a>.</p>",
    # a line break stands for a space; script, style and noscript hold no visible text, their tails do
    "<p>Moira Shearer<br>Anton Walbrook<script>var x = 1;</script> and <style>p{}</style>Marius Goring</p>",
    "<p>Before<noscript><span>hidden</span></noscript>after <!-- a comment --> the comment</p>",
    "<p>Nested <span>spans <b>and <i>italics</i></b> read</span> in order</p>",
    "<p></p>",
    "<div><noscript><p>inside noscript</p></noscript></div>",
]


def _xpath_text(node: Selector) -> str:
    return clean_text("".join(p.root if isinstance(p.root, str) else " " for p in node.xpath(TEXT)))


@pytest.mark.parametrize("markup", TEXTS)
def test_text_of_should_read_what_the_text_xpath_selects(markup: str) -> None:
    for node in Selector(text=f"<html><body>{markup}</body></html>").xpath("//body//*"):
        assert text_of(node) == _xpath_text(node)


def _nested_article(depth: int, paragraphs: int) -> str:
    opening = "".join(f"<div class='level-{n}'>" for n in range(depth))
    closing = "</div>" * depth
    body = "".join(
        f"<p>Paragraph {n} of a review of The Red Shoes (1948), a film by Michael Powell and Emeric "
        f"Pressburger, runtime 133 min.</p>"
        for n in range(paragraphs)
    )
    return (
        f"<html><body><header><nav><a href='/'>Home</a></nav></header>{opening}<article><h1>The Red Shoes "
        f"(1948) review</h1><div class='entry-content'>{body}</div></article>{closing}</body></html>"
    )


class _CountingSelector(Selector):
    queries = 0

    def xpath(self, query: str, namespaces: Any = None, **kwargs: Any) -> Any:
        type(self).queries += 1
        return super().xpath(query, namespaces, **kwargs)


def _queries(depth: int, paragraphs: int) -> int:
    _CountingSelector.queries = 0
    sel = _CountingSelector(text=_nested_article(depth, paragraphs))
    records = parse_article(Page(sel, "https://blog.example.org/2020/red-shoes-review/"), source="example")
    assert records and records[0]["film_title"] == "The Red Shoes"
    return _CountingSelector.queries


def test_article_reader_should_make_as_many_queries_however_deep_and_long_the_article() -> None:
    assert _queries(depth=2, paragraphs=5) == _queries(depth=40, paragraphs=5) == _queries(depth=40, paragraphs=200)


@pytest.mark.parametrize("limit", [0, 5, 12, 40, 1000])
@pytest.mark.parametrize("markup", [*TEXTS, "<div><p>" + "Moira Shearer dances. " * 40 + "</p><p>End</p></div>"])
def test_short_element_text_should_be_the_text_when_it_is_short_enough(markup: str, limit: int) -> None:
    from crawler.core.parsers.article.body import element_text, short_element_text

    for node in Selector(text=f"<html><body>{markup}</body></html>").xpath("//body//*"):
        text = element_text(node.root)
        assert short_element_text(node.root, limit) == (text if len(text) <= limit else None)


def test_credit_lines_should_not_clean_the_whole_article_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from crawler.core.parsers.article import body

    cleaned: list[int] = []
    clean = body.clean_text

    def measuring(text: str) -> str:
        cleaned.append(len(text))
        return clean(text)

    monkeypatch.setattr(body, "clean_text", measuring)
    sel = Selector(text=_nested_article(depth=3, paragraphs=300))
    records = parse_article(Page(sel, "https://blog.example.org/2020/red-shoes-review/"), source="example")
    assert records and len(records[0]["text"]) > 30_000
    assert max(cleaned) < 2_000  # a paragraph, or the beginning of a long block: never the whole body


def test_element_text_should_read_alike_with_the_ancestors_judged_once() -> None:
    from crawler.core.parsers.article.body import element_text

    markup = "".join(TEXTS) + "<noscript><div><p>hidden <b>deep</b></p></div></noscript><div><p>shown</p></div>"
    hidden: dict[Any, bool] = {}
    nodes = Selector(text=f"<html><body>{markup}</body></html>").xpath("//body//*")
    # in document order and in reverse: what is known of an ancestor is the same whichever element asked first
    for node in [*nodes, *reversed(nodes)]:
        assert element_text(node.root, hidden) == element_text(node.root) == _xpath_text(node)


def _endless_review(paragraphs: int) -> str:
    """A review whose body runs far past what a review's text may hold, its credits printed after it."""
    body = "".join(
        f"<p>Paragraph {n}: Vicky Page dances the Red Shoes ballet for Lermontov's company, torn between her "
        f"art and the composer Julian Craster.</p>"
        for n in range(paragraphs)
    )
    return (
        "<html><body><article><h1>The Red Shoes (1948) review</h1><p class='byline'>By Ann Critic</p>"
        f"<div class='entry-content'>{body}</div><p><b>Director:</b> Michael Powell<br><b>Runtime:</b> 133 min</p>"
        "<p class='rating'>Rating: 4/5</p></article></body></html>"
    )


def _read(paragraphs: int, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], int]:
    from crawler.core.parsers.article import body

    read: list[int] = []
    element_text = body.element_text

    def counting(element: Any, hidden: dict[Any, bool] | None = None) -> str:
        read.append(1)
        return element_text(element, hidden)

    monkeypatch.setattr(body, "element_text", counting)
    sel = Selector(text=_endless_review(paragraphs))
    records = parse_article(Page(sel, "https://blog.example.org/2020/red-shoes-review/"), source="example")
    assert records
    return dict(records[0]), len(read)


def test_a_body_longer_than_a_review_may_hold_should_be_read_only_a_little_past_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from crawler.core.parsers.article.body import BODY_LIMIT

    long, long_reads = _read(8_000, monkeypatch)
    longer, longer_reads = _read(40_000, monkeypatch)
    # The paragraphs past the limit are never read: five times the page, the same reads.
    assert long_reads == longer_reads < 2_000
    # What the record says is the same: the film from the headline and the credits printed after the body,
    # the byline and score, and a text that runs past the limit (validation cuts it there, and counts the cut).
    for record in (long, longer):
        assert record["film_title"] == "The Red Shoes"
        assert record["film_year"] == 1948
        assert record["film_directors"] == [{"name": "Michael Powell"}]
        assert record["film_runtime_minutes"] == 133
        assert record["author"] == "Ann Critic"
        assert record["rating"]["value"] == 4
        assert BODY_LIMIT < len(record["text"]) < BODY_LIMIT + 5_000
    assert long == longer


def test_the_first_block_to_hold_more_prose_than_the_limit_should_be_the_body() -> None:
    from crawler.core.parsers.article.body import BODY_LIMIT, find_body

    paragraph = "<p>" + "Moira Shearer dances the ballet of the Red Shoes. " * 20 + "</p>"
    blocks = BODY_LIMIT // 1000 + 5
    page = f"<html><body><div id='a'>{paragraph * blocks}</div><div id='b'>{paragraph * blocks * 2}</div></body></html>"
    found = find_body(Selector(text=page))
    assert found is not None and found.node.attrib["id"] == "a"
    assert found.read_to is not None


BLOCKQUOTES = (
    "<html><body><div><p>One</p><blockquote>Quoted alone</blockquote><blockquote><p>Quoted para</p><p>Two</p>"
    "</blockquote><blockquote><div><p>Deep</p></div></blockquote><h2>Cast</h2><ul><li>Moira Shearer</li></ul>"
    "<!-- a comment --><ol><li>x</li></ol><h5>not a block</h5><p>Three</p></div><p>Four</p></body></html>"
)


@pytest.mark.parametrize("markup", [BLOCKQUOTES, *(f"<html><body>{text}</body></html>" for text in TEXTS)])
def test_the_walks_should_select_what_the_xpath_definitions_select(markup: str) -> None:
    from crawler.core.parsers.article.body import BLOCKS, PARAGRAPHS, _blocks, _paragraph_elements

    root = Selector(text=markup).root
    assert list(_paragraph_elements(root)) == root.xpath(PARAGRAPHS)
    for node in root.iter():
        assert [block for _, block in _blocks(node)] == node.xpath(BLOCKS)
