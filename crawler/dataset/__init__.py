"""The dataset analysts load: records merged by id, one film_key per film across sites, the merged view,
the end-of-job report with field coverage, and loading into DuckDB or Parquet.

    identity.py  film_key: which records of which sites are one film (a record's own key: crawler.core.film_key)
    output.py    the output step: merge by id on disk (the rule: crawler.core.merge), film keys, atomic write (crawl, feeds, `filmcrawl merge`)
    view.py      the merged view, one record per film_key with every site's ratings side by side
    feeds.py     Scrapy feed storage writing JSON Lines to a temporary name, merged, renamed when closed
    report.py    coverage per site, type and field; thresholds; the report file and its printed table
    tables.py    the relational tables `filmcrawl load` writes
    load.py      loading JSON Lines into DuckDB and Parquet, keeping rating history
"""
