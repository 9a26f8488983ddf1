"""What the title pages of 2010-2016 (`title_overview`) and 2016-2021 (`title_wrapper`) share below their
headers: the credit lines ("Director:", "Writers:", "Stars:"), the release date the Details article prints
when the header's release link gives none, and the featured user review. The articles themselves are read by
`articles`; each layout module keeps only its own header.
"""

from __future__ import annotations

from parsel import Selector, SelectorList

from schemas.record_fields import CastMemberFields, FilmFields, PersonFields, RecordFields

from ..page import Page
from . import articles, kinds
from .common import drop_empty, numbered
from .credits import labelled, names, writers


def detail(label: str, page: Page) -> str | None:
    """The value of a labelled block of the Storyline and Details articles ("Runtime", "Release Date")."""
    block = articles.details(page).get(label)
    return articles.block_value(block) if block is not None else None


def release_date(page: Page, label: str | None) -> str | None:
    """The date the header's release link prints ("Episode aired 24 September 2007"), else the Details
    article's; a series' run in the link ("TV Series (2009–2011)") is no release date."""
    return kinds.release_in_label(label) or detail("Release Date", page)


def credit_fields(page: Page, blocks: SelectorList[Selector], lower: FilmFields) -> FilmFields:
    """Directors, writers and cast of the credit lines. The articles' cast table (taken out of `lower`) is
    the whole cast in billing order, so it goes before the few stars the header names."""
    stars = numbered(names(labelled(blocks, r"Stars?"), page, kind=CastMemberFields))
    return {
        "directors": names(labelled(blocks, r"Directors?"), page, kind=PersonFields),
        # A series names its creators where a film names its writers ("Creator: David Simon").
        "writers": writers(labelled(blocks, r"Writers?") or labelled(blocks, r"Creators?"), page),
        "cast": lower.pop("cast", []) or stars,
    }


def with_featured_review(page: Page, tt: str, record: FilmFields) -> list[RecordFields]:
    """The film record without its empty fields, and the user review the page features, when it does."""
    film = drop_empty(record)
    review = articles.featured_review(page, tt, film)
    return [film, review] if review else [film]
