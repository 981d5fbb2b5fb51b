"""``/api/v1/coding/``: a ``coding:read`` token reads its team's projects and codings (the
rows of codings.csv, paged to the end); another team's project is a 404."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from teichaku.web.api import paging
from teichaku.web.api.tokens import create_token

from .conftest import World, client_for, codings_csv
from .test_coding_views import Q14, create, upload_codings


def _all(url: str, token: str) -> list[dict[str, str]]:
    items: list[dict[str, str]] = []
    next_url: str | None = url
    while next_url:
        page = Client().get(next_url, HTTP_AUTHORIZATION=f"Bearer {token}").json()
        items += page["items"]
        next_url = page["next"]
    return items


@pytest.mark.django_db
def test_codings_paged_to_the_end_equal_the_uploaded_file(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = create(world)
    upload_codings(world.analyst, project, codings_csv(Q14))
    monkeypatch.setattr(paging, "PAGE_SIZE", 7)
    _row, token = create_token(world.viewer, "coding:read")
    projects = _all("/api/v1/coding/projects/", token)
    assert [p["token"] for p in projects] == [project.token]
    items = _all(f"/api/v1/coding/projects/{project.token}/codings", token)
    uploaded = list(csv.DictReader(io.StringIO(codings_csv(Q14).decode())))
    got = sorted((i["response_id"], i["question"], i["code"]) for i in items)
    assert got == sorted((r["response_id"], r["question"], r["code"]) for r in uploaded)
    assert {i["coder"] for i in items} == {"analyst"}
    assert client_for(world.viewer).get(f"/coding/{project.token}/").status_code == 200

    _row, outsider = create_token(world.outsider, "coding:read")
    denied = Client().get(
        f"/api/v1/coding/projects/{project.token}/codings", HTTP_AUTHORIZATION=f"Bearer {outsider}"
    )
    assert denied.status_code == 404
    assert _all("/api/v1/coding/projects/", outsider) == []
