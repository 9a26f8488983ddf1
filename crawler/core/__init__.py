"""The pure core: site declarations, parsers, normalisers and the one extraction path.

Nothing here imports Scrapy or Twisted; a page's bytes and URL go in, typed records come out. A live crawl
and `filmcrawl extract` both read pages through `crawler.core.extraction`.
"""
