"""A real browser (Debian chromium via Playwright) reads the words of the example's Table 14
answers: the word list → a word's KWIC → one click codes an answer, and the code is on the
answer's page; the rules editor shows a frequent word's KWIC inline and puts it in a rule;
the network page shows its figure."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from teichaku.coding.codebook import read_codebooks
from teichaku.instrument.builtin import builtin_folder
from teichaku.web.accounts.models import Membership, Role, Team
from teichaku.web.coding import services
from teichaku.web.coding.models import AnswerItem

from .conftest import example_answers

pytestmark = [pytest.mark.browser]
Q14 = "other_org_users_text"


def test_word_list_to_kwic_to_one_click_coding(live_server, watched_page) -> None:  # type: ignore[no-untyped-def]
    team = Team.objects.create(name="語の検証チーム")
    user = get_user_model().objects.create_user(username="reader", password="pw-correct-9")
    Membership.objects.create(team=team, user=user, role=Role.ANALYST)
    book = read_codebooks(builtin_folder("retention-challenges-2024") / "codebooks")[Q14]
    answers = [a for a in example_answers() if a.question == Q14]
    project = services.create_project(team, "表14の語", Q14, "他法人の利用者", book, answers)
    category = project.categories.order_by("position")[1]
    page, problems = watched_page()

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ユーザー名").fill("reader")
    page.get_by_label("パスワード").fill("pw-correct-9")
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/coding/{project.token}/")
    page.get_by_role("link", name="語とKWIC").click()
    page.locator("#word-list").get_by_role("link", name="連携", exact=True).click()
    page.wait_for_url("**/kwic/?word=*")
    lines = page.locator("#kwic-lines tbody tr")
    assert lines.count() > 3
    assert page.locator("#kwic-lines mark").first.inner_text() == "連携"
    page.locator("#kwic-form").get_by_label("付けるコード").select_option(category.value)
    page.locator("#kwic-form").get_by_role("button", name="表示").click()
    first = lines.first
    position = int(first.locator("td").first.inner_text())
    first.get_by_role("button", name=f"「{category.label}」を付ける").click()  # the one click
    assert page.get_by_text(f"回答 {position} に「{category.label}」を付けました").is_visible()
    row = page.locator(f"#a{position}")
    assert row.locator(".code-chip").inner_text() == category.label
    assert row.get_by_text("付与済み").is_visible()
    answer = AnswerItem.objects.get(project=project, position=position)
    assert list(answer.applied.values_list("category__value", flat=True)) == [category.value]

    row.get_by_role("link", name=str(position)).click()
    page.wait_for_url(f"**/answer/{position}/")
    assert page.locator(f'input[value="{category.value}"]').is_checked()

    # The rules editor: a frequent word's KWIC shown beside the rules, "+" writes it in.
    page.goto(f"{live_server.url}/coding/{project.token}/codebook/")
    offered = page.locator("#frequent-words")
    offered.get_by_role("link", name="担当者", exact=True).click()
    shown = page.locator("#rules-kwic #kwic-lines tbody tr")
    shown.first.wait_for()
    assert shown.count() == sum(a.text.count("担当者") for a in answers) > 0
    assert page.url.endswith("/codebook/")
    page.locator("#id_rules").fill("*" + category.value + "\n")
    offered.get_by_role("button", name="「担当者」をルールに入れる").click()
    assert page.locator("#id_rules").input_value() == f"*{category.value}\n担当者"

    # The network page draws its figure from the same words.
    page.goto(f"{live_server.url}/coding/{project.token}/network/")
    figure = page.locator("img.network-figure")
    figure.wait_for()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", figure.element_handle())
    assert problems == []
