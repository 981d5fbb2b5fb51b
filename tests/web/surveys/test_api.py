"""The read API on surveys (``/api/v1/surveys/``): paged to the end its responses equal
data.csv (read back with the csv module), tables equal tables.json; tenancy as on the desk."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.test import Client

from teichaku.cells import read_csv_cell
from teichaku.web.api import paging
from teichaku.web.api.tokens import create_token

from .conftest import World, client_for, full_answer
from .helpers import answer_all


def _answer(world: World, **overrides: object) -> None:
    response, _ = answer_all(Client(), world.survey, full_answer(**overrides))
    assert response.status_code == 303


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _pages(client: Client, url: str, token: str) -> tuple[list[dict[str, Any]], int]:
    items: list[dict[str, Any]] = []
    pages = 0
    next_url: str | None = url
    while next_url:
        response = client.get(next_url, **bearer(token))  # type: ignore[arg-type]
        assert response.status_code == 200, response.content
        page = response.json()
        assert set(page) == {"items", "next"}
        items += page["items"]
        next_url = page["next"]
        pages += 1
    return items, pages


def _same(cell: str, item: object) -> bool:
    if item is None:
        return cell == ""
    if isinstance(item, float | int):
        return float(cell) == float(item)
    return read_csv_cell(cell) == item


def test_responses_paged_to_the_end_equal_data_csv(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer(world)
    _answer(world, **{"a-q01_securing_users": "4", "a-self_plan_text": "=1+1 と書いた"})
    _answer(world, **{"a-monitoring_methods": ["phone"], "o-monitoring_methods": ""})
    _answer(world, **{"a-self_plan_text": ""})
    _answer(world, **{"a-q02_service_constraints": "2"})
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    _row, token = create_token(world.viewer, "surveys:read")
    client = Client()
    items, pages = _pages(client, f"/api/v1/surveys/{world.survey.token}/responses/", token)
    assert pages == 3  # 2 + 2 + 1
    download = client_for(world.viewer).get(f"/desk/{world.survey.token}/download/data.csv")
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert len(body) == len(items) == 5
    for row, item in zip(body, items, strict=True):
        assert list(item) == header  # the columns of data.csv, in its order
        for column, cell in zip(header, row, strict=True):
            assert _same(cell, item[column]), (column, cell, item[column])
    assert any(i["self_plan_text"] == "=1+1 と書いた" for i in items)  # raw, as data.sav


def test_the_survey_list_and_tables(world: World) -> None:
    _answer(world)
    _row, token = create_token(world.viewer, "surveys:read")
    listed = Client().get("/api/v1/surveys/", **bearer(token)).json()  # type: ignore[arg-type]
    assert [s["token"] for s in listed["items"]] == [world.survey.token]  # not team B's
    assert listed["next"] is None
    tables = Client().get(f"/api/v1/surveys/{world.survey.token}/tables", **bearer(token))  # type: ignore[arg-type]
    download = client_for(world.viewer).get(f"/desk/{world.survey.token}/download/tables.json")
    assert tables.json() == json.loads(b"".join(download.streaming_content))


def test_another_teams_token_gets_404(world: World) -> None:
    _answer(world)
    _row, token = create_token(world.outsider, "surveys:read")
    for path in ("responses/", "tables"):
        response = Client().get(f"/api/v1/surveys/{world.survey.token}/{path}", **bearer(token))  # type: ignore[arg-type]
        assert response.status_code == 404
        assert response.json() == {"detail": "見つかりません"}
    mine = Client().get(f"/api/v1/surveys/{world.other_survey.token}/responses/", **bearer(token))  # type: ignore[arg-type]
    assert mine.status_code == 200


def test_a_signed_in_session_is_not_api_auth(world: World) -> None:
    response = client_for(world.owner).get(f"/api/v1/surveys/{world.survey.token}/responses/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "detail" in response.json()


def test_a_bad_cursor_is_400_in_japanese_and_english(world: World) -> None:
    _row, token = create_token(world.viewer, "surveys:read")
    url = f"/api/v1/surveys/{world.survey.token}/responses/?after=x"
    japanese = Client().get(url, **bearer(token))  # type: ignore[arg-type]
    assert japanese.status_code == 400 and "after" in japanese.json()["detail"]
    english = Client().get(url, HTTP_ACCEPT_LANGUAGE="en", **bearer(token))  # type: ignore[arg-type]
    assert english.json()["detail"].startswith("Give after")
