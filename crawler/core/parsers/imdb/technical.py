"""Technical specifications (`/title/tt.../technical`): runtime, sound mix, colour and aspect ratio.

Two markups are read:
- until 2022 `table.labelValueTable` rows: `td.label` ("Runtime", "Sound Mix", "Color", "Aspect Ratio") and the
  value cell, several values split by `<br>` or "|" ("Mono (RCA Sound Recording)", "2 hr 16 min (136 min)");
  a value's linked name is the value when it has one ("Color" of "Color (Technicolor)");
- since 2023 the Next.js page data: `contentData.section.items`, one item per specification (`id` "runtime",
  "soundmixes", "colorations", "aspectratio"), its values in `listContent[].text` (the note in `subText`).

Other specifications (camera, laboratory, film length, negative and printed formats) have no schema field.
"""

from __future__ import annotations

from parsel import Selector, SelectorList

from crawler.core.normalize import clean_text
from schemas.record_fields import FilmFields, TechnicalSpecsFields

from ..errors import PageLayoutError
from ..page import Page
from ..structured import as_list, dig
from .common import lines, runtime_fields
from .subpage import film_fields

ROWS = '//table[contains(@class, "labelValueTable")]//tr[td[contains(@class, "label")]]'
ROW_LABEL = './td[contains(@class, "label")]'
ROW_VALUE = './td[not(contains(@class, "label"))][1]'
ITEMS = ("props", "pageProps", "contentData", "section", "items")

# Printed label or page-data id -> the field it fills.
LABELS = {
    "runtime": "runtime",
    "sound mix": "sound_mix",
    "soundmixes": "sound_mix",
    "color": "color",
    "colorations": "color",
    "aspect ratio": "aspect_ratio",
    "aspectratio": "aspect_ratio",
}


def matches(page: Page) -> bool:
    """A page saved without its URL: a label table with at least two of the specifications this page lists."""
    labels = {clean_text(row.xpath(ROW_LABEL).xpath("string()").get() or "").lower() for row in page.sel.xpath(ROWS)}
    return len(labels & LABELS.keys()) >= 2


def parse(page: Page, tt: str) -> list[FilmFields]:
    rows = page.sel.xpath(ROWS)
    if rows:
        layout, specs = "spec_table", _table_specs(rows)
    else:
        layout, specs = "next", _next_specs(page)
    if not any(specs.values()):
        raise PageLayoutError("no_specs", "IMDb technical page without specifications", page_type="technical")
    film = film_fields(page, tt)
    runtimes = specs.pop("runtime", [])
    if runtimes:
        film.update(runtime_fields(runtimes[0]))  # the first runtime is the title's; others are other cuts
    technical: TechnicalSpecsFields = {}
    if sound_mix := specs.get("sound_mix"):
        technical["sound_mix"] = sound_mix
    if color := specs.get("color"):
        technical["color"] = color
    if aspect_ratio := specs.get("aspect_ratio"):
        technical["aspect_ratio"] = aspect_ratio
    if technical:
        film["technical"] = technical
    film["extraction"] = {"parser": f"imdb/technical/{layout}"}
    return [film]


def _table_specs(rows: SelectorList[Selector]) -> dict[str, list[str]]:
    specs: dict[str, list[str]] = {}
    for row in rows:
        field = LABELS.get(clean_text(row.xpath(ROW_LABEL).xpath("string()").get() or "").lower())
        cell = row.xpath(ROW_VALUE)
        if field and cell:
            specs.setdefault(field, []).extend(_cell_values(cell[0], keep_notes=field == "runtime"))
    return specs


def _cell_values(cell: Selector, *, keep_notes: bool) -> list[str]:
    values: list[str] = []
    for line in lines(cell):
        for part in (clean_text(piece) for piece in line.split("|")):
            if part:
                values.append(part if keep_notes else _without_note(part))
    return values


def _without_note(value: str) -> str:
    """ "Mono (RCA Sound Recording)" -> "Mono": the note in brackets is not the value."""
    head = value.split("(", 1)[0].strip()
    return head or value


def _next_specs(page: Page) -> dict[str, list[str]]:
    specs: dict[str, list[str]] = {}
    for item in as_list(dig(page.next_data, *ITEMS)):
        field = LABELS.get(str(dig(item, "id") or "").lower())
        if not field:
            continue
        for entry in as_list(dig(item, "listContent")):
            value = clean_text(str(dig(entry, "text") or ""))
            if value:
                specs.setdefault(field, []).append(value)
    return specs
