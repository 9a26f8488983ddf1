"""Writing credits printed as labels (crawler.core.parsers.generic.labels): "Screenwriter:" names writers, and the
credits after the first in the same block ("Story:" beside "Screenwriter:") add theirs, each name once; a "Story:"
label names writers only where its names are people's links."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.core.parsers.generic.labels import read_labels

MP, EP, HCA = "Michael Powell", "Emeric Pressburger", "Hans Christian Andersen"


def person(name: str) -> str:
    return f'<a href="/celebrity/{name.lower().replace(" ", "_")}/">{name}</a>'


def crew(*lines: str) -> str:
    return '<p class="crew">' + "<br>".join(lines) + "</p>"


def line(label: str, *names: str) -> str:
    return f'<span class="label">{label}</span> ' + ", ".join(person(name) for name in names)


# (the page's body, the writers read)
WRITING_CREDITS = [
    (crew(line("Director:", MP), line("Screenwriter:", EP)), [EP]),
    (crew(line("Director:", MP), line("Screenwriter:", EP), line("Story:", HCA, EP)), [EP, HCA]),
    (crew(line("Screenwriters:", MP, EP)), [MP, EP]),
    (crew(line("Story by:", HCA)), [HCA]),
    # a story told, not credited
    (crew(line("Director:", MP)) + "<p><b>Story:</b> A young dancer, torn between love and art, joins a ballet.</p>",
     []),
    (crew(line("Screenwriter:", EP)) + "<p><b>Story:</b> A young dancer, torn between love and art.</p>", [EP]),
    # an infobox's writing rows add up; a section headed "Screenplay" later in the article is no credit
    ('<table class="infobox"><tr><th>Screenplay by</th><td>Michael Powell<br>Emeric Pressburger</td></tr>'
     f"<tr><th>Story by</th><td>{person(HCA)}</td></tr></table>"
     '<h3><span class="mw-headline">Screenplay</span><span class="edit">[<a href="/edit">edit</a>]</span></h3>'
     "<p>Pressburger wrote the first draft in 1937, for another producer.</p>", [MP, EP, HCA]),
    ('<table class="infobox"><tr><th>Screenplay by</th><td>Michael Powell<br>Emeric Pressburger</td></tr></table>'
     '<h3><span class="mw-headline">Screenplay</span><span class="edit">[<a href="/edit">edit</a>]</span></h3>', [MP, EP]),
]  # fmt: skip


@pytest.mark.parametrize(("body", "writers"), WRITING_CREDITS, ids=[str(n) for n in range(len(WRITING_CREDITS))])
def test_writing_credits_of_one_block_should_add_up_to_the_writers(body: str, writers: list[str]) -> None:
    page = Selector(text=f"<html><body><main><h1>The Red Shoes</h1>{body}</main></body></html>")
    facts = read_labels(page)
    assert [writer["name"] for writer in facts.fields.get("writers", [])] == writers


# (a credits heading, the writers read from the table after it)
ORDER_NOTES = [
    ("<h4>Writing Credits <span>(in alphabetical order)</span> &nbsp;</h4>", [EP, MP]),
    ("<h4>Writing Credits (in alphabetical order)</h4>", [EP, MP]),
    ("<h4>Writers <span>(in credits order)</span></h4>", [EP, MP]),
    # a note that is no order leaves the heading's words as they are: no label
    ("<h4>Writing Credits <span>(see the original programme notes)</span></h4>", []),
]


@pytest.mark.parametrize(("heading", "writers"), ORDER_NOTES, ids=[h for h, _ in ORDER_NOTES])
def test_a_note_of_the_credits_order_should_leave_the_label_readable(heading: str, writers: list[str]) -> None:
    table = (
        "<table>" + "".join(f'<tr><td class="name">{person(n)}</td><td>...</td></tr>' for n in (EP, MP)) + "</table>"
    )
    page = Selector(text=f"<html><body><main><h1>The Red Shoes</h1>{heading}{table}</main></body></html>")
    facts = read_labels(page)
    assert [writer["name"] for writer in facts.fields.get("writers", [])] == writers
