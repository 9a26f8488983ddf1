"""Facts printed without a label element of the usual kind (crawler.core.parsers.generic.labels): a release
date under a label that links to the film's release page, a certificate printed alone between the year and the
runtime of the film's info list; each read whatever the page's classes, and only in that shape."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.core.parsers.generic.labels import read_labels


def page(body: str) -> Selector:
    return Selector(text=f"<html><body><main>{body}</main></body></html>")


def linked(label: str, value: str, after: str = "") -> str:
    return (
        f'<ul class="x1"><li class="x2"><a class="x3" href="/title/t1/releases">{label}</a>{after}'
        f'<div class="x4"><ul class="x5"><li><a href="/title/t1/releases">{value}</a></li></ul></div></li></ul>'
    )


LINKED = [
    (linked("Release date", "March 8, 2019 (United States)"), "2019-03-08"),
    (linked("Release date", "8 March 2019 (Norway)"), "2019-03-08"),
    # a link among links, text beside the link, the value not in a block: no label
    ('<div><a href="/sort/date">Release date</a> <a href="/sort/title">Title</a></div>', None),
    (linked("Release date", "March 8, 2019", after=" (sorted)"), None),
    ('<li><a href="/r">Release date</a><a href="/r">March 8, 2019</a></li>', None),
    ('<li>See <a href="/r">Release date</a><div>March 8, 2019</div></li>', None),
]


@pytest.mark.parametrize(("markup", "date"), LINKED)
def test_a_release_date_under_a_label_linking_to_its_page_should_be_read(markup: str, date: str | None) -> None:
    assert read_labels(page(markup)).fields.get("release_date") == date


@pytest.mark.parametrize(("label", "items"), [("Actors", "Actor Photos"), ("Genres", "Drama"), ("Director", "Jo Vale")])
def test_a_link_heading_a_menu_should_name_no_field_but_a_date(label: str, items: str) -> None:
    menu = f'<ul><li><a href="/x">{label}</a><ul><li><a href="/y">{items}</a></li><li><a href="/z">More</a></li></ul></li></ul>'
    fields = read_labels(page(menu)).fields
    assert not {"cast", "genres", "directors"} & fields.keys()


def info(*items: str) -> str:
    return '<ul class="x7" role="presentation">' + "".join(f'<li class="x8">{item}</li>' for item in items) + "</ul>"


HERO = '<div class="x1"><h1 class="x2">The Lantern Keeper</h1><div class="x3">{list}</div></div>'
TWICE = '<a href="/title/t1/releases">{0}</a><span class="x9">{0}</span>'
RUNTIME = "1<!-- -->h<!-- --> <!-- -->58<!-- -->m"

INFO_LISTS = [
    (HERO.format(list=info(TWICE.format("2019"), TWICE.format("PG-13"), RUNTIME)), "PG-13"),
    (HERO.format(list=info("2019", "R", "118 min", "Drama")), "R"),
    (HERO.format(list=info("2019", "Not Rated", "1h 58m")), "Not Rated"),
    # under no heading (a card of another film), not between the year and the runtime, not one text
    (info("2019", "R", "1h 58m"), None),
    (HERO.format(list=info("R", "2019", "1h 58m")), None),
    (HERO.format(list=info("2019", "1h 58m", "R")), None),
    (HERO.format(list=info("2019", "R", "Drama")), None),
    (HERO.format(list=info("2019", TWICE.format("R").replace("R</span>", "PG</span>"), "1h 58m")), None),
    (HERO.format(list=info("2019", "R", "1h 58m")) + HERO.format(list=info("2020", "PG", "1h 40m")), None),
]


@pytest.mark.parametrize(("markup", "code"), INFO_LISTS)
def test_a_certificate_between_the_year_and_the_runtime_of_the_info_list_should_be_read(
    markup: str, code: str | None
) -> None:
    certificate = read_labels(page(markup)).fields.get("certificate")
    assert (certificate or {}).get("code") == code


RATING_LABELS = [
    ('<div class="x1"><span class="x2">Rating:</span> <span> R </span></div>', "R"),
    ("<p><b>Rating:</b> PG-13 (for some violence and peril)</p>", "PG-13"),
    ("<p><b>Rating:</b> Not Rated</p>", "Not Rated"),
    # a score under the same label, a code the US does not use: no certificate
    ("<p>Rating: 7.5/10</p>", None),
    ("<p>Rating: 15</p>", None),
    ("<p>Rating: Rotten</p>", None),
]


@pytest.mark.parametrize(("markup", "code"), RATING_LABELS)
def test_a_certificate_printed_under_a_rating_label_should_be_the_certificate(markup: str, code: str | None) -> None:
    for fields in (None, {"certificate"}, {"certificate", "rating"}):
        facts = read_labels(page(markup), fields).fields
        assert (facts.get("certificate") or {}).get("code") == code
        assert code is None or "rating" not in facts


def carded(label: str, data: str, body: str = "<p>A film.</p>") -> Selector:
    head = (
        '<meta name="twitter:label1" content="Directed by"/><meta name="twitter:data1" content="Jo Vale"/>'
        f'<meta name="twitter:label2" content="{label}"/><meta name="twitter:data2" content="{data}"/>'
    )
    return Selector(text=f"<html><head>{head}</head><body><main>{body}</main></body></html>")


CARDS = [
    (carded("Average rating", "3.21 out of 5"), ("3.21", "5", None)),
    (carded("Rating", "7.4/10"), ("7.4", "10", None)),
    # the page's own score with its count first; no rating label, no score of a known scale: none
    (carded("Average rating", "3.21 out of 5", "<p>3.4/5 from 1,204 ratings</p>"), ("3.4", "5", 1204)),
    (carded("Running time", "3.21 out of 5"), None),
    (carded("Average rating", "3.21"), None),
    (carded("Average rating", "3.21 out of 7"), None),
]


@pytest.mark.parametrize(("sel", "rating"), CARDS)
def test_a_users_average_in_the_pages_card_should_be_read_after_its_printed_scores(
    sel: Selector, rating: tuple[str, str, int | None] | None
) -> None:
    found = read_labels(sel).fields.get("rating")
    got = (str(found["value"]), str(found["best"]), found.get("count")) if found else None
    assert got == rating
    assert read_labels(sel, {"certificate"}).fields.get("rating") is None


CARDS_ROW = "".join(
    f'<div class="x5"><b>Director:</b> {name}</div>' for name in ("Jo Vale", "Ana Moss", "Ed Hart", "Lu Chen")
)
INFO_LINES = [
    (
        '<div><h1>The Lantern Keeper&nbsp;<span>(<a href="/year/2019/">2019</a>)</span></h1> <div class="x1"> PG-13'
        ' <span class="x2">|</span> <time datetime="PT118M"> 1h 58min </time> <span class="x2">|</span> <a>Drama</a>'
        ' <span class="x2">|</span> <a>8 March 2019 (USA)</a></div></div>',
        "PG-13",
    ),
    (
        '<div><h1>Fyrvokteren (2019)</h1><div class="x3">The Lantern Keeper <span>(original title)</span></div>'
        '<div class="x1">R · 118 min · Drama</div></div>',
        "R",
    ),
    # a card row of other films' credits leaves the heading's line the film's
    ('<div><h1>The Lantern Keeper</h1><div class="x1">PG | 1h 58min | Drama</div></div>' + CARDS_ROW, "PG"),
    # not after the heading, the certificate not before the runtime, a piece of more than the code
    ('<div><h1>The Lantern Keeper</h1><p>A film.</p><p>More.</p><div class="x1">PG | 1h 58min</div></div>', None),
    ('<div><h1>The Lantern Keeper</h1><div class="x1">Drama | 1h 58min | R</div></div>', None),
    ('<div><h1>The Lantern Keeper</h1><div class="x1">Grade R | 1h 58min</div></div>', None),
]


@pytest.mark.parametrize(("markup", "code"), INFO_LINES)
def test_a_certificate_before_the_runtime_of_the_headings_info_line_should_be_read(
    markup: str, code: str | None
) -> None:
    certificate = read_labels(page(markup)).fields.get("certificate")
    assert (certificate or {}).get("code") == code


METER = (
    '<div class="x1"><h2 class="x2"><a href="#reviews"><span class="x3"></span><span class="x4"> {score} </span></a></h2>'
    '<div class="x5"><h3 class="x6"> TOMATOMETER </h3><strong>Total Count: </strong><small> {count} </small></div></div>'
)
SCORE_ROW = (
    '<table class="x7"><tr><td><div class="x8"><a href="/movie/lk/critic-reviews">METASCORE </a></div>'
    '<div><span><a href="/movie/lk/critic-reviews"><span> Generally favorable reviews </span>'
    '<span class="x9">based on {count} Critics</span></a></span></div></td>'
    '<td><a href="/movie/lk/critic-reviews"><span class="x0">{score}</span></a></td></tr></table>'
)
NAV_SCORE = '<nav class="x1"><div><a href="#scores"><span class="x2">81</span> <span>METASCORE</span></a></div></nav>'

CRITICS_SCORES = [
    (METER.format(score="90%", count="71"), (90, 71)),
    (SCORE_ROW.format(score="75", count="47"), (75, 47)),
    (NAV_SCORE + SCORE_ROW.format(score="75", count="47"), (75, 47)),
    # no count beside the name, the count alone, two scores in its box, two boxes disagreeing: none
    (NAV_SCORE, None),
    (METER.format(score="", count="71"), None),
    (METER.format(score="90% <span>85%</span>", count="71"), None),
    (METER.format(score="90%", count="71") + SCORE_ROW.format(score="75", count="47"), None),
]


@pytest.mark.parametrize(("markup", "score"), CRITICS_SCORES)
def test_a_critics_score_in_the_box_of_its_name_should_be_read_with_its_count(
    markup: str, score: tuple[int, int] | None
) -> None:
    facts = read_labels(page(markup))
    rating = facts.fields.get("rating")
    got = (int(rating["value"]), rating.get("count")) if rating else None
    assert got == score
    assert rating is None or (rating["best"] == 100 and facts.rating_kind == "critic")


def credits(label: str, href: str, names: list[str]) -> str:
    items = "".join(
        f'<li><a href="/name/nm{n}/">{name}</a><span>(screenplay)</span></li>' for n, name in enumerate(names)
    )
    return f'<ul class="x1"><li class="x2"><a class="x3" href="{href}">{label}</a><div class="x4"><ul>{items}</ul></div></li></ul>'


LINKED_CREDITS = [
    # a label linking to the film's full credits heads them
    (
        credits("Writers", "/title/t1/fullcredits/writer?ref_=tt_ov_wr_sm", ["Emeric Pressburger", "Keith Winter"]),
        "writers",
        ["Emeric Pressburger", "Keith Winter"],
    ),
    (
        credits("Directors", "/film/the-red-shoes/credits/", ["Michael Powell", "Emeric Pressburger"]),
        "directors",
        ["Michael Powell", "Emeric Pressburger"],
    ),
    # a menu's link to a page of its own heads no credits
    (credits("Writers", "/writers/", ["Emeric Pressburger", "Keith Winter"]), "writers", None),
    (credits("Directors", "/search?role=director", ["Michael Powell", "Emeric Pressburger"]), "directors", None),
    # a linked "Stars" label heads the first few names only: the page's cast list has them all
    (credits("Stars", "/title/t1/fullcredits/cast", ["Moira Shearer", "Anton Walbrook"]), "cast", None),
]


@pytest.mark.parametrize(("markup", "field", "names"), LINKED_CREDITS)
def test_credits_under_a_label_linking_to_the_full_credits_should_be_read(
    markup: str, field: str, names: list[str] | None
) -> None:
    found = read_labels(page(markup)).fields.get(field)
    assert ([person["name"] for person in found] if found else None) == names
