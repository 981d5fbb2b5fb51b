"""The desk's raking targets: stored per survey, used by the downloads, refused in Japanese."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from teichaku.web.surveys.models import Submission, Survey

from .conftest import World, client_for

GOOD = "設問,選択肢,構成比\n事業所の設置法人,民間企業,0.5\n事業所の設置法人,NPO法人,0.5\n"


def _answers(survey: Survey) -> None:
    for number, body in enumerate(["npo", "npo", "npo", "private_company"], start=1):
        Submission.objects.create(
            survey=survey, response_id=f"r{number}", answers={"operating_body": body}
        )


def _upload(world: World, text: str, name: str = "targets.csv"):  # type: ignore[no-untyped-def]
    client = client_for(world.analyst)
    url = f"/desk/{world.survey.token}/weights/"
    return client, client.post(url, {"targets": SimpleUploadedFile(name, text.encode("utf-8"))})


def test_stored_targets_weight_the_downloads(world: World) -> None:
    _answers(world.survey)
    client, response = _upload(world, GOOD)
    assert response.status_code == 302
    world.survey.refresh_from_db()
    assert world.survey.raking_filename == "targets.csv"
    page = client.get(f"/desk/{world.survey.token}/weights/").content.decode()
    assert "民間企業" in page and "設計効果" in page  # labels, and how far the weights moved
    download = client.get(f"/desk/{world.survey.token}/download/tables.json")
    tables = json.loads(b"".join(download.streaming_content))
    assert tables["weighting"]["method"] == "raking"
    body = next(q for q in tables["questions"] if q["name"] == "operating_body")
    shares = {o["value"]: o["percent"] for o in body["options"]}
    # 3 NPO and 1 company answers raked to half and half.
    assert abs(shares["npo"] - 50) < 1e-6 and abs(shares["private_company"] - 50) < 1e-6
    assert body["n"] == 4
    html = b"".join(
        client.get(f"/desk/{world.survey.token}/download/report.html").streaming_content
    ).decode()
    assert "重み付き" in html
    # Stopping the weighting makes the downloads unweighted again.
    client.post(f"/desk/{world.survey.token}/weights/", {"clear": "1"})
    download = client.get(f"/desk/{world.survey.token}/download/tables.json")
    assert json.loads(b"".join(download.streaming_content))["weighting"] is None


def test_bad_targets_are_refused_in_japanese_and_nothing_is_stored(world: World) -> None:
    _answers(world.survey)
    cases = [
        ("設問,選択肢,構成比\n事業所の設置法人,民間企業,0.5\n", "1 にならない"),
        ("設問,選択肢,構成比\n事業所の設置法人,株式会社,1\n", "選択肢にない"),
        ("設問,選択肢,構成比\n年齢,20代,1\n", "この名前・ラベルの設問がない"),
        ("設問,選択肢,構成比\n事業所の設置法人,その他,1\n", "選んだ人がいない"),
    ]
    for text, words in cases:
        _client, response = _upload(world, text)
        assert response.status_code == 400, text
        assert words in response.content.decode(), text
    world.survey.refresh_from_db()
    assert world.survey.raking_targets == ""


def test_only_analysts_set_weights(world: World) -> None:
    url = f"/desk/{world.survey.token}/weights/"
    viewer = client_for(world.viewer)
    upload = SimpleUploadedFile("targets.csv", GOOD.encode())
    assert viewer.get(url).status_code == 403
    assert viewer.post(url, {"targets": upload}).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404
