"""Office staff write cases: their office's list, a new draft, editing, submitting.
Every view goes through `office_view(Action.WRITE_REPORT)`: the office's writers."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teichaku.web.library.forms import CaseForm, SubmitForm
from teichaku.web.library.models import PracticeCase, State
from teichaku.web.library.workflow import (
    AUTHOR_EDITABLE,
    office_defaults,
    open_flags,
    save,
    submit,
)
from teichaku.web.offices.context import OfficeContext, office_view
from teichaku.web.offices.permissions import Action


def _own(ctx: OfficeContext, case_id: UUID) -> PracticeCase:
    case = PracticeCase.objects.filter(public_id=case_id, office=ctx.office).first()
    if case is None:
        raise Http404
    return case


@office_view(Action.WRITE_REPORT)
def mine(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    cases = (
        PracticeCase.objects.filter(office=ctx.office)
        .annotate(question_count=Count("questions"))
        .order_by("-updated_at")
    )
    return render(request, "library/mine.html", {"ctx": ctx, "office": ctx.office, "cases": cases})


@office_view(Action.WRITE_REPORT)
def questions(request: HttpRequest, ctx: OfficeContext, case_id: UUID) -> HttpResponse:
    """Readers' questions to one of the office's cases, as they were mailed (without the
    reader's address, which only the mail carries: answer by replying to it)."""
    case = _own(ctx, case_id)
    return render(
        request,
        "library/questions.html",
        {"ctx": ctx, "office": ctx.office, "case": case, "questions": case.questions.all()},
    )


@office_view(Action.WRITE_REPORT)
def new(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    defaults = office_defaults(ctx.office)
    form = CaseForm(request.POST or None, initial=defaults)
    for name in defaults:
        form.fields[name].help_text = _("事業所の記録から入れました。変更できます。")
    if request.method == "POST" and form.is_valid():
        case = form.save(commit=False)
        case.office = ctx.office
        save(case, request.user)
        return redirect("library:edit", case_id=case.public_id)
    return render(request, "library/edit.html", {"ctx": ctx, "office": ctx.office, "form": form})


@office_view(Action.WRITE_REPORT)
def edit(request: HttpRequest, ctx: OfficeContext, case_id: UUID) -> HttpResponse:
    case = _own(ctx, case_id)
    if case.state not in AUTHOR_EDITABLE:
        messages.info(request, _("審査中・不採用の事例は編集できません。"))
        return redirect("library:case", case_id=case.public_id)
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        case = form.save(commit=False)
        note = form.cleaned_data.get("revision_note", "") if case.state == State.PUBLISHED else ""
        if case.state == State.PUBLISHED and open_flags(case):
            messages.error(
                request,
                _("個人が特定されるおそれのある語があるため、公開中の事例を改訂できません。"),
            )
        else:
            save(case, request.user, note)
            messages.success(request, _("保存しました。"))
            return redirect("library:edit", case_id=case.public_id)
    return render(
        request,
        "library/edit.html",
        {
            "ctx": ctx,
            "office": ctx.office,
            "form": form,
            "case": case,
            "flags": open_flags(case),
            "submit_form": SubmitForm(),
            "comments": case.comments.all(),
        },
    )


@require_POST
@office_view(Action.WRITE_REPORT)
def send(request: HttpRequest, ctx: OfficeContext, case_id: UUID) -> HttpResponse:
    case = _own(ctx, case_id)
    form = SubmitForm(request.POST)
    ask = bool(form.is_valid() and form.cleaned_data["ask_confirmation"])
    problem = submit(case, request.user, ask_confirmation=ask)
    if problem:
        messages.error(request, problem)
        return redirect("library:edit", case_id=case.public_id)
    messages.success(request, _("審査に出しました。"))
    return redirect("library:mine")
