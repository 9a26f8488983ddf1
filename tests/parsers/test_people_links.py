"""People read from links to their pages: name, the site's id found in the link, the absolute URL."""

from __future__ import annotations

import re

from parsel import Selector

from crawler.core.parsers.page import Page
from crawler.core.parsers.people_links import people_of_links
from schemas.record_fields import PersonFields

PAGE = """<p><a href="/tvurce/3311-michael-powell/">Michael  Powell</a> <a href="/tvurce/">  </a>
<a href="https://elsewhere.example/x">Moira Shearer</a></p>"""


def test_each_named_link_should_be_a_person_with_its_id_and_url() -> None:
    sel = Selector(text=PAGE)
    page = Page(sel, "https://www.csfd.cz/film/6380-cervene-strevicky/")
    assert people_of_links(page, sel.css("a"), re.compile(r"/tvurce/(\d+)-"), kind=PersonFields) == [
        {"name": "Michael Powell", "id": "3311", "url": "https://www.csfd.cz/tvurce/3311-michael-powell/"},
        {"name": "Moira Shearer", "url": "https://elsewhere.example/x"},
    ]
