"""The 就労定着支援計画: write it (goals, support, the person's agreement), see it with its
reviews and the next review day (the core's `practice.plans`), review it, correct it."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from teichaku.practice.plans import next_review_due, review_days_left
from teichaku.web.offices import clock
from teichaku.web.offices.context import OfficeContext, office_view
from teichaku.web.offices.models import PlanReview, SupportPlan
from teichaku.web.offices.permissions import Action
from teichaku.web.offices.plan_forms import PlanForm, ReviewForm
from teichaku.web.offices.services import plan_facts
from teichaku.web.offices.views.common import edit_page, new_row_page, page


def _plan_url(plan: SupportPlan) -> str:
    return reverse("offices:plan", kwargs={"plan_id": plan.public_id})


@office_view(Action.WRITE_PLAN)
def plan_new(request: HttpRequest, ctx: OfficeContext, person_id: UUID) -> HttpResponse:
    p = ctx.view_person(person_id, viewed="plan_new")
    intro = _(
        "計画は少なくとも3か月に1回見直します。見直しの期日が近づくとダッシュボードに表示されます。"
    )
    return new_row_page(
        request,
        ctx,
        PlanForm(request.POST or None, office=ctx.office),
        p,
        kind="plan",
        title=_("就労定着支援計画の作成"),
        saved=_("就労定着支援計画を保存しました。"),
        then=_plan_url,
        intro=intro,
        person_id=p.pk,
        author=ctx.user,
    )


@office_view(Action.VIEW_PERSON)
def plan(request: HttpRequest, ctx: OfficeContext, plan_id: UUID) -> HttpResponse:
    found = ctx.get(SupportPlan, plan_id)
    p = ctx.view_person(found.person.public_id, viewed="plan")
    reviews = list(PlanReview.objects.for_office(ctx.office).filter(plan=found))
    facts = plan_facts(found, reviews)
    today = clock.today()
    return page(
        request,
        ctx,
        "offices/plan.html",
        plan=found,
        person=p,
        reviews=reviews,
        due=next_review_due(facts),
        days_left=review_days_left(facts, today),
    )


@office_view(Action.WRITE_PLAN)
def plan_edit(request: HttpRequest, ctx: OfficeContext, plan_id: UUID) -> HttpResponse:
    found = ctx.get(SupportPlan, plan_id)
    p = ctx.view_person(found.person.public_id, viewed="plan_edit")
    form = PlanForm(request.POST or None, instance=found, office=ctx.office)
    return edit_page(
        request, ctx, form, p, kind="plan", title=_("就労定着支援計画の訂正"), then=_plan_url(found)
    )


@office_view(Action.WRITE_PLAN)
def plan_review_new(request: HttpRequest, ctx: OfficeContext, plan_id: UUID) -> HttpResponse:
    found = ctx.get(SupportPlan, plan_id)
    p = ctx.view_person(found.person.public_id, viewed="plan_review_new")
    return new_row_page(
        request,
        ctx,
        ReviewForm(request.POST or None, office=ctx.office, plan=found),
        p,
        kind="plan_review",
        title=_("就労定着支援計画の見直し"),
        saved=_("見直しを記録しました。"),
        then=_plan_url(found),
        intro=_("実施状況を本人と確認し、評価と計画の変更点を記録します。"),
        plan=found,
        reviewer=ctx.user,
    )
