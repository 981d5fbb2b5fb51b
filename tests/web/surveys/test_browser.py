"""A real browser (Debian chromium via Playwright) on a phone-sized screen answers the
built-in survey, trips a validation error, corrects it, and the answer shows up on the
research desk and in the export."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from teichaku.web.accounts.models import Membership, Role, Team
from teichaku.web.surveys import services
from teichaku.web.surveys.models import Submission

pytestmark = [
    pytest.mark.browser,
]


def test_phone_answers_the_builtin_survey(live_server, watched_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    team = Team.objects.create(name="ブラウザ検証チーム")
    user = get_user_model().objects.create_user(username="researcher", password="pw-correct-9")
    Membership.objects.create(team=team, user=user, role=Role.VIEWER)
    survey = services.create_survey(team, None, builtin="retention-challenges-2024")

    page, problems = watched_page(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)

    def fits_the_phone() -> None:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{page.url}: page is {width}px wide on a 375px screen"

    page.goto(f"{live_server.url}/s/{survey.token}/")
    assert page.get_by_text("高松大学研究倫理審査").is_visible()
    fits_the_phone()
    page.get_by_role("button", name="同意して回答を始める").click()

    # Page 1: the required 'role' is left out on purpose.
    assert page.get_by_text("1 / 3 ページ").is_visible()
    page.get_by_role("group", name="所属").get_by_label("就労定着支援事業所").check()
    page.get_by_role("group", name="事業所の設置法人").get_by_label("NPO法人").check()
    fits_the_phone()
    page.get_by_role("button", name="次へ").click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    link = summary.get_by_role(
        "link", name="「職務内容」は必須です。回答を選ぶか入力してください。"
    )
    assert link.get_attribute("href") == "#f-role"
    assert (
        page.locator("#f-role-error")
        .inner_text()
        .endswith("「職務内容」は必須です。回答を選ぶか入力してください。")
    )
    assert page.get_by_role("group", name="所属").get_by_label("就労定着支援事業所").is_checked()
    link.click()
    assert page.evaluate("document.activeElement.id") == "f-role"
    page.keyboard.press("Space")  # the keyboard alone answers the corrected question
    assert page.locator("#f-role").is_checked()
    page.get_by_role("button", name="次へ").click()

    # Page 2: Likert items, one radio group each.
    assert page.get_by_text("2 / 3 ページ").is_visible()
    page.get_by_role("group", name="利用者の確保").get_by_label("７：非常に課題である").check()
    fits_the_phone()
    page.get_by_role("button", name="次へ").click()

    # Page 3: 'other' without its text is an error; then corrected.
    assert page.get_by_text("3 / 3 ページ").is_visible()
    methods = page.get_by_role("group", name="就職後の利用者の状態把握の方法")
    methods.get_by_label("電話連絡").check()
    methods.get_by_label("その他", exact=True).check()
    page.get_by_role("button", name="回答を送信する").click()
    assert page.locator("#error-summary").is_visible()
    assert Submission.objects.count() == 0
    page.get_by_label("「その他」の内容").fill("ブラウザからの記入")
    page.get_by_label("セルフプラン", exact=False).fill("ブラウザで回答しました")
    page.get_by_role("button", name="回答を送信する").click()
    page.wait_for_url(f"**/s/{survey.token}/thanks/")
    assert page.get_by_role("heading", name="ご回答ありがとうございました").is_visible()
    stored = Submission.objects.get(survey=survey)
    assert stored.answers["role"] == ["support_worker"]
    assert stored.other_texts == {"monitoring_methods": "ブラウザからの記入"}

    # The research desk, on the same phone.
    page.goto(f"{live_server.url}/desk/{survey.token}/")
    page.get_by_label("ユーザー名").fill("researcher")
    page.get_by_label("パスワード").fill("pw-correct-9")
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"**/desk/{survey.token}/")
    assert page.get_by_text("回答者 1 人").is_visible()
    assert page.get_by_text(
        "利用者の確保は、「７：非常に課題である」とする回答が100.0％と最も多い傾向を示した。"
    ).is_visible()
    assert page.evaluate("typeof window.htmx") == "object"  # served from our static files
    with page.expect_download() as download_info:
        page.get_by_role("link", name="data.csv").click()
    saved = tmp_path / "data.csv"
    download_info.value.save_as(saved)
    exported = saved.read_text(encoding="utf-8-sig")
    assert "ブラウザで回答しました" in exported and "ブラウザからの記入" in exported
    # No script errors, no content-security-policy violations, no missing files (but the
    # favicon the browser asks for on its own).
    assert not failed, failed
    assert problems == [], problems
    page.context.close()


def test_skip_logic_shows_and_hides_questions_as_the_phone_answers(
    live_server, browser, watched_page
) -> None:  # type: ignore[no-untyped-def]
    from .skip_form import SKIP_FORM

    team = Team.objects.create(name="分岐検証チーム")
    survey = services.create_survey(team, None, upload=(SKIP_FORM.encode(), "skip.md"))
    page, problems = watched_page(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    page.goto(f"{live_server.url}/s/{survey.token}/")
    page.get_by_role("button", name="同意して回答を始める").click()
    job = page.locator("#q-job")
    needs = page.locator("#q-needs")
    other_need = page.locator("#q-other_need")
    # Nothing answered yet: the server says only 'works' and 'comment' are asked.
    job.wait_for(state="hidden")
    assert needs.is_hidden() and other_need.is_hidden()
    assert page.locator("#q-comment").is_visible()
    works = page.get_by_role("group", name="働いていますか")
    works.get_by_label("はい").check()
    job.wait_for(state="visible")
    needs.wait_for(state="visible")
    assert other_need.is_hidden()
    needs.get_by_label("そのほか").check()
    other_need.wait_for(state="visible")
    page.get_by_label("その他の支援の内容").fill("通勤の練習")
    works.get_by_label("いいえ").check()
    # The chain: 'needs' is no longer asked, so neither is what hung on it.
    other_need.wait_for(state="hidden")
    assert job.is_hidden() and needs.is_hidden()
    page.get_by_label("ご意見").fill("分岐のテスト")
    page.get_by_role("button", name="回答を送信する").click()
    page.wait_for_url(f"**/s/{survey.token}/thanks/")
    stored = Submission.objects.get(survey=survey)
    assert stored.answers == {"works": "n", "comment": "分岐のテスト"}
    # No script errors, no CSP violations; only the favicon the browser asks for is missing.
    assert problems == [], problems
    page.context.close()

    # Without JavaScript every question that may be asked is shown, and the form still works.
    plain = browser.new_context(java_script_enabled=False, locale="ja-JP")  # type: ignore[attr-defined]
    page = plain.new_page()
    page.goto(f"{live_server.url}/s/{survey.token}/")
    page.get_by_role("button", name="同意して回答を始める").click()
    assert page.locator("#q-job").is_visible() and page.locator("#q-other_need").is_visible()
    page.get_by_role("group", name="働いていますか").get_by_label("はい").check()
    page.get_by_role("button", name="回答を送信する").click()
    assert page.locator("#error-summary").is_visible()  # 'job' is required once asked
    page.get_by_label("仕事の内容").fill("事務")
    page.get_by_role("button", name="回答を送信する").click()
    page.wait_for_url(f"**/s/{survey.token}/thanks/")
    assert Submission.objects.filter(survey=survey).count() == 2
    plain.close()
