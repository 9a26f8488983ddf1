from __future__ import annotations

from typing import Any

import pytest

from crawler.core.normalize import Certificate, NormalizeError, parse_certificate

CASES: list[tuple[str, dict[str, Any], Certificate]] = [
    # IMDb title page (US)
    ("Not Rated", {}, Certificate("Not Rated", "NR", None)),
    ("not rated", {}, Certificate("not rated", "NR", None)),
    ("NR", {}, Certificate("NR", "NR", None)),
    ("nr", {}, Certificate("nr", "NR", None)),
    ("Unrated", {}, Certificate("Unrated", "UNRATED", None)),
    ("Passed", {}, Certificate("Passed", "PASSED", None)),
    ("Approved", {}, Certificate("Approved", "APPROVED", None)),
    ("PG-13", {}, Certificate("PG-13", "PG-13", None)),
    ("(PG-13)", {}, Certificate("PG-13", "PG-13", None)),  # printed in brackets beside the title
    ("R", {}, Certificate("R", "R", None)),
    ("G", {}, Certificate("G", "G", None)),
    ("PG", {}, Certificate("PG", "PG", None)),
    ("NC-17", {}, Certificate("NC-17", "NC-17", None)),
    ("X", {}, Certificate("X", "X", None)),
    ("TV-MA", {}, Certificate("TV-MA", "TV-MA", None)),
    ("TV-14", {}, Certificate("TV-14", "TV-14", None)),
    ("TV-PG", {}, Certificate("TV-PG", "TV-PG", None)),
    ("TV-G", {}, Certificate("TV-G", "TV-G", None)),
    ("TV-Y", {}, Certificate("TV-Y", "TV-Y", None)),
    ("TV-Y7", {}, Certificate("TV-Y7", "TV-Y7", None)),
    # schema.org contentRating spellings
    ("pg13", {}, Certificate("pg13", "PG-13", None)),
    ("PG13", {}, Certificate("PG13", "PG-13", None)),
    ("tvma", {}, Certificate("tvma", "TV-MA", None)),
    ("tv14", {}, Certificate("tv14", "TV-14", None)),
    ("nrFamilyFriendly", {}, Certificate("nrFamilyFriendly", "NR", None)),
    ("Rated R", {}, Certificate("R", "R", None)),
    ("Rated PG-13 for sequences of violence", {}, Certificate("PG-13", "PG-13", None)),
    ("Rating: PG", {}, Certificate("PG", "PG", None)),
    # IMDb parental guide: "Country:code" certifications
    ("USA:R", {}, Certificate("R", "R", "US")),
    ("UK:12A", {}, Certificate("12A", "12A", "GB")),
    ("West Germany:16", {}, Certificate("16", "16", "DE")),
    ("Czech Republic:Nevhodný mládeži do 15 let", {}, Certificate("Nevhodný mládeži do 15 let", None, "CZ")),
    # UK pages: codes that only mean something with the country
    ("12A", {}, Certificate("12A", "12A", None)),
    ("15", {"country": "GB"}, Certificate("15", "15", "GB")),
    ("18", {"country": "UK"}, Certificate("18", "18", "GB")),
    ("U", {"country": "GB"}, Certificate("U", "U", "GB")),
    ("PG", {"country": "GB"}, Certificate("PG", "PG", "GB")),
    ("BBFC 15", {}, Certificate("BBFC 15", "15", "GB")),
    # Canadian page
    ("14A", {}, Certificate("14A", "14A", None)),
    ("14A", {"country": "CA"}, Certificate("14A", "14A", "CA")),
    # German page
    ("FSK 16", {}, Certificate("FSK 16", "16", "DE")),
    ("FSK16", {}, Certificate("FSK16", "16", "DE")),
    ("16", {"country": "DE"}, Certificate("16", "16", "DE")),
    ("ab 12", {"country": "Deutschland"}, Certificate("ab 12", "12", "DE")),
    # plausible but unknown: kept, not normalised
    ("Nevhodný mládeži do 15 let", {}, Certificate("Nevhodný mládeži do 15 let", None, None)),
    ("16+", {}, Certificate("16+", None, None)),
    ("15", {}, Certificate("15", None, None)),
    ("U", {}, Certificate("U", None, None)),
    ("R", {"country": "FR"}, Certificate("R", None, "FR")),
]

REFUSED: list[tuple[str, dict[str, Any]]] = [
    ("", {}),
    ("   ", {}),
    ("<span>R</span>", {}),
    ("{{ rating }}", {}),
    ("x" * 81, {}),
    ("USA:", {}),
    ("R", {"country": "Narnia"}),
]


@pytest.mark.parametrize(("raw", "kwargs", "expected"), CASES)
def test_parse_certificate(raw: str, kwargs: dict[str, Any], expected: Certificate) -> None:
    assert parse_certificate(raw, **kwargs) == expected


@pytest.mark.parametrize(("raw", "kwargs"), REFUSED)
def test_parse_certificate_refuses(raw: str, kwargs: dict[str, Any]) -> None:
    with pytest.raises(NormalizeError) as caught:
        parse_certificate(raw, **kwargs)
    assert caught.value.kind == "certificate"
    assert raw.strip()[:100] in str(caught.value)
