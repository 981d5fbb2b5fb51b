"""A real browser: a 就労定着支援員 writes a case with a person's name, the flag stops
submission, the name is removed, a reviewer asks for a change, the author revises, the
reviewer publishes; an anonymous visitor finds it by a variant spelling and by facet; the
survey's results link the item to it: the desk's tables and the downloaded report.html."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from teichaku.web.accounts.models import Membership, Team
from teichaku.web.accounts.models import Role as TeamRole
from teichaku.web.library.models import Reviewer
from teichaku.web.offices import actions
from teichaku.web.offices.models import Role, StaffMembership
from teichaku.web.surveys import services

pytestmark = [pytest.mark.browser]
TITLE = "職場の担当者が替わったときの連絡ノート"


def sign_in(page: Any, url: str, username: str, password: str, then: str) -> None:
    page.goto(f"{url}/accounts/login/?next={then}")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{url}{then}")


def test_from_a_flagged_draft_to_a_case_found_by_anyone(
    live_server: Any, watched_page: Any, settings: Any, tmp_path: Path
) -> None:
    users = get_user_model().objects
    admin = users.create_user(username="lib-admin", password="unused-pass-1")
    office = actions.create_office("架空事例事業所", "9900000199", "その他", admin)
    worker = users.create_user(username="worker", password="Worker-pass-1")
    StaffMembership.objects.create(user=worker, office=office, role=Role.SUPPORT_WORKER)
    Reviewer.objects.create(user=users.create_user(username="editor", password="Editor-pass-1"))
    url = live_server.url

    author, author_problems = watched_page()
    sign_in(author, url, "worker", "Worker-pass-1", "/practices/mine/")
    author.get_by_role("link", name="事例を書く").click()
    author.locator("#id_title").fill(TITLE)
    author.get_by_label("企業との連携", exact=True).check()
    author.locator("#id_prefecture").select_option("愛知県")
    author.locator("#id_network").select_option(label="計画相談が中心")
    author.locator("#id_situation").fill(
        "鈴木さんの職場の担当者が異動し、様子が分かりづらくなった。"
    )
    author.locator("#id_actions").fill("企業と共有する連絡ノートを作った。")
    author.get_by_label("企業", exact=True).check()
    author.get_by_label("メール", exact=True).check()
    author.locator("#id_outcome").fill("引き継ぎが途切れなくなった。")
    author.get_by_role("button", name="保存").click()
    flags = author.locator("section.flags")
    assert "鈴木" in flags.inner_text() and "人名" in flags.inner_text()

    author.get_by_role("button", name="審査に出す").click()
    assert "残っています" in author.locator(".messages").inner_text()
    author.locator("#id_situation").fill("職場の担当者が異動し、様子が分かりづらくなった。")
    author.get_by_role("button", name="保存").click()
    assert author.locator("section.flags").count() == 0
    author.get_by_role("button", name="審査に出す").click()
    assert "審査に出しました" in author.locator(".messages").inner_text()

    reviewer, reviewer_problems = watched_page()
    sign_in(reviewer, url, "editor", "Editor-pass-1", "/practices/review/")
    reviewer.get_by_role("link", name=TITLE).click()
    reviewer.locator("#id_decision").select_option(label="修正依頼")
    reviewer.locator("#id_body").fill("留意点も書いてください。")
    reviewer.get_by_role("button", name="保存").click()
    assert "記録しました" in reviewer.locator(".messages").inner_text()

    author.goto(f"{url}/practices/mine/")
    author.get_by_role("link", name=TITLE).click()
    author.get_by_text("留意点も書いてください。").wait_for()
    author.locator("#id_cautions").fill("健康情報は本人の同意を得て書く。")
    author.get_by_role("button", name="保存").click()
    author.get_by_role("button", name="審査に出す").click()

    reviewer.goto(f"{url}/practices/review/")
    reviewer.get_by_role("link", name=TITLE).click()
    reviewer.locator("#id_decision").select_option(label="公開")
    reviewer.get_by_role("button", name="保存").click()
    assert "公開" in reviewer.content()

    visitor, visitor_problems = watched_page()
    visitor.goto(f"{url}/practices/")
    visitor.locator("#id_q").fill("わかりにくい")
    visitor.get_by_role("button", name="探す").click()
    visitor.get_by_role("link", name=TITLE).wait_for()
    visitor.goto(f"{url}/practices/")
    visitor.locator("#id_partner").select_option(label="企業")
    visitor.locator("#id_prefecture").select_option("愛知県")
    visitor.get_by_role("button", name="探す").click()
    visitor.get_by_role("link", name=TITLE).click()
    assert visitor.get_by_role("heading", name=TITLE).is_visible()
    assert "健康情報は本人の同意を得て書く。" in visitor.content()

    # The survey's results: the item 企業との連携 links to the case.
    researcher = users.create_user(username="researcher", password="Research-pass-1")
    team = Team.objects.create(name="架空研究チーム")
    Membership.objects.create(team=team, user=researcher, role=TeamRole.VIEWER)
    survey = services.create_survey(team, researcher, builtin="retention-challenges-2024")
    desk, desk_problems = watched_page()
    sign_in(desk, url, "researcher", "Research-pass-1", f"/desk/{survey.token}/tables/")
    item = desk.locator("#result-q03_employer_collaboration")
    item.get_by_role("link", name="この課題に答える実践事例（1 件）").click()
    desk.get_by_role("link", name=TITLE).click()
    assert desk.get_by_role("heading", name=TITLE).is_visible()

    settings.TEICHAKU_BASE_URL = url
    report = services.write_export(survey, "report.html", tmp_path)
    offline, offline_problems = watched_page()
    offline.goto(report.as_uri())
    offline.locator("#q-q03_employer_collaboration").get_by_role(
        "link", name="この課題に答える実践事例"
    ).click()
    offline.get_by_role("link", name=TITLE).click()
    assert offline.get_by_role("heading", name=TITLE).is_visible()
    assert not (
        author_problems
        or reviewer_problems
        or visitor_problems
        or desk_problems
        or offline_problems
    )
