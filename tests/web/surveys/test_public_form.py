"""The respondent's form: consent, pages, server-side checks, storing once, guards."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from teichaku.web.surveys import services
from teichaku.web.surveys.models import FormToken, Submission, Survey

from .conftest import World, full_answer
from .helpers import answer_all, begin, form_token, page_index


def test_consent_page_shows_the_ethics_statement(world: World, client: Client) -> None:
    response = client.get(f"/s/{world.survey.token}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "高松大学研究倫理審査（高大倫審 2023001）" in html
    assert "同意して回答を始める" in html
    assert "IPアドレス" in html


def test_first_page_is_fieldsets_with_legends_and_progress(world: World, client: Client) -> None:
    html = begin(client, world.survey).content.decode()
    assert "1 / 3 ページ" in html and '<progress max="3" value="1"' in html
    assert html.count("<fieldset") == 3  # affiliation, operating body, role
    assert '<legend>所属<span class="required">（必須）</span></legend>' in html
    assert 'type="checkbox" id="f-affiliation"' in html


def test_likert_items_are_one_radio_group_each(world: World, client: Client) -> None:
    response = begin(client, world.survey)
    token = form_token(response)
    response = client.post(
        f"/s/{world.survey.token}/answer/",
        {**full_answer(), "form_token": token, "page": 0, "nav": "next"},
    )
    html = response.content.decode()
    assert "2 / 3 ページ" in html
    assert html.count('<fieldset class="question likert"') == 12
    assert "「１：全く課題でない」から「７：非常に課題である」" in html
    assert "<table" not in html  # never a matrix


def test_errors_are_in_japanese_next_to_fields_and_summarised(world: World, client: Client) -> None:
    response = begin(client, world.survey)
    response = client.post(
        f"/s/{world.survey.token}/answer/",
        {"form_token": form_token(response), "page": 0, "nav": "next", "a-operating_body": "x"},
    )
    html = response.content.decode()
    assert page_index(response) == 0
    assert 'id="error-summary"' in html
    assert '<a href="#f-affiliation">「所属」は必須です。回答を選ぶか入力してください。</a>' in html
    assert '<a href="#f-operating_body">「事業所の設置法人」の選択肢にない値です（x）。</a>' in html
    assert 'id="f-affiliation-error"' in html
    assert Submission.objects.count() == 0


def test_a_whole_answer_is_stored_once_then_thanks(world: World, client: Client) -> None:
    response, token = answer_all(client, world.survey, full_answer())
    assert response.status_code == 303
    assert response.headers["Location"] == f"/s/{world.survey.token}/thanks/"
    stored = Submission.objects.get(survey=world.survey)
    assert stored.answers["affiliation"] == ["retention_support", "transition_support"]
    assert stored.answers["q01_securing_users"] == "7"
    assert stored.other_texts == {"monitoring_methods": "家族との連絡"}
    assert stored.origin == "web"
    assert (
        "ご回答ありがとうございました" in client.get(response.headers["Location"]).content.decode()
    )
    # Replaying the last post stores nothing new.
    replay = client.post(
        f"/s/{world.survey.token}/answer/",
        {**full_answer(), "form_token": token, "page": 2, "nav": "next"},
    )
    assert replay.status_code == 409
    assert Submission.objects.filter(survey=world.survey).count() == 1


def test_no_address_or_user_agent_is_stored(world: World, client: Client) -> None:
    answer_all(client, world.survey, full_answer(), HTTP_USER_AGENT="Secret-UA/1.0")  # type: ignore[arg-type]
    fields = {f.name for f in Submission._meta.get_fields()}
    assert not fields & {"ip", "ip_address", "remote_addr", "user_agent"}
    stored = Submission.objects.get(survey=world.survey)
    dumped = str(stored.answers) + str(stored.other_texts)
    assert "127.0.0.1" not in dumped and "Secret-UA" not in dumped


def test_back_keeps_answers(world: World, client: Client) -> None:
    response = begin(client, world.survey)
    token = form_token(response)
    response = client.post(
        f"/s/{world.survey.token}/answer/",
        {**full_answer(), "form_token": token, "page": 0, "nav": "next"},
    )
    response = client.post(
        f"/s/{world.survey.token}/answer/",
        {**full_answer(), "form_token": token, "page": 1, "nav": "back"},
    )
    html = response.content.decode()
    assert page_index(response) == 0
    assert 'value="npo" checked' in html


def test_closed_and_out_of_dates_survey_refuses(world: World, client: Client) -> None:
    services.set_open(world.survey, False)
    assert client.get(f"/s/{world.survey.token}/").status_code == 410
    services.set_open(world.survey, True)
    world.survey.closes_at = timezone.now() - dt.timedelta(minutes=1)
    world.survey.save()
    assert client.get(f"/s/{world.survey.token}/").status_code == 410
    world.survey.closes_at = None
    world.survey.opens_at = timezone.now() + dt.timedelta(days=1)
    world.survey.save()
    assert client.get(f"/s/{world.survey.token}/").status_code == 410


def test_closing_while_answering_stores_nothing(world: World, client: Client) -> None:
    response = begin(client, world.survey)
    token = form_token(response)
    services.set_open(world.survey, False)
    response = client.post(
        f"/s/{world.survey.token}/answer/",
        {**full_answer(), "form_token": token, "page": 2, "nav": "next"},
    )
    assert response.status_code == 410
    assert Submission.objects.count() == 0


def test_unknown_and_expired_form_tokens_store_nothing(world: World, client: Client) -> None:
    data = {**full_answer(), "page": 2, "nav": "next"}
    assert (
        client.post(
            f"/s/{world.survey.token}/answer/", {**data, "form_token": "forged"}
        ).status_code
        == 409
    )
    response = begin(client, world.survey)
    token = form_token(response)
    FormToken.objects.update(created_at=timezone.now() - dt.timedelta(days=3))
    assert (
        client.post(f"/s/{world.survey.token}/answer/", {**data, "form_token": token}).status_code
        == 409
    )
    assert Submission.objects.count() == 0


def test_the_last_page_shows_its_own_errors_first_then_an_earlier_pages(
    world: World, client: Client
) -> None:
    token = form_token(begin(client, world.survey))
    url = f"/s/{world.survey.token}/answer/"
    last = {"form_token": token, "page": 2, "nav": "next"}
    # An error on the last page and a required answer of the first missing: the last page.
    both = {**full_answer(), **last, "a-operating_body": "", "a-other_org_users_challenge": "x"}
    response = client.post(url, both)
    html = response.content.decode()
    assert page_index(response) == 2
    assert 'href="#f-other_org_users_challenge"' in html and 'href="#f-operating_body"' not in html
    # The last page right, the first page's required answer missing: back to the first page.
    response = client.post(url, {**full_answer(), **last, "a-operating_body": ""})
    html = response.content.decode()
    assert page_index(response) == 0
    assert '<a href="#f-operating_body">「事業所の設置法人」は必須です。' in html
    assert Submission.objects.count() == 0
    # Both right: stored once.
    assert client.post(url, {**full_answer(), **last}).status_code == 303
    assert Submission.objects.count() == 1


def test_unknown_survey_is_404(db: None, client: Client) -> None:
    assert client.get("/s/not-a-survey/").status_code == 404


def test_invitation_code_allows_one_answer(world: World) -> None:
    world.survey.invitation_only = True
    world.survey.save()
    (code,) = services.issue_invitations(world.survey, 1)
    client = Client()
    refused = client.post(f"/s/{world.survey.token}/", {"consent": "yes", "code": "WRONG"})
    assert "招待コードが正しくないか" in refused.content.decode()
    response, _ = answer_all(client, world.survey, full_answer(), code=code)
    assert response.status_code == 303
    again = Client().post(f"/s/{world.survey.token}/", {"consent": "yes", "code": code})
    assert "招待コードが正しくないか" in again.content.decode()
    assert Submission.objects.filter(survey=world.survey).count() == 1
    assert code not in str(list(world.survey.invitations.values_list("digest", flat=True)))


def test_two_forms_racing_with_one_invitation_code_store_one(world: World) -> None:
    world.survey.invitation_only = True
    world.survey.save()
    (code,) = services.issue_invitations(world.survey, 1)
    first, second = Client(), Client()
    r1, r2 = begin(first, world.survey, code=code), begin(second, world.survey, code=code)
    outcomes = []
    for client, response in ((first, r1), (second, r2)):
        final = client.post(
            f"/s/{world.survey.token}/answer/",
            {
                **full_answer(),
                "form_token": form_token(response),
                "page": 2,
                "nav": "next",
                "code": code,
            },
        )
        outcomes.append(final.status_code)
    assert outcomes == [303, 409]
    assert Submission.objects.filter(survey=world.survey).count() == 1


@override_settings(TEICHAKU_FORM_RATE="3/60")
def test_rate_limit_per_client(world: World, client: Client) -> None:
    statuses = [
        client.post(f"/s/{world.survey.token}/", {"consent": "yes"}).status_code for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(f"/s/{world.survey.token}/", {"consent": "yes"}).status_code == 200
    from teichaku.web.surveys.models import RateCounter

    assert all(
        "10.0.0.9" not in c and "127.0.0.1" not in c
        for c in RateCounter.objects.values_list("client", flat=True)
    )


def test_csrf_is_enforced(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post(f"/s/{world.survey.token}/", {"consent": "yes"}).status_code == 403


def test_english_form(world: World, client: Client) -> None:
    response = client.post(
        f"/s/{world.survey.token}/", {"consent": "yes"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert "Affiliation" in html and "Employment retention support office" in html


@pytest.mark.parametrize("page", ["0", "-3", "99", "x"])
def test_tampered_page_numbers_are_clamped(world: World, client: Client, page: str) -> None:
    response = begin(client, world.survey)
    response = client.post(
        f"/s/{world.survey.token}/answer/",
        {"form_token": form_token(response), "page": page, "nav": "next"},
    )
    assert response.status_code == 200


def test_english_errors_and_progress(world: World, client: Client) -> None:
    response = client.post(
        f"/s/{world.survey.token}/", {"consent": "yes"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    response = client.post(
        f"/s/{world.survey.token}/answer/",
        {"form_token": form_token(response), "page": 0, "nav": "next"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = response.content.decode()
    assert "Page 1 of 3" in html and "There is a problem" in html
    assert "“Affiliation” is required. Choose or enter an answer." in html


def _skip_survey(world: World) -> Survey:
    from teichaku.web.surveys import services

    from .skip_form import SKIP_FORM

    return services.create_survey(world.team_a, world.owner, upload=(SKIP_FORM.encode(), "skip.md"))


def test_skip_logic_on_one_page_without_javascript(world: World, client: Client) -> None:
    """Without the script every question that may be asked is shown; the server decides."""
    from .helpers import begin, form_token

    survey = _skip_survey(world)
    first = begin(client, survey)
    html = first.content.decode()
    assert f'data-visible-url="/s/{survey.token}/visible/"' in html
    for name in ("works", "job", "needs", "other_need", "comment"):
        assert f'id="q-{name}"' in html
    token = form_token(first)
    url = f"/s/{survey.token}/answer/"
    required = client.post(url, {"form_token": token, "page": "0", "a-works": "y"})
    assert "「仕事の内容」は必須です" in required.content.decode()
    assert "「その他の支援の内容」" not in required.content.decode()
    # 'no': the answers given to questions no longer asked are dropped, not stored.
    done = client.post(
        url,
        {"form_token": token, "page": "0", "a-works": "n", "a-job": "消える", "a-needs": "x"},
    )
    assert done.status_code == 303
    assert Submission.objects.get(survey=survey).answers == {"works": "n"}


def test_visible_endpoint_answers_with_the_cores_decision(world: World, client: Client) -> None:
    from .helpers import begin, form_token

    survey = _skip_survey(world)
    token = form_token(begin(client, survey))
    url = f"/s/{survey.token}/visible/"

    def ask(**answers: str) -> dict[str, list[str]]:
        fields = {"form_token": token, "page": "0", **{f"a-{k}": v for k, v in answers.items()}}
        response = client.post(url, fields)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        return response.json()  # type: ignore[no-any-return]

    assert ask() == {"visible": ["works", "comment"], "hidden": ["job", "needs", "other_need"]}
    assert ask(works="y", needs="x")["hidden"] == []
    # The chain: 'needs' not asked any more, so 'x' in it does not keep 'other_need'.
    assert ask(works="n", needs="x")["hidden"] == ["job", "needs", "other_need"]
    assert client.post(url, {"form_token": "forged", "page": "0"}).status_code == 409
    assert client.get(url).status_code == 405
    assert Submission.objects.count() == 0  # asking stores nothing
    # The page's submit uses the token; a skip-logic request that raced it still gets an answer.
    sent = client.post(
        f"/s/{survey.token}/answer/", {"form_token": token, "page": "0", "a-works": "n"}
    )
    assert sent.status_code == 303
    assert Submission.objects.count() == 1
    assert ask(works="n")["visible"] == ["works", "comment"]
    assert client.post("/s/no-such-survey/visible/", {"page": "0"}).status_code == 404
    builtin = begin(Client(), world.survey).content.decode()
    assert "data-visible-url" not in builtin  # nothing on its pages depends on the same page


def test_first_pages_rendered_once_keep_language_and_answers_apart(
    world: World, client: Client
) -> None:
    """A page nobody has answered is rendered once per process (`views.public`); a page
    with answers never comes from there, and each language has its own."""
    japanese = begin(client, world.survey).content.decode()
    english = client.post(
        f"/s/{world.survey.token}/", {"consent": "yes"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "<legend>所属" in japanese and "Affiliation" not in japanese
    assert "<legend>Affiliation" in english and "所属" not in english
    response = begin(client, world.survey)
    token = form_token(response)
    client.post(
        f"/s/{world.survey.token}/answer/",
        {**full_answer(), "form_token": token, "page": 0, "nav": "next"},
    )
    back = client.post(
        f"/s/{world.survey.token}/answer/",
        {**full_answer(), "form_token": token, "page": 1, "nav": "back"},
    )
    assert 'value="npo" checked' in back.content.decode()
    again = begin(client, world.survey).content.decode()
    assert " checked" not in again and again.count("<fieldset") == 3
    assert form_token(response) not in again  # each start has its own form token
