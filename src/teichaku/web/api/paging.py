"""Cursor paging shared by every list of the API: each page is
``{"items": [...], "next": <absolute URL of the next page, or null>}`` (on
``TEICHAKU_BASE_URL`` when it is set, else the request's address).

A router passes its rows as ``(cursor, item)`` pairs in ascending cursor order, starting
after the request's ``after`` (read with `after_value`); the cursor is an integer that
names a row, not a position that moves when rows are added (e.g. the row's primary key).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypedDict

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

PAGE_SIZE = 500


class BadRequest(Exception):
    """A malformed parameter (400) with the message for the caller."""


class Page(TypedDict):
    items: list[Any]
    next: str | None


def after_value(after: str) -> int:
    """The ``after`` parameter as a cursor (0 for the first page)."""
    if after == "":
        return 0
    if not after.isascii() or not after.isdigit() or len(after) > 18:
        raise BadRequest(_("after には前のページの next にある値を指定してください"))
    return int(after)


def cursor_page(
    request: HttpRequest, keyed: Iterable[tuple[int, Any]], *, limit: int | None = None
) -> Page:
    """At most `limit` (`PAGE_SIZE`) items of `keyed`, and the next page's URL if more remain."""
    limit = limit or PAGE_SIZE
    items: list[Any] = []
    last = 0
    for key, item in keyed:
        if len(items) == limit:
            query = request.GET.copy()
            query["after"] = str(last)
            path = request.path + "?" + query.urlencode()
            base = str(settings.TEICHAKU_BASE_URL)  # as survey links: the public address
            url = base + path if base else request.build_absolute_uri(path)
            return {"items": items, "next": url}
        items.append(item)
        last = key
    return {"items": items, "next": None}
