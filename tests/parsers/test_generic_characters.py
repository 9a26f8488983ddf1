"""Characters printed beside cast names (crawler.core.parsers.generic.characters): rows pair a name with a
character, and a character goes to the cast member of the same name, never by position."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.core.parsers.generic.characters import cast_rows, name_key, with_characters
from schemas.record_fields import FilmFields

SAME_NAME = [
    # (name in structured data, name printed in a row)
    ("Samuel L Jackson", "Samuel L. Jackson"),  # a period
    ("Jean-Luc Picard", "Jean Luc Picard"),  # a hyphen
    ("Margaret O'Brien", "Margaret O’Brien"),  # a typographer's apostrophe
    ("MARGARET  O'BRIEN", "margaret o'brien"),  # case and doubled spaces
    ("Keanu\u00a0Reeves", " Keanu Reeves "),  # a no-break space, padding
    ("ＫＥＡＮＵ Reeves", "Keanu Reeves"),  # full-width letters (NFKC)
    ("Straße", "STRASSE"),  # casefold, not lower
]
OTHER_NAMES = [
    ("Beata Poźniak", "Beata Pozniak"),  # accents are letters: another spelling is another name
    ("Mark Hamill", "Mark Hamil"),
    ("Chris Evans", "Chris Evans Jr"),
]


@pytest.mark.parametrize(("data", "printed"), SAME_NAME)
def test_name_key_should_equal_names_that_differ_in_case_spacing_and_punctuation(data: str, printed: str) -> None:
    assert name_key(data) == name_key(printed)


@pytest.mark.parametrize(("data", "printed"), OTHER_NAMES)
def test_name_key_should_keep_other_names_apart(data: str, printed: str) -> None:
    assert name_key(data) != name_key(printed)


def _film(*names: str, character: str | None = None) -> FilmFields:
    return {"type": "film", "cast": [{"name": name, "character": character} for name in names]}


def _page(body: str) -> Selector:
    return Selector(f"<html><body>{body}</body></html>")


REFUSED_CHARACTERS = [
    # (row markup: none of these gives the cast member a character)
    ('<table class="cast"><tr><td><a href="/n">Ann Lee</a></td><td>...</td><td><a>See full cast</a></td></tr></table>'),
    ('<ul class="cast"><li><a href="/n">Ann Lee</a> as https://example.org/ann</li></ul>'),
    ('<ul class="cast"><li><a href="/n">Ann Lee</a> as more</li></ul>'),
    (f'<div class="cast"><p><a href="/n">Ann Lee</a></p><p class="character">{"x" * 121}</p></div>'),
    ('<table class="cast"><tr><td><a href="/n">Ann Lee</a></td><td>...</td><td>(uncredited)</td></tr></table>'),
    # an unmarked table outside a cast section: a crew list's notes
    ('<table><tr><td><a href="/n">Ann Lee</a></td><td>...</td><td>director</td></tr></table>'),
    # the page's furniture
    ('<nav><li><a href="/n">Ann Lee</a> as Mary</li></nav>'),
    ('<div class="sidebar"><div><a href="/n">Ann Lee</a><span class="character">Mary</span></div></div>'),
]


@pytest.mark.parametrize("body", REFUSED_CHARACTERS)
def test_with_characters_should_refuse_what_is_no_character(body: str) -> None:
    assert with_characters(_film("Ann Lee"), _page(body))["cast"][0]["character"] is None


# (the character cell's markup, the character and the name credited under read from it)
PRINTED_CHARACTERS = [
    ('<td class="character"><a href="/c">Mary</a></td>', "Mary", None),
    # a credit under another name
    ('<td class="character"><a href="/c">Mary</a> (as Annie Lee)</td>', "Mary", "Annie Lee"),
    # a note printed as a list item of its own belongs to the character before it; an ellipsis is no character
    ('<td class="character"><ul><li>Mary</li><li>(voice)</li></ul></td>', "Mary (voice)", None),
    (
        '<td class="character"><ul><li>Mary</li><li>(English version)</li><li>(voice)</li><li>…</li></ul></td>',
        "Mary (English version) (voice)",
        None,
    ),
    ('<td class="character"><ul><li>Mary</li><li>Queen Mary</li></ul></td>', "Mary / Queen Mary", None),
]


@pytest.mark.parametrize(("cell", "character", "credited_as"), PRINTED_CHARACTERS)
def test_with_characters_should_read_the_character_and_the_name_credited_as_printed(
    cell: str, character: str, credited_as: str | None
) -> None:
    body = f'<table class="cast"><tr><td><a href="/n">Ann Lee</a></td><td>...</td>{cell}</tr></table>'
    [member] = with_characters(_film("Ann Lee"), _page(body))["cast"]
    assert (member["character"], member.get("credited_as")) == (character, credited_as)


def test_with_characters_should_never_go_by_position() -> None:
    body = '<div class="cast"><p><a href="/n">Someone Else</a></p><p class="character">Mary</p></div>'
    assert with_characters(_film("Ann Lee"), _page(body))["cast"][0]["character"] is None


def test_with_characters_should_keep_a_character_already_read() -> None:
    body = '<div class="cast"><p><a href="/n">Ann Lee</a></p><p class="character">Mary</p></div>'
    film = _film("Ann Lee", character="Queen Mary")
    assert with_characters(film, _page(body)) is film


def test_with_characters_should_build_a_cast_only_from_three_rows_in_a_cast_section() -> None:
    rows = "".join(
        f'<li class="card"><p><a href="/p/{i}">Person {name}</a></p><p class="character">Role {name}</p></li>'
        for i, name in enumerate("ABC")
    )
    built = with_characters({"type": "film"}, _page(f'<h3>Cast</h3><ol class="people">{rows}</ol>'))
    assert [(m["name"], m["character"]) for m in built.get("cast", [])] == [
        ("Person A", "Role A"),
        ("Person B", "Role B"),
        ("Person C", "Role C"),
    ]
    # A heading in a block of its own, beside a short note, heads the rows after the block.
    headed = f"<div><h3>Cast</h3> <small>(first billed only)</small></div><div><ol>{rows}</ol></div>"
    assert [m["name"] for m in with_characters({"type": "film"}, _page(headed)).get("cast", [])] == [
        "Person A",
        "Person B",
        "Person C",
    ]
    # A block holding more than its heading is a section of its own: its heading heads nothing after it.
    section = f"<div><h3>Cast</h3><p>{'Notes on the casting of the film. ' * 4}</p></div><div><ol>{rows}</ol></div>"
    assert not with_characters({"type": "film"}, _page(section)).get("cast")
    # The same rows under another heading, or only two of them, make no cast.
    assert not with_characters({"type": "film"}, _page(f'<h3>Friends</h3><ol class="people">{rows}</ol>')).get("cast")
    two = rows.rsplit("<li", 1)[0]
    assert not with_characters({"type": "film"}, _page(f'<h3>Cast</h3><ol class="people">{two}</ol>')).get("cast")


def test_cast_rows_should_read_a_character_printed_twice_once() -> None:
    body = (
        '<div data-testid="title-cast-item"><a data-testid="title-cast-item__actor" href="/n">Ann Lee</a>'
        '<ul data-testid="cast-item-characters-list"><li><a data-testid="cast-item-characters-link" href="/c">'
        '<span>Mary</span><span data-testid="cast-item-characters-with-as">as Mary</span></a></li></ul></div>'
    )
    root = _page(body).root
    assert [(row.name, row.character) for row in cast_rows(root)] == [("Ann Lee", "Mary")]


_THREE = ["Anton Walbrook", "Marius Goring", "Moira Shearer"]
LINKED_CASTS = [
    # (body, the cast built from it: (name, character))
    # a run of links in a container classed as the cast, the character in each link's title
    (
        '<div class="cast-list"><p><a href="/actor/anton-walbrook/" title="Boris Lermontov">Anton Walbrook</a> '
        '<a href="/actor/marius-goring/" title="Julian Craster">Marius Goring</a> '
        '<a href="/actor/moira-shearer/" title="Moira Shearer">Moira Shearer</a> '
        '<a href="/film/the-red-shoes/cast/">Show All…</a></p></div>',
        [("Anton Walbrook", "Boris Lermontov"), ("Marius Goring", "Julian Craster"), ("Moira Shearer", None)],
    ),
    # a list after a "Cast" heading, each person linked twice (portrait and name)
    (
        "<h3>Cast</h3><ul>"
        + "".join(
            f'<li><a href="https://films.example/actor/{n.lower().replace(" ", "-")}"><img alt="x"></a>'
            f'<a href="https://films.example/actor/{n.lower().replace(" ", "-")}">{n}</a></li>'
            for n in _THREE
        )
        + "</ul>",
        [(n, None) for n in _THREE],
    ),
    # other links of the container are not people: only the path most of them share
    (
        '<section id="cast">'
        + "".join(f'<a href="/name/nm{i}/">{n}</a>' for i, n in enumerate(_THREE))
        + '<a href="/title/tt1/fullcredits">Powell and Pressburger</a></section>',
        [(n, None) for n in _THREE],
    ),
    # a "Cast" heading alone in its block (with a short note) heads the block after it
    (
        "<div><h3>Cast</h3> <small>(overview)</small></div><div>"
        + "".join(f'<a href="/name/nm{i}/">{n}</a>' for i, n in enumerate(_THREE))
        + "</div>",
        [(n, None) for n in _THREE],
    ),
    # too few people to be the cast
    ('<div class="cast">' + "".join(f'<a href="/actor/{i}/">{n}</a>' for i, n in enumerate(_THREE[:2])) + "</div>", []),
    # a crew container, a sidebar's cast box and a "Cast" heading over something else are no cast
    (
        '<div class="cast-and-crew-Crew">'
        + "".join(f'<a href="/p/{i}/">{n}</a>' for i, n in enumerate(_THREE))
        + "</div>",
        [],
    ),
    (
        '<aside><div class="cast">'
        + "".join(f'<a href="/p/{i}/">{n}</a>' for i, n in enumerate(_THREE))
        + "</div></aside>",
        [],
    ),
    ("<h3>Cast</h3><p>Announced soon.</p>", []),
    # a section's header holding its "Top cast" heading in a link and an "Edit" button heads the block after it;
    # each person's row links the character's page beside the person, its text printed twice ("as ...")
    (
        '<section><div class="c1"><div class="c2"><a href="/title/tt1/fullcredits/"><h3><span>Top cast</span></h3>'
        '</a><div><a href="/edit?title=tt1">Edit</a></div></div></div><div class="c3">'
        + "".join(
            f'<div class="c4"><a href="/name/nm{i}/"><img alt="{n}"></a><div><a href="/name/nm{i}/">{n}</a>'
            f'<ul><li><a href="/title/tt1/characters/nm{i}"><span>{c}</span><span>as {c}</span></a></li></ul>'
            "</div></div>"
            for i, (n, c) in enumerate(zip(_THREE, ("Julie", "Boris", "Ivan"), strict=True))
        )
        + "</div></section>",
        list(zip(_THREE, ("Julie", "Boris", "Ivan"), strict=True)),
    ),
    # as many links to characters' pages as to people's, without a character's link to tell them: no cast
    (
        '<div class="cast">'
        + "".join(f'<a href="/p/{i}/">{n}</a><a href="/role/{i}/">Role {i}</a>' for i, n in enumerate(_THREE))
        + "</div>",
        [],
    ),
]


@pytest.mark.parametrize(("body", "cast"), LINKED_CASTS, ids=[c[0][:40] for c in LINKED_CASTS])
def test_with_characters_should_build_a_cast_from_a_cast_containers_links_to_people(
    body: str, cast: list[tuple[str, str | None]]
) -> None:
    read = with_characters({"type": "film"}, Selector(text=f"<html><body><main>{body}</main></body></html>"))
    assert [(member["name"], member.get("character")) for member in read.get("cast") or []] == cast
