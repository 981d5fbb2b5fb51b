"""The research desk: list, create, live results, cross tables, downloads, import, status."""

from __future__ import annotations

import io
import json
import re
from urllib.parse import unquote

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from through_jobs import post_through_job  # tests/web is on sys.path

from teichaku.instrument import load_instrument
from teichaku.report.sentences import format_percent, study_sentence
from teichaku.responses import read_responses
from teichaku.tabulate import tabulate_survey
from teichaku.web.surveys import services
from teichaku.web.surveys.models import Submission, Survey

from .conftest import World, client_for, full_answer
from .helpers import answer_all

EXAMPLE_HEADER = (
    "response_id,affiliation,operating_body,role,q01_securing_users,q02_service_constraints,"
    "monitoring_methods\n"
)


def utf8_filename(header: str) -> str:
    """The RFC 5987 ``filename*`` of a Content-Disposition header, decoded."""
    match = re.search(r"filename\*=UTF-8''([^;\s]+)", header)
    assert match, header
    return unquote(match.group(1), encoding="utf-8", errors="strict")


def _answer(world: World, **overrides: object) -> None:
    response, _ = answer_all(Client(), world.survey, full_answer(**overrides))
    assert response.status_code == 303


def test_list_shows_own_surveys_with_counts(world: World) -> None:
    _answer(world)
    _answer(world)
    html = client_for(world.analyst).get("/desk/").content.decode()
    assert world.survey.token in html and world.other_survey.token not in html
    assert '<td class="num">2</td>' in html


def test_results_show_the_engines_tables_and_study_sentence(world: World) -> None:
    _answer(world)
    _answer(world, **{"a-q01_securing_users": "4"})
    _answer(world, **{"a-q01_securing_users": "7"})
    html = client_for(world.viewer).get(f"/desk/{world.survey.token}/").content.decode()
    # The same numbers, computed independently from the stored answers by the core.
    form = load_instrument("retention-challenges-2024")
    rows = list(Submission.objects.values_list("answers", flat=True))
    assert [r["q01_securing_users"] for r in rows] == ["7", "4", "7"]
    table = tabulate_survey(services.survey_responses(world.survey)).table("q01_securing_users")
    sentence = study_sentence(table)
    assert sentence is not None and sentence in html
    assert "「７：非常に課題である」とする回答が66.7％" in sentence
    assert format_percent(200 / 3) == "66.7"
    assert 'hx-get="/desk/' in html and 'hx-trigger="every 10s"' in html
    assert "/static/surveys/htmx.min.js" in html
    assert "回答者 3 人" in html
    assert form.question("q01_securing_users").label in html


def test_live_fragment_follows_new_answers(world: World) -> None:
    client = client_for(world.viewer)
    url = f"/desk/{world.survey.token}/tables/"
    assert "回答者 0 人" in client.get(url, HTTP_HX_REQUEST="true").content.decode()
    _answer(world)
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "回答者 1 人" in fragment and "<html" not in fragment


def test_figure_is_drawn_by_the_core(world: World) -> None:
    _answer(world)
    client = client_for(world.viewer)
    response = client.get(f"/desk/{world.survey.token}/figures/operating_body.svg")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<?xml")
    assert client.get(f"/desk/{world.survey.token}/figures/nope.svg").status_code == 404


def test_cross_table_by_a_chosen_question(world: World) -> None:
    _answer(world)
    _answer(world, **{"a-operating_body": "private_company", "a-q01_securing_users": "2"})
    client = client_for(world.analyst)
    html = client.get(
        f"/desk/{world.survey.token}/cross/",
        {"question": "q01_securing_users", "by": "operating_body"},
    ).content.decode()
    assert "利用者の確保 × 事業所の設置法人" in html
    # One percentage convention (issue 13, item 7): the desk names 列％ as the report does,
    # and its cells are the core's column percentages.
    from teichaku.report import render_html
    from teichaku.report.wording import CROSS_PERCENT_NOTE

    assert CROSS_PERCENT_NOTE in html
    responses = services.survey_responses(world.survey)
    tables = tabulate_survey(responses, by="operating_body")
    assert CROSS_PERCENT_NOTE in render_html(tables)
    table = services.cross_table(world.survey, "q01_securing_users", "operating_body")
    for counts, percents in zip(table.counts, table.column_percent, strict=True):
        for count, share in zip(counts, percents, strict=True):
            assert f"{count} ({format_percent(share)})" in html
    same = client.get(
        f"/desk/{world.survey.token}/cross/", {"question": "operating_body", "by": "operating_body"}
    ).content.decode()
    assert "別の質問を選んでください" in same


def test_downloads_hold_the_web_answer(world: World) -> None:
    _answer(world)
    client = client_for(world.viewer)
    base = f"/desk/{world.survey.token}/download/"
    csv = client.get(base + "data.csv")
    assert utf8_filename(csv["Content-Disposition"]) == f"{world.survey.title}_data.csv"
    assert 'attachment; filename="data.csv"; ' in csv["Content-Disposition"]  # ASCII fallback
    frame = pd.read_csv(io.BytesIO(b"".join(csv.streaming_content)), encoding="utf-8-sig")
    assert frame.loc[0, "self_plan_text"] == "計画相談のほうが連携しやすい"
    assert frame.loc[0, "monitoring_methods_other"] == "家族との連絡"
    tables = json.loads(b"".join(client.get(base + "tables.json").streaming_content))
    assert tables["respondents"] == 1
    html = b"".join(client.get(base + "report.html").streaming_content).decode()
    assert "<html" in html and "利用者の確保" in html
    xlsx = b"".join(client.get(base + "report.xlsx").streaming_content)
    assert xlsx[:2] == b"PK"
    sav = b"".join(client.get(base + "data.sav").streaming_content)
    assert sav[:4] == b"$FL2"
    assert client.get(base + "secrets.txt").status_code == 404


def test_import_stores_every_row_or_none(world: World, tmp_path) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.analyst)
    url = f"/desk/{world.survey.token}/import/"
    good = EXAMPLE_HEADER + "X1,retention_support,npo,support_worker,7,6,phone\n"
    good += "X2,government,npo,administrator,1,2,\n"
    page = post_through_job(client, url, {"file": SimpleUploadedFile("answers.csv", good.encode())})
    assert "新規 2 件、既存 0 件、取り込まなかった 0 件" in page.content.decode()
    assert Submission.objects.filter(survey=world.survey, origin="import").count() == 2
    # The same rows again: nothing stored (issue 13: importing again is safe; it was refused).
    again = post_through_job(
        client, url, {"file": SimpleUploadedFile("answers.csv", good.encode())}
    )
    assert "新規 0 件、既存 2 件、取り込まなかった 0 件" in again.content.decode()
    assert Submission.objects.filter(survey=world.survey, origin="import").count() == 2
    bad = EXAMPLE_HEADER + "Y1,retention_support,npo,support_worker,7,6,phone\n"
    bad += "Y2,retention_support,npo,support_worker,9,6,phone\n"
    refused = post_through_job(client, url, {"file": SimpleUploadedFile("bad.csv", bad.encode())})
    html = refused.content.decode()
    assert "取り込めませんでした。何も保存していません。" in html and "失敗" in html
    assert '<td class="num">3</td><td>q01_securing_users</td><td>9</td>' in html
    assert Submission.objects.filter(survey=world.survey).count() == 2
    # What was imported is what the core reads from the same file.
    path = tmp_path / "answers.csv"
    path.write_text(good, encoding="utf-8")
    direct = tabulate_survey(read_responses(path, load_instrument("retention-challenges-2024")))
    via_web = tabulate_survey(services.survey_responses(world.survey))
    assert via_web.table("q01_securing_users") == direct.table("q01_securing_users")


def test_a_refused_cell_is_explained_in_the_pages_language(world: World) -> None:
    client = client_for(world.analyst)
    url = f"/desk/{world.survey.token}/import/"
    bad = EXAMPLE_HEADER + "Z1,retention_support,npo,support_worker,9,6,phone\n"
    bad += "Z2,retention_support,npo,support_worker,9,6,phone\n"
    japanese = post_through_job(client, url, {"file": SimpleUploadedFile("bad.csv", bad.encode())})
    html = japanese.content.decode()
    assert "失敗" in html
    assert "の選択肢にない値（3行目にも）" in html and "not an option" not in html
    english = post_through_job(
        client,
        url,
        {"file": SimpleUploadedFile("bad.csv", bad.encode())},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "not an option of &#x27;q01_securing_users&#x27; (also on row 3)" in (
        english.content.decode()
    )


def test_create_by_uploading_an_xlsform(world: World) -> None:
    client = client_for(world.owner)
    form = (
        "| survey |\n| | type | name | label | required |\n"
        "| | select_one yn | works | 働いていますか | yes |\n"
        "| choices |\n| | list_name | name | label |\n| | yn | y | はい |\n| | yn | n | いいえ |\n"
    )
    response = client.post(
        "/desk/new/",
        {"team": str(world.team_a.pk), "xlsform": SimpleUploadedFile("mine.md", form.encode())},
    )
    assert response.status_code == 302
    survey = Survey.objects.get(instrument_filename="mine.md")
    assert survey.team == world.team_a and survey.title == "mine"
    assert (
        "働いていますか"
        in Client().post(f"/s/{survey.token}/", {"consent": "yes"}).content.decode()
    )
    broken = form.replace("select_one yn", "select_one nolist")
    refused = client.post(
        "/desk/new/",
        {"team": str(world.team_a.pk), "xlsform": SimpleUploadedFile("broken.md", broken.encode())},
    )
    assert refused.status_code == 400
    assert "broken.md: XLSForm の内容に誤りがあります" in refused.content.decode()  # Japanese
    other_team = client.post(
        "/desk/new/", {"team": str(world.team_b.pk), "builtin": "retention-challenges-2024"}
    )
    assert other_team.status_code == 200 and Survey.objects.filter(team=world.team_b).count() == 1


def test_close_and_reopen(world: World) -> None:
    client = client_for(world.owner)
    client.post(f"/desk/{world.survey.token}/status/", {"open": "0", "confirm": "yes"})
    assert Client().get(f"/s/{world.survey.token}/").status_code == 410
    client.post(f"/desk/{world.survey.token}/status/", {"open": "1"})
    assert Client().get(f"/s/{world.survey.token}/").status_code == 200


def test_invitation_codes_are_shown_once_and_stored_hashed(world: World) -> None:
    client = client_for(world.owner)
    html = client.post(f"/desk/{world.survey.token}/invitations/", {"count": "3"}).content.decode()
    assert html.count("<li><code>") == 3
    assert world.survey.invitations.count() == 3


def test_owner_sets_open_and_close_dates_and_the_form_follows_them(world: World) -> None:
    client = client_for(world.owner)
    t = world.survey.token
    page = client.get(f"/desk/{t}/").content.decode()
    assert f'action="/desk/{t}/schedule/"' in page and 'type="datetime-local"' in page
    saved = client.post(
        f"/desk/{t}/schedule/",
        {"opens_at": "2099-04-01T09:00", "closes_at": "2099-04-30T17:00"},
    )
    assert saved.status_code == 302
    world.survey.refresh_from_db()
    # Entered in Japan time (the site's zone), stored in UTC.
    assert world.survey.opens_at is not None and world.survey.closes_at is not None
    assert world.survey.opens_at.isoformat() == "2099-04-01T00:00:00+00:00"
    assert world.survey.closes_at.isoformat() == "2099-04-30T08:00:00+00:00"
    assert Client().get(f"/s/{t}/").status_code == 410  # not open yet
    assert "2099-04-01 09:00" in client.get(f"/desk/{t}/").content.decode()

    client.post(f"/desk/{t}/schedule/", {"opens_at": "2000-01-01T00:00", "closes_at": ""})
    assert Client().get(f"/s/{t}/").status_code == 200
    client.post(f"/desk/{t}/schedule/", {"opens_at": "", "closes_at": "2000-01-01T00:00"})
    assert Client().get(f"/s/{t}/").status_code == 410  # closed by date
    client.post(f"/desk/{t}/schedule/", {"opens_at": "", "closes_at": ""})
    assert Client().get(f"/s/{t}/").status_code == 200


def test_close_before_open_is_refused_in_japanese_and_nothing_is_written(world: World) -> None:
    client = client_for(world.owner)
    t = world.survey.token
    refused = client.post(
        f"/desk/{t}/schedule/",
        {"opens_at": "2099-05-01T09:00", "closes_at": "2099-04-30T17:00", "invitation_only": "on"},
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "受付終了は受付開始より後の日時にしてください。" in html
    assert 'value="2099-05-01T09:00"' in html  # what was typed is kept
    garbled = client.post(f"/desk/{t}/schedule/", {"opens_at": "来週"})
    assert garbled.status_code == 400
    assert "日時は 2025-04-01 09:00 のように入力してください。" in garbled.content.decode()
    world.survey.refresh_from_db()
    assert world.survey.opens_at is None and world.survey.closes_at is None
    assert not world.survey.invitation_only


def test_set_schedule_refuses_close_before_open_below_the_form(world: World) -> None:
    import datetime as dt

    import pytest

    opens = dt.datetime(2099, 5, 1, tzinfo=dt.UTC)
    with pytest.raises(ValueError):
        services.set_schedule(world.survey, opens, opens, False)
    world.survey.refresh_from_db()
    assert world.survey.opens_at is None


def test_owner_turns_on_invitation_codes_and_issues_them(world: World) -> None:
    client = client_for(world.owner)
    t = world.survey.token
    assert f"/desk/{t}/invitations/" in client.get(f"/desk/{t}/").content.decode()
    client.post(f"/desk/{t}/schedule/", {"invitation_only": "on"})
    world.survey.refresh_from_db()
    assert world.survey.invitation_only
    html = client.post(f"/desk/{t}/invitations/", {"count": "2"}).content.decode()
    codes = __import__("re").findall(r"<li><code>([0-9A-F]+)</code></li>", html)
    assert len(codes) == 2
    anonymous = Client()
    refused = anonymous.post(f"/s/{t}/", {"consent": "yes", "code": "WRONG"})
    assert 'name="form_token"' not in refused.content.decode()
    response, _ = answer_all(Client(), world.survey, full_answer(), code=codes[0])
    assert response.status_code == 303


def test_results_show_the_mean_of_an_ordinal_scale(world: World) -> None:
    """An item the XLSForm marks ``ordinal`` gets its mean, SD and the mean's interval."""
    form = (
        "| survey |\n| | type | name | label | ordinal |\n"
        "| | select_one often | visits | 訪問の頻度 | yes |\n"
        "| | select_one yn | works | 働いていますか | |\n"
        "| choices |\n| | list_name | name | label | score |\n"
        "| | often | never | 全くない | 0 |\n| | often | weekly | 週に1回 | 1 |\n"
        "| | often | daily | 毎日 | 7 |\n| | yn | y | はい | |\n| | yn | n | いいえ | |\n"
    )
    survey = services.create_survey(world.team_a, world.owner, upload=(form.encode(), "f.md"))
    client = client_for(world.owner)
    rows = "visits,works\nnever,y\nweekly,n\ndaily,y\ndaily,y\n"
    imported = post_through_job(
        client,
        f"/desk/{survey.token}/import/",
        {"file": SimpleUploadedFile("a.csv", rows.encode())},
    )
    assert imported.status_code == 200 and "完了" in imported.content.decode()
    table = tabulate_survey(services.survey_responses(survey)).table("visits")
    assert table.mean == pytest.approx((0 + 1 + 7 + 7) / 4)  # type: ignore[union-attr]
    html = client.get(f"/desk/{survey.token}/").content.decode()
    article = html[html.index('id="result-visits"') : html.index('id="result-works"')]
    assert "、平均 3.75、標準偏差 3.77（平均の95％信頼区間" in article
    assert "平均" not in html[html.index('id="result-works"') :].split("</article>")[0]
    english = client.get(f"/desk/{survey.token}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "(95% CI of the mean" in english
