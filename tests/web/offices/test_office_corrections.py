"""Correcting and deleting kept records: a reason is required, the history (who by 氏名, when,
before/after, reason) is kept in the audit log and shown on the person's page; several 相手
per contact; face to face by the method; the plan's goals in the report draft."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from teichaku.practice.contacts import FACE_TO_FACE_CHANNELS, TABLE13_CHANNELS
from teichaku.web.offices import actions
from teichaku.web.offices.context import OfficeContext
from teichaku.web.offices.models import (
    AuditEntry,
    Channel,
    Contact,
    Employment,
    Meeting,
    MonthlyReport,
    PlanReview,
    ReportShare,
    Role,
    SupportPlan,
)

from .conftest import World, sign_in


def contact_post(world: World, **changes: Any) -> dict[str, Any]:
    c = world.contact
    data: dict[str, Any] = {
        "day": c.day.isoformat(),
        "channel": c.channel_id,
        "with_whom": list(c.with_whom),
        "minutes": "",
        "notes": c.notes,
        "next_step": "",
    }
    return {**data, **changes}


def page_of(client: Client, world: World) -> str:
    url = reverse("offices:person", kwargs={"person_id": world.person.public_id})
    return client.get(url).content.decode()


@pytest.mark.django_db
def test_a_correction_without_a_reason_is_refused_and_changes_nothing(
    world: World, client: Client
) -> None:
    sign_in(client, world.users["support_worker"])
    url = reverse("offices:contact_edit", kwargs={"contact_id": world.contact.public_id})
    response = client.post(url, contact_post(world, notes="訂正後", reason="  "))
    assert response.status_code == 400
    assert "訂正・削除の理由" in response.content.decode()
    world.contact.refresh_from_db()
    assert world.contact.notes == "架空の記録"
    assert not AuditEntry.objects.filter(object_type="contact", action="update").exists()


@pytest.mark.django_db
def test_a_corrected_contact_keeps_who_when_before_after_and_why(
    world: World, client: Client
) -> None:
    worker = world.users["support_worker"]
    worker.first_name = "支援 花子"
    worker.save()
    sign_in(client, worker)
    phone = Channel.objects.for_office(world.office).get(key="phone")
    url = reverse("offices:contact_edit", kwargs={"contact_id": world.contact.public_id})
    response = client.post(
        url,
        contact_post(
            world,
            channel=phone.pk,
            with_whom=["person", "employer"],
            reason="電話だったのに職場訪問と記録していた",
        ),
    )
    assert response.status_code == 302
    world.contact.refresh_from_db()
    assert world.contact.with_whom == ["person", "employer"]
    assert world.contact.face_to_face is False  # by the method, now a call
    entry = AuditEntry.objects.get(object_type="contact", action="update")
    assert entry.actor == worker and entry.reason == "電話だったのに職場訪問と記録していた"
    assert entry.changes == [
        {"field": "channel", "before": "職場訪問", "after": "電話"},
        {"field": "with_whom", "before": "本人", "after": "本人・企業"},
    ]
    assert entry.detail == "channel,with_whom"  # the audit log page: field names only
    html = page_of(client, world)
    assert "訂正・削除の履歴" in html and "支援 花子" in html
    assert "電話だったのに職場訪問と記録していた" in html
    assert "<del>職場訪問</del> → <ins>電話</ins>" in html
    assert "方法:" in html and "相手:" in html  # field labels, not field names
    history = html[html.index("訂正・削除の履歴") :]
    assert worker.username not in history  # never the login id
    assert html.count("訂正・削除の履歴") == 1  # in the body, not copied into <title>
    assert "<section" not in html[: html.index("</head>")]


@pytest.mark.django_db
def test_deleting_keeps_the_values_and_the_reason(world: World, client: Client) -> None:
    sign_in(client, world.users["service_manager"])
    url = reverse("offices:contact_delete", kwargs={"contact_id": world.contact.public_id})
    assert client.post(url, {"reason": ""}).status_code == 400
    assert Contact.objects.for_office(world.office).filter(pk=world.contact.pk).exists()
    response = client.post(url, {"reason": "別の利用者の記録だった"})
    assert response.status_code == 302
    assert not Contact.objects.for_office(world.office).filter(pk=world.contact.pk).exists()
    entry = AuditEntry.objects.get(object_type="contact", action="delete")
    before = {c["field"]: c["before"] for c in entry.changes}
    assert before["notes"] == "架空の記録" and before["channel"] == "職場訪問"
    assert entry.person_id == str(world.person.public_id)
    html = page_of(client, world)
    assert "別の利用者の記録だった" in html and "削除" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "key", "model"),
    [
        ("meeting_delete", "meeting_id", Meeting),
        ("employment_delete", "employment_id", Employment),
        ("report_delete", "report_id", MonthlyReport),
    ],
)
def test_meetings_jobs_and_unshared_reports_can_be_deleted_with_a_reason(
    world: World, client: Client, name: str, key: str, model: Any
) -> None:
    sign_in(client, world.users["service_manager"])
    row = {"meeting_id": world.meeting, "employment_id": world.employment}.get(key, world.report)
    response = client.post(
        reverse(f"offices:{name}", kwargs={key: row.public_id}), {"reason": "誤登録"}
    )
    assert response.status_code == 302
    assert not model.objects.for_office(world.office).filter(pk=row.pk).exists()
    entry = AuditEntry.objects.get(action="delete")
    assert entry.reason == "誤登録" and entry.changes


@pytest.mark.django_db
def test_a_shared_report_cannot_be_deleted_and_its_edit_asks_why(
    world: World, client: Client
) -> None:
    ReportShare.objects.create(
        office=world.office,
        report=world.report,
        recipient_kind="person",
        recipient_name="本人",
        shared_on=date.today(),
        method="hand",
        recorded_by=world.users["admin"],
    )
    sign_in(client, world.users["service_manager"])
    url = reverse("offices:report_delete", kwargs={"report_id": world.report.public_id})
    response = client.post(url, {"reason": "誤登録"})
    assert response.status_code == 409
    assert MonthlyReport.objects.for_office(world.office).filter(pk=world.report.pk).exists()
    edit = reverse("offices:report_edit", kwargs={"report_id": world.report.public_id})
    assert client.post(edit, {"support": "訂正した本文"}).status_code == 400
    assert client.post(edit, {"support": "訂正した本文", "reason": "誤字"}).status_code == 302
    entry = AuditEntry.objects.get(object_type="report", action="update")
    assert entry.reason == "誤字"
    assert "訂正した本文" in [change["after"] for change in entry.changes]


@pytest.mark.django_db
def test_a_draft_report_is_written_without_a_reason_but_its_changes_are_kept(
    world: World, client: Client
) -> None:
    sign_in(client, world.users["support_worker"])
    edit = reverse("offices:report_edit", kwargs={"report_id": world.report.public_id})
    assert client.post(edit, {"support": "書き直した下書き"}).status_code == 302
    entry = AuditEntry.objects.get(object_type="report", action="update")
    assert entry.reason == ""
    assert "書き直した下書き" in [change["after"] for change in entry.changes]


@pytest.mark.django_db
def test_face_to_face_is_the_methods_and_cannot_be_contradicted(
    world: World, client: Client
) -> None:
    channels = {c.key: c for c in Channel.objects.for_office(world.office)}
    assert {k for k, c in channels.items() if c.face_to_face} == {
        "workplace_visit",
        "home_visit",
        "office_interview",
    }
    assert {k for k, _label in TABLE13_CHANNELS} >= FACE_TO_FACE_CHANNELS
    sign_in(client, world.users["support_worker"])
    url = reverse("offices:contact_new", kwargs={"person_id": world.person.public_id})
    for key, face in (("phone", False), ("home_visit", True)):
        data = {
            "day": date.today().isoformat(),
            "channel": channels[key].pk,
            "with_whom": ["person"],
            "face_to_face": "" if face else "on",  # a stray box says the opposite: ignored
            "notes": key,
        }
        assert client.post(url, data).status_code == 302
        stored = Contact.objects.for_office(world.office).get(notes=key)
        assert stored.face_to_face is face


@pytest.mark.django_db
def test_the_offices_own_method_says_once_whether_it_is_face_to_face(
    world: World, client: Client
) -> None:
    sign_in(client, world.users["admin"])
    response = client.post(reverse("offices:channels"), {"label": "同行支援", "face_to_face": "on"})
    assert response.status_code == 302
    assert Channel.objects.for_office(world.office).get(label="同行支援").face_to_face


@pytest.mark.django_db
def test_a_contact_with_the_person_and_the_employer_counts_as_an_employer_contact(
    world: World, client: Client
) -> None:
    sign_in(client, world.users["support_worker"])
    url = reverse("offices:contact_new", kwargs={"person_id": world.person.public_id})
    channel = Channel.objects.for_office(world.office).get(key="workplace_visit")
    data = {"day": date.today().isoformat(), "channel": channel.pk}
    assert client.post(url, {**data, "with_whom": []}).status_code == 400
    data["with_whom"] = ["employer", "person"]
    assert client.post(url, data).status_code == 302
    newest = Contact.objects.for_office(world.office).order_by("-id").first()
    assert newest is not None and newest.with_whom == ["person", "employer"]  # in WITH_WHOM order
    html = page_of(client, world)
    assert "本人・企業" in html


@pytest.mark.django_db
def test_the_plan_review_and_the_goals_in_the_next_draft(world: World, client: Client) -> None:
    sign_in(client, world.users["service_manager"])
    today = date.today()
    response = client.post(
        reverse("offices:plan_new", kwargs={"person_id": world.person.public_id}),
        {
            "written_on": (today - timedelta(days=1)).isoformat(),
            "long_term_goal": "正社員として働き続ける",
            "short_term_goals": "遅刻をしない\n疲れたら休憩を申し出る",
            "support_content": "月2回の職場訪問",
            "agreed": "on",
            "signed_on": "",
        },
    )
    assert response.status_code == 400  # agreed without a signature day
    response = client.post(
        reverse("offices:plan_new", kwargs={"person_id": world.person.public_id}),
        {
            "written_on": (today - timedelta(days=1)).isoformat(),
            "long_term_goal": "正社員として働き続ける",
            "short_term_goals": "遅刻をしない\n疲れたら休憩を申し出る",
            "support_content": "月2回の職場訪問",
            "agreed": "on",
            "signed_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    plan = SupportPlan.objects.for_office(world.office).get(long_term_goal="正社員として働き続ける")
    assert plan.author == world.users["service_manager"]
    review_url = reverse("offices:plan_review_new", kwargs={"plan_id": plan.public_id})
    early = {"reviewed_on": (today - timedelta(days=5)).isoformat(), "evaluation": "x"}
    assert client.post(review_url, early).status_code == 400  # before the plan
    ok = {"reviewed_on": today.isoformat(), "evaluation": "遅刻なし"}
    assert client.post(review_url, ok).status_code == 302
    assert PlanReview.objects.for_office(world.office).filter(plan=plan).count() == 1
    # This month's draft names the goals of the plan in force.
    ctx = OfficeContext(None, world.users["admin"], world.office, Role.ADMIN)
    report = actions.generate_report(ctx, world.person, today.replace(day=1))
    assert report.issues.startswith("【計画の目標】\n・正社員として働き続ける\n・遅刻をしない")
