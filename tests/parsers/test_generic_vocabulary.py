"""Films marked up in data-vocabulary.org RDFa (`property="v:..."`, 2008-2015: Douban, Mtime, the star ratings of
film sites of the time), read by crawler.core.parsers.generic.vocabulary: the terms of a film's own page fill its
fields; a chart's many averages, one critic's score, a book's page and a release among several are not taken."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from parsel import Selector

from crawler.core.parsers.errors import PageError
from crawler.core.parsers.generic import parse

INFO = """<div id="info">
<span class="pl">导演</span>: <a href="/celebrity/1/" rel="v:directedBy">迈克尔·鲍威尔</a><br/>
<span class="pl">主演</span>: <a href="/celebrity/3/" rel="v:starring">黛博拉·寇儿</a> / <a href="/celebrity/4/" rel="v:starring">大卫·法拉</a><br/>
<span class="pl">类型:</span> <span property="v:genre">剧情</span><br/>
{release}{runtime}</div>"""
RELEASE = '<span class="pl">上映日期:</span> {dates}<br/>'
DATE = '<span property="v:initialReleaseDate" content="{content}">{content}</span>'
RUNTIME = '<span class="pl">片长:</span> <span property="v:runtime" content="101">{printed}</span><br/>'
RATING = (
    '<div rel="v:rating"><div typeof="v:Rating"><strong property="v:average">{value}</strong>{best}{votes}</div></div>'
)
BEST = '<span property="v:best" content="{best}"></span>'
VOTES = '<span property="v:votes">{votes}</span>人评价'


def film_page(
    *,
    dates: tuple[str, ...] = ("1947-04-24(英国)",),
    runtime: str = "101分钟",
    value: str = "8.2",
    best: str | None = "10.0",
    votes: str | None = "6185",
) -> str:
    release = RELEASE.format(dates=" / ".join(DATE.format(content=d) for d in dates)) if dates else ""
    rating = RATING.format(
        value=value,
        best=BEST.format(best=best) if best else "",
        votes=VOTES.format(votes=votes) if votes else "",
    )
    return (
        '<h1><span property="v:itemreviewed">黑水仙 Black Narcissus</span> <span class="year">(1947)</span></h1>'
        + INFO.format(release=release, runtime=RUNTIME.format(printed=runtime))
        + rating
    )


def film_of(body: str, url: str = "https://films.example.cn/subject/7/") -> dict[str, Any] | None:
    sel = Selector(text=f"<html><head><title>黑水仙</title></head><body>{body}</body></html>")
    try:
        records = parse(sel, url=url, source="example")
    except PageError:
        return None
    return next((dict(record) for record in records if record["type"] == "film"), None)


def test_a_film_marked_in_data_vocabulary_terms_should_give_its_fields() -> None:
    film = film_of(film_page())
    assert film is not None
    assert (film["title"], film["year"]) == ("黑水仙 Black Narcissus", 1947)
    assert [d["name"] for d in film["directors"]] == ["迈克尔·鲍威尔"]
    assert [(c["name"], c["order"]) for c in film["cast"]] == [("黛博拉·寇儿", 1), ("大卫·法拉", 2)]
    assert film["genres"] == ["剧情"]
    assert film["runtime_minutes"] == 101
    assert (film["release_date"], film["release_country"]) == ("1947-04-24", "GB")
    assert film["rating"] == {"value": Decimal("8.2"), "best": Decimal(10), "worst": Decimal(0), "count": 6185}
    assert [(r["kind"], r.get("label")) for r in film["ratings"]] == [("user", None)]


# (the page's marked release dates; the film's release date, or None)
RELEASES: list[tuple[tuple[str, ...], str | None]] = [
    (("1947-04-24(英国)",), "1947-04-24"),
    # several releases: which one is meant cannot be told
    (("1947-04-24(英国)", "1947-08-13(美国)"), None),
    # a festival's showing is a premiere, not a release
    (("1947-05-02(戛纳电影节)",), None),
]


@pytest.mark.parametrize(("dates", "release"), RELEASES)
def test_a_marked_release_date_should_be_taken_only_where_it_is_the_one_release(
    dates: tuple[str, ...], release: str | None
) -> None:
    film = film_of(film_page(dates=dates))
    assert film is not None
    assert film.get("release_date") == release
    if release is None:
        assert film["extraction"]["unparsed"]["release_date"] == " / ".join(dates)


def test_a_marked_date_that_is_no_date_should_keep_its_raw_text() -> None:
    film = film_of(film_page(dates=("待定",)))
    assert film is not None
    assert film.get("release_date") is None
    assert film["extraction"]["unparsed"]["release_date"] == "待定"


# (best, votes, the host; the rating read as (value, best, count), None where its scale is not known)
RATINGS: list[tuple[str | None, str | None, str, tuple[str, int, int | None] | None]] = [
    ("10.0", "6185", "films.example.cn", ("8.2", 10, 6185)),
    ("10.0", None, "films.example.cn", ("8.2", 10, None)),
    # no scale stated: Douban's own average is on 10; another site's cannot be told (5 by the vocabulary's
    # default, 10 by its look)
    (None, "6185", "movie.douban.com", ("8.2", 10, 6185)),
    (None, "6185", "films.example.cn", None),
]


@pytest.mark.parametrize(("best", "votes", "host", "rating"), RATINGS)
def test_a_marked_average_should_be_read_on_its_stated_scale(
    best: str | None, votes: str | None, host: str, rating: tuple[str, int, int | None] | None
) -> None:
    film = film_of(film_page(best=best, votes=votes), url=f"https://{host}/subject/7/")
    assert film is not None
    if rating is None:
        assert film.get("rating") is None
        assert film["extraction"]["unparsed"]["rating"] == "8.2"
        return
    value, scale, count = rating
    assert (film["rating"]["value"], film["rating"]["best"], film["rating"].get("count")) == (
        Decimal(value),
        Decimal(scale),
        count,
    )
    # only counted votes say the average is the users'
    assert [r["kind"] for r in film.get("ratings") or []] == (["user"] if count else [])


LABELLED_FILM = """<h1>Black Narcissus (1947)</h1>
<p><b>Director:</b> Michael Powell</p><p><b>Runtime:</b> 101 min</p><p><b>Genre:</b> Drama</p>"""

# Pages marking no film of their own terms: (the page's body, the film's rating read as (value, best), or None
# when the page is no film or its rating is none of the marked ones)
NOT_THE_FILMS: list[tuple[str, str, tuple[str, int] | None]] = [
    # a chart: many films' averages, no film's own terms
    (
        "chart",
        '<ol><li><a href="/subject/1/">红菱艳</a> <span property="v:average">8.8</span>'
        '<span property="v:best" content="10.0"></span></li>'
        '<li><a href="/subject/2/">黑水仙</a> <span property="v:average">8.2</span>'
        '<span property="v:best" content="10.0"></span></li></ol>',
        None,
    ),
    # a book's page: reviewed and rated, but no director, cast, running time or release
    (
        "book",
        '<h1><span property="v:itemreviewed">黑水仙</span></h1><strong property="v:average">8.6</strong>'
        '<span property="v:best" content="10.0"></span><span property="v:votes">1523</span>人评价'
        '<span property="v:summary">一部关于修女的小说。</span>',
        None,
    ),
    # a film's page found by its labels, with its users' average in a Review-aggregate block
    (
        "aggregate",
        LABELLED_FILM + '<div typeof="v:Review-aggregate"><span property="v:itemreviewed">Black Narcissus</span>'
        ' <span rel="v:rating"><span typeof="v:Rating"><span property="v:value">3.5</span> out of '
        '<span property="v:best">5</span></span></span> from <span property="v:votes">1,208</span> ratings</div>',
        ("3.5", 5),
    ),
    # the same page quoting one critic's review: their score is not the film's rating
    (
        "one review",
        LABELLED_FILM + '<div typeof="v:Review"><span property="v:itemreviewed">Black Narcissus</span>'
        ' <span property="v:reviewer">A. Critic</span> <span rel="v:rating"><span typeof="v:Rating">'
        '<span property="v:value">4</span>/<span property="v:best">5</span></span></span></div>',
        None,
    ),
]


@pytest.mark.parametrize(("case", "body", "rating"), NOT_THE_FILMS, ids=[case[0] for case in NOT_THE_FILMS])
def test_marked_averages_should_give_a_film_rating_only_where_they_are_its_own(
    case: str, body: str, rating: tuple[str, int] | None
) -> None:
    film = film_of(body)
    if case in ("chart", "book"):
        assert film is None or not film.get("rating")
        return
    assert film is not None
    read = film.get("rating")
    assert (None if read is None else (read["value"], read["best"])) == (
        None if rating is None else (Decimal(rating[0]), Decimal(rating[1]))
    )


def test_a_list_marking_each_films_director_should_give_no_film_of_its_terms() -> None:
    rows = "".join(
        f'<li><a href="/subject/{n}/">Film {n}</a> <a href="/celebrity/{n}/" rel="v:directedBy">Director {n}</a>'
        f' <span property="v:genre">剧情</span></li>'
        for n in range(1, 7)
    )
    film = film_of(
        f"<h1>A list</h1><ul>{rows}</ul><p><b>Director:</b> Michael Powell</p><p><b>Runtime:</b> 133 min</p>"
    )
    assert film is None or [d["name"] for d in film.get("directors") or []] in ([], ["Michael Powell"])
