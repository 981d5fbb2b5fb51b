"""Errors the coding pages used to swallow are said to the user; wrong filters are a 400
with a Japanese message, not a 500."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from teichaku.web.coding.models import AnswerItem, Category, CodingProject, Decision

from .conftest import World, client_for, codings_csv
from .test_coding_views import Q14, create, upload_codings

UNREADABLE_RULES = "企業 and\n"  # an expression before any *code line


def with_unreadable_rules(world: World) -> CodingProject:
    """A project whose stored rules no longer parse (saved by an older version, say)."""
    project = create(world)
    CodingProject.objects.filter(pk=project.pk).update(rules=UNREADABLE_RULES)
    project.refresh_from_db()
    return project


@pytest.mark.django_db
def test_a_category_is_not_deleted_when_the_rules_cannot_be_read(world: World) -> None:
    project = with_unreadable_rules(world)
    category = Category.objects.create(project=project, position=99, value="spare", label="予備")
    page = client_for(world.analyst).post(
        f"/coding/{project.token}/codebook/{category.pk}/delete/", follow=True
    )
    text = html.unescape(page.content.decode())
    assert "保存されたコーディングルールが読めないため" in text
    assert "row 1" in text  # the rules' own error, with its row
    assert Category.objects.filter(pk=category.pk).exists()


@pytest.mark.django_db
def test_unreadable_rules_are_said_on_the_coding_pages(world: World) -> None:
    project = with_unreadable_rules(world)
    answer = AnswerItem.objects.filter(project=project).exclude(text="").first()
    assert answer is not None
    client = client_for(world.analyst)
    for url in (
        f"/coding/{project.token}/answer/{answer.position}/",
        f"/coding/{project.token}/suggestions/",
    ):
        page = html.unescape(client.get(url).content.decode())
        assert "保存されたコーディングルールが読めないため、ルールによる候補は出ません" in page, url


@pytest.mark.django_db
def test_a_decision_with_a_code_outside_the_codebook_is_refused(world: World) -> None:
    project = create(world)
    upload_codings(world.analyst, project, codings_csv(Q14))
    client = client_for(world.owner)
    client.post(f"/coding/{project.token}/compare/", {"reveal": "1"})
    answer = AnswerItem.objects.filter(project=project).exclude(text="").first()
    assert answer is not None
    page = client.post(
        f"/coding/{project.token}/compare/",
        {"answer": str(answer.pk), "code": ["collaboration", "nope"]},
        follow=True,
    ).content.decode()
    assert "コードブックにないコードです: nope" in page
    assert not Decision.objects.filter(answer=answer).exists()
    page = client.post(
        f"/coding/{project.token}/compare/", {"answer": "abc"}, follow=True
    ).content.decode()
    assert "整数を入力してください" in page


@pytest.mark.django_db
def test_an_uploaded_codebook_with_code_dash_is_refused(world: World) -> None:
    project = create(world)
    before = list(project.categories.values_list("value", flat=True))
    page = client_for(world.analyst).post(
        f"/coding/{project.token}/codebook/upload/",
        {"file": SimpleUploadedFile("book.csv", "code,label\n-,なし\n".encode())},
    )
    assert page.status_code == 400
    assert "「読んだがコードなし」の印なので使えません" in html.unescape(page.content.decode())
    assert list(project.categories.values_list("value", flat=True)) == before


@pytest.mark.django_db
@pytest.mark.parametrize("attr", ["contains", "pk__gt", "operating_body__contains", "日本"])
def test_an_unknown_attribute_filter_is_a_400_in_japanese(world: World, attr: str) -> None:
    project = create(world)
    page = client_for(world.viewer).get(f"/coding/{project.token}/", {"attr": attr, "value": "x"})
    assert page.status_code == 400
    assert "正しく選択してください" in html.unescape(page.content.decode())
