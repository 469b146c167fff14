"""Walking a cursor-paged listing: every item, fetching pages as iteration goes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Protocol, TypeVar

__all__ = ["walk_cursor"]

T_co = TypeVar("T_co", covariant=True)


class CursorPage(Protocol[T_co]):
    @property
    def items(self) -> Sequence[T_co]: ...

    @property
    def cursor(self) -> str | None: ...


class PageFetcher(Protocol[T_co]):
    async def __call__(self, cursor: str | None, /) -> CursorPage[T_co]: ...


async def walk_cursor(fetch: PageFetcher[T_co]) -> AsyncIterator[T_co]:
    """The items of ``fetch(None)``, then of ``fetch(page.cursor)`` until a page has no cursor
    or no items (or a cursor comes back again: a server looping is not followed)."""
    cursor: str | None = None
    seen: set[str] = set()
    while True:
        page = await fetch(cursor)
        for item in page.items:
            yield item
        if not page.cursor or page.cursor in seen or not page.items:
            return
        seen.add(page.cursor)
        cursor = page.cursor
