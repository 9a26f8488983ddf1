"""A Wikipedia article addressed by its title in the query (`/w/index.php?title=...&oldid=...`, the permanent
link of a revision) is read as the article: the same reader, the same records."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote, urlsplit

import pytest

from crawler.core.parsers.wikipedia import article_address
from tests.fixture_cases import FIXTURES, FixtureCase

PAGES = sorted(str(path.relative_to(FIXTURES)) for path in (FIXTURES / "wikipedia").rglob("*.html"))


def _revision_link(url: str) -> str:
    parts = urlsplit(url)
    title = unquote(parts.path.removeprefix("/wiki/"))
    return f"{parts.scheme}://{parts.netloc}/w/index.php?title={quote(title)}&oldid=1180000000"


def _decoded(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records with their own address decoded (a title's letters may be written either way); a listing
    less its address, which is the page's as it was asked for (a list's revision is a page of its own)."""
    return [
        {name: value for name, value in record.items() if name != "url"}
        if record["type"] == "listing"
        else {**record, "url": unquote(record["url"])}
        for record in records
    ]


@pytest.mark.parametrize("page", PAGES)
def test_a_revision_link_should_give_the_records_of_the_article(page: str) -> None:
    case = FixtureCase(FIXTURES / page)
    expected = case.expected()
    if "/wiki/" not in expected["url"]:
        pytest.skip("read under an address that is no article's")
    assert _decoded(case.run(_revision_link(expected["url"]), "wikipedia")) == _decoded(expected["records"])


@pytest.mark.parametrize(
    ("url", "article"),
    [
        (
            "https://en.wikipedia.org/w/index.php?title=The_Red_Shoes_(1948_film)&oldid=1",
            "/wiki/The_Red_Shoes_(1948_film)",
        ),
        ("https://fr.wikipedia.org/w/index.php?title=Les%20Chaussons%20rouges", "/wiki/Les_Chaussons_rouges"),
        ("https://en.wikipedia.org/w/index.php?oldid=1&title=Black_Narcissus&action=view", "/wiki/Black_Narcissus"),
        # not the article as it is shown: its history, its source, a search
        ("https://en.wikipedia.org/w/index.php?title=Black_Narcissus&action=history", None),
        ("https://en.wikipedia.org/w/index.php?title=Black_Narcissus&action=edit", None),
        ("https://en.wikipedia.org/w/index.php?search=Black+Narcissus", None),
        ("https://en.wikipedia.org/wiki/Black_Narcissus", "/wiki/Black_Narcissus"),
    ],
)
def test_article_address_should_name_the_article_shown(url: str, article: str | None) -> None:
    found = urlsplit(article_address(url))
    assert (found.path if found.path.startswith("/wiki/") else None) == article
