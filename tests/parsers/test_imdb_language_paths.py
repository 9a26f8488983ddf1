"""IMDb addresses a page in a language of its own since 2023 ("/de/title/tt0040725/", "/es-es/chart/top/"):
the page is read as the same page without the language, by the same reader, to the same records."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from crawler.core.parsers.imdb import SITE
from tests.fixture_cases import FIXTURES, FixtureCase

PAGES = [
    "imdb/title/a-matter-of-life-and-death-1946-next-2022-01.html",
    "imdb/fullcredits/red-shoes-1948-fullcredits-2016.html",
    "imdb/reviews/red-shoes-1948-reviews-2019.html",
    "imdb/listing/chart-2023-nextjs.html",
    "imdb/listing/find-2023-nextjs.html",
    # layouts whose classes were renamed: the generic readers fill what the site's reader misses, on the
    # film's own page and on its release page alike
    "imdb/title/brief-encounter-1945-overview-renamed-2011.html",
    "imdb/releaseinfo/third-man-1949-releaseinfo-next-renamed-2024.html",
]
LANGUAGES = ["de", "es-es", "pt"]


def _in_language(url: str, language: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{language}{parts.path}"))


def _without_addresses(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records less the page's own address, which differs by its language."""
    return [{name: value for name, value in record.items() if name != "url"} for record in records]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_a_page_addressed_in_a_language_should_give_the_records_of_the_page(page: str, language: str) -> None:
    case = FixtureCase(FIXTURES / page)
    expected = case.expected()
    url = _in_language(expected["url"], language)
    assert _without_addresses(case.run(url, "imdb")) == _without_addresses(expected["records"])


@pytest.mark.parametrize(
    ("path", "page_type"),
    [
        ("/de/title/tt0040725/", "title"),
        ("/fr/title/tt0040725/fullcredits", "fullcredits"),
        ("/es-es/chart/top/", "listing"),
        ("/pt/user/ur1234/reviews", "user_reviews"),
        ("/it/name/nm0000001/", "person"),
        # not a language: IMDb's own sections keep their names
        ("/tv/", None),
        ("/de/", None),
    ],
)
def test_a_language_prefix_should_not_change_the_page_type(path: str, page_type: str | None) -> None:
    assert SITE.page_type_of(f"https://www.imdb.com{path}") == page_type
