"""A gentler start (issue 14, item 4) with Django's test client: a project with no codebook,
codes made on the answer page, undo, move, rename and merge (audited), CSV templates, a lone
coder's results; each new URL by role and team."""

from __future__ import annotations

import html
import re
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from teichaku.coding import parse_codebook, parse_codings
from teichaku.coding.answers import parse_answers
from teichaku.web.coding.models import (
    AnswerItem,
    AppliedCode,
    Category,
    CodeChange,
    CodingProject,
    Decision,
    Review,
)

from .conftest import World, answers_csv, client_for
from .test_coding_views import Q14, create
from .test_from_survey import example_survey


def bare_project(world: World) -> CodingProject:
    """A project from the example survey's Table 14 question, with no codebook."""
    survey = example_survey(world)
    response = client_for(world.analyst).post(
        f"/coding/from-survey/{survey.token}/", {"question": Q14, "name": "白紙から"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return CodingProject.objects.get(name="白紙から")


def texts(position: int, project: CodingProject) -> AnswerItem:
    return AnswerItem.objects.get(project=project, position=position)


def written(project: CodingProject) -> list[int]:
    """Positions of the answers with text, in order."""
    return list(
        project.answers.exclude(text="").order_by("position").values_list("position", flat=True)
    )


def code(client, project: CodingProject, position: int, codes=(), memo="", **extra):  # type: ignore[no-untyped-def]
    data = {"code": list(codes), "memo": memo, **extra}
    return client.post(f"/coding/{project.token}/answer/{position}/", data, follow=True)


def mine(project: CodingProject, position: int, user) -> set[str]:  # type: ignore[no-untyped-def]
    return set(
        AppliedCode.objects.filter(
            answer__project=project, answer__position=position, coder=user
        ).values_list("category__value", flat=True)
    )


def page_text(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_a_project_starts_without_a_codebook_from_a_file_or_a_survey(world: World) -> None:
    response = client_for(world.analyst).post(
        "/coding/new/",
        {
            "team": world.team_a.pk,
            "name": "ファイルから",
            "question": Q14,
            "answers": SimpleUploadedFile("answers.csv", answers_csv(Q14)),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from_file = CodingProject.objects.get(name="ファイルから")
    assert from_file.categories.count() == 0 and from_file.answers.count() == 307
    project = bare_project(world)
    assert project.categories.count() == 0
    first = written(project)[0]
    page = page_text(client_for(world.analyst).get(f"/coding/{project.token}/answer/{first}/"))
    assert "まだコードがありません" in page and 'name="new_code"' in page


@pytest.mark.django_db
def test_codes_are_made_inline_and_refused_by_the_codebook_rules(world: World) -> None:
    project = bare_project(world)
    client = client_for(world.analyst)
    first, second = written(project)[:2]
    page = page_text(code(client, project, first, new_code="連携不足", memo="最初"))
    assert "コード「連携不足」を作って付けました" in page
    made = Category.objects.get(project=project, value="連携不足")
    assert made.label == "連携不足" and made.parent == ""
    assert mine(project, first, world.analyst) == {"連携不足"}
    # a child, given together with a ticked code
    code(client, project, second, ["連携不足"], new_code="担当者交代", new_parent="連携不足")
    assert Category.objects.get(project=project, value="担当者交代").parent == "連携不足"
    assert mine(project, second, world.analyst) == {"連携不足", "担当者交代"}
    assert list(CodeChange.objects.filter(project=project).values_list("kind", "after")) == [
        ("add", "担当者交代"),
        ("add", "連携不足"),
    ]
    # refusals: the core's code_problem and a duplicate; nothing written
    for new, parent, said in [
        ("-", "", "「読んだがコードなし」の印なので使えません"),
        ("住まい", "ない親", "上位コード 'ない親' はコードブックにありません"),
        ("連携不足", "", "すでにコードブックにあります"),
    ]:
        page = page_text(code(client, project, second, new_code=new, new_parent=parent))
        assert said in page, said
        assert mine(project, second, world.analyst) == {"連携不足", "担当者交代"}
    assert project.categories.count() == 2
    # too long for a code: the form says so, nothing is made
    page = page_text(code(client, project, second, new_code="長" * 101))
    assert "新しいコード" in page and project.categories.count() == 2


@pytest.mark.django_db
def test_undo_puts_back_the_last_coding_action_only(world: World) -> None:
    project = bare_project(world)
    client = client_for(world.analyst)
    first, second = written(project)[:2]
    code(client, project, first, new_code="A")
    code(client, project, first, new_code="B")  # A not ticked: B alone
    assert mine(project, first, world.analyst) == {"B"}
    code(client, project, first, ["A", "B"], memo="両方")
    answers_page = page_text(client.get(f"/coding/{project.token}/"))
    assert f"取り消せる操作: 回答 #{first} へのコード付け" in answers_page
    page = page_text(client.post(f"/coding/{project.token}/undo/", follow=True))
    assert f"回答 #{first} への操作を取り消しました" in page
    assert mine(project, first, world.analyst) == {"B"}
    assert Review.objects.get(answer__position=first, answer__project=project).memo == ""
    # a stack of one: nothing more to undo
    page = page_text(client.post(f"/coding/{project.token}/undo/", follow=True))
    assert "取り消せる操作はありません" in page and mine(project, first, world.analyst) == {"B"}
    # undoing a first reading leaves the answer unread again
    code(client, project, second, ["A"])
    client.post(f"/coding/{project.token}/undo/")
    assert not Review.objects.filter(answer__project=project, answer__position=second).exists()
    # each coder undoes only their own
    owner = client_for(world.owner)
    code(owner, project, first, ["A"])
    client.post(f"/coding/{project.token}/undo/")
    assert mine(project, first, world.owner) == {"A"}
    kinds = Counter(CodeChange.objects.filter(project=project).values_list("kind", flat=True))
    assert kinds["undo"] == 2


@pytest.mark.django_db
def test_a_coded_answer_moves_to_another_code_and_back(world: World) -> None:
    project = bare_project(world)
    client = client_for(world.analyst)
    first, second = written(project)[:2]
    code(client, project, first, new_code="A")
    code(client, project, second, ["A"], new_code="B")
    listing = page_text(client.get(f"/coding/{project.token}/", {"code": "A"}))
    assert "「A」から移す先" in listing
    url = f"/coding/{project.token}/answer/{first}/move/"
    page = page_text(client.post(url, {"source": "A", "target": "B"}, follow=True))
    assert f"回答 #{first} を別のコードへ移しました" in page
    assert mine(project, first, world.analyst) == {"B"}
    assert f"取り消せる操作: 回答 #{first} への別のコードへの移動" in page
    client.post(f"/coding/{project.token}/undo/")
    assert mine(project, first, world.analyst) == {"A"}
    # onto a code the answer has already: the two become one
    client.post(f"/coding/{project.token}/answer/{second}/move/", {"source": "A", "target": "B"})
    assert mine(project, second, world.analyst) == {"B"}
    for data, said in [
        ({"source": "A", "target": "A"}, "別のコードを選んでください"),
        ({"source": "B", "target": "A"}, "付いていません"),
        ({"source": "A", "target": "ない"}, "コードブックにないコードです"),
        ({"source": "A"}, "移動先のコード"),
    ]:
        page = page_text(client.post(url, data, follow=True))
        assert said in page, said
    assert mine(project, first, world.analyst) == {"A"}
    move = CodeChange.objects.filter(project=project, kind="move").first()
    assert move is not None and (move.before, move.after, move.count) == ("A", "B", 1)


@pytest.mark.django_db
def test_rename_and_merge_follow_every_coding_and_are_audited(world: World) -> None:
    project = create(world)  # the built-in Table 14 codebook
    positions = written(project)
    a, b = project.categories.all()[:2]
    analyst, owner = client_for(world.analyst), client_for(world.owner)
    for i, position in enumerate(positions[:6]):
        code(analyst, project, position, [a.value] if i % 2 else [a.value, b.value])
        code(owner, project, position, [b.value])
    answer = texts(positions[0], project)
    Decision.objects.create(answer=answer).categories.set([b])
    Category.objects.create(project=project, position=50, value="child", label="子", parent=b.value)
    # the hand count: (answer, coder) pairs holding a or b, which the merge keeps once each
    pairs = set(
        AppliedCode.objects.filter(category__in=[a, b]).values_list("answer_id", "coder_id")
    )
    book = f"/coding/{project.token}/codebook/"
    page = page_text(
        analyst.post(f"{book}{b.pk}/rename/", {"value": "b2", "label": "改名"}, follow=True)
    )
    assert "名前を「改名」に変えました" in page
    b.refresh_from_db()
    assert (b.value, b.label) == ("b2", "改名")
    assert Category.objects.get(project=project, value="child").parent == "b2"
    assert AppliedCode.objects.filter(category=b).count() == 3 + 6
    page = page_text(analyst.post(f"{book}{b.pk}/merge/", {"into": a.pk}, follow=True))
    assert "統合しました（9 件のコード付けが統合先に移りました）" in page
    assert not Category.objects.filter(pk=b.pk).exists()
    assert set(AppliedCode.objects.filter(category=a).values_list("answer_id", "coder_id")) == pairs
    assert AppliedCode.objects.filter(category=a).count() == len(pairs)
    assert list(Decision.objects.get(answer=answer).categories.all()) == [a]
    assert Category.objects.get(project=project, value="child").parent == a.value
    log = list(
        CodeChange.objects.filter(project=project).values_list("kind", "before", "after", "count")
    )
    assert log[0] == ("merge", "改名 (b2)", f"{a.label} ({a.value})", 9)
    assert log[1][0] == "rename" and log[1][2] == "改名 (b2)" and log[1][3] == 9
    page = page_text(analyst.get(book))
    assert "コードの変更の記録" in page and "改名 (b2)" in page
    html = analyst.get(book).content.decode()  # the log stands once, in the page's body
    assert html.count('id="code-changes"') == 1
    assert "<section" not in html[: html.index("</head>")]


@pytest.mark.django_db
def test_rename_and_merge_refusals(world: World) -> None:
    project = create(world)
    a, b, c = project.categories.all()[:3]
    project.rules = f"*{a.value}\n連携\n"
    project.save()
    client = client_for(world.analyst)
    book = f"/coding/{project.token}/codebook/"
    cases = [
        (
            f"{book}{a.pk}/rename/",
            {"value": "new", "label": "x"},
            "コーディングルールに使われている",
        ),
        (f"{book}{b.pk}/rename/", {"value": c.value, "label": "x"}, "すでにコードブックにあります"),
        (f"{book}{b.pk}/rename/", {"value": "-", "label": "x"}, "「読んだがコードなし」の印"),
        (f"{book}{b.pk}/rename/", {"value": "x"}, "カテゴリー名"),
        (f"{book}{a.pk}/merge/", {"into": b.pk}, "コーディングルールに使われている"),
        (f"{book}{b.pk}/merge/", {"into": b.pk}, "同じコードには統合できません"),
        (f"{book}{b.pk}/merge/", {"into": "abc"}, "統合先"),
    ]
    for url, data, said in cases:
        assert said in page_text(client.post(url, data, follow=True)), said
    # the label of a code the rules use may change
    client.post(f"{book}{a.pk}/rename/", {"value": a.value, "label": "新しい名前"})
    assert Category.objects.get(pk=a.pk).label == "新しい名前"
    # another project's category is not this project's
    other = bare_project(world)
    stranger = Category.objects.create(project=other, position=1, value="z", label="z")
    page = page_text(client.post(f"{book}{b.pk}/merge/", {"into": stranger.pk}, follow=True))
    assert "このカテゴリーはもうありません" in page
    assert Category.objects.filter(pk=b.pk).exists() and project.categories.count() == 7


@pytest.mark.django_db
def test_new_urls_by_role_and_team(world: World) -> None:
    project = create(world)
    a, b = project.categories.all()[:2]
    t = project.token
    posts = {
        f"/coding/{t}/codebook/{a.pk}/rename/": {"value": "x", "label": "x"},
        f"/coding/{t}/codebook/{a.pk}/merge/": {"into": b.pk},
        f"/coding/{t}/answer/1/move/": {"source": a.value, "target": b.value},
        f"/coding/{t}/undo/": {},
        f"/coding/{t}/answer/1/": {"new_code": "x"},
    }
    for url, data in posts.items():
        assert client_for(world.outsider).post(url, data).status_code == 404, url
        assert client_for(world.viewer).post(url, data).status_code == 403, url
        assert client_for(world.analyst).get(url).status_code in (405, 200), url
    assert project.categories.count() == 7 and not CodeChange.objects.exists()
    assert client_for(world.analyst).post(f"/coding/{t}/answer/99999/move/", {}).status_code == 404


@pytest.mark.django_db
def test_templates_download_and_read_back(world: World) -> None:
    viewer = client_for(world.viewer)
    readers = {
        "codebook.csv": lambda text: parse_codebook(text, "q").codes,
        "answers.csv": parse_answers,
        "codings.csv": parse_codings,
    }
    for kind, read in readers.items():
        response = viewer.get(f"/coding/template/{kind}")
        assert response.status_code == 200 and response["Content-Type"] == "text/csv"
        assert len(read(response.content.decode("utf-8-sig"))) == 2
    assert viewer.get("/coding/template/x.csv").status_code == 404
    from django.test import Client

    assert Client().get("/coding/template/codebook.csv").status_code == 302  # sign in first
    page = page_text(client_for(world.analyst).get("/coding/new/"))
    assert "/coding/template/answers.csv" in page and "/coding/template/codebook.csv" in page
    assert "response_id" in page and "回答 CSV の形式" in page
    survey = example_survey(world)
    page = page_text(client_for(world.analyst).get(f"/coding/from-survey/{survey.token}/"))
    assert "/coding/template/codebook.csv" in page and "コードブック CSV の形式" in page


@pytest.mark.django_db
def test_a_lone_coder_sees_results_without_the_comparison(world: World) -> None:
    project = bare_project(world)
    client = client_for(world.analyst)
    positions = written(project)[:5]
    code(client, project, positions[0], new_code="A")
    code(client, project, positions[1], new_code="B")
    for p in positions[2:4]:
        code(client, project, p, ["A", "B"])
    code(client, project, positions[4], [])  # read, no code
    page = page_text(client.get(f"/coding/{project.token}/results/"))
    assert 'id="coded-table"' in page and "コーダーが 1 人なので" in page
    body = page.split('id="coded-table"')[1].split("</tbody>")[0]
    # by hand: A on 3 answers, B on 3; the base is every description (61 answers with text)
    assert 'data-code="A"><td><a' in body
    assert [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', body)] == [3, 3]
    assert f"記述数 n = {len(written(project))}" in page and len(written(project)) == 61
    assert "属性別" in page  # the survey's choice answers as attributes
    assert "まだ誰も読んでいない回答が 56 件あります" in page  # 61 descriptions, 5 read
    assert client.get(f"/coding/{project.token}/download/final-codings.csv").status_code == 200
    # a second coder: hidden until the comparison starts
    code(client_for(world.owner), project, positions[0], ["B"])
    page = page_text(client.get(f"/coding/{project.token}/results/"))
    assert 'id="coded-table"' not in page and "コーダーが 2 人以上いるため" in page
    assert client.get(f"/coding/{project.token}/download/final-codings.csv").status_code == 404
    client.post(f"/coding/{project.token}/compare/", {"reveal": "1"})
    assert 'id="coded-table"' in page_text(client.get(f"/coding/{project.token}/results/"))


@pytest.mark.django_db
def test_a_coder_added_on_the_coders_page_codes_and_undoes(world: World) -> None:
    from django.contrib.auth import get_user_model

    from teichaku.web.accounts.models import Membership, Role

    project = bare_project(world)
    person = get_user_model().objects.create_user(username="cod", password=None)
    Membership.objects.create(team=world.team_a, user=person, role=Role.CODER)
    coder = client_for(person)
    first = written(project)[0]
    assert code(coder, project, first, new_code="A").status_code == 403
    coders = f"/coding/{project.token}/coders/"
    page = page_text(client_for(world.owner).get(coders))
    assert "コーダーに加える" in page and f"/accounts/teams/{world.team_a.token}/" in page
    client_for(world.owner).post(coders, {"user": person.pk, "do": "add"})
    assert "白紙から" in page_text(coder.get("/coding/"))
    assert coders not in page_text(coder.get(f"/coding/{project.token}/"))  # no tab
    assert coders in page_text(client_for(world.owner).get(f"/coding/{project.token}/"))
    code(coder, project, first, new_code="A")
    assert mine(project, first, person) == {"A"}
    coder.post(f"/coding/{project.token}/undo/")
    assert mine(project, first, person) == set()
    client_for(world.owner).post(coders, {"user": person.pk, "do": "remove"})
    assert coder.post(f"/coding/{project.token}/undo/").status_code == 403


@pytest.mark.django_db
def test_undo_after_a_merge_puts_back_the_merged_code(world: World) -> None:
    project = create(world)
    a, b = project.categories.all()[:2]
    client = client_for(world.analyst)
    first = written(project)[0]
    code(client, project, first, [b.value], memo="前")
    code(client, project, first, [], memo="後")  # the step to undo: it had b
    client.post(f"/coding/{project.token}/codebook/{b.pk}/merge/", {"into": a.pk})
    client.post(f"/coding/{project.token}/undo/")
    assert mine(project, first, world.analyst) == {a.value}
    assert Review.objects.get(answer__project=project, answer__position=first).memo == "前"
