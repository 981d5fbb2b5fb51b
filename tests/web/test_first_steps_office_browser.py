"""An office's first steps in a real browser (Debian chromium via Playwright), on a fresh
database without the demo: the operator runs `teichaku setup` and `teichaku office create`;
the invitation arrives over SMTP; the 管理者 makes an account, enrols TOTP and invites a
就労定着支援員, who accepts and records a contact; the 管理者 removes them and their open
session loses access; a forgotten password is reset by e-mail."""

from __future__ import annotations

import re
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from first_steps import fill_new_account, link_in, set_up_operator  # tests/web is on sys.path
from offices.totp import code
from playwright.sync_api import expect

from teichaku.cli import main
from teichaku.web.offices.models import Contact, Office, StaffMembership

pytestmark = [pytest.mark.browser]

ADMIN_PASSWORD = "Kanri-Pass-2026!"
WORKER_PASSWORD = "Teichaku-Shien-77"
NEW_PASSWORD = "Atarashii-Pass-99"
PERSON = "架空 初子"


def make_account(page: Any, link: str, username: str, name: str, password: str) -> None:
    """Open an invitation's link signed out and make the account it asks for."""
    page.goto(link)
    fill_new_account(page, username, name, password)


def test_an_office_from_setup_to_a_removed_worker_and_a_reset_password(
    live_server: Any,
    watched_page: Any,
    smtp_outbox: list[EmailMessage],
    settings: Any,
    tmp_path: Path,
) -> None:
    base = live_server.url
    settings.TEICHAKU_BASE_URL = base
    assert not Office.objects.exists()  # no demo
    set_up_operator(tmp_path)
    runner = CliRunner()
    created = runner.invoke(
        main,
        [
            "office",
            "create",
            "--name",
            "架空はじめ事業所",
            "--number",
            "0123456789",
            "--admin-email",
            "kanri@example.org",
        ],
    )
    assert created.exit_code == 0, created.output
    [invited] = smtp_outbox
    assert invited["To"] == "kanri@example.org"
    link = link_in(invited, base)
    assert created.output.strip() == link  # the printed link is the e-mailed one

    # The 管理者 makes an account from the link, then must enrol TOTP first.
    admin, admin_problems = watched_page()
    admin.goto(link)
    expect(admin.get_by_text("架空はじめ事業所")).to_be_visible()
    expect(admin.get_by_text("管理者", exact=True)).to_be_visible()
    make_account(admin, link, "kanri", "管理 一郎", ADMIN_PASSWORD)
    expect(
        admin.get_by_role("heading", name=re.compile("認証アプリの登録|パスワードの確認"))
    ).to_be_visible()
    if admin.get_by_role("heading", name="パスワードの確認").is_visible():
        admin.get_by_label("パスワード").fill(ADMIN_PASSWORD)  # allauth's reauthentication
        admin.get_by_role("button", name="確認する").click()
    expect(admin.get_by_role("heading", name="認証アプリの登録")).to_be_visible()
    totp_secret = admin.locator("code.secret").inner_text().strip()
    admin.get_by_label("確認コード(6桁)").fill(code(totp_secret))
    admin.get_by_role("button", name="登録する").click()
    admin.goto(f"{base}/office/")
    expect(admin.get_by_role("link", name="ダッシュボード")).to_be_visible()

    # A person to support, recorded by the 管理者.
    admin.get_by_role("link", name="利用者", exact=True).click()
    admin.get_by_role("link", name="利用者を登録").click()
    admin.locator("#id_display_name").fill(PERSON)
    admin.locator("#id_disability_category").select_option(label="精神障害")
    admin.locator("#id_came_from_service").select_option(label="就労移行支援")
    admin.locator("#id_plan_type").select_option(label="セルフプラン")
    admin.get_by_role("button", name="保存").click()
    expect(admin.get_by_role("heading", name=PERSON)).to_be_visible()

    # The 管理者 invites a 就労定着支援員 on the staff page.
    admin.goto(f"{base}/office/staff/")
    admin.get_by_label("メールアドレス").fill("shien@example.org")
    admin.get_by_label("役割").select_option(label="就労定着支援員")
    admin.get_by_role("button", name="保存").click()
    pending = admin.get_by_role("row", name=re.compile("shien@example.org"))
    assert "就労定着支援員" in pending.inner_text()
    assert [m["To"] for m in smtp_outbox] == ["kanri@example.org", "shien@example.org"]

    # The worker accepts in their own browser and records a contact.
    worker, worker_problems = watched_page()
    make_account(worker, link_in(smtp_outbox[1], base), "shien", "支援 花子", WORKER_PASSWORD)
    worker.wait_for_url(f"{base}/office/")
    expect(worker.get_by_text("招待を承認しました。")).to_be_visible()
    worker.get_by_role("link", name="利用者", exact=True).click()
    worker.get_by_role("link", name=PERSON).click()
    person_url = worker.url
    worker.get_by_role("link", name="支援を記録").click()
    worker.locator("#id_channel").select_option(label="電話")
    worker.get_by_role("checkbox", name="本人", exact=True).check()
    worker.locator("#id_notes").fill("初回の電話連絡")
    worker.get_by_role("button", name="保存").click()
    worker.wait_for_url(person_url)
    expect(worker.get_by_text("初回の電話連絡")).to_be_visible()
    office = Office.objects.get(number="0123456789")
    assert Contact.objects.for_office(office).filter(notes="初回の電話連絡").count() == 1

    # The 管理者 removes the worker; the worker's open page no longer opens the office.
    admin.goto(f"{base}/office/staff/")
    row = admin.get_by_role("row", name=re.compile("支援 花子"))
    assert "就労定着支援員" in row.inner_text()
    row.get_by_role("link", name="削除").click()
    admin.get_by_role("button", name="この職員を削除する").click()
    admin.wait_for_url(f"{base}/office/staff/")
    expect(admin.get_by_role("row", name=re.compile("支援 花子"))).to_have_count(0)
    assert not StaffMembership.objects.filter(user__username="shien").exists()
    worker.reload()
    assert worker.url.startswith(f"{base}/accounts/login/")
    expect(worker.get_by_role("heading", name="ログイン")).to_be_visible()
    expect(worker.get_by_text(PERSON)).to_have_count(0)

    # The 管理者 forgot the password: reset by e-mail, then log in with the new one.
    forgetful, reset_problems = watched_page()
    forgetful.goto(f"{base}/accounts/login/")
    forgetful.get_by_role("link", name="パスワードを忘れた場合").click()
    forgetful.get_by_label("メールアドレス").fill("kanri@example.org")
    forgetful.get_by_role("button", name="送信する").click()
    expect(forgetful.get_by_text("メールを送りました").first).to_be_visible()
    reset = smtp_outbox[-1]
    assert reset["To"] == "kanri@example.org" and "パスワードの再設定" in reset["Subject"]
    forgetful.goto(link_in(reset, base))
    expect(forgetful.get_by_role("heading", name="新しいパスワードの設定")).to_be_visible()
    forgetful.get_by_label("新しいパスワード", exact=True).fill(NEW_PASSWORD)
    forgetful.get_by_label("新しいパスワード(確認)").fill(NEW_PASSWORD)
    forgetful.get_by_role("button", name="設定する").click()
    forgetful.goto(f"{base}/accounts/login/")
    forgetful.locator("#id_login").fill("kanri")
    forgetful.locator("#id_password").fill(NEW_PASSWORD)
    forgetful.get_by_role("button", name="ログイン").click()
    # Past the password: allauth asks for the authenticator's code (the 管理者 enrolled TOTP).
    expect(forgetful.get_by_role("heading", name="2段階認証")).to_be_visible()
    forgetful.get_by_label("確認コード").fill(code(totp_secret))
    forgetful.get_by_role("button", name="ログイン").click()
    forgetful.wait_for_url(f"{base}/office/")  # home sends office staff to their office
    expect(forgetful.get_by_text("架空はじめ事業所 (管理者)")).to_be_visible()
    expect(forgetful.get_by_role("link", name="ダッシュボード")).to_be_visible()
    assert get_user_model().objects.get(username="kanri").check_password(NEW_PASSWORD)
    assert admin_problems == [] and worker_problems == [] and reset_problems == []
    for page in (admin, worker, forgetful):
        page.context.close()
