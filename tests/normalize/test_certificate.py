from __future__ import annotations

from typing import Any

import pytest

from crawler.core.normalize import Certificate, NormalizeError, parse_certificate

CASES: list[tuple[str, dict[str, Any], Certificate]] = [
    # IMDb title page (US)
    ("Not Rated", {}, Certificate(code="Not Rated", normalized="NR", country=None)),
    ("not rated", {}, Certificate(code="not rated", normalized="NR", country=None)),
    ("NR", {}, Certificate(code="NR", normalized="NR", country=None)),
    ("nr", {}, Certificate(code="nr", normalized="NR", country=None)),
    ("Unrated", {}, Certificate(code="Unrated", normalized="UNRATED", country=None)),
    ("Passed", {}, Certificate(code="Passed", normalized="PASSED", country=None)),
    ("Approved", {}, Certificate(code="Approved", normalized="APPROVED", country=None)),
    ("PG-13", {}, Certificate(code="PG-13", normalized="PG-13", country=None)),
    (
        "(PG-13)",
        {},
        Certificate(code="PG-13", normalized="PG-13", country=None),
    ),  # printed in brackets beside the title
    ("R", {}, Certificate(code="R", normalized="R", country=None)),
    ("G", {}, Certificate(code="G", normalized="G", country=None)),
    ("PG", {}, Certificate(code="PG", normalized="PG", country=None)),
    ("NC-17", {}, Certificate(code="NC-17", normalized="NC-17", country=None)),
    ("X", {}, Certificate(code="X", normalized="X", country=None)),
    ("TV-MA", {}, Certificate(code="TV-MA", normalized="TV-MA", country=None)),
    ("TV-14", {}, Certificate(code="TV-14", normalized="TV-14", country=None)),
    ("TV-PG", {}, Certificate(code="TV-PG", normalized="TV-PG", country=None)),
    ("TV-G", {}, Certificate(code="TV-G", normalized="TV-G", country=None)),
    ("TV-Y", {}, Certificate(code="TV-Y", normalized="TV-Y", country=None)),
    ("TV-Y7", {}, Certificate(code="TV-Y7", normalized="TV-Y7", country=None)),
    # schema.org contentRating spellings
    ("pg13", {}, Certificate(code="pg13", normalized="PG-13", country=None)),
    ("PG13", {}, Certificate(code="PG13", normalized="PG-13", country=None)),
    ("tvma", {}, Certificate(code="tvma", normalized="TV-MA", country=None)),
    ("tv14", {}, Certificate(code="tv14", normalized="TV-14", country=None)),
    ("nrFamilyFriendly", {}, Certificate(code="nrFamilyFriendly", normalized="NR", country=None)),
    ("Rated R", {}, Certificate(code="R", normalized="R", country=None)),
    ("Rated PG-13 for sequences of violence", {}, Certificate(code="PG-13", normalized="PG-13", country=None)),
    ("Rating: PG", {}, Certificate(code="PG", normalized="PG", country=None)),
    # IMDb parental guide: "Country:code" certifications
    ("USA:R", {}, Certificate(code="R", normalized="R", country="US")),
    ("UK:12A", {}, Certificate(code="12A", normalized="12A", country="GB")),
    ("West Germany:16", {}, Certificate(code="16", normalized="16", country="DE")),
    (
        "Czech Republic:Nevhodný mládeži do 15 let",
        {},
        Certificate(code="Nevhodný mládeži do 15 let", normalized=None, country="CZ"),
    ),
    # UK pages: codes that only mean something with the country
    ("12A", {}, Certificate(code="12A", normalized="12A", country=None)),
    ("15", {"country": "GB"}, Certificate(code="15", normalized="15", country="GB")),
    ("18", {"country": "UK"}, Certificate(code="18", normalized="18", country="GB")),
    ("U", {"country": "GB"}, Certificate(code="U", normalized="U", country="GB")),
    ("PG", {"country": "GB"}, Certificate(code="PG", normalized="PG", country="GB")),
    ("BBFC 15", {}, Certificate(code="BBFC 15", normalized="15", country="GB")),
    # Canadian page
    ("14A", {}, Certificate(code="14A", normalized="14A", country=None)),
    ("14A", {"country": "CA"}, Certificate(code="14A", normalized="14A", country="CA")),
    # German page
    ("FSK 16", {}, Certificate(code="FSK 16", normalized="16", country="DE")),
    ("FSK16", {}, Certificate(code="FSK16", normalized="16", country="DE")),
    ("16", {"country": "DE"}, Certificate(code="16", normalized="16", country="DE")),
    ("ab 12", {"country": "Deutschland"}, Certificate(code="ab 12", normalized="12", country="DE")),
    # plausible but unknown: kept, not normalised
    ("Nevhodný mládeži do 15 let", {}, Certificate(code="Nevhodný mládeži do 15 let", normalized=None, country=None)),
    ("16+", {}, Certificate(code="16+", normalized=None, country=None)),
    ("15", {}, Certificate(code="15", normalized=None, country=None)),
    ("U", {}, Certificate(code="U", normalized=None, country=None)),
    ("R", {"country": "FR"}, Certificate(code="R", normalized=None, country="FR")),
]

REFUSED: list[tuple[str, dict[str, Any]]] = [
    ("", {}),
    ("   ", {}),
    ("<span>R</span>", {}),
    ("{{ rating }}", {}),
    ("x" * 81, {}),
    ("USA:", {}),
    ("R", {"country": "Narnia"}),
    # a list of countries' certificates is not one certificate
    ("Canada:PG | UK:12A | Norway:11", {}),
    ("PG | 12A", {}),
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
