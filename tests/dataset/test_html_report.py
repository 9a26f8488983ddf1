"""`filmcrawl report OUT.jsonl -o report.html`: one self-contained page, opened in a real headless Chromium.

The input is a demo crawl of the sample site, with a film record whose plot the fallback readers filled and a
rejects file; the page is checked as written (nothing it would fetch) and as Chromium renders it after its
script ran (the DOM it dumps, and a screenshot of the size asked for).
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector

from .records import film

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# No network, no profile of the machine's user, nothing started in the background.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
WINDOW = (1280, 1800)

FALLBACK_FILM = dict(
    film(
        "imdb",
        "tt0041959",
        "The Third Man",
        1949,
        rating={"value": 8.1, "best": 10, "worst": 1},
        extraction={"parser": "imdb/title/title_next", "fallback_fields": ["plot"]},
    ),
    film_key="imdb:tt0041959",
)
REJECTS = [
    {"url": "https://www.imdb.com/title/tt1/", "site": "imdb", "stage": "fetch", "reason": "http_404"},
    {"url": "https://www.imdb.com/title/tt2/", "site": "imdb", "stage": "parse", "reason": "no_title"},
    {"url": "https://www.imdb.com/title/tt3/", "site": "imdb", "stage": "fetch", "reason": "http_404"},
]


def lines(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


@pytest.fixture(scope="module")
def report(demo_output: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("report")
    records = folder / "films.jsonl"
    records.write_text(demo_output.read_text(encoding="utf-8") + lines([FALLBACK_FILM]), encoding="utf-8")
    (folder / "films.rejects.jsonl").write_text(lines(REJECTS), encoding="utf-8")
    page = folder / "report.html"
    run = subprocess.run(
        [sys.executable, "-m", "crawler", "report", str(records), "-o", str(page)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return {"run": run, "page": page, "folder": folder}


def chromium(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if CHROMIUM is None:
        reason = "chromium is not installed (Debian package chromium; `make test` installs it as root)"
        if os.environ.get("FILMCRAWL_REQUIRE_CHROMIUM"):
            pytest.fail(reason)  # CI (.ci/run) must run this test, not skip it
        pytest.skip(reason)
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={folder / 'chromium-profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_report_should_be_one_page_that_fetches_nothing(report: dict[str, Any]) -> None:
    assert report["run"].returncode == 0, report["run"].stderr
    records = len(report["folder"].joinpath("films.jsonl").read_text(encoding="utf-8").splitlines())
    assert report["run"].stdout.startswith(f"report: {records} records, {len(REJECTS)} rejects -> ")
    page = Selector(text=report["page"].read_text(encoding="utf-8"))
    assert page.xpath("//@src | //link/@href | //@srcset") == []  # no script, style sheet or image file
    assert "default-src 'none'" in page.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content').get()
    assert not [url for url in page.xpath("//@href").getall() if url.startswith(("http:", "https:", "//"))]


def test_chromium_should_render_every_section_after_the_script_ran(report: dict[str, Any]) -> None:
    run = chromium(report["folder"], "--dump-dom", report["page"].as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    dom = Selector(text=run.stdout)
    assert dom.xpath("//body/@data-rendered").get() == f"{len(dom.xpath('//svg'))} charts"  # the script ran
    assert len(dom.xpath("//svg")) >= 4
    # Records and rejects by reason.
    rejects = " ".join(dom.xpath('//figure[figcaption="Rejects by reason"]//text()').getall())
    assert "http_404" in rejects and "no_title" in rejects
    # The coverage heat map: Rotten Tomatoes films carry their year, and every declared field has a cell.
    heading = [h.strip() for h in dom.xpath('//h2[@id="coverage"]/following::table[1]//th/text()').getall()]
    row = dom.xpath('//h2[@id="coverage"]/following::table[1]//tr[td[1]="rottentomatoes"]/td/text()').getall()
    cells = dict(zip(heading, row))
    assert cells["year"] == "1.00" and cells["films"] == "2"
    # Fallback-read fields per site and page type.
    fallback = dom.xpath('//h2[@id="fallback"]/following::table[1]//tbody/tr/td/text()').getall()
    assert fallback == ["imdb", "title", "plot", "1"]
    # Films on several sites, every site's ratings side by side with their 0-100 value.
    films = dom.xpath('//h2[@id="films"]/following::table[1]')
    heading = [h.strip() for h in films.xpath(".//th/text()").getall()]
    red_shoes = films.xpath('.//tr[td[3]="imdb:tt0040725"]/td')
    by_column = dict(zip(heading, ("".join(td.xpath(".//text()").getall()) for td in red_shoes)))
    assert "Tomatometer: 97 (0-100) → 97" in by_column["rottentomatoes"]
    assert "IMDb RATING: 8.3 (1-10) → 81.11" in by_column["imdb"]
    demo = [json.loads(line) for line in report["folder"].joinpath("films.jsonl").read_text("utf-8").splitlines()]
    sites = {r["source"] for r in demo if r["type"] == "film" and r.get("film_key") == "imdb:tt0040725"}
    assert by_column["sites"] == str(len(sites)) and len(sites) >= 6


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_chromium_should_draw_the_page(report: dict[str, Any]) -> None:
    shot = report["folder"] / "report.png"
    run = chromium(
        report["folder"],
        "--hide-scrollbars",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        f"--screenshot={shot}",
        report["page"].as_uri(),
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert png_size(shot) == WINDOW
    assert shot.stat().st_size > 30_000  # charts and tables, not a blank page


def test_report_of_a_file_that_is_not_there_should_say_so(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "crawler", "report", str(tmp_path / "none.jsonl")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2 and run.stderr.strip() == f"filmcrawl report: no such file: {tmp_path / 'none.jsonl'}"
