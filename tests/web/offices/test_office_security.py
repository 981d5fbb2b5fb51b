"""Audit immutability, scoping that cannot be bypassed silently, login throttling, TOTP for
管理者, the idle timeout, Argon2, and the demo office's alerts."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from teichaku.practice.alerts import AlertKind
from teichaku.web.offices import services
from teichaku.web.offices.demo import seed_demo_office
from teichaku.web.offices.middleware import LAST_SEEN
from teichaku.web.offices.models import AuditEntry, Contact, Office, Person
from teichaku.web.offices.models.audit import AuditImmutableError
from teichaku.web.offices.scoping import UnscopedQueryError

from .conftest import World, sign_in


@pytest.mark.django_db
def test_audit_entries_cannot_be_changed_or_deleted(world: World) -> None:
    entry = AuditEntry.objects.for_office(world.office).first()
    assert entry is not None
    entry.detail = "changed"
    with pytest.raises(AuditImmutableError):
        entry.save()
    with pytest.raises(AuditImmutableError):
        entry.delete()
    with pytest.raises(AuditImmutableError):
        AuditEntry.objects.for_office(world.office).update(detail="x")
    with pytest.raises(AuditImmutableError):
        AuditEntry.objects.for_office(world.office).delete()
    fresh = AuditEntry.objects.get(pk=entry.pk)
    assert fresh.detail != "changed"


@pytest.mark.django_db
def test_the_app_offers_no_way_to_change_the_audit_log(world: World, client: Client) -> None:
    sign_in(client, world.users["admin"])
    before = list(AuditEntry.objects.for_office(world.office).values_list("id", "action"))
    client.post(reverse("offices:audit"), {"action": "delete", "id": before[0][0]})
    after = list(AuditEntry.objects.for_office(world.office).values_list("id", "action"))
    assert set(before) <= set(after)  # only new entries (the view itself) were added


@pytest.mark.django_db
def test_auditor_reads_the_log_and_it_names_who_and_what(world: World, client: Client) -> None:
    world.users["admin"].first_name = "架空 管理子"  # people by 氏名, never by login id (issue 11)
    world.users["admin"].save()
    sign_in(client, world.users["admin"])
    client.get(reverse("offices:person", kwargs={"person_id": world.person.public_id}))
    sign_in(client, world.users["auditor"])
    page = client.get(reverse("offices:audit"), {"person": world.person.public_id})
    text = page.content.decode()
    assert page.status_code == 200 and "架空 管理子" in text and "閲覧" in text
    assert world.person.display_name not in text  # ids, never names, in the log


@pytest.mark.django_db
def test_unscoped_queries_are_refused(world: World) -> None:
    with pytest.raises(UnscopedQueryError):
        list(Person.objects.all())
    with pytest.raises(UnscopedQueryError):
        Person.objects.filter(display_name="x").exists()
    with pytest.raises(UnscopedQueryError):
        Contact.objects.count()
    assert Person.objects.for_office(world.office).count() == 1
    # Reached from a scoped row, related rows are scoped to the same office.
    assert world.person.contacts.count() == 1


@pytest.mark.django_db
def test_a_form_cannot_point_at_another_offices_rows(world: World, client: Client) -> None:
    sign_in(client, world.users["support_worker"])
    other_channel = world.other_person.contacts.first()
    assert other_channel is not None
    url = reverse("offices:contact_new", kwargs={"person_id": world.person.public_id})
    response = client.post(
        url,
        {
            "day": date.today().isoformat(),
            "channel": other_channel.channel_id,
            "with_whom": "person",
            "face_to_face": "on",
        },
    )
    assert response.status_code == 400
    assert world.person.contacts.count() == 1


@pytest.mark.django_db
def test_roles_without_the_permission_change_nothing(world: World, client: Client) -> None:
    sign_in(client, world.users["auditor"])
    response = client.post(
        reverse("offices:person_new"),
        {
            "display_name": "架空 新",
            "disability_category": "mental",
            "came_from_service": "transition",
            "plan_type": "self_plan",
        },
    )
    assert response.status_code == 403
    assert Person.objects.for_office(world.office).count() == 1


@pytest.mark.django_db
def test_sharing_a_report_beyond_the_person_needs_an_active_consent(
    world: World, client: Client
) -> None:
    sign_in(client, world.users["service_manager"])
    url = reverse("offices:report_share", kwargs={"report_id": world.report.public_id})
    form = {
        "recipient_kind": "employer",
        "recipient_name": "架空商事 人事課",
        "shared_on": date.today().isoformat(),
        "method": "hand",
    }
    refused = client.post(url, form)
    assert refused.status_code == 400
    assert "本人以外への共有には本人の同意が必要です" in refused.content.decode()
    world.consent.revoked_on = date.today() - timedelta(days=1)
    world.consent.save()
    revoked = client.post(url, {**form, "consent": world.consent.pk})
    assert revoked.status_code == 400
    world.consent.revoked_on = None
    world.consent.save()
    done = client.post(url, {**form, "consent": world.consent.pk})
    assert done.status_code == 302
    assert world.report.shares.count() == 1
    entry = AuditEntry.objects.for_office(world.office).filter(object_type="report_share").first()
    assert entry is not None and entry.person_id == str(world.person.public_id)


@pytest.mark.django_db
def test_a_disclosure_cannot_exceed_the_consent(world: World, client: Client) -> None:
    sign_in(client, world.users["service_manager"])
    url = reverse("offices:disclosure_new", kwargs={"person_id": world.person.public_id})
    form = {
        "kind": "end_of_service",
        "consent": world.consent.pk,
        "recipient": "架空支援センター",
        "categories": ["handover", "health"],
        "disclosed_on": date.today().isoformat(),
    }
    assert client.post(url, form).status_code == 400
    assert client.post(url, {**form, "categories": ["handover"]}).status_code == 302
    assert world.person.disclosures.count() == 1


@pytest.mark.django_db
def test_export_is_audited_and_opens_as_a_workbook(world: World, client: Client) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    sign_in(client, world.users["admin"])
    url = reverse(
        "offices:person_export", kwargs={"person_id": world.person.public_id, "fmt": "xlsx"}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert world.person.display_name not in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    assert book["person"]["A2"].value is not None
    assert book["contacts"].max_row == 2  # header + the one contact
    assert (
        AuditEntry.objects.for_office(world.office)
        .filter(action="export", person_id=str(world.person.public_id))
        .exists()
    )


@pytest.mark.django_db
def test_an_admin_must_pass_totp_first(world: World, client: Client) -> None:
    from allauth.mfa.models import Authenticator
    from django.core.cache import cache

    from .totp import code

    cache.clear()  # allauth remembers used codes in the cache
    admin = world.users["admin"]
    admin.set_password("Admin-pass-9")
    admin.save()
    credentials = {"login": "a-admin", "password": "Admin-pass-9"}
    client.post(reverse("accounts:login"), credentials)  # password only
    response = client.get(reverse("offices:dashboard"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    ask = client.get(reverse("mfa_activate_totp"))  # allauth: the password again first
    assert ask.status_code == 302 and ask["Location"].startswith(reverse("account_reauthenticate"))
    client.post(ask["Location"], {"password": "Admin-pass-9"})
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200 and b"data:image/svg+xml" in setup.content
    secret = setup.context["form"].secret
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert wrong.status_code == 200 and "code" in wrong.context["form"].errors
    assert client.post(reverse("mfa_activate_totp"), {"code": code(secret)}).status_code == 302
    assert Authenticator.objects.filter(user=admin, type="totp").exists()
    assert client.get(reverse("offices:dashboard")).status_code == 200  # the code just typed
    # The next login asks for the code before the session is signed in at all ...
    again = Client()
    step = again.post(reverse("accounts:login"), credentials)
    assert step.status_code == 302 and step["Location"] == reverse("mfa_authenticate")
    assert again.get(reverse("offices:dashboard"))["Location"].startswith("/accounts/login/")
    refused = again.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert refused.status_code == 200 and "_auth_user_id" not in again.session
    now = code(secret)
    assert again.post(reverse("mfa_authenticate"), {"code": now}).status_code == 302
    assert again.get(reverse("offices:dashboard")).status_code == 200
    # ... and a session that began without it is asked for it, then sent back.
    third = Client()
    third.force_login(admin)
    asked = third.get(reverse("offices:people"))
    assert asked.status_code == 302
    assert asked["Location"] == reverse("mfa_reauthenticate") + "?next=%2Foffice%2Fpeople%2F"
    replayed = third.post(asked["Location"], {"code": now})  # a code counts once
    assert replayed.status_code == 200 and replayed.context["form"].errors
    passed = third.post(asked["Location"], {"code": code(secret, 1)})
    assert passed.status_code == 302 and passed["Location"] == reverse("offices:people")
    assert third.get(reverse("offices:people")).status_code == 200
    # Other roles may work without TOTP.
    client.force_login(world.users["support_worker"])
    assert client.get(reverse("offices:dashboard")).status_code == 200


@pytest.mark.django_db
def test_an_idle_session_is_ended(world: World, client: Client, settings: object) -> None:
    sign_in(client, world.users["support_worker"])
    assert client.get(reverse("offices:dashboard")).status_code == 200
    session = client.session
    session[LAST_SEEN] = time.time() - 31 * 60
    session.save()
    response = client.get(reverse("offices:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get(reverse("offices:dashboard")).status_code == 302


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_out() -> None:
    user = get_user_model().objects.create_user(username="victim", password="Right-pass-1")
    assert user.password.startswith("argon2")
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"login": "victim", "password": "wrong"})
    locked = client.post("/accounts/login/", {"login": "victim", "password": "Right-pass-1"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_demo_office_shows_every_alert_kind(client: Client) -> None:
    lines = list(seed_demo_office())
    assert any("demo-office-admin" in line and "otpauth://" in line for line in lines)
    office = Office.objects.order_by("-id").first()
    assert office is not None
    kinds = {a.kind for a in services.dashboard_alerts(office, date.today())}
    assert kinds == set(AlertKind)
    manager = get_user_model().objects.get(username="demo-office-manager")
    client.force_login(manager)
    page = client.get(reverse("offices:dashboard")).content.decode()
    for kind in AlertKind:
        assert f'class="alert" data-kind="{kind.value}"' in page, kind
    names = [p.display_name for p in Person.objects.for_office(office)]
    assert names and all(name.startswith("架空") for name in names)
    staff_page = client.get(
        reverse(
            "offices:person",
            kwargs={"person_id": Person.objects.for_office(office).first().public_id},
        )
    ).content.decode()
    assert "（氏名未登録）" not in page + staff_page  # the demo staff have fictional names too
    again = list(seed_demo_office())  # safe to run again
    assert len(again) == len(lines)
    assert Office.objects.filter(number=office.number).count() == 1


@pytest.mark.django_db
def test_on_postgresql_the_database_refuses_to_rewrite_the_log(world: World) -> None:
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the trigger is installed on PostgreSQL only (SQLite: the model refuses)")
    entry = AuditEntry.objects.for_office(world.office).first()
    assert entry is not None
    for sql in (
        "UPDATE offices_auditentry SET detail = 'x' WHERE id = %s",
        "DELETE FROM offices_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_the_office_pages_speak_english_second(world: World, client: Client) -> None:
    sign_in(client, world.users["service_manager"])
    url = reverse("offices:person", kwargs={"person_id": world.person.public_id})
    assert "対応が必要なこと" in client.get(reverse("offices:dashboard")).content.decode()
    english = client.get(reverse("offices:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Needs attention" in english.content.decode()
    assert "Face-to-face support" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
