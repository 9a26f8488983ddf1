"""No exception in a pipeline loses a record: the item becomes a reject named after the exception.

Scrapy logs an exception raised by a pipeline's process_item and forgets the item: the page's record is
neither in the output nor in the rejects file, and the job exits 0. This item processor (ITEM_PROCESSOR)
runs the same pipelines in the same order, but an exception other than DropItem turns the item into a Reject
(stage "validate", reason the exception's class name, the record kept as its data), which the remaining
pipelines pass on to pipelines.rejects. When writing that reject fails too, it is written again without the
record's data. Counted as `filmcrawl/pipeline_errors/<ExceptionName>`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from scrapy.exceptions import DropItem
from scrapy.pipelines import ItemPipelineManager
from scrapy.utils.defer import ensure_awaitable

from crawler.core.reject import Reject

logger = logging.getLogger(__name__)

DETAIL_LIMIT = 300
"""Characters of the exception's message kept in the reject's detail (a message may quote a huge value)."""


def reject_for(item: Any, error: Exception, where: str) -> Reject:
    """The Reject an item becomes when `where` (a pipeline) raised `error` on it."""
    name = type(error).__name__
    message = str(error)
    if len(message) > DETAIL_LIMIT:
        message = message[:DETAIL_LIMIT] + "..."
    detail = f"{name} in {where}: {message}"
    if isinstance(item, Reject):
        # The reject could not be written as it was: again, without the data that broke it.
        return Reject(
            url=item.url,
            site=item.site,
            stage=item.stage,
            reason=item.reason,
            detail=f"{item.detail[:DETAIL_LIMIT]} (then {detail}; its data left out)",
            page_type=item.page_type,
            record_type=item.record_type,
        )
    record = item if isinstance(item, dict) else {}
    return Reject(
        url=str(record.get("url") or ""),
        site=str(record.get("source") or ""),
        stage="validate",
        reason=name,
        detail=detail,
        record_type=record.get("type") if isinstance(record.get("type"), str) else None,
        data=item,
    )


class GuardedItemPipelineManager(ItemPipelineManager):
    async def process_item_async(self, item: Any) -> Any:
        # Scrapy's method lists hold None for a component without the method; process_item's holds none.
        methods: list[Callable[..., Any]] = [method for method in self.methods["process_item"] if method is not None]
        index, retried = 0, False
        while index < len(methods):
            method = methods[index]
            try:
                item = await self._call(method, item)
            except DropItem:
                raise
            except Exception as error:
                name = type(error).__name__
                where = getattr(method, "__qualname__", repr(method))
                logger.error(
                    "%s raised %s on an item of %s: it becomes a reject",
                    where,
                    name,
                    getattr(item, "url", None) or (item.get("url") if isinstance(item, dict) else "?"),
                    exc_info=error,
                )
                stats = self.crawler.stats if self.crawler is not None else None
                if stats is not None:
                    stats.inc_value(f"filmcrawl/pipeline_errors/{name}")
                if isinstance(item, Reject):
                    if retried:
                        if stats is not None:
                            stats.inc_value("filmcrawl/records_lost")
                        raise
                    retried = True
                    item = reject_for(item, error, where)
                    continue  # the same pipeline again, with the reject stripped of its data
                item = reject_for(item, error, where)
            index += 1
        return item

    async def _call(self, method: Callable[..., Any], item: Any) -> Any:
        if method in self._mw_methods_requiring_spider:
            return await ensure_awaitable(method(item, self._spider))
        return await ensure_awaitable(method(item))
