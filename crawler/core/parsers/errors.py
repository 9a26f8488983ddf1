"""Typed outcomes of reading a page that did not give data.

A parser raises one of these before it reads any field, so a page that is not what the parser expects never
becomes a record full of nulls. Each carries a short `reason` used as a stats key and in the rejects file.
"""

from __future__ import annotations

from typing import Literal


class PageError(Exception):
    """The page gave no records. `reason` is a short slug ("no_title", "captcha")."""

    stage: Literal["fetch", "parse"] = "parse"
    """The stage of a reject line the page gives (crawler.core.reject.Stage)."""

    def __init__(self, reason: str, detail: str = "", *, page_type: str | None = None) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.page_type = page_type
        """The page type the parser recognised before refusing the page ("title" of an unknown title layout),
        when it got that far; the layout-drift alarm counts the page under it."""


class PageLayoutError(PageError):
    """The page does not have the structure its parser reads (a layout change, a truncated page)."""


class UnsupportedPage(PageError):
    """No parser of the site handles this kind of page."""


class PageWithoutData(UnsupportedPage):
    """A page type the site's parser knows and does not read because it holds no film (an IMDb person's
    biography). Unlike an unknown page, it is not handed to the generic readers: what they would find there
    (page data repeated on every sub-page) is not what the page is about."""


class BlockedPage(PageError):
    """The site answered with a challenge, captcha or consent wall instead of the page."""

    stage = "fetch"
