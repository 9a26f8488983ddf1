"""Scheduling through scrapyd, as docs/crawling.md "Scheduled jobs" says: a real scrapyd on 127.0.0.1, the project deployed
with `scrapyd-deploy` (the [deploy] target of scrapy.cfg), a crawl scheduled through schedule.json, its end
seen in listjobs.json and its records found in scrapyd's items folder.

scrapyd-deploy writes a setup.py and build files where scrapy.cfg is, so it runs in a copy of the project.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest

from .film_site import FilmSite, title_id
from .runs import ROOT

PROJECT_FILES = ("scrapy.cfg", "pyproject.toml", "README.md", "crawler", "spiders", "pipelines", "schemas")
JOB_TIMEOUT_SECONDS = 45


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def call(base: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    body = urlencode(data).encode() if data is not None else None
    with urlopen(f"{base}/{endpoint}", data=body, timeout=10) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A scrapyd on a free port of 127.0.0.1 with its own folders: (its URL, its items folder)."""
    port = free_port()
    server = tmp_path / "scrapyd"
    server.mkdir()
    (server / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = {server / 'eggs'}\nlogs_dir = {server / 'logs'}\n"
        f"items_dir = {server / 'items'}\ndbs_dir = {server / 'dbs'}\npoll_interval = 0.5\nmax_proc = 2\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "scrapyd"],
        cwd=server,
        stdout=subprocess.DEVNULL,
        stderr=(server / "scrapyd.log").open("wb"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert call(base, "daemonstatus.json")["status"] == "ok"
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        yield base, server / "items"
    finally:
        process.terminate()
        process.wait(timeout=10)


def project_copy(folder: Path, scrapyd_url: str) -> Path:
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, folder / name)
    config = folder / "scrapy.cfg"
    text = config.read_text(encoding="utf-8")
    assert "url = http://127.0.0.1:6800/" in text  # the documented target, pointed at this test's scrapyd
    config.write_text(text.replace("http://127.0.0.1:6800/", scrapyd_url + "/"), encoding="utf-8")
    return folder


def test_scrapyd_should_run_a_deployed_crawl_scheduled_through_its_api(
    scrapyd: tuple[str, Path], tmp_path: Path
) -> None:
    base, items = scrapyd
    (tmp_path / "project").mkdir()
    project = project_copy(tmp_path / "project", base)
    deploy = subprocess.run(
        [sys.executable, "-m", "scrapyd_client.deploy"], cwd=project, capture_output=True, text=True, timeout=120
    )
    assert deploy.returncode == 0, deploy.stderr[-3000:]
    assert json.loads(deploy.stdout)["status"] == "ok"
    assert "imdb" in call(base, "listspiders.json?project=filmcrawl")["spiders"]

    with FilmSite(titles=2) as site:
        scheduled = call(
            base,
            "schedule.json",
            [
                ("project", "filmcrawl"),
                ("spider", "imdb"),
                ("start_urls", site.start_url),
                # A test site on this machine, which public crawls may not reach.
                ("setting", "FILMCRAWL_ALLOW_PRIVATE_HOSTS=127.0.0.0/8"),
                ("setting", f"FILMCRAWL_REJECTS_FILE={tmp_path / 'rejects.jsonl'}"),
            ],
        )
        assert scheduled["status"] == "ok"
        job_id = scheduled["jobid"]
        deadline = time.monotonic() + JOB_TIMEOUT_SECONDS
        while not [job for job in call(base, "listjobs.json?project=filmcrawl")["finished"] if job["id"] == job_id]:
            assert time.monotonic() < deadline, "the scheduled job did not finish"
            time.sleep(0.5)
        hits = site.page_hits()
    output = items / "filmcrawl" / "imdb" / f"{job_id}.jl"
    found = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in found if r["type"] == "film"} == {f"imdb:{title_id(1)}", f"imdb:{title_id(2)}"}
    assert len(hits) == 9  # the list, two titles and their sub-pages: each once
    assert not (ROOT / "setup.py").exists()
