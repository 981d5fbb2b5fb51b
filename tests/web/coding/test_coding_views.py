"""The coding pages with Django's test client: access by role and team, the workflow from
import to results, blind coding, adjudication and downloads."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import etree
from through_jobs import post_through_job  # tests/web is on sys.path

from teichaku.coding.refi_qda import project_from_qdpx
from teichaku.web.coding.models import AnswerItem, CodingProject

from .conftest import World, answers_csv, client_for, codings_csv

Q14 = "other_org_users_text"
TABLE_14 = [19, 16, 10, 4, 4, 4, 5]
SCHEMAS = Path(__file__).resolve().parents[2] / "fixtures" / "coding" / "refi-qda"


def create(world: World, question: str = Q14) -> CodingProject:
    response = client_for(world.analyst).post(
        "/coding/new/",
        {
            "team": world.team_a.pk,
            "name": "表14",
            "question": question,
            "question_label": "他法人の利用者",
            "builtin_codebook": question,
            "answers": SimpleUploadedFile("answers.csv", answers_csv(question)),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return CodingProject.objects.get(name="表14")


def upload_codings(world_user, project: CodingProject, data: bytes):  # type: ignore[no-untyped-def]
    """The import's job runs here (no broker); its page is returned."""
    return post_through_job(
        client_for(world_user),
        f"/coding/{project.token}/import-codings/",
        {"file": SimpleUploadedFile("codings.csv", data)},
    )


def table_counts(html: str) -> list[int]:
    body = html.split('id="coded-table"')[1].split("</tbody>")[0]
    return [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', body)]


@pytest.mark.django_db
def test_outsider_gets_404_and_viewer_cannot_code(world: World) -> None:
    project = create(world)
    token = project.token
    for path in ("", "codebook/", "compare/", "results/", "answer/1/", "download/codebook.csv"):
        assert client_for(world.outsider).get(f"/coding/{token}/{path}").status_code == 404
    viewer = client_for(world.viewer)
    assert viewer.get(f"/coding/{token}/").status_code == 200
    assert viewer.get(f"/coding/{token}/answer/1/").status_code == 403
    assert viewer.post(f"/coding/{token}/compare/", {"reveal": "1"}).status_code == 403
    assert client_for(world.viewer).get("/coding/new/").status_code == 404
    assert "表14" not in client_for(world.outsider).get("/coding/").content.decode()


@pytest.mark.django_db
def test_bad_files_are_refused_in_japanese_and_nothing_is_written(world: World) -> None:
    client = client_for(world.analyst)
    response = client.post(
        "/coding/new/",
        {
            "team": world.team_a.pk,
            "name": "x",
            "question": "no_such_question",
            "builtin_codebook": Q14,
            "answers": SimpleUploadedFile("answers.csv", answers_csv(Q14)),
        },
    )
    assert "回答がありません" in response.content.decode()
    assert not CodingProject.objects.exists()
    project = create(world)
    bad = (
        codings_csv(Q14)
        + b"R999,other_org_users_text,collaboration\nR008,other_org_users_text,zzz\n"
    )
    page = upload_codings(world.analyst, project, bad).content.decode()
    assert "R999" in page and "&#x27;zzz&#x27;" in page
    assert not project.answers.filter(applied__isnull=False).exists()


@pytest.mark.django_db
def test_whole_workflow_gives_table_14(world: World) -> None:
    project = create(world)
    token = project.token
    page = upload_codings(world.analyst, project, codings_csv(Q14)).content.decode()
    assert "61 件の回答のコーディングを取り込みました" in page
    # The owner codes three answers: two as the analyst did, one differently.
    owner = client_for(world.owner)
    coded = list(AnswerItem.objects.filter(project=project, applied__isnull=False).distinct()[:3])
    analyst_codes = {
        a.pk: sorted(a.applied.values_list("category__value", flat=True)) for a in coded
    }
    blind = owner.get(f"/coding/{token}/answer/{coded[0].position}/").content.decode()
    assert "checked" not in blind  # the analyst's codes are not shown to the owner
    for a in coded[:2]:
        owner.post(
            f"/coding/{token}/answer/{a.position}/", {"code": analyst_codes[a.pk], "memo": ""}
        )
    other = "other" if "other" not in analyst_codes[coded[2].pk] else "matching"
    owner.post(f"/coding/{token}/answer/{coded[2].position}/", {"code": [other], "memo": "要確認"})
    assert "比較を始めた後" in owner.get(f"/coding/{token}/results/").content.decode()
    owner.post(f"/coding/{token}/compare/", {"reveal": "1"})
    compare = owner.get(f"/coding/{token}/compare/").content.decode()
    assert "不一致 1 件（未決定 1 件）" in compare
    assert "Krippendorff" in compare
    results = owner.get(f"/coding/{token}/results/").content.decode()
    assert "未決定の回答が 1 件" in results
    owner.post(
        f"/coding/{token}/compare/", {"answer": coded[2].pk, "code": analyst_codes[coded[2].pk]}
    )
    results = client_for(world.viewer).get(f"/coding/{token}/results/").content.decode()
    assert "未決定" not in results
    assert table_counts(results)[:7] == TABLE_14
    assert "記述数 n = 61" in results
    # Click-through from a category to its answers.
    listed = owner.get(f"/coding/{token}/?code=collaboration&final=1").content.decode()
    assert "19 件" in listed
    matrix = owner.get(f"/coding/{token}/download/matrix.csv").content.decode("utf-8-sig")
    assert len(matrix.splitlines()) == 62
    qdpx = owner.get(f"/coding/{token}/download/project.qdpx").content
    qde = etree.fromstring(zipfile.ZipFile(io.BytesIO(qdpx)).read("project.qde"))
    assert etree.XMLSchema(etree.parse(str(SCHEMAS / "Project-mrt2019.xsd"))).validate(qde)
    back = project_from_qdpx(qdpx)
    assert {c.coder for c in back.codings} == {"analyst", "owner", "final"}
    assert (coded[2].response_id, Q14, "owner") in back.memos


@pytest.mark.django_db
def test_search_is_normalised_and_filters_combine(world: World) -> None:
    project = create(world)
    client = client_for(world.analyst)
    upload_codings(world.analyst, project, codings_csv(Q14))
    half_width = client.get(f"/coding/{project.token}/", {"q": "ﾏｯﾁﾝｸﾞ"}).content.decode()
    assert "マッチング" in half_width
    uncoded = client.get(f"/coding/{project.token}/", {"uncoded": "1"}).content.decode()
    assert "0 件" in uncoded


@pytest.mark.django_db
def test_suggestions_show_why_and_quality_is_measured(world: World) -> None:
    project = create(world)
    client = client_for(world.analyst)
    upload_codings(world.analyst, project, codings_csv(Q14))
    client.post(f"/coding/{project.token}/codebook/rules/", {"rules": "*matching\nマッチング\n"})
    target = AnswerItem.objects.filter(project=project, text__contains="マッチング").first()
    assert target is not None
    page = client.get(f"/coding/{project.token}/answer/{target.position}/").content.decode()
    assert "ルール「マッチング」（一致: マッチング）" in page
    client.post(f"/coding/{project.token}/codebook/rules/", {"rules": ""})
    page = client.get(f"/coding/{project.token}/answer/{target.position}/").content.decode()
    assert "学習: " in page and "ルール" not in page.split("候補（")[1]
    quality = client.get(f"/coding/{project.token}/suggestions/").content.decode()
    assert "適合率" in quality and "交差検証" in quality
    bad = client.post(
        f"/coding/{project.token}/codebook/rules/", {"rules": "*nope\nx\n"}
    ).content.decode()
    assert "コードブックにないコード" in bad
