"""docs/cli.md stays true: its synopsis is each command's real usage, and its exit-status table lists every
status the commands return."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

import crawler.exit_codes
from crawler.cli import COMMANDS
from tests.cli.run import filmcrawl

DOC = Path(__file__).resolve().parents[2] / "docs/cli.md"


def doc_synopsis() -> dict[str, str]:
    """The synopsis lines of docs/cli.md by command name."""
    text = DOC.read_text(encoding="utf-8")
    block = text.split("## Synopsis", 1)[1].split("```", 2)[1]
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    return {line.split()[1]: line for line in lines}


@cache
def real_usage() -> dict[str, str]:
    """Each command's usage line as its `--help` prints it (the real command, in a subprocess), on one line."""
    usage = {}
    for name in COMMANDS:
        run = filmcrawl(name, "--help")
        assert run.returncode == 0, run.stderr
        usage[name] = " ".join(run.stdout.split("\n\n", 1)[0].removeprefix("usage: ").split())
    return usage


def test_the_synopsis_should_list_every_command() -> None:
    assert sorted(doc_synopsis()) == sorted(real_usage())


@pytest.mark.parametrize("command", sorted(real_usage()))
def test_the_synopsis_should_match_the_commands_help(command: str) -> None:
    assert doc_synopsis().get(command) == real_usage()[command]


def test_the_exit_status_table_should_list_every_status() -> None:
    statuses = {value for name, value in vars(crawler.exit_codes).items() if name.startswith("EXIT_")}
    table = DOC.read_text(encoding="utf-8").split("## Exit status", 1)[1].split("\n## ", 1)[0]
    documented = {int(n) for n in re.findall(r"^\| (\d+) \|", table, flags=re.MULTILINE)}
    assert documented == statuses


def test_the_installed_command_should_run_from_the_venv() -> None:
    # docs/cli.md: after `make install` / `make demo`, `.venv/bin/filmcrawl` is the command.
    command = Path(sys.executable).parent / "filmcrawl"
    if not command.exists():
        pytest.skip(f"no {command}: the project is not installed in this Python's environment")
    run = subprocess.run([str(command), "--version"], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0 and run.stdout.startswith("filmcrawl ")
