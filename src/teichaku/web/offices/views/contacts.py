"""The contact log: record, correct or delete a contact or a 地域連携会議; the office's month
at a glance; contact channels."""

from __future__ import annotations

from collections import defaultdict
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from teichaku.practice.contacts import ContactFact, month_status
from teichaku.practice.months import month_end, month_of
from teichaku.web.offices import actions, audit, clock
from teichaku.web.offices.context import OfficeContext, office_view
from teichaku.web.offices.forms import ChannelForm, ContactForm, MeetingForm
from teichaku.web.offices.models import Channel, Contact, Meeting, Person
from teichaku.web.offices.permissions import Action
from teichaku.web.offices.views.common import delete_page, edit_page, new_row_page, page


@office_view(Action.LOG_CONTACT)
def contact_new(request: HttpRequest, ctx: OfficeContext, person_id: UUID) -> HttpResponse:
    p = ctx.view_person(person_id, viewed="contact_new")
    return new_row_page(
        request,
        ctx,
        ContactForm(request.POST or None, office=ctx.office),
        p,
        kind="contact",
        title=_("支援の記録"),
        saved=_("支援の記録を保存しました。"),
        then=reverse("offices:person", kwargs={"person_id": p.public_id}),
        person_id=p.pk,
        staff=ctx.user,
    )


@office_view(Action.LOG_CONTACT)
def meeting_new(request: HttpRequest, ctx: OfficeContext, person_id: UUID) -> HttpResponse:
    """A 地域連携会議 held for the person (the addition's claims are capped by the rules core)."""
    p = ctx.view_person(person_id, viewed="meeting_new")
    intro = _(
        "会議はすべて記録します。加算を算定できるのは1人につき(Ⅰ)(Ⅱ)合わせて月1回・"
        "年度4回までで、その判定は規則コアが行います。"
    )
    return new_row_page(
        request,
        ctx,
        MeetingForm(request.POST or None, office=ctx.office),
        p,
        kind="meeting",
        title=_("地域連携会議の記録"),
        saved=_("地域連携会議を記録しました。"),
        then=reverse("offices:person", kwargs={"person_id": p.public_id}),
        intro=intro,
        person_id=p.pk,
        recorded_by=ctx.user,
    )


@office_view(Action.LOG_CONTACT)
def contact_edit(request: HttpRequest, ctx: OfficeContext, contact_id: UUID) -> HttpResponse:
    c = ctx.get(Contact, contact_id)
    p = ctx.view_person(c.person.public_id, viewed="contact_edit")
    form = ContactForm(request.POST or None, instance=c, office=ctx.office)
    return edit_page(request, ctx, form, p, kind="contact", title=_("支援の記録の訂正"))


@office_view(Action.LOG_CONTACT)
def contact_delete(request: HttpRequest, ctx: OfficeContext, contact_id: UUID) -> HttpResponse:
    c = ctx.get(Contact, contact_id)
    p = ctx.view_person(c.person.public_id, viewed="contact_delete")
    what = f"{c.day.isoformat()} {c.channel.label}"
    names = [*ContactForm.Meta.fields, "staff"]
    return delete_page(
        request, ctx, c, p, kind="contact", names=names, title=_("支援の記録の削除"), what=what
    )


@office_view(Action.LOG_CONTACT)
def meeting_edit(request: HttpRequest, ctx: OfficeContext, meeting_id: UUID) -> HttpResponse:
    m = ctx.get(Meeting, meeting_id)
    p = ctx.view_person(m.person.public_id, viewed="meeting_edit")
    form = MeetingForm(request.POST or None, instance=m, office=ctx.office)
    return edit_page(request, ctx, form, p, kind="meeting", title=_("地域連携会議の記録の訂正"))


@office_view(Action.LOG_CONTACT)
def meeting_delete(request: HttpRequest, ctx: OfficeContext, meeting_id: UUID) -> HttpResponse:
    m = ctx.get(Meeting, meeting_id)
    p = ctx.view_person(m.person.public_id, viewed="meeting_delete")
    what = f"{m.day.isoformat()} {m.get_kind_display()}"
    return delete_page(
        request,
        ctx,
        m,
        p,
        kind="meeting",
        names=list(MeetingForm.Meta.fields),
        title=_("地域連携会議の記録の削除"),
        what=what,
    )


@office_view(Action.VIEW_PERSON)
def contacts(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    """This month, person by person: face-to-face done or due, employer contact, last contact."""
    day = clock.today()
    month = month_of(day)
    facts: dict[int, list[ContactFact]] = defaultdict(list)
    for c in Contact.objects.for_office(ctx.office).filter(day__lte=day):
        facts[c.person_id].append(ContactFact(c.day, c.face_to_face, tuple(c.with_whom)))
    in_service = (
        Person.objects.for_office(ctx.office)
        .filter(service_start__lte=month_end(month))
        .exclude(service_end__lt=month)
    )
    rows = [(p, month_status(facts.get(p.pk, []), month, day)) for p in in_service]
    audit.record(ctx, "view", "contact_overview", ctx.office.public_id, detail=f"{len(rows)}")
    return page(request, ctx, "offices/contacts.html", rows=rows, month=month, today=day)


@office_view(Action.MANAGE_OFFICE)
def channels(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    form = ChannelForm(request.POST or None, office=ctx.office)
    existing = Channel.objects.for_office(ctx.office)
    if request.method == "POST" and form.is_valid():
        label = form.cleaned_data["label"].strip()
        key = slugify(label, allow_unicode=True)[:30] or "channel"
        taken = set(existing.values_list("key", flat=True))
        base, n = key, 1
        while key in taken:
            n += 1
            key = f"{base}-{n}"
        actions.save_owned(
            ctx, form.instance, "channel", form=form, key=key, position=len(taken) + 1
        )
        messages.success(request, _("連絡方法を追加しました。"))
        return redirect("offices:channels")
    return page(request, ctx, "offices/channels.html", form=form, channels=existing)
