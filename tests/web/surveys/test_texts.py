"""Issue 13, item 3 on the desk: free-text answers paged, searchable, downloadable — and only
for roles that may read answers, only in the user's own team (another team's survey: 404)."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest
from django.test import Client

from teichaku.web.accounts.models import Role
from teichaku.web.accounts.permissions import ALLOWED, Action
from teichaku.web.surveys import imports
from teichaku.web.surveys.models import Submission

from .conftest import World, client_for
from .test_desk import utf8_filename

HEADER = "response_id,operating_body,q01_securing_users,self_plan_text\n"
TEXTS = [f"回答{i}：計画相談との連携が難しい" for i in range(1, 41)]
TEXTS += [f"回答{i}：手順が判りにくかった" for i in range(41, 56)]
TEXTS += ["=1+1 と書いた人"]  # a formula in a download must stay text
BODIES = ["npo", "private_company"]


@pytest.fixture
def texts(world: World) -> World:
    rows = [f"R{i},{BODIES[i % 2]},7,{text}" for i, text in enumerate(TEXTS, start=1)]
    rows += ["R900,npo,7,", "R901,npo,6,"]  # no answer: never listed
    data = (HEADER + "\n".join(rows) + "\n").encode()
    summary = imports.import_answers(world.survey, data, "answers.csv", world.owner)
    assert not summary.refused
    return world


def stored_texts(world: World) -> list[str]:
    """The non-empty answers as stored, read straight from the database."""
    rows = Submission.objects.filter(survey=world.survey).order_by("pk")
    answers = [str(r.answers.get("self_plan_text") or "").strip() for r in rows]
    return [text for text in answers if text]


def listed(html: str) -> list[str]:
    cells = re.findall(r'<td class="answer">(.*?)</td>', html, re.S)
    return [unescape(cell) for cell in cells]


def test_every_answer_on_the_pages_in_order(texts: World) -> None:
    client = client_for(texts.analyst)
    url = f"/desk/{texts.survey.token}/texts/self_plan_text/"
    first = client.get(url)
    assert first.status_code == 200
    second = client.get(url, {"page": 2})
    shown = listed(first.content.decode()) + listed(second.content.decode())
    assert shown == stored_texts(texts) and len(shown) == len(TEXTS)
    assert len(listed(first.content.decode())) == 50
    assert "1 / 2" in first.content.decode()
    assert "民間企業" in first.content.decode()  # the respondent's attributes, by label
    assert client.get(url, {"page": "x"}).status_code == 200  # an odd page is the first


def test_search_as_written_and_by_normalised_forms(texts: World) -> None:
    client = client_for(texts.analyst)
    url = f"/desk/{texts.survey.token}/texts/self_plan_text/"
    found = listed(client.get(url, {"q": "連携"}).content.decode())
    assert found == [t for t in stored_texts(texts) if "連携" in t]
    # 分かりにくい (as typed) finds 判りにくかった: Sudachi's normalised forms.
    hard = listed(client.get(url, {"q": "分かりにくい"}).content.decode())
    assert hard == [t for t in stored_texts(texts) if "判りにくかった" in t] and len(hard) == 15
    assert listed(client.get(url, {"q": "存在しない語"}).content.decode()) == []
    too_long = client.get(url, {"q": "あ" * 500})
    assert too_long.status_code == 400 and len(listed(too_long.content.decode())) == 50


def test_the_csv_holds_every_answer_with_attributes_as_text(texts: World) -> None:
    client = client_for(texts.owner)
    response = client.get(f"/desk/{texts.survey.token}/texts/self_plan_text/answers.csv")
    assert response.status_code == 200
    name = utf8_filename(response["Content-Disposition"])
    assert name.startswith(texts.survey.title) and name.endswith("_answers.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == len(stored_texts(texts))
    assert {row["operating_body"] for row in rows} == {"NPO法人", "民間企業"}
    assert "'=1+1 と書いた人" in [row["text"] for row in rows]  # never a formula
    searched = client.get(
        f"/desk/{texts.survey.token}/texts/self_plan_text/answers.csv", {"q": "連携"}
    )
    assert len(list(csv.DictReader(io.StringIO(searched.content.decode("utf-8-sig"))))) == 40


def test_report_download_with_the_appendix(texts: World) -> None:
    client = client_for(texts.analyst)
    base = f"/desk/{texts.survey.token}/download/"
    response = client.get(base + "report.html", {"text_appendix": "self_plan_text"})
    html = b"".join(response.streaming_content).decode()
    assert listed(html) == stored_texts(texts)
    plain = b"".join(client.get(base + "report.html").streaming_content).decode()
    assert listed(plain) == []  # the appendix only when asked for
    assert (
        client.get(base + "report.html", {"text_appendix": "q01_securing_users"}).status_code == 404
    )
    results = client.get(f"/desk/{texts.survey.token}/").content.decode()
    assert f"/desk/{texts.survey.token}/texts/self_plan_text/" in results
    assert 'name="text_appendix" value="self_plan_text"' in results


def test_another_teams_survey_is_a_404(texts: World) -> None:
    client = client_for(texts.outsider)
    t = texts.survey.token
    for url in (
        f"/desk/{t}/texts/self_plan_text/",
        f"/desk/{t}/texts/self_plan_text/answers.csv",
        f"/desk/{t}/download/report.html?text_appendix=all",
    ):
        assert client.get(url).status_code == 404, url
    own = f"/desk/{texts.other_survey.token}/texts/self_plan_text/"
    assert client.get(own).status_code == 200  # so the 404 is not an accident
    mine = client_for(texts.analyst)
    assert mine.get(f"/desk/{t}/texts/q01_securing_users/").status_code == 404
    assert mine.get(f"/desk/{t}/texts/nope/answers.csv").status_code == 404
    assert Client().get(f"/desk/{t}/texts/self_plan_text/").status_code == 302


def test_a_role_that_may_not_read_answers_sees_none(
    texts: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`may(role, Action.ANSWERS)` decides: take it from the viewer and every way in shuts."""
    monkeypatch.setitem(ALLOWED, Role.VIEWER, frozenset({Action.VIEW}))
    client = client_for(texts.viewer)
    t = texts.survey.token
    for url in (
        f"/desk/{t}/texts/self_plan_text/",
        f"/desk/{t}/texts/self_plan_text/answers.csv",
        f"/desk/{t}/download/report.html?text_appendix=all",
        f"/desk/{t}/download/report.xlsx?text_appendix=self_plan_text",
        f"/desk/{t}/download/data.csv",
        f"/desk/{t}/download/data.sav",
    ):
        assert client.get(url).status_code == 403, url
    page = client.get(f"/desk/{t}/").content.decode()
    assert "/texts/" not in page and "text_appendix" not in page and "data.csv" not in page
    assert TEXTS[0] not in page
    report = b"".join(client.get(f"/desk/{t}/download/report.html").streaming_content)
    assert TEXTS[0].encode() not in report
