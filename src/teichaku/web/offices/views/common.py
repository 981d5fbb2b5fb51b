"""Small helpers shared by the office views."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from teichaku.web.offices.context import OfficeContext


def page(request: HttpRequest, ctx: OfficeContext, template: str, **context: Any) -> HttpResponse:
    return render(request, template, {"ctx": ctx, "office": ctx.office, **context})


def form_page(
    request: HttpRequest,
    ctx: OfficeContext,
    form: Any,
    title: str,
    back: str,
    *,
    person: Any = None,
    intro: str = "",
    status: int = 200,
) -> HttpResponse:
    response = page(
        request,
        ctx,
        "offices/form.html",
        form=form,
        title=title,
        back=back,
        person=person,
        intro=intro,
    )
    if form.is_bound and form.errors:
        response.status_code = 400
    elif status != 200:
        response.status_code = status
    return response
