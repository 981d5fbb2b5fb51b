"""Editing the codebook in the browser, one category at a time (test client)."""

from __future__ import annotations

import html

import pytest

from teichaku.web.coding.models import AppliedCode, Category, CodingProject

from .conftest import World, client_for, codings_csv
from .test_coding_views import Q14, create, upload_codings

NEW = {
    "category_action": "add",
    "value": "housing",
    "label": "住まいの課題",
    "definition": "住居の確保や転居に関する記述",
    "inclusion": "グループホーム",
    "exclusion": "通勤の問題",
    "examples": "転居で支援が途切れた",
    "parent": "",
}


def post(user, project: CodingProject, data: dict[str, str], follow: bool = True):  # type: ignore[no-untyped-def]
    """The codebook page's forms: each action posts to its own URL."""
    fields = dict(data)
    action = fields.pop("category_action", "")
    category = fields.pop("category", "")
    path = {"add": "add/", "edit": f"{category}/edit/", "delete": f"{category}/delete/"}
    url = f"/coding/{project.token}/codebook/{path.get(action, 'upload/')}"
    return client_for(user).post(url, fields, follow=follow)


@pytest.mark.django_db
def test_add_edit_and_delete_an_unused_category(world: World) -> None:
    project = create(world)
    before = list(project.categories.values_list("value", flat=True))
    page = post(world.analyst, project, NEW).content.decode()
    assert "カテゴリーを追加しました" in page and "住まいの課題" in page
    added = Category.objects.get(project=project, value="housing")
    assert added.position == len(before) + 1
    assert (added.definition, added.inclusion, added.exclusion, added.examples) == (
        NEW["definition"],
        NEW["inclusion"],
        NEW["exclusion"],
        NEW["examples"],
    )
    csv = client_for(world.viewer).get(f"/coding/{project.token}/download/codebook.csv")
    assert "housing,住まいの課題,住居の確保や転居に関する記述" in csv.content.decode("utf-8-sig")
    edit = {**NEW, "category_action": "edit", "category": str(added.pk)}
    edit.update(label="住居", parent=before[0])
    page = post(world.analyst, project, edit).content.decode()
    assert "カテゴリーを更新しました" in page
    added.refresh_from_db()
    assert (added.label, added.parent, added.value) == ("住居", before[0], "housing")
    page = post(
        world.analyst, project, {"category_action": "delete", "category": str(added.pk)}
    ).content.decode()
    assert "カテゴリー「住居」を削除しました" in page
    assert list(project.categories.values_list("value", flat=True)) == before


@pytest.mark.django_db
def test_used_category_cannot_be_deleted_and_bad_input_is_named(world: World) -> None:
    project = create(world)
    upload_codings(world.analyst, project, codings_csv(Q14))
    used = Category.objects.get(project=project, value="collaboration")
    answers = AppliedCode.objects.filter(category=used).values("answer_id").distinct().count()
    assert answers > 0
    page = post(
        world.analyst, project, {"category_action": "delete", "category": str(used.pk)}
    ).content.decode()
    assert f"{answers} 件の回答に付いているため削除できません" in page
    assert Category.objects.filter(pk=used.pk).exists()
    # Renaming a used category keeps its codings.
    edit = {**NEW, "category_action": "edit", "category": str(used.pk), "label": "関係機関との連携"}
    post(world.analyst, project, edit)
    used.refresh_from_db()
    assert used.label == "関係機関との連携"
    assert AppliedCode.objects.filter(category=used).values("answer_id").distinct().count() == (
        answers
    )
    count = project.categories.count()
    for data, message in [
        ({**NEW, "value": "collaboration"}, "'collaboration' はすでにコードブックにあります"),
        ({**NEW, "value": "-"}, "「読んだがコードなし」の印なので使えません"),
        ({**NEW, "parent": "nope"}, "上位コード 'nope' はコードブックにありません"),
        ({**NEW, "value": ""}, "新しいカテゴリーのコードを入力してください"),
        ({**NEW, "label": ""}, "このフィールドは必須です"),
    ]:
        page = html.unescape(post(world.analyst, project, data).content.decode())
        assert message in page, message
    assert project.categories.count() == count
    # A cycle of parents is refused, and nothing changes.
    first, second = list(project.categories.all()[:2])
    post(
        world.analyst,
        project,
        {**NEW, "category_action": "edit", "category": str(second.pk), "parent": first.value},
    )
    page = post(
        world.analyst,
        project,
        {**NEW, "category_action": "edit", "category": str(first.pk), "parent": second.value},
    ).content.decode()
    assert "上位コードが循環します" in page
    first.refresh_from_db()
    assert first.parent == "" and first.label != NEW["label"]


@pytest.mark.django_db
def test_codebook_editing_is_scoped_to_team_and_role(world: World) -> None:
    project = create(world)
    category = project.categories.first()
    assert category is not None
    delete = {"category_action": "delete", "category": str(category.pk)}
    assert post(world.viewer, project, NEW, follow=False).status_code == 403
    assert post(world.viewer, project, delete, follow=False).status_code == 403
    assert post(world.outsider, project, NEW, follow=False).status_code == 404
    assert post(world.outsider, project, delete, follow=False).status_code == 404
    # A category of another team's project cannot be reached through one's own project.
    other = CodingProject.objects.create(team=world.team_b, name="B", question=Q14)
    theirs = Category.objects.create(project=other, position=1, value="x", label="X")
    page = post(
        world.analyst, project, {"category_action": "delete", "category": str(theirs.pk)}
    ).content.decode()
    assert "このカテゴリーはもうありません" in page
    assert Category.objects.filter(pk=theirs.pk).exists()
    assert Category.objects.filter(pk=category.pk).exists()
    assert "住まいの課題" not in post(world.analyst, project, {}).content.decode()
