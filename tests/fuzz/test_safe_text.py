"""Text safety (schemas.safe_text): whatever a page puts in a string, what is written has no markup or
script, encodes as UTF-8, and text that was already safe is left exactly as it was."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schemas import to_json_dict, validate_record
from schemas.safe_text import _INVISIBLE_ACTING, has_markup, safe_text

# Markup pieces mixed with anything at all, so examples build tags, half tags and tags split by tags.
_PIECES = [
    "<",
    ">",
    "/",
    "<script>",
    "</script>",
    "<b>",
    "</b>",
    "<i>",
    "<scr",
    "ipt>",
    "<img src=x onerror=",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html>",
    "<?xml?>",
    "<style>",
    "'",
    '"',
    "=",
    " ",
    "\n",
    "\ud800",
    "\udfff",
    "\x00",
    "\x1b",
    "&lt;",
    "a",
    "é",
    "<3",
    "a < b",
]
HOSTILE = st.lists(st.sampled_from(_PIECES) | st.characters() | st.text(max_size=5), max_size=40).map("".join)


@given(HOSTILE)
def test_safe_text_should_leave_no_markup_and_encode_as_utf8(text: str) -> None:
    cleaned = safe_text(text)
    assert not has_markup(cleaned)
    cleaned.encode("utf-8")  # strict
    assert safe_text(cleaned) == cleaned


# Text without markup and without the code points safe text removes (bidi overrides, non-characters, C1
# controls: schemas.safe_text) comes back as it went in.
PLAIN = st.characters(blacklist_characters="<", blacklist_categories=("Cs", "Cc")).filter(
    lambda c: not _INVISIBLE_ACTING.match(c)
)


@given(st.text(alphabet=PLAIN))
def test_text_without_markup_should_come_back_unchanged(text: str) -> None:
    assert safe_text(text) is text


CASES = [
    # (from the page, written)
    ("<b>Bold</b> Film", "Bold Film"),
    ("<i>Titanic</i>'s ending", "Titanic's ending"),
    ("Great film<script>alert('x')</script>", "Great film"),
    ("<scr<b>ipt>alert(1)</scr</b>ipt>Shown", "Shown"),
    ("<img src=x onerror=alert(1)>Plain words.", "Plain words."),
    ("Line one<br>Line two", "Line one Line two"),
    ("First paragraph.\n\n<p>Second paragraph.</p>", "First paragraph.\n\nSecond paragraph."),
    ("Ends in a tag <img src=x onerror=alert(1)", "Ends in a tag"),
    ("<!-- tracking -->Shown", "Shown"),
    ("Lone surrogate \ud83c", "Lone surrogate \ufffd"),
    ("I <3 this film", "I <3 this film"),
    ("a < b and c > d", "a < b and c > d"),
    ("Scores: 3<5", "Scores: 3<5"),
]


@pytest.mark.parametrize(("text", "written"), CASES)
def test_safe_text_should_write(text: str, written: str) -> None:
    assert safe_text(text) == written


def test_every_string_of_a_record_should_be_safe_text_once_validated() -> None:
    record = to_json_dict(
        validate_record(
            {
                "type": "film",
                "id": "films:1",
                "source": "films",
                "url": "https://films.example/1",
                "scraped_at": "2026-01-01T00:00:00Z",
                "title": "The <i>Red</i> Shoes\ud800",
                "genres": ["<b>Drama</b>"],
                "directors": [{"name": "Michael <script>x()</script>Powell"}],
                "external_ids": {"imdb": "<b>tt0040725</b>"},
            }
        )
    )
    assert (record["title"], record["genres"], record["directors"][0]["name"], record["external_ids"]) == (
        "The Red Shoes\ufffd",
        ["Drama"],
        "Michael Powell",
        {"imdb": "tt0040725"},
    )
    json.dumps(record, ensure_ascii=False).encode("utf-8")
