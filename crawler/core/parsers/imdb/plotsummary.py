"""Plot summaries (`/title/tt.../plotsummary`, and `/synopsis` which shows the same page): the users' summaries,
first the outline the title page shows, each signed by its author, and the long synopsis.

Four markups are read, each summary's author line left out of its text:
- until 2013 (`div#tn15content`): one `p.plotpar` per summary, its author in `<i>Written by <a>...</a></i>`;
- 2013-2017: `p.plotSummary` (in `ul.zebraList` items from 2017), the author in a `<span><em>—<a>` line;
- 2017-2022: `ul#plot-summaries-content` items (`li#no-summary-content` when there is none), the summary in
  `p`, the author in `div.author-container`;
- since 2023: the `data-testid="sub-section-summaries"` list, each summary's text in
  `div.ipc-html-content-inner-div` and its author in a line of its own starting with "—"; when the list is
  rendered on the client only, the page data's `contentData.categories` ("summaries", "synopsis") hold the
  items' HTML.

`plot` is the first summary: the outline under the title. A page without summaries ("It looks like we don't
have any Plot Summaries for this title yet") gives the film its header names. The synopsis has no field of its
own and is not read.
"""

from __future__ import annotations

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import FilmFields

from ..page import Page
from ..structured import as_list, dig
from .common import fragment
from .title_subpages import HEADER_ONLY, named_film

# (layout, one summary): newest first.
SUMMARY_LAYOUTS = (
    ("next", '//*[@data-testid="sub-section-summaries"]//li[.//*[contains(@class, "ipc-html-content-inner-div")]]'),
    ("zebra_list", '//ul[@id="plot-summaries-content"]/li[not(@id="no-summary-content")]'),
    ("plot_summary", '//p[contains(@class, "plotSummary")]'),
    ("classic", '//div[@id="tn15content"]//p[contains(@class, "plotpar")]'),
)
# Text of a summary, its author line left out: the author's container, or an <i>, <em> or <span> that starts
# "Written by" (until 2013) or "—" (since). Only elements inside the summary count ($depth: the summary's own
# depth), so a page container whose class happens to hold "author" leaves the text alone.
SUMMARY_TEXT = (
    './/text()[not(ancestor::*[contains(@class, "author")][count(ancestor::*) >= $depth])'
    " and not(ancestor::*[self::i or self::em or self::span][count(ancestor::*) >= $depth]"
    '[starts-with(normalize-space(.), "Written by") or starts-with(normalize-space(.), "\u2014")])'
    " and not(ancestor::script) and not(ancestor::style)]"
)
CATEGORIES = ("props", "pageProps", "contentData", "categories")
CARD_TEXT_KEYS = ("htmlContent", "cardHtml")


def matches(page: Page) -> bool:
    """A page saved without its URL: only the 2017-2022 list's id says it is the summaries page."""
    return bool(page.sel.xpath(SUMMARY_LAYOUTS[1][1]))


def parse(page: Page, tt: str) -> list[FilmFields]:
    layout, summaries = _summaries(page)
    film = named_film(page, tt, "plotsummary")
    if summaries:
        film["plot"] = summaries[0]
    else:
        layout = HEADER_ONLY
    film["extraction"] = {"parser": f"imdb/plotsummary/{layout}"}
    return [film]


def _summaries(page: Page) -> tuple[str, list[str]]:
    for layout, items in SUMMARY_LAYOUTS:
        found = [summary for summary in (_summary(node) for node in page.sel.xpath(items)) if summary]
        if found:
            return layout, found
    return "next", [summary for summary in (_summary(_html(card)) for card in _cards(page)) if summary]


def _summary(node: Selector) -> str | None:
    depth = int(float(node.xpath("count(ancestor::*)").get() or 0))
    return clean_text(" ".join(node.xpath(SUMMARY_TEXT, depth=depth).getall())) or None


def _cards(page: Page) -> list[str]:
    """The summaries' HTML in the page data (the synopsis category left out)."""
    cards: list[str] = []
    for category in as_list(dig(page.next_data, *CATEGORIES)):
        if dig(category, "id") != "summaries":
            continue
        for item in as_list(dig(category, "section", "items")):
            html = next((item.get(key) for key in CARD_TEXT_KEYS if isinstance(item, dict) and item.get(key)), None)
            if isinstance(html, str):
                cards.append(html)
    return cards


def _html(card: str) -> Selector:
    return fragment(card)[0]
