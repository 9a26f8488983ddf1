"""Named reasons for pages that could not be fetched, as counted in the stats and written to the rejects file.

Scrapy reports a failed download as an exception whose class name says little to a reader of the rejects
file ("DownloadCancelledError" for a page over the size limit, "IgnoreRequest" for a gzip bomb); each is
mapped here to a short slug. Reasons:

    http_<status>            the server answered with an error status (after the retries it deserved)
    timeout                  no complete answer within DOWNLOAD_TIMEOUT (a stalled body included)
    data_loss                the connection closed before the announced body was complete
    connection_lost          the connection failed or was reset while the answer was being read
    connection_refused       nothing listens at the address
    dns_error                the host name does not resolve
    too_large                the body is over DOWNLOAD_MAXSIZE
    decompressed_too_large   the body inflates past DOWNLOAD_MAXSIZE (a compression bomb)
    too_many_redirects       more than REDIRECT_MAX_TIMES redirects
    robots_txt               robots.txt forbids the page
    <boundary reason>        refused by crawler.runtime.middlewares.boundaries (offsite, private_address, redirect_*)
"""

from __future__ import annotations

import logging
import re

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from twisted.internet import defer
from twisted.internet import error as twisted_errors
from twisted.web.client import ResponseFailed

from crawler.runtime.middlewares.boundaries import OutOfBounds

# Scrapy states these limits only in its messages (scrapy.utils._download_handlers, httpcompression).
_MAXSIZE = re.compile(r"larger than download max size")
_DECOMPRESSION = re.compile(r"exceeded DOWNLOAD_MAXSIZE .* during decompression")

_BY_TYPE: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((DownloadTimeoutError, twisted_errors.TimeoutError, defer.TimeoutError), "timeout"),
    ((ResponseDataLossError,), "data_loss"),
    ((DownloadConnectionRefusedError, twisted_errors.ConnectionRefusedError), "connection_refused"),
    ((CannotResolveHostError, twisted_errors.DNSLookupError), "dns_error"),
    (
        (
            DownloadFailedError,
            ResponseFailed,
            twisted_errors.ConnectionLost,
            twisted_errors.ConnectionDone,
            twisted_errors.ConnectError,
        ),
        "connection_lost",
    ),
)
_BY_MESSAGE: dict[str, str] = {
    "max redirections reached": "too_many_redirects",
    "Forbidden by robots.txt": "robots_txt",
}


def fetch_error_reason(error: BaseException) -> str:
    """The slug naming why a request gave no page (see the module docstring)."""
    response = getattr(error, "response", None)
    status = getattr(response, "status", None)
    if isinstance(status, int):
        return f"http_{status}"
    if isinstance(error, OutOfBounds):
        return error.reason
    message = str(error)
    if isinstance(error, DownloadCancelledError) and (_MAXSIZE.search(message) or not message):
        # A body over the limit while streaming cancels the download with no message of its own.
        return "too_large"
    if isinstance(error, IgnoreRequest):
        if _DECOMPRESSION.search(message):
            return "decompressed_too_large"
        if message in _BY_MESSAGE:
            return _BY_MESSAGE[message]
    for types, name in _BY_TYPE:
        if isinstance(error, types):
            return name
    return _snake(type(error).__name__)


# What a reason means, for rejects whose exception carries no message of its own.
_MEANING = {
    "timeout": "no complete answer within DOWNLOAD_TIMEOUT",
    "data_loss": "the connection closed before the announced body was complete",
    "connection_lost": "the connection failed or was reset while the answer was read",
    "too_large": "the body is over DOWNLOAD_MAXSIZE",
}


def fetch_error_detail(error: BaseException) -> str:
    """The exception's own message, else what its reason means."""
    return str(error) or _MEANING.get(fetch_error_reason(error), type(error).__name__)


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


NETWORK_ERRORS: tuple[type[BaseException], ...] = tuple(t for types, _ in _BY_TYPE for t in types)
"""Failures of the network itself (refused, unresolved, timed out, cut): their reason says all there is."""

# Scrapy components that log such a failure with its traceback (robots.txt is fetched before any page).
_LOGGERS_WITH_NETWORK_TRACEBACKS = (
    "scrapy.downloadermiddlewares.robotstxt",
    "scrapy.core.scraper",
    "scrapy.core.engine",
)


class NetworkTracebackFilter(logging.Filter):
    """Keeps the message of a log record about a network failure and drops its traceback: a port where nothing
    listens is one line ("Connection was refused"), not forty lines of Twisted internals. Tracebacks of
    anything else (a bug) stay."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], NETWORK_ERRORS):
            record.exc_info = None
            record.exc_text = None
        return True


def quiet_network_tracebacks() -> None:
    """Install NetworkTracebackFilter on the loggers that print network failures with a traceback (once)."""
    for name in _LOGGERS_WITH_NETWORK_TRACEBACKS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, NetworkTracebackFilter) for f in logger.filters):
            logger.addFilter(NetworkTracebackFilter())
