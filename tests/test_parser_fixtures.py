"""Every saved fixture page gives exactly its expected records through the crawl's own extraction path."""

from __future__ import annotations

import pytest

from tests.fixture_cases import FixtureCase, all_cases

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_page_should_give_its_expected_records(case: FixtureCase) -> None:
    expected = case.expected()
    assert case.run(expected["url"], expected["site"]) == expected["records"]


def test_every_site_with_a_parser_has_fixtures() -> None:
    from crawler.core.sites import SITES, parser_for

    with_parser = {slug for slug in SITES if parser_for(slug) is not None}
    with_fixtures = {c.page.relative_to(c.page.parents[2]).parts[0] for c in CASES}
    assert with_parser <= with_fixtures
