"""API tokens: shown once, stored as their SHA-256 digest, revoked → 401, wrong scope → 403;
the account page and `teichaku api token`; never in a URL or a log line."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.test import Client

from teichaku.cli import main
from teichaku.web.accounts.models import Membership, Role, Team
from teichaku.web.api import paging
from teichaku.web.api.models import ApiToken
from teichaku.web.api.tokens import create_token
from teichaku.web.surveys import services


@pytest.fixture
def member(db: None) -> object:
    user = get_user_model().objects.create_user(username="reader")
    Membership.objects.create(team=Team.objects.create(name="チーム"), user=user, role=Role.VIEWER)
    return user


def _get(token: str, path: str = "/api/v1/surveys/") -> object:
    return Client().get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_only_the_sha256_digest_is_stored(member: object) -> None:
    row, token = create_token(member, "surveys:read", "集計用")
    stored = ApiToken.objects.get(pk=row.pk)
    assert stored.digest == hashlib.sha256(token.encode()).hexdigest()
    values = [str(v) for v in ApiToken.objects.filter(pk=row.pk).values().get().values()]
    assert token not in values
    assert _get(token).status_code == 200
    assert _get(token[:-1] + ("A" if token[-1] != "A" else "B")).status_code == 401


def test_a_revoked_token_is_401(member: object) -> None:
    row, token = create_token(member, "surveys:read")
    client = Client()
    client.force_login(member)  # type: ignore[arg-type]
    page = client.get("/accounts/api-tokens/").content.decode()
    assert "調査の読み取り" in page and token not in page  # listed, never shown again
    assert client.post(f"/accounts/api-tokens/{row.pk}/revoke/").status_code == 302
    response = _get(token)
    assert response.status_code == 401
    assert response.json() == {
        "detail": "有効な API トークンを Authorization: Bearer で送ってください"
    }


def test_the_wrong_scope_is_403(member: object) -> None:
    _row, token = create_token(member, "coding:read")
    assert _get(token).status_code == 403
    assert _get(token, "/api/v1/coding/projects/").status_code == 200


def test_the_account_page_shows_a_new_token_once(member: object) -> None:
    client = Client()
    client.force_login(member)  # type: ignore[arg-type]
    created = client.post("/accounts/api-tokens/", {"name": "連携", "scope": "surveys:read"})
    assert created.status_code == 200
    row = ApiToken.objects.get()
    page = created.content.decode()
    token = page.split('<code id="new-token">')[1].split("</code>")[0]
    assert hashlib.sha256(token.encode()).hexdigest() == row.digest
    assert token not in client.get("/accounts/api-tokens/").content.decode()
    refused = client.post("/accounts/api-tokens/", {"scope": "offices:export"})
    assert refused.status_code == 400 and ApiToken.objects.count() == 1


def test_another_users_token_cannot_be_revoked(member: object) -> None:
    row, token = create_token(member, "surveys:read")
    other = get_user_model().objects.create_user(username="other")
    client = Client()
    client.force_login(other)
    assert client.post(f"/accounts/api-tokens/{row.pk}/revoke/").status_code == 404
    assert _get(token).status_code == 200


def test_the_cli_creates_lists_and_revokes(member: object) -> None:
    runner = CliRunner()
    made = runner.invoke(
        main, ["api", "token", "create", "--user", "reader", "--scope", "surveys:read"]
    )
    assert made.exit_code == 0, made.output
    token = made.stdout.strip().splitlines()[-1]
    assert _get(token).status_code == 200
    row = ApiToken.objects.get()
    listed = runner.invoke(main, ["api", "token", "list", "--user", "reader"])
    assert listed.stdout.startswith(f"{row.pk}\tsurveys:read") and token not in listed.stdout
    refused = runner.invoke(
        main, ["api", "token", "create", "--user", "reader", "--scope", "offices:export"]
    )
    assert refused.exit_code == 2 and "書き出しのできる役割" in refused.output
    assert (
        runner.invoke(main, ["api", "token", "revoke", "--user", "reader", str(row.pk)]).exit_code
        == 0
    )
    assert _get(token).status_code == 401


def test_no_token_in_logs(member: object, caplog: pytest.LogCaptureFixture) -> None:
    _row, token = create_token(member, "surveys:read")
    caplog.set_level(logging.DEBUG)
    _get(token, "/api/v1/surveys/nosuch/tables")
    Client().get("/api/v1/surveys/", HTTP_AUTHORIZATION=f"Bearer {token}x")
    assert caplog.records and all(token not in r.getMessage() for r in caplog.records)


def test_schema_and_docs_are_served_without_a_cdn(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    assert "/api/v1/surveys/{token}/responses/" in paths
    assert "/api/v1/offices/{office_id}/records" in paths
    docs = Client().get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert "https://" not in docs


def test_next_is_on_the_public_address(
    member: object, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    team = Team.objects.get()
    first = services.create_survey(team, member, builtin="retention-challenges-2024")
    services.create_survey(team, member, builtin="retention-challenges-2024", title="二つ目")
    monkeypatch.setattr(paging, "PAGE_SIZE", 1)
    settings.TEICHAKU_BASE_URL = "https://teichaku.example.org"
    _row, token = create_token(member, "surveys:read")
    page = _get(token).json()  # type: ignore[attr-defined]
    assert [s["token"] for s in page["items"]] == [first.token]
    assert page["next"] == f"https://teichaku.example.org/api/v1/surveys/?after={first.pk}"
    last = Client().get(page["next"], HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert [s["title"] for s in last["items"]] == ["二つ目"] and last["next"] is None
