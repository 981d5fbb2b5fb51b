"""``/api/v1/practices/?q=&challenge=&prefecture=``: the published 実践事例, public (no token).

Paged like every list of the API (`paging.cursor_page`); the cursor is the case's row
number, so the items come in the order the cases were stored, the query and facets
filtering them (the ranking by relevance is the web list's). Drafts, cases under review
and declined cases are never returned."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router

from teichaku.web.api.paging import Page, after_value, cursor_page
from teichaku.web.library.views.public import found_cases

router = Router(tags=["practices"])


@router.get("/", auth=None, summary="公開された実践事例 / Published practice cases")
def practice_list(
    request: HttpRequest, q: str = "", challenge: str = "", prefecture: str = "", after: str = ""
) -> Page:
    start = after_value(after)
    _form, found = found_cases({"q": q, "challenge": challenge, "prefecture": prefecture})
    cases = sorted((c for c in found if c.pk > start), key=lambda c: c.pk)
    return cursor_page(
        request,
        (
            (
                c.pk,
                {
                    "id": str(c.public_id),
                    "title": c.title,
                    "challenges": list(c.challenges),
                    "prefecture": c.prefecture,
                    "published_at": c.published_at.isoformat() if c.published_at else None,
                    "url": request.build_absolute_uri(reverse("library:case", args=[c.public_id])),
                },
            )
            for c in cases
        ),
    )
