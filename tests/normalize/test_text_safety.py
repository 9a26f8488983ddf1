"""Text fields are safe to show: no terminal or bidi controls, no non-characters, and within a length limit
(schemas.safe_text); a record's text is made so when it is validated."""

from __future__ import annotations

import pytest

from schemas import validate_record
from schemas.safe_text import DEFAULT_TEXT_LIMIT, TEXT_LIMITS, cut_text, safe_text, text_limit

STRIPPED = [
    # (text, safe text)
    ("Am\u009b31mélie", "Am31mélie"),  # C1 CSI: a terminal escape
    ("Am\u0085élie", "Amélie"),  # C1 next line
    ("file\u202etxt.exe", "filetxt.exe"),  # right-to-left override
    ("\u202aA\u202b\u202cB\u202d", "AB"),
    ("\u2066isolated\u2069 \u2067x\u2068", "isolated x"),
    ("non\ufffe\uffffchar", "nonchar"),
    ("\ufdd0\ufdefx", "x"),
    ("plane\U0001fffe\U0010ffff", "plane"),
    ("bell\x07 and \x1b[31m", "bell and [31m"),
]

KEPT = ["Amélie", "Le Mépris", "アメリ", "עמלי", "\u200eLRM mark", "tab\tand\nnewline", "emoji 🎬", "\ufffd"]


@pytest.mark.parametrize(("text", "safe"), STRIPPED)
def test_safe_text_should_drop_controls_overrides_and_non_characters(text: str, safe: str) -> None:
    assert safe_text(text) == safe


@pytest.mark.parametrize("text", KEPT)
def test_safe_text_should_keep_real_text_as_it_is(text: str) -> None:
    assert safe_text(text) is text


LIMITS = [("title", 1_000), ("plot", 100_000), ("text", 100_000), ("name", 1_000), ("runtime_raw", DEFAULT_TEXT_LIMIT)]


@pytest.mark.parametrize(("field", "limit"), LIMITS)
def test_every_text_field_should_have_its_limit(field: str, limit: int) -> None:
    assert text_limit(field) == limit


def test_cut_text_should_end_at_a_word_and_within_the_limit() -> None:
    cut = cut_text("word " * 500, 1_000)
    assert len(cut) <= 1_000 and cut.endswith("word…")
    assert cut_text("short", 1_000) == "short"
    assert len(cut_text("x" * 5_000, 1_000)) == 1_000


def test_validated_record_should_hold_no_text_over_its_limit() -> None:
    film = validate_record(
        {
            "type": "film",
            "id": "imdb:tt0040725",
            "source": "imdb",
            "url": "https://www.imdb.com/title/tt0040725/",
            "scraped_at": "2026-01-01T00:00:00Z",
            "title": "The Red Shoes " * 100_000,
            "plot": "x " * 3_000_000,
            "cast": [{"name": "Moira Shearer\u202e" * 200}],
        }
    )
    assert len(film.title) <= TEXT_LIMITS["title"] and len(film.plot or "") <= TEXT_LIMITS["plot"]
    assert len(film.cast[0].name) <= TEXT_LIMITS["name"] and "\u202e" not in film.cast[0].name
