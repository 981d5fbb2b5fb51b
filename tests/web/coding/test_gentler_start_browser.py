"""A real browser (Debian chromium via Playwright) starts coding the way a new user would:
a project from a survey's text question with no codebook, codes made on the answer page while
reading, an undo, the word list → KWIC → one-click coding (undone too), a rename and a merge
on the codebook page, and the lone coder's results without a comparison. The expected counts
are worked by hand from what the browser did."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from teichaku.web.accounts.models import Membership, Role, Team
from teichaku.web.coding.models import AppliedCode, Category, CodeChange, CodingProject
from teichaku.web.surveys import imports
from teichaku.web.surveys import services as surveys

from .conftest import EXAMPLE

pytestmark = [pytest.mark.browser]


def test_a_new_user_codes_a_survey_question_without_a_codebook(  # type: ignore[no-untyped-def]
    live_server, watched_page
) -> None:
    team = Team.objects.create(name="はじめてのチーム")
    user = get_user_model().objects.create_user(username="hajime", password="pw-correct-9")
    Membership.objects.create(team=team, user=user, role=Role.ANALYST)
    survey = surveys.create_survey(team, None, builtin="retention-challenges-2024")
    path = EXAMPLE / "responses.csv"
    imports.import_answers(survey, path.read_bytes(), path.name)
    page, problems = watched_page()
    url = live_server.url

    page.goto(f"{url}/accounts/login/")
    page.get_by_label("ユーザー名").fill("hajime")
    page.get_by_label("パスワード").fill("pw-correct-9")
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{url}/")

    # From the survey's text question, with no codebook; the format is shown beside the upload.
    page.goto(f"{url}/coding/from-survey/{survey.token}/")
    page.get_by_text("コードブック CSV の形式").click()
    assert page.get_by_role("link", name="テンプレートをダウンロード (CSV)").is_visible()
    page.get_by_label("自由記述の設問").select_option("other_org_users_text")
    page.get_by_label("組み込みのコードブック").select_option("")
    page.get_by_label("プロジェクト名").fill("白紙からの表14")
    page.get_by_role("button", name="作成").click()
    page.wait_for_url("**/coding/*/")
    project = CodingProject.objects.get(name="白紙からの表14")
    assert project.categories.count() == 0

    # Codes made while reading: the first answer opens with no codes to tick.
    page.locator("table.coding-answers tbody tr td a").first.click()
    assert page.get_by_text("まだコードがありません").is_visible()
    first = int(page.url.rstrip("/").rsplit("/", 1)[1])

    def make(name: str, parent: str = "") -> None:
        page.get_by_label("新しいコード", exact=True).fill(name)
        if parent:
            page.get_by_label("上位コード（任意）").select_option(label=parent)
        page.get_by_role("button", name="作って付ける").click()
        assert page.get_by_text(f"コード「{name}」を作って付けました").is_visible()
        assert page.get_by_role("checkbox", name=name).is_checked()

    def next_answer() -> int:
        page.get_by_role("link", name="次の回答").click()
        page.wait_for_load_state()
        return int(page.url.rstrip("/").rsplit("/", 1)[1])

    make("連携不足")
    second = next_answer()
    make("説明不足")
    third = next_answer()
    make("企業との連絡", parent="連携不足")
    fourth = next_answer()
    page.locator("#answer-text").click()
    page.keyboard.press("1")  # 連携不足
    page.keyboard.press("3")  # 企業との連絡
    page.keyboard.press("Enter")  # save and next
    page.wait_for_url(lambda u: f"/answer/{fourth}/" not in u)
    fifth = int(page.url.rstrip("/").rsplit("/", 1)[1])
    page.get_by_role("checkbox", name="説明不足").check()
    page.get_by_role("button", name="保存して一覧へ").click()
    page.wait_for_url("**/coding/*/#a*")

    # Undo: the page says what can be undone; the fifth answer goes back to unread.
    assert page.get_by_text(f"取り消せる操作: 回答 #{fifth} へのコード付け").is_visible()
    page.get_by_role("button", name="元に戻す").click()
    assert page.get_by_text(f"回答 #{fifth} への操作を取り消しました").is_visible()
    assert not page.get_by_role("checkbox", name="説明不足").is_checked()
    assert not AppliedCode.objects.filter(answer__project=project, answer__position=fifth).exists()
    assert page.get_by_text("取り消せる操作はありません").is_visible()

    # Word list → KWIC → one click gives an answer 連携不足; undo takes it back.
    page.get_by_role("link", name="語とKWIC").click()
    page.locator("#word-list").get_by_role("link", name="連携", exact=True).click()
    page.wait_for_url("**/kwic/?word=*")
    page.locator("#kwic-form").get_by_label("付けるコード").select_option("連携不足")
    # The lines are counted on the page the button loads, not on the one it leaves.
    with page.expect_navigation():
        page.locator("#kwic-form").get_by_role("button", name="表示").click()
    lines = page.locator("#kwic-lines tbody tr")
    seen = {first, second, third, fourth, fifth}
    line = next(
        lines.nth(i)
        for i in range(lines.count())
        if int(lines.nth(i).locator("td").first.inner_text()) not in seen
    )
    picked = int(line.locator("td").first.inner_text())
    line.get_by_role("button", name="「連携不足」を付ける").click()
    assert page.get_by_text(f"回答 {picked} に「連携不足」を付けました").is_visible()
    assert AppliedCode.objects.filter(answer__project=project, answer__position=picked).exists()
    page.goto(f"{url}/coding/{project.token}/")
    assert page.get_by_text(f"取り消せる操作: 回答 #{picked} へのコード付け").is_visible()
    page.get_by_role("button", name="元に戻す").click()
    assert page.get_by_text(f"回答 #{picked} への操作を取り消しました").is_visible()
    assert not AppliedCode.objects.filter(answer__project=project, answer__position=picked).exists()

    # Rename 説明不足 on the codebook page; its coded answer keeps it.
    page.get_by_role("link", name="コードブック", exact=True).click()
    explain = Category.objects.get(project=project, value="説明不足")
    row = page.locator(f"#category-{explain.pk}")
    row.locator("summary").click()
    row.get_by_label("新しいカテゴリー名").fill("本人への説明不足")
    row.get_by_role("button", name="名前を変更（付いている回答もそのまま）").click()
    assert page.get_by_text("名前を「本人への説明不足」に変えました").is_visible()

    # Merge 企業との連絡 into 連携不足: the fourth answer had both, and keeps one.
    contact = Category.objects.get(project=project, value="企業との連絡")
    row = page.locator(f"#category-{contact.pk}")
    row.locator("summary").click()
    row.get_by_label("統合先").select_option(label="連携不足")
    row.get_by_role(
        "button", name="統合（このコードの回答はすべて統合先へ移り、このコードはなくなります）"
    ).click()
    assert page.get_by_text("統合しました（2 件のコード付けが統合先に移りました）").is_visible()
    log = page.locator("#code-changes")
    assert log.get_by_text("本人への説明不足 (説明不足)").first.is_visible()
    assert list(
        CodeChange.objects.filter(project=project).order_by("id").values_list("kind", flat=True)
    ) == ["add", "add", "add", "undo", "undo", "rename", "merge"]

    # The lone coder's results, without starting a comparison. By hand: 連携不足 on the
    # first, third (merged in) and fourth answers; 本人への説明不足 on the second.
    page.get_by_role("link", name="結果", exact=True).click()
    assert page.get_by_text("コーダーが 1 人なので").is_visible()
    cells = page.locator("#coded-table tbody tr")
    shown = {
        cells.nth(i).locator("td").nth(0).inner_text(): int(
            cells.nth(i).locator("td").nth(1).inner_text()
        )
        for i in range(cells.count())
    }
    assert shown == {"連携不足": 3, "本人への説明不足": 1}
    assert page.get_by_text("記述数 n = 61").is_visible()
    assert page.get_by_role("heading", name="属性別").is_visible()
    given = {
        p: set(
            AppliedCode.objects.filter(answer__project=project, answer__position=p).values_list(
                "category__value", flat=True
            )
        )
        for p in (first, second, third, fourth)
    }
    assert given == {
        first: {"連携不足"},
        second: {"説明不足"},
        third: {"連携不足"},
        fourth: {"連携不足"},
    }
    assert problems == []
