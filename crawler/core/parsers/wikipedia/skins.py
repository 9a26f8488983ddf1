"""Where an article's own text sits in each skin and year of Wikipedia's pages.

    2017 on (every skin): the parsed text in `div.mw-parser-output` inside `div#mw-content-text`;
    2010-2017 (Vector, MonoBook): the parsed text directly in `div#mw-content-text`;
    until 2010 (MonoBook, the first Vector): directly in `div#bodyContent`, after the "From Wikipedia" line.

The mobile site (Minerva) wraps the lead in its own block, `div.mf-section-0` (until about 2017) or
`section.mf-section-0`, each later section in a `.mf-section-<n>` block after its heading.

The page heading is `h1#firstHeading` since 2010, a bare `h1.firstHeading` in MonoBook before and
`h1#section_0` on the mobile site until about 2020.
"""

from __future__ import annotations

_PARSER_OUTPUT = '//div[contains(concat(" ",normalize-space(@class)," ")," mw-parser-output ")]'
# Each older root only where no newer one wraps the text, so a page's paragraphs are found once.
ARTICLE_BODY = (
    f"({_PARSER_OUTPUT}"
    f' | //div[@id="mw-content-text"][not(.{_PARSER_OUTPUT})]'
    f' | //div[@id="bodyContent"][not(.//div[@id="mw-content-text"])][not(.{_PARSER_OUTPUT})])'
)
# The lead paragraphs' parent: the article text itself, or the mobile site's lead block within it.
LEAD_BLOCK = f'({ARTICLE_BODY} | {ARTICLE_BODY}/*[contains(concat(" ",normalize-space(@class)," ")," mf-section-0 ")])'
HEADING = (
    '//h1[@id="firstHeading" or @id="section_0" or contains(concat(" ",normalize-space(@class)," ")," firstHeading ")]'
)
