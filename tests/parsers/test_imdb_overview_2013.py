"""The overview-top layout as IMDb printed it in 2012-2015: the certificate as a sprite in the infobar and as an
MPAA line in the storyline, and user reviews whose ratingValue 0 means "no score"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from crawler.core.extraction import extract, selector_for
from tests.fixture_cases import load_page

PAGE = "imdb/title/red-shoes-1948-overview-2013.html"
URL = "http://www.imdb.com/title/tt0040725/"
SPRITE = b'<span title="PG" class="us_pg titlePageSprite absmiddle"></span>'


def records(body: bytes) -> list[dict[str, Any]]:
    sel = selector_for(body)
    return extract(sel, url=URL, site="imdb", scraped_at=datetime(2026, 1, 1, tzinfo=UTC)).records


@pytest.mark.parametrize(
    ("body", "code"),
    [
        # the infobar's sprite: class "us_pg"
        (load_page(PAGE), "PG"),
        # without it, the storyline's MPAA line "Rated PG for a dancer's fall and some frightening images"
        (load_page(PAGE).replace(SPRITE, b""), "PG"),
    ],
    ids=["infobar-sprite", "storyline-mpaa-line"],
)
def test_certificate_should_be_the_code_not_the_mpaa_sentence(body: bytes, code: str) -> None:
    assert SPRITE in load_page(PAGE)
    film = next(r for r in records(body) if r["type"] == "film")
    assert film["certificate"]["code"] == code


def test_a_user_review_rated_0_on_a_scale_from_1_should_have_no_score() -> None:
    review = next(r for r in records(load_page(PAGE)) if r["type"] == "review")
    assert review["title"] == "Dance until the curtain falls"
    assert "rating" not in review
