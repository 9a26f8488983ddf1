"""The score panel of movie pages from 2010 to 2019, before the 2020 `mop-ratings-wrap`.

    2010-13  span#all-critics-meter ("97"), p.critic_stats ("Average Rating: 8.8/10", "Reviews Counted: 61"),
             div.meter.popcorn ("92"), "Average Rating: 4.2/5", "User Ratings: 31,123"
    2014-19  div#all-critics-numbers: span.meter-value ("97%"), div#scoreStats rows with a subtle label;
             div.audience-score span.meter-value ("92%") and div.audience-info rows
Each row is a printed label and its value; a score is read only beside its own label.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.core.normalize import clean_text
from schemas.record_fields import ScoredRatingFields

from .common import (
    AUDIENCE_AVERAGE,
    AUDIENCE_SCORE,
    AVERAGE_RATING,
    TOMATOMETER,
    average_rating,
    exact_count,
    percent,
    score,
)

MARKER = '//div[@id="all-critics-numbers"] | //span[@id="all-critics-meter"]'
CRITICS = '(//div[@id="all-critics-numbers"] | //span[@id="all-critics-meter"]/ancestor::div[1])[1]'
CRITICS_METER = './/span[contains(@class,"meter-value")]//text() | //span[@id="all-critics-meter"]//text()'
CRITICS_ROWS = (
    './/div[@id="scoreStats"]/div | .//p[contains(@class,"critic_stats")]/span | .//p[contains(@class,"critic_stats")]'
)
AUDIENCE = (
    '(//div[contains(@class,"audience-panel")]'
    ' | //*[contains(@class,"meter") and contains(@class,"popcorn")]'
    '/ancestor::div[.//p[contains(@class,"critic_stats")]][1])[1]'
)
AUDIENCE_METER = (
    './/div[contains(@class,"audience-score")]//*[contains(@class,"meter-value")]//text()'
    ' | .//*[contains(@class,"meter") and contains(@class,"popcorn")]//text()'
)
AUDIENCE_ROWS = './/div[contains(@class,"audience-info")]/div | .//p[contains(@class,"critic_stats")]'


def matches(sel: Any) -> bool:
    return bool(sel.xpath(MARKER))


# The printed labels; a 2010-13 stats paragraph runs several of them together, separated by line breaks.
LABEL = re.compile(r"(Average Rating|Reviews Counted|User Ratings|Fresh|Rotten)\s*:", re.I)


def _rows(node: Any, xpath: str) -> dict[str, str]:
    """Printed label (lower case) -> "Label: value" text, from every row under `node`."""
    found: dict[str, str] = {}
    for row in node.xpath(xpath) if node else []:
        text = clean_text(" ".join(row.xpath(".//text()").getall()))
        marks = list(LABEL.finditer(text))
        for mark, following in zip(marks, marks[1:] + [None]):
            end = following.start() if following else len(text)
            found.setdefault(mark.group(1).lower(), text[mark.start() : end].strip(" |"))
    return found


def _labelled(rows: dict[str, str], label: str) -> str | None:
    return rows.get(label.lower())


def entries(sel: Any) -> list[ScoredRatingFields | None]:
    critics = sel.xpath(CRITICS)
    audience = sel.xpath(AUDIENCE)
    critic_rows = _rows(critics, CRITICS_ROWS)
    audience_rows = _rows(audience, AUDIENCE_ROWS)
    meter = percent(clean_text("".join(critics.xpath(CRITICS_METER).getall()))) if critics else None
    popcorn = percent(clean_text("".join(audience.xpath(AUDIENCE_METER).getall()))) if audience else None
    return [
        score("critic", TOMATOMETER, meter, exact_count(_labelled(critic_rows, "Reviews Counted"))),
        average_rating(_labelled(critic_rows, "Average Rating"), kind="critic", label=AVERAGE_RATING),
        score("audience", AUDIENCE_SCORE, popcorn, exact_count(_labelled(audience_rows, "User Ratings"))),
        average_rating(_labelled(audience_rows, "Average Rating"), kind="audience", label=AUDIENCE_AVERAGE),
    ]
