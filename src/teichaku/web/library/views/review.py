"""Reviewers (the site's editorial team): the queue and the review page, where they
comment, ask for changes, publish or decline, and confirm flags."""

from __future__ import annotations

from functools import wraps
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teichaku.web.library.forms import ConfirmFlagForm, ReviewForm
from teichaku.web.library.models import PracticeCase, State
from teichaku.web.library.workflow import case_for, confirm_flag, decide, is_reviewer, open_flags


def reviewer_only(view: Any) -> Any:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_reviewer(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)  # type: ignore[no-any-return]

    return wrapper


@reviewer_only
def queue(request: HttpRequest) -> HttpResponse:
    cases = PracticeCase.objects.filter(
        state__in=[State.SUBMITTED, State.CHANGES_REQUESTED]
    ).order_by("updated_at")
    return render(request, "library/queue.html", {"cases": cases})


@reviewer_only
def review(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_for(request.user, case_id)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = decide(
            case, request.user, form.cleaned_data["decision"], form.cleaned_data["body"]
        )
        if problem:
            messages.error(request, problem)
        else:
            messages.success(request, _("記録しました。"))
            return redirect("library:review", case_id=case.public_id)
    flags = [
        (
            f,
            ConfirmFlagForm(
                initial={"field": f.field, "words": f.flag.words, "kind": f.flag.kind.value}
            ),
        )
        for f in open_flags(case)
    ]
    return render(
        request,
        "library/review.html",
        {
            "case": case,
            "form": form,
            "flags": flags,
            "comments": case.comments.all(),
            "confirmed": case.confirmed.all(),
            "versions": case.versions.order_by("-number"),
        },
    )


@require_POST
@reviewer_only
def confirm(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_for(request.user, case_id)
    form = ConfirmFlagForm(request.POST)
    if form.is_valid() and confirm_flag(case, request.user, **form.cleaned_data):
        messages.success(request, _("個人を特定しない語として確認しました。"))
    else:
        messages.error(request, _("確認できる語が見つかりません。"))
    return redirect("library:review", case_id=case.public_id)
