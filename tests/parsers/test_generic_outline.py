"""A plot outline printed without a label in a title overview (crawler.core.parsers.generic.outline): the
paragraph between the film's heading and its labelled credits, whatever the block's classes; and the "See full
summary »" link a shortened outline ends with, which is no part of the plot (crawler.core.parsers.fields)."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.core.parsers.fields import without_more_link
from crawler.core.parsers.generic.outline import overview_outline

OUTLINE = "Two strangers meet in a station's refreshment room and fall into an affair neither can carry through."
HEAD = '<h1 class="x">Brief Encounter <span>(<a href="/year/1945/">1945</a>)</span></h1>'
INFO = '<div class="y">86 min - <a href="/genre/Drama">Drama</a></div><div class="z">8.0/10 Users: (40,112 votes)</div>'
CREDITS = '<div class="c"><h4>Director:</h4> <a href="/name/nm1/">David Lean</a></div><div><h4>Stars:</h4> <a>Celia Johnson</a></div>'

# (the overview block's content, the outline read)
OVERVIEWS = [
    (f"{HEAD}{INFO}<p></p><p>{OUTLINE}\n</p>{CREDITS}", OUTLINE),
    (f"{HEAD}<p>{OUTLINE}</p>{CREDITS}", OUTLINE),
    (f'{HEAD}{INFO}<p itemprop="description">{OUTLINE}</p>{CREDITS}', OUTLINE),
    (
        f'{HEAD}{INFO}<p>Two strangers meet in a station and fall in love... <a href="plotsummary">See full summary</a>'
        f" &raquo;</p>{CREDITS}",
        "Two strangers meet in a station and fall in love...",
    ),
    # no credits after it: not a title overview
    (f"{HEAD}{INFO}<p>{OUTLINE}</p>", None),
    (f'{HEAD}<p>{OUTLINE}</p><div class="c"><h4>Country:</h4> UK</div>', None),
    # a labelled fact before the paragraph
    (f"{HEAD}<div><h4>Release Date:</h4> 26 November 1945 (UK)</div><p>{OUTLINE}</p>{CREDITS}", None),
    # a paragraph linking elsewhere is a teaser or a notice, no outline
    (
        f'{HEAD}<p>Two strangers meet in a <a href="/news/1">famous station</a> and fall in love again.</p>{CREDITS}',
        None,
    ),
    # too short, or no sentence
    (f"{HEAD}<p>Drama, 1945.</p>{CREDITS}", None),
    (f"{HEAD}<p>86 min - Drama - Romance - 26 November 1945 (UK) - Black and White</p>{CREDITS}", None),
    # an article's paragraphs before its credits box: a review's opening, no outline
    (f"{HEAD}<p>{OUTLINE}</p><p>It is the best film of its year, and the saddest.</p>{CREDITS}", None),
    (f"{HEAD}<p>Short.</p><p>{OUTLINE}</p>{CREDITS}", None),
    # a sentence of credits
    (f"{HEAD}<p>Directed by David Lean. With Celia Johnson, Trevor Howard, Stanley Holloway.</p>{CREDITS}", None),
]


@pytest.mark.parametrize(("overview", "outline"), OVERVIEWS, ids=[str(n) for n in range(len(OVERVIEWS))])
def test_the_paragraph_between_the_heading_and_the_credits_should_be_the_outline(
    overview: str, outline: str | None
) -> None:
    page = Selector(text=f"<html><body><div><table><tr><td>{overview}</td></tr></table></div></body></html>")
    assert overview_outline(page, "Brief Encounter") == outline


def test_an_overview_headed_by_another_title_should_give_no_outline() -> None:
    page = Selector(text=f"<html><body><td>{HEAD}<p>{OUTLINE}</p>{CREDITS}</td></body></html>")
    assert overview_outline(page, "Brief Encounter") == OUTLINE
    assert overview_outline(page, "In Which We Serve") is None
    # the page's first heading only: a second one heads another film's block
    other = f"<h1>News</h1><div><td>{HEAD}<p>{OUTLINE}</p>{CREDITS}</td></div>"
    assert overview_outline(Selector(text=f"<html><body>{other}</body></html>"), "Brief Encounter") is None


# (a plot as read, the plot)
PLOTS = [
    ("A director is casting the lead actress... See full summary »", "A director is casting the lead actress..."),
    ("A director is casting the lead actress… See full summary", "A director is casting the lead actress…"),
    ("A director is casting the lead actress... Read more ›", "A director is casting the lead actress..."),
    # without the ellipsis the words may be the plot's own
    ("He tells her to See more of the world", "He tells her to See more of the world"),
    ("A film about what we See more", "A film about what we See more"),
    ("Plain.", "Plain."),
]


@pytest.mark.parametrize(("plot", "expected"), PLOTS)
def test_a_shortened_plot_should_lose_its_more_link(plot: str, expected: str) -> None:
    assert without_more_link(plot) == expected
