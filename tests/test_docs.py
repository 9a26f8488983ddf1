"""What the README and the topic pages under docs/ state about the project holds: their links lead somewhere,
the sample-site addresses in their examples are the ones `filmcrawl sample-site` serves, every command they
show is one the project has (a `filmcrawl` command line its parser accepts as written, a `make` target of the
Makefile), and the README fits a newcomer's first screens."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from crawler.cli import build_parser
from crawler.sample_site import sample_sites

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
DEFAULT_BASE_PORT = 8800  # `filmcrawl sample-site --port`'s default
SAMPLE_URL = re.compile(r"crawl (?P<site>[a-z_]+) --start-url http://127\.0\.0\.1:(?P<port>\d+)(?P<path>/\S*)")
LINK = re.compile(r"\]\((?!https?://|#)(?P<target>[^)#]+)(?:#[^)]*)?\)")
CODE_BLOCK = re.compile(r"^```[^\n]*\n(?P<body>.*?)^```", re.DOTALL | re.MULTILINE)
# `filmcrawl ...` or `.venv/bin/filmcrawl ...`, also after `cd DIR &&` (a cron line) or `ExecStart=`.
COMMAND_LINE = re.compile(r"(?:^|[\s/=])filmcrawl (?P<words>[a-z].*)")
# Where the shell, not the command, takes over: a pipe, a list, a redirection, a comment.
SHELL_TAIL = re.compile(r"\s(?:&&|\|\|?|;|>>?|2>&1)(?:\s|$)|\s+#\s")
MAKE_TARGET = re.compile(r"`make (?P<target>[a-z][a-z-]*)`|^make (?P<line_target>[a-z][a-z-]*)", re.MULTILINE)


def shown_commands(page: Path) -> list[list[str]]:
    """The words of every `filmcrawl` command line in the page's code blocks, a synopsis (`[-h]`) left out."""
    commands = []
    for block in CODE_BLOCK.finditer(page.read_text(encoding="utf-8")):
        for line in re.sub(r"\\\n\s*", " ", block["body"]).splitlines():
            found = COMMAND_LINE.search(line)
            if found and "[-h]" not in line:
                commands.append(shlex.split(SHELL_TAIL.split(found["words"])[0]))
    return commands


def test_the_readme_should_fit_a_first_screen_and_link_every_topic_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    for topic in ("crawling", "distributed", "dataset", "faults", "performance", "adding-a-site", "cli", "sites"):
        assert f"(docs/{topic}.md)" in readme, topic


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_relative_links_should_lead_to_files_of_the_project(page: Path) -> None:
    for match in LINK.finditer(page.read_text(encoding="utf-8")):
        assert (page.parent / match["target"]).exists(), f"{page.name}: {match['target']}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_sample_site_addresses_in_examples_should_be_the_ones_it_serves(page: Path) -> None:
    ports = {site.slug: DEFAULT_BASE_PORT + offset for offset, site in enumerate(sample_sites())}
    starts = {site.slug: site.start for site in sample_sites()}
    for match in SAMPLE_URL.finditer(page.read_text(encoding="utf-8")):
        site, port, path = match["site"], int(match["port"]), match["path"]
        assert ports.get(site) == port, f"{page.name}: {site} is served on port {ports.get(site)}, not {port}"
        assert path in starts[site], f"{page.name}: {path} is not a start page of the {site} sample site"


def test_the_pages_should_show_commands() -> None:
    # The extraction of command lines finds what it should: an empty list would pass every check below.
    assert sum(len(shown_commands(page)) for page in PAGES) >= 20


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_command_shown_should_be_accepted_as_written(page: Path) -> None:
    for words in shown_commands(page):
        try:
            build_parser(words[0]).parse_args(words)
        except SystemExit:
            pytest.fail(f"{page.name}: `filmcrawl {shlex.join(words)}` is refused by its parser")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_make_target_shown_should_be_in_the_makefile(page: Path) -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))
    for found in MAKE_TARGET.finditer(page.read_text(encoding="utf-8")):
        target = found["target"] or found["line_target"]
        assert target in targets, f"{page.name}: make {target}"
