"""Adding a site is one package and one registry line: a toy site added to a copy of the project that way is
read by `filmcrawl extract`, listed as a spider, crawled from a listing page to its title pages, and checked
for the fields it declares."""

from __future__ import annotations

import filecmp
import http.server
import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("crawler", "spiders", "pipelines", "schemas", "scrapy.cfg")
REGISTRY = Path("crawler/core/sites.py")
REGISTRY_LINE = "import crawler.core.parsers.toyfilms  # noqa: E402\n"

TOY_PACKAGE = textwrap.dedent('''
    """Toy Films: film pages /film/<n>/ and the catalogue /films/."""

    from __future__ import annotations

    from urllib.parse import urljoin

    from parsel import Selector

    from schemas.record_fields import FilmFields, ListingEntryFields, ListingFields, RecordFields

    from ..errors import UnsupportedPage
    from ..provenance import read_by
    from ..site import PageType, Site

    SITE = Site(
        slug="toyfilms",
        order=90,
        name="Toy Films",
        hosts=("toyfilms.example",),
        origin="https://toyfilms.example",
        start_urls=("https://toyfilms.example/films/",),
        page_types=(PageType("film", r"^/film/\\d+/"), PageType("catalogue", r"^/films/")),
        title_fields=("title", "year", "runtime_minutes"),
        link_paths=r"^/film/\\d+/",
    )


    def parse(sel: Selector, *, url: str) -> list[RecordFields]:
        page_type = SITE.page_type_of(url)
        if page_type == "film":
            film_id = url.rstrip("/").rsplit("/", 1)[-1]
            film: FilmFields = {"type": "film", "id": f"toyfilms:{film_id}", "source": "toyfilms", "url": url,
                                "title": sel.css("h1::text").get(""), "year": int(sel.css(".year::text").get("")),
                                "runtime_minutes": int(sel.css(".minutes::text").get(""))}
            return read_by("toyfilms/film/v1", [film])
        if page_type == "catalogue":
            entries: list[ListingEntryFields] = [{"title": a.css("::text").get(""), "url": urljoin(url, a.attrib["href"])}
                                                 for a in sel.css("ul.films a")]
            listing: ListingFields = {"type": "listing", "source": "toyfilms", "url": url, "kind": "list",
                                      "entries": entries}
            return read_by("toyfilms/catalogue/v1", [listing])
        raise UnsupportedPage("unknown_page_type", f"no Toy Films parser for {url}")
''')

FILM_PAGE = (
    "<html><body><h1>{title}</h1><span class=year>{year}</span><span class=minutes>{minutes}</span></body></html>"
)
CATALOGUE = (
    '<html><body><ul class="films"><li><a href="/film/1/">The Red Shoes</a></li>'
    '<li><a href="/film/2/">The Red Shoes</a></li></ul></body></html>'
)
PAGES = {
    "/films/": CATALOGUE,
    "/film/1/": FILM_PAGE.format(title="The Red Shoes", year=1948, minutes=133),
    "/film/2/": FILM_PAGE.format(title="The Red Shoes", year=2025, minutes=101),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with the toy site added: its package and one line in the registry."""
    copy = tmp_path_factory.mktemp("project")
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / part)
    package = copy / "crawler" / "core" / "parsers" / "toyfilms"
    package.mkdir()
    (package / "__init__.py").write_text(TOY_PACKAGE, encoding="utf-8")
    registry = (copy / REGISTRY).read_text(encoding="utf-8").splitlines(keepends=True)
    last = max(i for i, line in enumerate(registry) if line.startswith("import crawler.core.parsers."))
    registry.insert(last + 1, REGISTRY_LINE)
    (copy / REGISTRY).write_text("".join(registry), encoding="utf-8")
    return copy


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True, text=True, timeout=120)


def test_the_toy_site_should_touch_only_its_package_and_one_registry_line(project: Path) -> None:
    changed = []
    for part in PROJECT_PARTS[:-1]:
        comparison = filecmp.dircmp(ROOT / part, project / part, ignore=["__pycache__"])
        stack = [(Path(part), comparison)]
        while stack:
            where, cmp = stack.pop()
            changed += [where / name for name in cmp.diff_files + cmp.left_only + cmp.right_only]
            stack += [(where / name, sub) for name, sub in cmp.subdirs.items()]
    assert sorted(changed) == [Path("crawler/core/parsers/toyfilms"), REGISTRY]
    before = (ROOT / REGISTRY).read_text(encoding="utf-8").splitlines(keepends=True)
    after = (project / REGISTRY).read_text(encoding="utf-8").splitlines(keepends=True)
    assert [line for line in after if line not in before] == [REGISTRY_LINE]


def test_extract_should_read_a_toy_page_with_the_toy_parser(project: Path, tmp_path: Path) -> None:
    page = tmp_path / "film.html"
    page.write_text(PAGES["/film/1/"], encoding="utf-8")
    done = run(project, "-m", "crawler", "extract", str(page), "--url", "https://toyfilms.example/film/1/")
    assert done.returncode == 0, done.stderr
    [record] = [json.loads(line) for line in done.stdout.splitlines()]
    assert (record["id"], record["year"], record["runtime_minutes"]) == ("toyfilms:1", 1948, 133)
    assert record["extraction"]["parser"] == "toyfilms/film/v1"


def test_the_toy_site_should_have_a_spider(project: Path) -> None:
    done = run(project, "-m", "scrapy", "list")
    assert "toyfilms" in done.stdout.split(), done.stderr


@pytest.fixture
def toy_server() -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            body = PAGES.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write((body or "not here").encode())

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_crawl_of_the_toy_site_should_go_from_its_listing_to_its_films(
    project: Path, toy_server: str, tmp_path: Path
) -> None:
    out = tmp_path / "films.jsonl"
    done = run(
        project,
        "-m",
        "crawler",
        "crawl",
        "toyfilms",
        "--start-url",
        f"{toy_server}/films/",
        "-o",
        str(out),
        "--no-cache",
    )
    assert done.returncode == 0, done.stderr
    films = sorted((r["id"], r["year"]) for r in map(json.loads, out.read_text().splitlines()) if r["type"] == "film")
    assert films == [("toyfilms:1", 1948), ("toyfilms:2", 2025)]
    report = json.loads((tmp_path / "films.report.json").read_text())
    checked = {(c["site"], c["field"]) for c in report["thresholds"]}
    assert {("toyfilms", "year"), ("toyfilms", "runtime_minutes")} <= checked
