"""Where an article's own text sits in each skin and year of Wikipedia's pages.

    2017 on (every skin): the parsed text in `div.mw-parser-output` inside `div#mw-content-text`;
    2010-2017 (Vector, MonoBook): the parsed text directly in `div#mw-content-text`;
    until 2010 (MonoBook, the first Vector): directly in `div#bodyContent`, after the "From Wikipedia" line.

The page heading is `h1#firstHeading` since 2010 and a bare `h1.firstHeading` in MonoBook before.
"""

from __future__ import annotations

_PARSER_OUTPUT = '//div[contains(concat(" ",normalize-space(@class)," ")," mw-parser-output ")]'
# Each older root only where no newer one wraps the text, so a page's paragraphs are found once.
ARTICLE_BODY = (
    f"({_PARSER_OUTPUT}"
    f' | //div[@id="mw-content-text"][not(.{_PARSER_OUTPUT})]'
    f' | //div[@id="bodyContent"][not(.//div[@id="mw-content-text"])][not(.{_PARSER_OUTPUT})])'
)
HEADING = '//h1[@id="firstHeading" or contains(concat(" ",normalize-space(@class)," ")," firstHeading ")]'
