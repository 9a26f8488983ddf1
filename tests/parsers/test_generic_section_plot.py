"""A plot section whose paragraphs sit in a content block after its heading's wrapper (crawler.core.parsers.generic
.labels): the block's first shown paragraph, without the source noted after it."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.core.parsers.generic.labels import read_labels

PLOT = "Mladá tanečnice se musí rozhodnout mezi láskou ke skladateli a svým uměním v proslulém baletním souboru."
OTHER = "Another summary, written by a member, shown only when all summaries are opened."


def section(content: str, heading: str = "Obsahy<span class='count'>(2)</span>") -> str:
    return (
        f'<section class="box"><div class="box-header"><h3>{heading}</h3>'
        f'<div class="action"><a href="#" class="more">zobrazit všechny obsahy</a></div></div>'
        f'<div class="box-content">{content}</div></section>'
    )


# (the page's body, the plot read)
SECTIONS = [
    (section(f'<div class="plot-preview"><p>{PLOT} <em class="small">(Powell a Pressburger)</em></p></div>'), PLOT),
    # the full text hidden until a click, before the shown one
    (section(f'<div class="plot-full hidden"><p>{OTHER}</p></div><div class="plot-preview"><p>{PLOT}</p></div>'), PLOT),
    # a note that is part of the text stays
    (section(f"<div><p>{PLOT} <em>(1948)</em> Konec.</p></div>"), f"{PLOT} (1948) Konec."),
    (section(f"<div><p>{PLOT}</p></div>", heading="Plot"), PLOT),
    # every paragraph hidden, or too short to tell a story
    (section(f'<div class="hidden"><p>{PLOT}</p></div>'), None),
    (section("<div><p>Brzy.</p></div>"), None),
    # another section's heading
    (section(f"<div><p>{PLOT}</p></div>", heading="Galerie"), None),
]


@pytest.mark.parametrize(("body", "plot"), SECTIONS, ids=[str(n) for n in range(len(SECTIONS))])
def test_a_plot_sections_content_block_should_give_its_first_shown_paragraph(body: str, plot: str | None) -> None:
    page = Selector(text=f'<html lang="cs"><body><main><h1>Červené střevíčky</h1>{body}</main></body></html>')
    assert read_labels(page).fields.get("plot") == plot
