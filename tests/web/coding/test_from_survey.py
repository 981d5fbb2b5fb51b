"""A coding project made from a survey's text question: the answers of the stored
submissions, the survey's choice answers as attributes, team and role scoping."""

from __future__ import annotations

import pytest

from teichaku.instrument import load_instrument
from teichaku.web.coding.models import AnswerItem, CodingProject
from teichaku.web.surveys import imports
from teichaku.web.surveys import services as surveys
from teichaku.web.surveys.models import Survey

from .conftest import EXAMPLE, World, client_for, codings_csv, example_answers
from .test_coding_views import TABLE_14, table_counts, upload_codings

Q14 = "other_org_users_text"


def example_survey(world: World) -> Survey:
    survey = surveys.create_survey(world.team_a, None, builtin="retention-challenges-2024")
    path = EXAMPLE / "responses.csv"
    imports.import_answers(survey, path.read_bytes(), path.name)
    return survey


def post(user, survey: Survey, **extra: str):  # type: ignore[no-untyped-def]
    data = {"question": Q14, "name": "アンケートから", "builtin_codebook": Q14, **extra}
    return client_for(user).post(f"/coding/from-survey/{survey.token}/", data)


@pytest.mark.django_db
def test_desk_links_to_coding_for_analysts_only(world: World) -> None:
    survey = example_survey(world)
    link = f"/coding/from-survey/{survey.token}/"
    assert link in client_for(world.analyst).get(f"/desk/{survey.token}/").content.decode()
    assert link not in client_for(world.viewer).get(f"/desk/{survey.token}/").content.decode()
    page = client_for(world.analyst).get(link).content.decode()
    assert "other_org_users_text" in page and "self_plan_text" in page
    assert "affiliation" not in page.split("<form")[1].split("</form>")[0]  # not a text question


@pytest.mark.django_db
def test_project_from_survey_has_every_answer_and_the_choice_attributes(world: World) -> None:
    survey = example_survey(world)
    response = post(world.analyst, survey)
    assert response.status_code == 302, response.content.decode()[:2000]
    project = CodingProject.objects.get(name="アンケートから")
    assert project.survey == survey and project.team == world.team_a
    assert project.question == Q14
    form = load_instrument("retention-challenges-2024")
    assert project.question_label == form.question(Q14).label
    # An independent path: the example CSV read by the core's record reader.
    expected = {a.response_id: a for a in example_answers() if a.question == Q14}
    stored = {a.response_id: a for a in AnswerItem.objects.filter(project=project)}
    assert set(stored) == set(expected)
    assert sum(1 for a in stored.values() if a.text) == 61
    for rid, answer in stored.items():
        assert answer.text == expected[rid].text
        for name in ("affiliation", "operating_body"):
            assert answer.attributes[name] == expected[rid].attributes[name]
    names = set(next(iter(stored.values())).attributes)
    assert names == {
        "affiliation",
        "operating_body",
        "role",
        "monitoring_methods",
        "other_org_users_challenge",
    }
    # The survey's answers code to Table 14 like the CSV path.
    token = project.token
    upload_codings(world.analyst, project, codings_csv(Q14))
    client_for(world.owner).post(f"/coding/{token}/compare/", {"reveal": "1"})
    results = client_for(world.viewer).get(f"/coding/{token}/results/").content.decode()
    assert table_counts(results) == TABLE_14
    # An attribute from the survey filters the list.
    html = (
        client_for(world.analyst)
        .get(f"/coding/{token}/", {"attr": "operating_body", "value": "社会福祉法人"})
        .content.decode()
    )
    with_body = [a for a in expected.values() if a.text]
    wanted = sum(1 for a in with_body if a.attributes["operating_body"] == "社会福祉法人")
    assert wanted > 0 and f"{wanted} 件" in html
    # The attributes read by the survey's question labels, in the table and in the filter.
    head = html.split("<thead>")[1].split("</thead>")[0]
    assert "事業所の設置法人" in head and "operating_body" not in head
    assert '<option value="operating_body" selected>事業所の設置法人</option>' in html
    results = client_for(world.viewer).get(f"/coding/{token}/results/").content.decode()
    assert '<option value="affiliation" selected>所属</option>' in results
    assert '<th scope="col">所属</th>' in results
    first = project.answers.exclude(text="").order_by("position").first()
    assert first is not None
    code_page = client_for(world.analyst).get(f"/coding/{token}/answer/{first.position}/")
    assert "<dt>事業所の設置法人</dt>" in code_page.content.decode()


@pytest.mark.django_db
def test_other_team_gets_404_viewer_403_and_nothing_is_written(world: World) -> None:
    survey = example_survey(world)
    url = f"/coding/from-survey/{survey.token}/"
    assert client_for(world.outsider).get(url).status_code == 404
    assert post(world.outsider, survey).status_code == 404
    assert client_for(world.viewer).get(url).status_code == 403
    assert post(world.viewer, survey).status_code == 403
    assert not CodingProject.objects.exists()
    # A question that is not a text question is refused by the form, in Japanese.
    response = post(world.analyst, survey, question="affiliation")
    assert response.status_code == 200
    assert "正しく選択してください" in response.content.decode()
    assert not CodingProject.objects.exists()
    # The outsider's own team sees no trace of team A's project.
    post(world.analyst, survey)
    assert "アンケートから" not in client_for(world.outsider).get("/coding/").content.decode()


@pytest.mark.django_db
def test_survey_without_answers_is_a_clear_error(world: World) -> None:
    survey = surveys.create_survey(world.team_a, None, builtin="retention-challenges-2024")
    response = post(world.analyst, survey)
    assert response.status_code == 200
    assert "このアンケートにはまだ回答がありません" in response.content.decode()
    assert not CodingProject.objects.exists()
