"""A research team's first steps in a real browser (Debian chromium via Playwright), on a
fresh database without the demo: `teichaku setup`, then `teichaku team create` e-mails the
owner's invitation; the owner makes an account, invites an analyst and makes a new survey
with the built-in instrument (creating surveys is the owner's: `Action.MANAGE`); the analyst
brings in its answers and starts a coding project from its text question; the owner invites
a coder and adds them to the project; the coder sees it."""

from __future__ import annotations

import csv
import re
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from first_steps import fill_new_account, link_in, set_up_operator  # tests/web is on sys.path
from playwright.sync_api import expect

from teichaku.cli import main
from teichaku.web.accounts.models import Team
from teichaku.web.coding.models import CodingProject
from teichaku.web.surveys.models import Survey

pytestmark = [pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
RESPONSES = ROOT / "examples" / "retention-challenges-2024" / "responses.csv"
TEAM = "架空定着研究チーム"
PROJECT = "他法人の利用者の課題"


def make_account(page: Any, link: str, username: str, name: str, role: str) -> None:
    """Open an invitation's link signed out, check what it is for, make the account."""
    page.goto(link)
    expect(page.get_by_text(TEAM)).to_be_visible()
    expect(page.get_by_text(role, exact=True)).to_be_visible()
    fill_new_account(page, username, name, f"{username}-Kenkyu-2026")
    expect(page.get_by_text("招待を承認しました。")).to_be_visible()
    expect(page.get_by_role("heading", name="調査・研究")).to_be_visible()
    expect(page.get_by_text(f"{TEAM}（{role}）")).to_be_visible()


def invite(owner: Any, email: str, role: str) -> None:
    owner.get_by_label("メールアドレス").fill(email)
    owner.get_by_label("役割").select_option(label=role)
    owner.get_by_role("button", name="招待メールを送る").click()
    expect(owner.get_by_role("row", name=re.compile(re.escape(email)))).to_contain_text(role)


def test_a_team_from_its_owner_to_a_coder_on_a_survey_project(
    live_server: Any,
    watched_page: Any,
    smtp_outbox: list[EmailMessage],
    settings: Any,
    tmp_path: Path,
) -> None:
    base = live_server.url
    settings.TEICHAKU_BASE_URL = base
    assert not Team.objects.exists()  # no demo
    set_up_operator(tmp_path)
    runner = CliRunner()
    created = runner.invoke(
        main, ["team", "create", "--name", TEAM, "--owner-email", "owner@example.org"]
    )
    assert created.exit_code == 0, created.output
    [invited] = smtp_outbox
    assert invited["To"] == "owner@example.org"
    assert created.output.strip() == link_in(invited, base)

    # The owner accepts and invites an analyst on the team's page.
    owner, owner_problems = watched_page()
    make_account(owner, link_in(invited, base), "owner", "研究 太郎", "オーナー")
    owner.get_by_role("link", name="メンバー").click()
    expect(owner.get_by_role("heading", name=TEAM)).to_be_visible()
    expect(owner.get_by_role("row", name=re.compile("研究 太郎"))).to_contain_text("オーナー")
    invite(owner, "analyst@example.org", "分析者")

    # The owner makes a survey from the built-in instrument (creating one is the owner's).
    owner.goto(f"{base}/")
    owner.get_by_role("link", name="調査一覧と集計").click()
    owner.get_by_role("link", name="調査を作成する").click()
    owner.get_by_label("研究チーム").select_option(label=TEAM)
    owner.get_by_label("組み込みの調査票").select_option("retention-challenges-2024")
    owner.get_by_role("button", name="検証して公開する").click()
    owner.wait_for_url(re.compile(r"/desk/(?!new/)[^/]+/$"))
    title = Survey.objects.get(team__name=TEAM).title
    expect(owner.get_by_role("heading", name=title)).to_be_visible()

    # The analyst accepts and brings in the survey's answers.
    analyst, analyst_problems = watched_page()
    make_account(analyst, link_in(smtp_outbox[1], base), "analyst", "分析 花子", "分析者")
    analyst.get_by_role("link", name="調査一覧と集計").click()
    expect(analyst.get_by_role("link", name="調査を作成する")).to_have_count(0)
    analyst.get_by_role("link", name=title).click()
    analyst.get_by_role("link", name="回答を取り込む").click()
    analyst.get_by_label("回答ファイル（CSV または XLSX）").set_input_files(RESPONSES)
    analyst.get_by_role("button", name="取り込む").click()
    with RESPONSES.open(encoding="utf-8-sig", newline="") as rows:
        respondents = sum(1 for _row in csv.DictReader(rows))
    # The import is a job; without a broker it is done by the time its page opens.
    expect(analyst.get_by_text(f"新規 {respondents} 件、既存 0 件")).to_be_visible()
    analyst.get_by_role("link", name="集計を見る").click()
    expect(analyst.get_by_text(f"回答者 {respondents} 人")).to_be_visible()

    # A coding project from the survey's text question (表14's built-in codebook).
    analyst.get_by_role("link", name="このアンケートの自由記述をコーディングする").click()
    analyst.get_by_label("自由記述の設問").select_option("other_org_users_text")
    analyst.get_by_label("プロジェクト名").fill(PROJECT)
    analyst.get_by_label("組み込みのコードブック").select_option("other_org_users_text")
    analyst.get_by_role("button", name="作成").click()
    analyst.wait_for_url(re.compile(r"/coding/[^/]+/$"))
    expect(analyst.get_by_role("heading", name=PROJECT)).to_be_visible()
    project = CodingProject.objects.get(name=PROJECT)
    assert project.team.name == TEAM and project.question == "other_org_users_text"

    # The owner invites a coder, who accepts; the owner adds them to the project.
    owner.goto(f"{base}/")
    owner.get_by_role("link", name="メンバー").click()
    expect(owner.get_by_role("row", name=re.compile("分析 花子"))).to_contain_text("分析者")
    invite(owner, "coder@example.org", "コーダー")
    coder, coder_problems = watched_page()
    make_account(coder, link_in(smtp_outbox[2], base), "coder", "符号 次郎", "コーダー")
    coder.goto(f"{base}/coding/")
    expect(coder.get_by_text("プロジェクトはまだありません")).to_be_visible()

    owner.goto(f"{base}/")
    owner.get_by_role("link", name="自由記述のコーディング").click()
    owner.get_by_role("link", name=PROJECT).click()
    owner.get_by_role("link", name="コーダー", exact=True).click()
    row = owner.get_by_role("row", name=re.compile("符号 次郎"))
    row.get_by_role("button", name="コーダーに加える").click()
    expect(row.get_by_role("button", name="外す")).to_be_visible()
    expect(row.get_by_role("cell", name="コーダー", exact=True)).to_be_visible()

    # The coder now sees the project and opens it.
    coder.reload()
    coder.get_by_role("link", name=PROJECT).click()
    expect(coder.get_by_role("heading", name=PROJECT)).to_be_visible()
    assert [m["To"] for m in smtp_outbox] == [
        "owner@example.org",
        "analyst@example.org",
        "coder@example.org",
    ]
    assert owner_problems == [] and analyst_problems == [] and coder_problems == []
    for page in (owner, analyst, coder):
        page.context.close()
