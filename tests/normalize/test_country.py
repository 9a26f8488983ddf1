from __future__ import annotations

import pytest

from crawler.core.normalize import COUNTRY_NAMES, NormalizeError, country_code

CASES = [
    # IMDb release info and technical specs: abbreviations and historic names
    ("UK", "GB"),
    ("USA", "US"),
    ("West Germany", "DE"),
    ("Soviet Union", "SU"),
    ("Korea, South", "KR"),
    ("Czech Republic", "CZ"),
    ("Yugoslavia", "YU"),
    ("East Germany", "DD"),
    # schema.org countryOfOrigin / Wikipedia infobox
    ("United States", "US"),
    ("United States of America", "US"),
    ("U.S.", "US"),
    ("United Kingdom", "GB"),
    ("Germany", "DE"),
    ("Czechia", "CZ"),
    ("South Korea", "KR"),
    ("the Netherlands", "NL"),
    ("Bosnia & Herzegovina", "BA"),
    ("North Macedonia", "MK"),
    ("Côte d’Ivoire", "CI"),
    # codes themselves, any case
    ("US", "US"),
    ("gb", "GB"),
    ("fr", "FR"),
    # Japanese, Chinese and Korean pages (eiga.com, Filmarks, Douban, Mtime, Naver, Watcha)
    ("イギリス", "GB"),
    ("アメリカ", "US"),
    ("英国", "GB"),
    ("美國", "US"),
    ("中国大陆", "CN"),
    ("中国香港", "HK"),
    ("韓国", "KR"),
    ("영국", "GB"),
    ("미국", "US"),
    ("한국", "KR"),
    # German pages
    ("Deutschland", "DE"),
    ("Österreich", "AT"),
    ("Frankreich", "FR"),
    ("Vereinigte Staaten", "US"),
    ("Großbritannien", "GB"),
    ("GROSSBRITANNIEN", "GB"),
    ("Kanada", "CA"),
    # Hungarian pages
    ("Egyesült Államok", "US"),
    ("Nagy-Britannia", "GB"),
    ("Magyarország", "HU"),
    # ČSFD (Czech and Slovak names)
    ("Velká Británie", "GB"),
    ("Veľká Británia", "GB"),
    ("Írsko", "IE"),
    ("Česko", "CZ"),
    # French, Spanish, Italian, Portuguese, Polish and Russian pages; French sites' nationalities
    ("États-Unis", "US"),
    ("américain", "US"),
    ("britannique", "GB"),
    ("Royaume-Uni", "GB"),
    ("EE. UU.", "US"),
    ("Reino Unido", "GB"),
    ("Alemania", "DE"),
    ("Regno Unito", "GB"),
    ("Stati Uniti", "US"),
    ("Alemanha", "DE"),
    ("Wielka Brytania", "GB"),
    ("Włochy", "IT"),
    ("Великобритания", "GB"),
    ("СССР", "SU"),
    ("Чехословакия", "CS"),
    ("Allemagne de l'Ouest", "DE"),
    ("RDA", "DD"),
    # whitespace noise
    ("  New\u00a0Zealand ", "NZ"),
]

LISTED = {
    "France": "FR",
    "Italy": "IT",
    "Spain": "ES",
    "Japan": "JP",
    "Canada": "CA",
    "Australia": "AU",
    "Hungary": "HU",
    "China": "CN",
    "Hong Kong": "HK",
    "India": "IN",
    "Brazil": "BR",
    "Mexico": "MX",
    "Argentina": "AR",
    "Sweden": "SE",
    "Norway": "NO",
    "Denmark": "DK",
    "Finland": "FI",
    "Netherlands": "NL",
    "Belgium": "BE",
    "Austria": "AT",
    "Switzerland": "CH",
    "Poland": "PL",
    "Portugal": "PT",
    "Ireland": "IE",
    "New Zealand": "NZ",
    "Russia": "RU",
    "Turkey": "TR",
    "Greece": "GR",
    "Israel": "IL",
    "Iran": "IR",
    "Egypt": "EG",
    "South Africa": "ZA",
    "Pakistan": "PK",
    "Philippines": "PH",
    "Taiwan": "TW",
    "Thailand": "TH",
    "Singapore": "SG",
    "Iceland": "IS",
    "Luxembourg": "LU",
    "Serbia": "RS",
    "Croatia": "HR",
    "Romania": "RO",
    "Bulgaria": "BG",
    "Estonia": "EE",
    "Latvia": "LV",
    "Lithuania": "LT",
    "Slovakia": "SK",
    "Slovenia": "SI",
    "Ukraine": "UA",
    "Chile": "CL",
    "Colombia": "CO",
    "Peru": "PE",
    "Venezuela": "VE",
    "Uruguay": "UY",
    "Indonesia": "ID",
    "Malaysia": "MY",
    "Vietnam": "VN",
    "Nigeria": "NG",
    "Kenya": "KE",
    "Morocco": "MA",
    "Lebanon": "LB",
    "Qatar": "QA",
    "United Arab Emirates": "AE",
    "Saudi Arabia": "SA",
    "Kazakhstan": "KZ",
    "Georgia": "GE",
    "Bosnia and Herzegovina": "BA",
    "Cyprus": "CY",
    "Malta": "MT",
    "Jamaica": "JM",
    "Cuba": "CU",
    "Puerto Rico": "PR",
    "Dominican Republic": "DO",
    "Bangladesh": "BD",
    "Sri Lanka": "LK",
    "Nepal": "NP",
}

REFUSED = ["", "Narnia", "EU", "Europe", "Korea", "XX", "1948"]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_country_code(raw: str, expected: str) -> None:
    assert country_code(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), sorted(LISTED.items()))
def test_country_code_by_english_name(raw: str, expected: str) -> None:
    assert country_code(raw) == expected
    assert country_code(raw.upper()) == expected


@pytest.mark.parametrize("raw", REFUSED)
def test_country_code_refuses(raw: str) -> None:
    with pytest.raises(NormalizeError) as caught:
        country_code(raw)
    assert caught.value.kind == "country"
    assert raw in str(caught.value)


def test_names_map_to_codes() -> None:
    assert COUNTRY_NAMES["united kingdom"] == "GB"
    assert all(len(code) == 2 and code.isupper() for code in COUNTRY_NAMES.values())


def test_no_name_should_stand_for_two_countries() -> None:
    from crawler.core.normalize.country import _EAST_ASIAN, _EUROPEAN, _TABLE, _key

    codes: dict[str, set[str]] = {}
    for row in _TABLE + _EAST_ASIAN + _EUROPEAN:
        for name in row[1:]:
            codes.setdefault(_key(name), set()).add(row[0])
    assert {name: found for name, found in codes.items() if len(found) > 1} == {}
