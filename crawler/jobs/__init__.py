"""Jobs: the commands, running a crawl job (output, resume, locks, summary) and distributed crawls."""
