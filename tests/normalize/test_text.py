from __future__ import annotations

import pytest

from crawler.core.normalize import NormalizeError, clean_multiline, clean_text, parse_credited_as, strip_year_suffix

CLEAN_CASES = [
    # IMDb title page: NBSP between words, newlines from the markup
    ("The\u00a0Red\u00a0Shoes", "The Red Shoes"),
    ("\n      Powell   and\tPressburger\n    ", "Powell and Pressburger"),
    # Letterboxd footer: narrow no-break space and zero-width space
    ("1948\u202f·\u202f133\u00a0mins", "1948 · 133 mins"),
    ("Red\u200bShoes\ufeff", "RedShoes"),
    # decomposed accents from a CMS are composed (NFC)
    ("Le\u0301onide Massine", "Léonide Massine"),
    # blank input
    ("", ""),
    (" \u00a0\u2009\n ", ""),
]

MULTILINE_CASES = [
    # user review body: paragraphs separated by blank lines
    ("First  line\nstill first.\n\n  Second\u00a0paragraph.  ", "First line still first.\n\nSecond paragraph."),
    # Windows line endings and whitespace-only lines
    ("One\r\n \r\nTwo\r\n\r\n\r\nThree", "One\n\nTwo\n\nThree"),
    ("\n\n  \n", ""),
]

CREDITED_CASES = [
    # IMDb full credits page (The Red Shoes)
    ("(as Leonide Massine)", "Leonide Massine"),
    ("as Ludmilla Tcherina", "Ludmilla Tcherina"),
    ("( as  Moira\u00a0Shearer )", "Moira Shearer"),
    ("(voice) (as Esmond Knight)", "Esmond Knight"),
    ("as Robert Helpmann (uncredited)", "Robert Helpmann"),
]

CREDITED_REFUSED = [
    "",
    "(uncredited)",
    "Leonide Massine",
    "Astaire",
    "as",
]

TITLE_CASES = [
    # IMDb title page <title>
    ("The Red Shoes (1948)", ("The Red Shoes", 1948)),
    ("The Red Shoes (1948) - IMDb", ("The Red Shoes (1948) - IMDb", None)),
    ("Crash (I) (2004)", ("Crash", 2004)),
    ("Crash (2004/I)", ("Crash", 2004)),
    ("Dead Silence (TV Movie 2007)", ("Dead Silence", 2007)),
    ("Making Of (Video 2003)", ("Making Of", 2003)),
    ("Lost (TV Series 2004–2010)", ("Lost", 2004)),
    # a series' title in quotes before its year (IMDb before 2016); quotes inside a title stay
    ('"The Big Bang Theory" (2007)', ("The Big Bang Theory", 2007)),
    ('"Crocodile" Dundee (1986)', ('"Crocodile" Dundee', 1986)),
    ('"Weird" and "Weirder" (2001)', ('"Weird" and "Weirder"', 2001)),
    # Wikipedia article titles
    ("Titanic (1997 film)", ("Titanic", 1997)),
    ("Heat (1986 American film)", ("Heat", 1986)),
    ("Casablanca (film)", ("Casablanca", None)),
    # plain titles, including ones that contain numbers
    ("Casablanca", ("Casablanca", None)),
    ("Blade Runner 2049", ("Blade Runner 2049", None)),
    ("  The\u00a0Red Shoes  (1948) ", ("The Red Shoes", 1948)),
    # a year outside film history is part of the title
    ("Space Odyssey (3001)", ("Space Odyssey (3001)", None)),
    # Japanese sites' production note: the year the film was made, not a release in Japan
    ("赤い靴(1948年製作の映画)", ("赤い靴", 1948)),
    ("赤い靴 (1948年製作)", ("赤い靴", 1948)),
    ("赤い靴(1950年公開)", ("赤い靴(1950年公開)", None)),
    # nothing would be left: the text is kept
    ("(1948)", ("(1948)", None)),
    ("", ("", None)),
]


@pytest.mark.parametrize(("raw", "expected"), CLEAN_CASES)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), MULTILINE_CASES)
def test_clean_multiline(raw: str, expected: str) -> None:
    assert clean_multiline(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), CREDITED_CASES)
def test_parse_credited_as(raw: str, expected: str) -> None:
    assert parse_credited_as(raw) == expected


@pytest.mark.parametrize("raw", CREDITED_REFUSED)
def test_parse_credited_as_refuses(raw: str) -> None:
    with pytest.raises(NormalizeError, match="credit note") as caught:
        parse_credited_as(raw)
    assert raw in str(caught.value)


@pytest.mark.parametrize(("raw", "expected"), TITLE_CASES)
def test_strip_year_suffix(raw: str, expected: tuple[str, int | None]) -> None:
    assert strip_year_suffix(raw) == expected


def _clean_text_definition(text: str) -> str:
    import unicodedata

    invisible = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
    return " ".join(unicodedata.normalize("NFC", text.translate(invisible)).split())


@pytest.mark.parametrize(
    "text",
    [
        *(raw for raw, _ in CLEAN_CASES),
        "  plain ASCII\ttext\r\n with runs  ",
        "soft\u00adhyphen and word\u2060joiner",
        "e\u0301 then \u212b and \u0958",  # combining accent, singleton and composition-excluded characters
        "Cin\u00e9ma already composed",
        "\x00 control \x1f characters",
    ],
)
def test_clean_text_should_be_its_definition(text: str) -> None:
    assert clean_text(text) == _clean_text_definition(text)


def test_clean_text_of_ascii_should_not_normalise_unicode(monkeypatch: pytest.MonkeyPatch) -> None:
    import crawler.core.normalize.text as module

    class Unicode:
        calls = 0

        @classmethod
        def normalize(cls, form: str, text: str) -> str:
            cls.calls += 1
            return text

    monkeypatch.setattr(module, "unicodedata", Unicode)
    assert clean_text("  The Red   Shoes (1948)\n") == "The Red Shoes (1948)"
    assert Unicode.calls == 0
