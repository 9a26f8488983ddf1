"""filmcrawl's speed bench (`make bench`, `python -m bench`): how far reading pages and crawling run from
their floors, parsing a page and Scrapy fetching it. See bench/__main__.py and the README's Performance
section."""
