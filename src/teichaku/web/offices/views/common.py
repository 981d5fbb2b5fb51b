"""Small helpers shared by the office views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from teichaku import pdf
from teichaku.web.offices import actions, corrections
from teichaku.web.offices.context import OfficeContext
from teichaku.web.offices.formtools import ReasonForm
from teichaku.web.offices.models import OfficeOwned, Person


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
    submit: str = "",
    template: str = "offices/form.html",
) -> HttpResponse:
    response = page(
        request,
        ctx,
        template,
        form=form,
        title=title,
        back=back,
        person=person,
        intro=intro,
        submit=submit,
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
    then: str | Callable[[Any], str],
    intro: str = "",
    **fields: Any,
) -> HttpResponse:
    """The page that records a new row for a person (a contact, a job, a consent …): on a valid
    POST save it with its audit entry (`fields` fill what the form does not), say `saved` and
    go to the URL `then` (or `then(the saved row)`); otherwise show the form."""

    def save() -> object:
        return actions.save_owned(ctx, form.instance, kind, person=person, form=form, **fields)

    return _saved_or_form(request, ctx, form, person, save, saved, then, title, intro)


def _saved_or_form(
    request: HttpRequest,
    ctx: OfficeContext,
    form: Any,
    person: Person,
    save: Callable[[], object],
    saved: str,
    then: str | Callable[[Any], str],
    title: str,
    intro: str,
) -> HttpResponse:
    """A person's row form: on a valid POST `save`, say `saved` and go to `then` (an address,
    or one made from what `save` returned); otherwise the form (again, with its errors)."""
    if request.method == "POST" and form.is_valid():
        row = save()
        messages.success(request, saved)
        return redirect(then(row) if callable(then) else then)
    return form_page(request, ctx, form, title, "offices:people", person=person, intro=intro)


def person_url(person: Person) -> str:
    return reverse("offices:person", kwargs={"person_id": person.public_id})


def edit_page(
    request: HttpRequest,
    ctx: OfficeContext,
    form: Any,
    person: Person,
    *,
    kind: str,
    title: str,
    then: str = "",
    saved: str = "",
    intro: str = "",
) -> HttpResponse:
    """The page that corrects a kept row: on a valid POST save it with its before/after and
    the reason (`corrections.correct`), then go to `then` (the person's page)."""
    return _saved_or_form(
        request,
        ctx,
        form,
        person,
        lambda: corrections.correct(ctx, form, kind, person),
        saved or _("訂正しました。履歴は利用者の記録に残ります。"),
        then or person_url(person),
        title,
        intro,
    )


def delete_page(
    request: HttpRequest,
    ctx: OfficeContext,
    obj: OfficeOwned,
    person: Person,
    *,
    kind: str,
    names: list[str],
    title: str,
    what: str,
    refused: str = "",
) -> HttpResponse:
    """Ask for the reason, then delete the row (`corrections.delete`); `refused` says why
    this row may not be deleted (the page then shows only that)."""
    if refused:
        response = page(
            request, ctx, "offices/form.html", form=None, title=title, person=person, intro=refused
        )
        response.status_code = 409 if request.method == "POST" else 200
        return response
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        corrections.delete(ctx, obj, kind, person, names, form.cleaned_data["reason"])
        messages.success(request, _("削除しました。履歴は利用者の記録に残ります。"))
        return redirect(person_url(person))
    intro = _("次の記録を削除します: %(what)s。削除した内容と理由は履歴に残ります。") % {
        "what": what
    }
    return form_page(
        request,
        ctx,
        form,
        title,
        "offices:people",
        person=person,
        intro=intro,
        submit=_("削除する"),
    )


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
