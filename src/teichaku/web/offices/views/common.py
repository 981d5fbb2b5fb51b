"""Small helpers shared by the office views."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from teichaku import pdf
from teichaku.web.offices import actions
from teichaku.web.offices.context import OfficeContext
from teichaku.web.offices.models import Person


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


def new_row_page(
    request: HttpRequest,
    ctx: OfficeContext,
    form: Any,
    person: Person,
    *,
    kind: str,
    title: str,
    saved: str,
    then: str,
    intro: str = "",
    **fields: Any,
) -> HttpResponse:
    """The page that records a new row for a person (a contact, a job, a consent …): on a valid
    POST save it with its audit entry (`fields` fill what the form does not), say `saved` and
    go to the URL `then`; otherwise show the form."""
    if request.method == "POST" and form.is_valid():
        actions.save_owned(ctx, form.instance, kind, person=person, form=form, **fields)
        messages.success(request, saved)
        return redirect(then)
    return form_page(request, ctx, form, title, "offices:people", person=person, intro=intro)


PRINT_CSS = "offices/print.css"


def pdf_response(
    request: HttpRequest, ctx: OfficeContext, template: str, name: str, **context: Any
) -> HttpResponse:
    """The print page's template rendered as a PDF (`pdf` set: no screen-only parts), styled
    by the same print stylesheet; `name` is the download's file name (an opaque id only)."""
    found = finders.find(PRINT_CSS)
    if not isinstance(found, str):
        raise Http404
    with open(found, encoding="utf-8") as css:
        style = css.read()
    context = {"ctx": ctx, "office": ctx.office, "pdf": True, **context}
    html = render_to_string(template, context, request=request)
    response = HttpResponse(pdf.pdf_bytes(html, [style]), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
