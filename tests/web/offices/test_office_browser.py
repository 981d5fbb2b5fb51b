"""A real browser (Debian chromium via Playwright) records a person, an employment and a
month of contacts, produces and shares the monthly report, and sees the dashboard's
alerts go away."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from teichaku.practice.months import month_of, shift_month
from teichaku.web.offices import actions
from teichaku.web.offices.models import AuditEntry, Office, ReportShare, Role, StaffMembership

NAME = "架空 試子"

pytestmark = [
    pytest.mark.browser,
]


def alert_names(page: Any, kind: str) -> str:
    return str(page.locator(f'section.alert-group[data-kind="{kind}"]').inner_text())


def test_a_month_of_support_clears_the_alerts(live_server: Any, watched_page: Any) -> None:
    users = get_user_model().objects
    admin = users.create_user(username="office-admin", password="unused-pass-1")
    office: Office = actions.create_office("架空ブラウザ事業所", "9900000099", "その他", admin)
    users.create_user(username="manager", password="Manager-pass-1")
    StaffMembership.objects.create(
        user=users.get(username="manager"), office=office, role=Role.SERVICE_MANAGER
    )
    today = date.today()
    last_month = shift_month(month_of(today), -1)

    page, problems = watched_page()

    page.goto(f"{live_server.url}/accounts/login/?next=/office/")
    page.locator("#id_login").fill("manager")
    page.locator("#id_password").fill("Manager-pass-1")
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{live_server.url}/office/")
    assert page.get_by_test_id("alert-count").inner_text() == "0"

    # The person, starting the service at the beginning of last month.
    page.get_by_role("link", name="利用者", exact=True).click()
    page.get_by_role("link", name="利用者を登録").click()
    page.locator("#id_display_name").fill(NAME)
    page.locator("#id_disability_category").select_option(label="精神障害")
    page.locator("#id_came_from_service").select_option(label="就労移行支援")
    page.locator("#id_came_from_integral").check()
    page.locator("#id_plan_type").select_option(label="セルフプラン")
    page.locator("#id_service_start").fill(last_month.isoformat())
    page.get_by_role("button", name="保存").click()
    assert page.get_by_role("heading", name=NAME).is_visible()
    assert "/office/people/" in page.url and "%" not in page.url  # an opaque id, no name

    # The employment.
    page.get_by_role("link", name="雇用を記録").click()
    page.locator("#id_employer_name").fill("架空商事株式会社")
    page.locator("#id_hired_on").fill((last_month - timedelta(days=220)).isoformat())
    page.get_by_role("button", name="保存").click()
    assert page.get_by_text("架空商事株式会社").is_visible()

    page.get_by_role("link", name="ダッシュボード").click()
    assert NAME in alert_names(page, "face_to_face")
    assert NAME in alert_names(page, "report_unshared")
    before = int(page.get_by_test_id("alert-count").inner_text())
    assert before >= 2

    # A month of contacts (last month), then the report written from them.
    page.get_by_role("link", name="利用者", exact=True).click()
    page.get_by_role("link", name=NAME).click()
    person_url = page.url
    for day, channel, whom, note in (
        (5, "職場訪問", "本人", "作業手順の確認"),
        (12, "電話", "企業", "上司と勤務時間を相談"),
        (20, "メール", "本人", "体調の報告を受けた"),
    ):
        page.get_by_role("link", name="支援を記録").click()
        page.locator("#id_day").fill(last_month.replace(day=day).isoformat())
        page.locator("#id_channel").select_option(label=channel)
        page.get_by_role("checkbox", name=whom, exact=True).check()
        page.locator("#id_minutes").fill("30")
        page.locator("#id_notes").fill(note)
        page.get_by_role("button", name="保存").click()
        page.wait_for_url(person_url)
    assert page.get_by_text("上司と勤務時間を相談").is_visible()

    page.get_by_role("link", name="支援レポートを作成").click()
    page.locator("#id_month").fill(last_month.strftime("%Y-%m"))
    page.get_by_role("button", name="保存").click()
    draft = page.locator("#id_support").input_value()
    assert "職場訪問" in draft and "作業手順の確認" not in draft  # no internal notes
    page.locator("#id_life").fill("今月も安定して勤務できています。")
    page.get_by_role("button", name="保存").click()
    assert page.get_by_text("今月も安定して勤務できています。").is_visible()
    assert page.get_by_text("まだ共有されていません").is_visible()

    page.get_by_role("link", name="印刷用の表示").click()
    assert page.get_by_role("button", name="印刷する").is_visible()
    page.go_back()

    page.get_by_role("link", name="共有を記録").click()
    page.locator("#id_recipient_name").fill("本人")
    page.locator("#id_method").select_option(label="手渡し")
    page.get_by_role("button", name="保存").click()
    assert page.get_by_text("共有を記録しました。").is_visible()

    # This month's face-to-face support.
    page.goto(person_url)
    page.get_by_role("link", name="支援を記録").click()
    page.locator("#id_channel").select_option(label="職場訪問")
    page.get_by_role("checkbox", name="本人", exact=True).check()
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(person_url)

    page.get_by_role("link", name="ダッシュボード").click()
    assert NAME not in alert_names(page, "face_to_face")
    assert NAME not in alert_names(page, "report_unshared")
    assert int(page.get_by_test_id("alert-count").inner_text()) == before - 2
    assert problems == []
    assert ReportShare.objects.for_office(office).count() == 1
    assert (
        AuditEntry.objects.for_office(office).filter(action="view", object_type="person").exists()
    )
    page.context.close()
