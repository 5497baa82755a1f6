"""Paging in SQL for every list: a COUNT and one page (LIMIT/OFFSET), never a silent cut.

``Page.to_dict()`` is the list APIs' shape: ``{"items": [...], "total": N, "page": P,
"page_size": S}`` plus ``page_size_capped`` when the asked size was above ``MAX_PAGE_SIZE``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
T = TypeVar("T")


@dataclass(frozen=True)
class PageRequest:
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    capped: bool = False

    @staticmethod
    def of(page: int | None, page_size: int | None) -> PageRequest:
        size = page_size or DEFAULT_PAGE_SIZE
        return PageRequest(max(1, page or 1), max(1, min(size, MAX_PAGE_SIZE)), size > MAX_PAGE_SIZE)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


class PageNumbers:
    """The numbers a pager shows, for any page with ``total``, ``page`` (from 1) and ``page_size``."""

    __slots__ = ()
    total: int
    page: int
    page_size: int

    @property
    def first(self) -> int:
        return min(self.total, (self.page - 1) * self.page_size + 1)

    @property
    def last(self) -> int:
        return min(self.total, self.page * self.page_size)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class Page(PageNumbers, Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int
    capped: bool = False
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = [_as_dict(i) for i in self.items]
        out: dict[str, Any] = {"items": items, "total": self.total, "page": self.page, "page_size": self.page_size}
        if self.capped:
            out["page_size_capped"] = f"page_size er højst {MAX_PAGE_SIZE}"
        return out


_FLAT = (str, int, float, bool, type(None), date, datetime, Decimal)


def _as_dict(item: Any) -> Any:
    """``dataclasses.asdict`` for an API row: its deep copy costs a list page more than its query, so
    a row of plain values (text, numbers, dates) is read field by field; anything nested goes to asdict."""
    if not is_dataclass(item) or isinstance(item, type):
        return item
    out = {}
    for f in fields(item):
        value = getattr(item, f.name)
        if not isinstance(value, _FLAT):
            return asdict(item)
        out[f.name] = value
    return out


def count(session: Session, query) -> int:
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def fetch(session: Session, query, request: PageRequest) -> tuple[list, int]:
    """(the rows of the page, the total) for a select already filtered and ordered. A first page that
    is not full holds every row: then its length is the total and no COUNT is asked."""
    rows = session.execute(query.offset(request.offset).limit(request.page_size)).all()
    if request.offset == 0 and len(rows) < request.page_size:
        return rows, len(rows)
    return rows, count(session, query)
