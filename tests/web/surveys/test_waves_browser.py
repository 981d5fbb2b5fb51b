"""In chromium: the owner links the previous wave on the desk (phone-sized), downloads
waves.html, and the page reads at 1280 and 390 px: no sideways page, every figure drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from teichaku.web.accounts.models import Membership, Role, Team
from teichaku.web.surveys import services

from .test_waves import store

pytestmark = [pytest.mark.browser]


def test_owner_links_the_previous_wave_and_reads_the_comparison(  # type: ignore[no-untyped-def]
    live_server, watched_page, tmp_path: Path
) -> None:
    team = Team.objects.create(name="比較検証チーム")
    user = get_user_model().objects.create_user(username="owner", password=None)
    Membership.objects.create(team=team, user=user, role=Role.OWNER)
    earlier = services.create_survey(
        team, user, builtin="retention-challenges-2024", title="2024年度"
    )
    later = services.create_survey(
        team, user, builtin="retention-challenges-2024", title="2025年度"
    )
    store(earlier, ["7", "6", "6", "5", "3", "7", "4"] * 5, ["npo"] * 20 + ["private_company"] * 15)
    store(later, ["3", "2", "4", "5", "1", "2"] * 6, ["private_company"] * 24 + ["npo"] * 12)
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value

    page, problems = watched_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/desk/{later.token}/")
    page.get_by_role("link", name="前回の調査を選ぶ").click()
    page.get_by_label("前回の調査").select_option(
        label=f"2024年度（{earlier.created_at:%Y-%m-%d}）"
    )
    page.get_by_role("button", name="前回の調査を保存する").click()
    assert page.get_by_text("前回の調査：2024年度").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    with page.expect_download() as download:
        page.get_by_role("link", name="waves.html").click()
    saved = tmp_path / "waves.html"
    download.value.save_as(saved)
    assert not problems, problems

    for width in (1280, 390):
        report, report_problems = watched_page(viewport={"width": width, "height": 900})
        report.goto(saved.as_uri())
        assert report.get_by_role("heading", name="前回調査との比較", exact=True).is_visible()
        assert report.evaluate("document.documentElement.scrollWidth") <= width
        drawn = report.evaluate(
            "[...document.images].every(image => image.complete && image.naturalWidth > 0)"
        )
        # One trend figure per item answered in the waves (store() answers these two).
        assert drawn and report.locator("figure img").count() == 2
        report.screenshot(path=tmp_path / f"waves_{width}.png", full_page=True)
        assert not report_problems, report_problems
