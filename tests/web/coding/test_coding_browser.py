"""A real browser (Debian chromium via Playwright) runs the coding workflow on the rebuilt
example: create a project from the answers file, import most of the example's codings as
the coder's own work, code the remaining answers in the browser with number keys (one of
them with two codes), compare, and read Tables 14 and 15 off the results page.

What the browser did, honestly: it coded 3 of Table 14's 61 descriptions by keyboard; the
other 58 (and all of Table 15's 95) came in through the page's codings import."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from teichaku.web.accounts.models import Membership, Role, Team
from teichaku.web.coding.models import AnswerItem, CodingProject

from .conftest import EXAMPLE, answers_csv, codings_csv

TABLE_14 = [19, 16, 10, 4, 4, 4, 5]
TABLE_15 = [35, 16, 12, 5, 11, 17, 1]

pytestmark = [
    pytest.mark.browser,
]


def example_codes(question: str) -> dict[str, list[str]]:
    with (EXAMPLE / "codings.csv").open(encoding="utf-8") as file:
        out: dict[str, list[str]] = {}
        for row in csv.DictReader(file):
            if row["question"] == question:
                out.setdefault(row["response_id"], []).append(row["code"])
    return out


def create_project(page, url: str, question: str, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    answers = tmp_path / f"{question}-answers.csv"
    answers.write_bytes(answers_csv(question))
    page.goto(f"{url}/coding/new/")
    page.get_by_label("プロジェクト名").fill(f"例 {question}")
    page.locator("#id_question").fill(question)
    page.locator("#id_answers").set_input_files(str(answers))
    page.get_by_label("組み込みのコードブック").select_option(question)
    page.get_by_role("button", name="作成").click()
    page.wait_for_url("**/coding/*/")
    return str(CodingProject.objects.get(question=question).token)


def import_codings(page, data: bytes, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(data)
    page.get_by_label("コーディングのファイル").set_input_files(str(path))
    page.get_by_role("button", name="取り込む").click()


def table_counts(page) -> list[int]:  # type: ignore[no-untyped-def]
    cells = page.locator("#coded-table tbody tr td:nth-child(2)")
    return [int(cells.nth(i).inner_text()) for i in range(cells.count())]


def test_coding_the_example_in_the_browser_gives_tables_14_and_15(  # type: ignore[no-untyped-def]
    live_server, watched_page, tmp_path: Path
) -> None:
    team = Team.objects.create(name="コーディング検証チーム")
    user = get_user_model().objects.create_user(username="coder", password="pw-correct-9")
    Membership.objects.create(team=team, user=user, role=Role.ANALYST)
    page, problems = watched_page()

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ユーザー名").fill("coder")
    page.get_by_label("パスワード").fill("pw-correct-9")
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{live_server.url}/")

    # Table 14: three answers are left out of the import and coded by keyboard.
    question = "other_org_users_text"
    token = create_project(page, live_server.url, question, tmp_path)
    codes = example_codes(question)
    double = next(rid for rid, given in codes.items() if len(given) == 2)
    singles = [rid for rid, given in codes.items() if len(given) == 1][:2]
    by_keyboard = [double, *singles]
    import_codings(page, codings_csv(question, set(by_keyboard)), tmp_path, "c14.csv")
    assert page.get_by_text("58 件の回答のコーディングを取り込みました").is_visible()
    key_of = {
        value: str(i + 1)
        for i, value in enumerate(
            CodingProject.objects.get(token=token).categories.values_list("value", flat=True)
        )
    }
    for rid in by_keyboard:
        position = AnswerItem.objects.get(project__token=token, response_id=rid).position
        page.goto(f"{live_server.url}/coding/{token}/answer/{position}/")
        page.locator("#answer-text").click()  # focus on the page, not a field
        for code in codes[rid]:
            page.keyboard.press(key_of[code])
        for code in codes[rid]:
            assert page.locator(f'input[value="{code}"]').is_checked()
        page.keyboard.press("Enter")  # save and go to the next answer
        page.wait_for_url(lambda url, p=position: f"/answer/{p}/" not in url)
    page.goto(f"{live_server.url}/coding/{token}/?uncoded=1")
    assert page.get_by_text("0 件", exact=True).is_visible()

    page.goto(f"{live_server.url}/coding/{token}/compare/")
    page.get_by_role("button", name="比較を始める").click()
    assert page.get_by_text("一致度の計算には 2 人以上のコーダーが必要です").is_visible()
    page.goto(f"{live_server.url}/coding/{token}/results/")
    assert page.get_by_text("記述数 n = 61").is_visible()
    assert table_counts(page) == TABLE_14
    page.get_by_role("link", name="企業と支援機関等との連携の課題").click()
    assert page.get_by_text("19 件", exact=True).is_visible()

    # Table 15, with 利用終了後の資源への接続: imported through the page.
    question = "self_plan_text"
    token = create_project(page, live_server.url, question, tmp_path)
    import_codings(page, codings_csv(question), tmp_path, "c15.csv")
    assert page.get_by_text("95 件の回答のコーディングを取り込みました").is_visible()
    page.goto(f"{live_server.url}/coding/{token}/compare/")
    page.get_by_role("button", name="比較を始める").click()
    page.goto(f"{live_server.url}/coding/{token}/results/")
    assert page.get_by_text("記述数 n = 95").is_visible()
    assert table_counts(page) == TABLE_15
    assert page.get_by_role("link", name="利用終了後の資源への接続").is_visible()
    assert problems == []
