"""Scores printed without a label (crawler.core.parsers.generic.labels): a critics' share of positive reviews beside
its counts (a 2008 Tomatometer), a users' average drawn as star images beside its count; each read only where the
page's counts leave no doubt which score is the film's."""

from __future__ import annotations

from decimal import Decimal

import pytest
from parsel import Selector

from crawler.core.parsers.generic.labels import read_labels

BOX = """<div class="meter"><div class="meter-inner">
<div class="score"><span class="percent">{percent}</span> <sup>%</sup></div>
<div class="bar"><h6>Critics' meter</h6><p class="help">How does the meter work</p></div>
<div class="data"><p>Reviews Counted: {counted}</p><p>Fresh: {fresh}</p><p>Rotten:{rotten}</p>
<p>Average Rating: 8.1/10</p></div></div></div>"""


def page(body: str) -> Selector:
    return Selector(text=f"<html><body><main><h1>The Red Shoes (1948)</h1>{body}</main></body></html>")


# (the box's percentage, counted, fresh and rotten reviews, tabs above; the rating read as (value, best, count))
SHARES = [
    ("96", "48", "46", "2", "", (96, 100, 48)),
    ("26", "76", "20", "56", "", (26, 100, 76)),
    ("100", "1,204", "1,204", "0", "", (100, 100, 1204)),
    # the counts do not add up, or the percentage is not their share: no rating
    ("96", "48", "40", "2", "", None),
    ("90", "48", "46", "2", "", None),
    # the top critics' tab is selected: their share is not the film's score
    ("100", "12", "12", "0", '<ul><li class="ui-tabs-selected"><a href="?critic=top"><span>Top Critics</span></a></li></ul>',
     None),
    # the all-critics tab is selected beside a top critics tab
    ("96", "48", "46", "2",
     '<ul><li class="selected"><a href="?">All Critics</a></li><li><a href="?critic=top">Top Critics</a></li></ul>',
     (96, 100, 48)),
]  # fmt: skip


@pytest.mark.parametrize(("percent", "counted", "fresh", "rotten", "tabs", "rating"), SHARES)
def test_a_share_of_positive_reviews_should_be_read_only_where_its_counts_prove_it(
    percent: str, counted: str, fresh: str, rotten: str, tabs: str, rating: tuple[int, int, int] | None
) -> None:
    box = BOX.format(percent=percent, counted=counted, fresh=fresh, rotten=rotten)
    facts = read_labels(page(tabs + box), fields={"rating"})
    read = facts.fields.get("rating")
    if rating is None:
        assert read is None
        return
    assert read is not None
    assert (read["value"], read["best"], read.get("count")) == (Decimal(rating[0]), Decimal(rating[1]), rating[2])
    assert facts.rating_kind == "critic"


def test_a_percentage_without_review_counts_should_be_no_rating() -> None:
    facts = read_labels(page('<div class="meter"><div><span>96</span><sup>%</sup></div><div><p>liked it</p></div></div>'),
                        fields={"rating"})  # fmt: skip
    assert facts.fields.get("rating") is None


# (the cells of a page's star images, the rating read as (value, count))
STAR_IMAGES = [
    (['<img alt="3.0 Stars"> (14259)'], ("3.0", 14259)),
    (['<img alt="4.5 stars"> ( 1,204 )'], ("4.5", 1204)),
    # averages by audience: everyone's count is the sum of the others'
    (['<img alt="3.0 Stars"> (14259)', '<img alt="3.5 Stars"> (7015)', '<img alt="3.0 Stars"> (7244)'],
     ("3.0", 14259)),
    # several averages with no total among them: any may be another film's
    (['<img alt="3.0 Stars"> (120)', '<img alt="4.0 Stars"> (80)'], None),
    (['<img alt="3.0 Stars"> (120)', '<img alt="4.0 Stars"> (80)', '<img alt="2.0 Stars"> (30)'], None),
    # a star image without its count is a review's, not the average
    (['<img alt="3.0 Stars">'], None),
    (['<img alt="3.0 Stars"> Loved it (2 years ago)'], None),
    # more stars than five is no such scale
    (['<img alt="7 Stars"> (12)'], None),
]  # fmt: skip


@pytest.mark.parametrize(("cells", "rating"), STAR_IMAGES, ids=[" + ".join(c[0]) for c in STAR_IMAGES])
def test_a_star_image_with_its_count_should_be_the_users_average_on_five(
    cells: list[str], rating: tuple[str, int] | None
) -> None:
    rows = "".join(f"<tr><th>Row {n}</th><td>{cell}</td></tr>" for n, cell in enumerate(cells))
    facts = read_labels(page(f"<table>{rows}</table>"), fields={"rating"})
    read = facts.fields.get("rating")
    if rating is None:
        assert read is None
        return
    assert read is not None
    assert (read["value"], read["best"], read.get("count")) == (Decimal(rating[0]), Decimal(5), rating[1])
