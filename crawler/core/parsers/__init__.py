"""The core: one package per site (declaring its SITE and parse), the generic readers and the shared page helpers.

Pure functions of a parsel Selector and a URL; nothing here imports Scrapy."""
