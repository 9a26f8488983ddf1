"""A film's plot outline printed without a label in its title overview: the block holding the film's heading,
then (after its info line and rating box) a paragraph of prose, then the film's labelled credits.

    <td>                                          (any block, any class or id)
      <h1>Star Trek: First Contact <span>(1996)</span></h1>
      <div>...genres, runtime...</div>  <div>...7.6/10...</div>
      <p itemprop="description">Capt. Picard and his crew pursue the Borg... <a>See full summary</a> &raquo;</p>
      <div><h4>Director:</h4> <a>Jonathan Frakes</a></div>

The paragraph is taken only in that order: the heading names the film, no labelled line comes between it and
the paragraph, it is the only paragraph before the credits, and a credits label (director, writer, cast) follows
it in the same block. A paragraph holding links other than its "See full summary" one, or reading as a sentence
of credits, is none (nor is any other after it).
"""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector

from crawler.core.normalize import clean_text

from ..fields import MORE_LINK
from ..schemaorg import plot_text
from .labels import field_for

MIN_OUTLINE = 40
MAX_OUTLINE = 1500
# The blocks after the heading looked at before the outline is given up: an info line, a rating box, a button.
_MAX_BLOCKS = 8
_CREDIT_FIELDS = frozenset({"directors", "writers", "cast"})
_LABEL = re.compile(r"^\s*([^:\n]{1,40}):")
# The "See full summary »" link closing a shortened outline, and the arrow after it.
_MORE_LINK = re.compile(MORE_LINK + r"$")
_SENTENCE_END = re.compile(r"(?:[.!?…]|\.\.\.)[\"'”’)]?$")


def overview_outline(sel: Selector, title: object) -> str | None:
    """The outline printed in the title overview of the film `title` names; None where there is none."""
    if sel.type != "html" or not isinstance(title, str) or not title.strip():
        return None
    headings = sel.root.xpath("(//body//h1)[1]")
    if not headings or not _names(headings[0], title):
        return None
    outline: str | None = None
    for block in _following_blocks(headings[0]):
        label = _label_of(block)
        if label is not None:
            # A labelled line: the credits that close the overview, or a fact printed before any outline.
            return outline if outline and label in _CREDIT_FIELDS else None
        if block.tag == "p":
            if outline is not None:
                return None  # paragraphs of an article (a review's) before its credits box, not one outline
            outline = _prose(block)
            if outline is None:
                return None
    return None


def _names(heading: Any, title: str) -> bool:
    """True when the heading's first text is the film's title (a year or a badge may follow it)."""
    texts = [clean_text(text) for text in heading.itertext()]
    first = next((text for text in texts if text), "")
    return first.casefold() == clean_text(title).casefold()


def _following_blocks(heading: Any) -> list[Any]:
    """The elements after the heading in its block, the first _MAX_BLOCKS of them that print anything."""
    blocks = []
    for sibling in heading.itersiblings():
        if not isinstance(sibling.tag, str) or not clean_text(" ".join(sibling.itertext())):
            continue
        blocks.append(sibling)
        if len(blocks) == _MAX_BLOCKS:
            break
    return blocks


def _label_of(block: Any) -> str | None:
    """The field a block's opening label names ("Director:" -> "directors"), or None."""
    opening = _LABEL.match(" ".join(block.itertext()))
    return field_for(opening.group(1)) if opening else None


def _prose(paragraph: Any) -> str | None:
    """The paragraph's text as an outline: a sentence or more of prose without links of its own."""
    links = paragraph.findall(".//a")
    if any(not _MORE_LINK.search(clean_text(" ".join(link.itertext()))) for link in links):
        return None
    shown = clean_text(" ".join(paragraph.itertext()))
    shown = _MORE_LINK.sub("", shown).strip() if links else shown
    if not MIN_OUTLINE <= len(shown) <= MAX_OUTLINE or not _SENTENCE_END.search(shown):
        return None
    return plot_text(shown)


# The sentence of a credits summary that lists the cast, closing before its plot: "... With Kristen Bell, Idina
# Menzel. When the newly-crowned queen ...".
_CAST_SENTENCE = re.compile(r"(?:^|[.:]\s+)(?:With|Avec|Con|Mit)\s")
_PRINTING = frozenset({"p", "div", "span"})


def plot_after_credits(sel: Selector, description: object) -> str | None:
    """The plot a credits summary ends with ("The Red Shoes: Directed by Michael Powell. With Anton Walbrook,
    Moira Shearer. A young ballerina is torn between ..."), where the page prints that plot as a block of its
    own: a <p>, <div> or <span> whose whole text is the summary's end after a sentence of its cast. The summary
    alone cannot tell where its plot begins (the dots of initials); the printed block tells it."""
    if sel.type != "html" or not isinstance(description, str):
        return None
    summary = clean_text(description)
    cast_sentence = _CAST_SENTENCE.search(summary)
    if cast_sentence is None or plot_text(summary) is not None:
        return None  # no credits summary: its text is the plot or no plot at all
    after_cast = summary[cast_sentence.end() :]
    # Text nodes long enough to be the plot, then their element: no query asks every element about its ancestors.
    for node in sel.root.xpath("//body//text()[string-length(normalize-space()) >= $least]", least=MIN_OUTLINE):
        shown = clean_text(str(node))
        if len(shown) > MAX_OUTLINE or not after_cast.endswith(shown) or after_cast == shown:
            continue
        before = after_cast[: -len(shown)].rstrip()
        if not before.endswith(".") or not _SENTENCE_END.search(shown):
            continue  # the node's text does not begin a sentence of the summary, or does not end one
        parent = node.getparent()
        if parent is None or parent.tag not in _PRINTING or node.is_tail:
            continue
        if clean_text(" ".join(parent.itertext())) != shown or parent.findall(".//a"):
            continue  # a block holding more than the plot
        return plot_text(shown)
    return None
