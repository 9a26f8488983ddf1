"""Exit statuses of every `filmcrawl` command, in one place (docs/cli.md lists them)."""

EXIT_OK = 0
"""The command did its work and the data can be trusted."""
EXIT_FAILED_PAGES = 1
"""`extract`: at least one page gave no valid records."""
EXIT_COULD_NOT_RUN = 2
"""Bad arguments, an unknown site, a port in use, unreachable start URLs: nothing was done."""
EXIT_BELOW_THRESHOLDS = 3
"""The job finished but its data is below the quality thresholds (coverage, reject ratio, blocked ratio)."""
EXIT_REDIS_LOST = 4
"""A distributed crawl's Redis went away mid-crawl: the worker stopped cleanly, its pages in flight stay in
Redis; the same command resumes the crawl once Redis is back (crawler.jobs.distributed)."""
EXIT_CLOSED_PIPE = 141
"""The reader of stdout went away (`filmcrawl extract ... | head`): 128 + SIGPIPE, as a shell reports a
command a closed pipe stopped."""
EXIT_INTERRUPTED = 130
"""The job was stopped before its end (Ctrl-C, SIGTERM); `crawl --resume DIR` continues it when run again."""
