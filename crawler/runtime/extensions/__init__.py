"""Scrapy extensions of the filmcrawl project (enabled in crawler/settings.py, EXTENSIONS)."""
