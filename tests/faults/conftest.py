"""The crawls of the fault-injection server that the tests of this folder read, run once per session.

A real `filmcrawl crawl letterboxd` runs in a subprocess against a server started here (tests/faults/server.py),
on a list of six good film pages and one page per fault. The crawls run side by side, each against its own
server.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .crawls import Crawl, every_start_urls, finish, start
from .server import FaultServer


@pytest.fixture(scope="session")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Crawl]]:
    """Three crawls side by side: every fault; only the faults a crawl recovers from; a public crawl (no
    private addresses allowed) whose start URLs all lead to this machine."""
    folder = tmp_path_factory.mktemp("faults")
    with FaultServer() as every, FaultServer() as recoverable, FaultServer() as private:
        port = private.httpd.server_port
        runs = {
            "every": (every, folder / "every" / "films.jsonl", every_start_urls(every), ()),
            "recoverable": (
                recoverable,
                folder / "recoverable" / "films.jsonl",
                [recoverable.list_url("recoverable")],
                (),
            ),
            # 127.0.0.1 written as a name, as an IP and as a number: each resolves to loopback.
            "private": (
                private,
                folder / "private" / "films.jsonl",
                [
                    f"http://localhost:{port}/faultlab/list/good/",
                    f"http://127.0.0.1:{port}/faultlab/list/good/",
                    f"http://2130706433:{port}/faultlab/list/good/",
                ],
                ("-s", "FILMCRAWL_ALLOW_PRIVATE_HOSTS="),
            ),
        }
        processes = {name: start(out, urls, *extra) for name, (server, out, urls, extra) in runs.items()}
        yield {name: finish(processes[name], server, out) for name, (server, out, _, _) in runs.items()}


@pytest.fixture(scope="session")
def every(crawls: dict[str, Crawl]) -> Crawl:
    return crawls["every"]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from .tally import TALLY

    if TALLY.tried:
        terminalreporter.write_line(TALLY.line())
