"""A real browser at 390 px: the owner edits the consent page, previews the form, and closes
the survey through its confirmation page."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from teichaku.web.accounts.models import Membership, Role, Team
from teichaku.web.surveys import services
from teichaku.web.surveys.models import FormToken, Submission, Survey

pytestmark = [pytest.mark.browser]


def test_owner_prepares_previews_and_closes_on_a_phone(live_server, watched_page) -> None:  # type: ignore[no-untyped-def]
    team = Team.objects.create(name="準備検証チーム")
    user = get_user_model().objects.create_user(username="owner", password=None)
    Membership.objects.create(team=team, user=user, role=Role.OWNER)
    survey = services.create_survey(team, user, builtin="retention-challenges-2024")
    # Signed in by a session made on the server: this test is about the desk, not the login.
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value

    page, problems = watched_page(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )

    def fits_the_phone() -> None:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{page.url}: page is {width}px wide on a 390px screen"

    page.goto(f"{live_server.url}/desk/{survey.token}/")
    assert page.locator(".qr svg").is_visible()
    fits_the_phone()
    page.get_by_role("link", name="同意ページを編集").click()
    page.get_by_label("問い合わせ先").fill("山田研究室\nyamada@example.jp")
    page.get_by_label("倫理審査").fill("高松大学 高大倫審 2024-17")
    fits_the_phone()
    page.get_by_role("button", name="同意ページを保存する").click()
    assert page.get_by_text("同意ページを保存しました。").is_visible()

    page.get_by_role("link", name="プレビューを見る").click()
    assert page.get_by_text("プレビュー", exact=True).is_visible()
    assert page.get_by_text("高松大学 高大倫審 2024-17").is_visible()
    assert page.get_by_text("yamada@example.jp").is_visible()
    fits_the_phone()
    page.get_by_role("link", name="次へ（同意して回答を始める）").click()
    assert page.get_by_text("1 / 3 ページ").is_visible()
    page.get_by_role("link", name="次へ").click()
    assert page.get_by_text("2 / 3 ページ").is_visible()
    fits_the_phone()
    assert FormToken.objects.count() == 0 and Submission.objects.count() == 0

    page.goto(f"{live_server.url}/desk/{survey.token}/")
    page.get_by_role("link", name="受付を終了する").click()
    assert page.get_by_role("heading", name="回答の受付を終了しますか？").is_visible()
    assert Survey.objects.get(pk=survey.pk).is_open  # asking changed nothing
    fits_the_phone()
    page.get_by_role("button", name="受付を終了する").click()
    page.wait_for_url(f"**/desk/{survey.token}/")
    assert page.get_by_text("回答の受付を終了しました。").is_visible()
    assert not Survey.objects.get(pk=survey.pk).is_open
    assert not failed, failed
    assert problems == [], problems
    page.context.close()
