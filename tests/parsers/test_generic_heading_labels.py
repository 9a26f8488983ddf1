"""Facts printed in headings (crawler.core.parsers.generic.labels): a label and its value after a colon in one
heading ("<h3>上映時間：101分</h3>", a Japanese film page's details), a label heading over a list of links
("<h3>監督</h3><ul><li><a>…</a></li></ul>"); a section's heading and a cast list with roles are no such facts."""

from __future__ import annotations

from typing import Any

import pytest
from parsel import Selector

from crawler.core.parsers.generic.labels import read_labels

# (the page's body, the field read and its value; None where the field must stay unread)
HEADINGS: list[tuple[str, str, Any]] = [
    ('<div class="info"><h3>上映日：1951年08月10日</h3><h3>上映時間：101分</h3></div>', "runtime_minutes", 101),
    ('<div class="info"><h3>上映日：1951年08月10日</h3><h3>上映時間：101分</h3></div>', "release_date", "1951-08-10"),
    ('<div class="info"><h3>製作国：</h3><ul><li><a href="/c/14">イギリス</a></li></ul><h3>上映時間：101分</h3></div>',
     "countries", ["イギリス"]),
    ('<div class="people"><h3>監督</h3><ul><li><a href="/p/1">マイケル・パウエル</a></li>'
     '<li><a href="/p/2">エメリック・プレスバーガー</a></li></ul>'
     '<h3>出演者</h3><ul><li><a href="/p/4">デボラ・カー</a></li></ul></div>',
     "directors", [{"name": "マイケル・パウエル"}, {"name": "エメリック・プレスバーガー"}]),
    ('<div class="people"><h3>ジャンル</h3><ul><li><a href="/g/2">ドラマ</a></li><li><a href="/g/9">ロマンス</a></li>'
     "</ul></div>", "genres", ["ドラマ", "ロマンス"]),
    # a cast list printing roles beside the names is not a list of names
    ('<section><h3>Cast</h3><ul><li><a href="/p/4">Deborah Kerr</a> as Sister Clodagh</li>'
     '<li><a href="/p/5">David Farrar</a> as Mr. Dean</li></ul></section>', "cast", None),
    # a section's heading over a list of links that is no label
    ('<section><h3>More films</h3><ul><li><a href="/f/1">The Red Shoes</a></li></ul></section>', "directors", None),
]  # fmt: skip


@pytest.mark.parametrize(("body", "field", "value"), HEADINGS)
def test_a_heading_printing_a_label_should_give_its_fact(body: str, field: str, value: Any) -> None:
    facts = read_labels(Selector(text=f"<html><body><main><h1>黒水仙</h1>{body}</main></body></html>"))
    assert facts.fields.get(field) == value
