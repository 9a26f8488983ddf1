"""One job at a time per output file and per job folder: an exclusive lock beside what a job writes.

Two crawls writing the same `-o` (or sharing a `--resume` folder) would overwrite each other's parts and
outputs; the second one is refused at once instead, naming the path and the PID of the job holding it.

The lock is an `flock` on a small file holding the holder's PID (`.<name>.lock` beside an output file,
`job.lock` inside a job folder). The kernel releases an flock when its process dies, however it dies, so a
lock file left by a crawl killed with SIGKILL is free: the next job takes it over and says so. The file is
removed when the job releases it.
"""

from __future__ import annotations

import fcntl
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from crawler.jobs.resume import JobMismatch

logger = logging.getLogger(__name__)


class JobLocked(JobMismatch):
    """Another running job holds the output or the job folder (refused like a mismatched job folder)."""

    def __init__(self, target: Path, holder: int | None) -> None:
        by = f"PID {holder}" if holder else "another process"
        super().__init__(
            f"{target} is in use by another running job ({by}): wait for it to end, or use another output or job folder"
        )
        self.target = target
        self.holder = holder


@dataclass
class JobLock:
    target: Path
    """What the lock protects (an output file or a job folder)."""
    path: Path
    """The lock file."""
    fd: int
    taken_over_from: int | None = None
    """PID named in a lock file left by a job that died without releasing it (killed), when there was one."""

    def release(self) -> None:
        if self.fd < 0:
            return
        # Unlinked while still held: a job that opened the old file before this finds it gone and retries.
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        os.close(self.fd)
        self.fd = -1


def lock_file_for(target: Path, *, folder: bool) -> Path:
    return target / "job.lock" if folder else target.with_name(f".{target.name}.lock")


def acquire(target: Path, *, folder: bool = False) -> JobLock:
    """Lock `target` for this process; JobLocked when a running job holds it. A lock left by a dead job is
    taken over, with a line on stderr naming its PID."""
    path = lock_file_for(target, folder=folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _pid_in(fd)
            os.close(fd)
            raise JobLocked(target, holder) from None
        try:
            current = os.stat(path).st_ino
        except FileNotFoundError:
            current = None
        if current != os.fstat(fd).st_ino:
            os.close(fd)  # released and removed by its holder between the open and the lock: try again
            continue
        break
    previous = _pid_in(fd)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    lock = JobLock(target, path, fd)
    if previous and previous != os.getpid():
        lock.taken_over_from = previous
        message = f"filmcrawl: {target} was locked by PID {previous}, which is no longer running: lock taken over"
        print(message, file=sys.stderr)
        logger.warning(message)
    return lock


def _pid_in(fd: int) -> int | None:
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None
