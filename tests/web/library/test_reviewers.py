"""Granting the reviewer role without a shell: the operator's page and the command, each
change recorded; only the operator reaches the page."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.test import Client

from teichaku.cli import main
from teichaku.web.library.models import Reviewer, ReviewerChange

pytestmark = pytest.mark.django_db


def test_the_operator_grants_and_revokes_on_the_page() -> None:
    users = get_user_model().objects
    operator = users.create_user("op", "op@example.org", is_superuser=True)
    editor = users.create_user("editor", "editor@example.org", first_name="架空 編集")
    assert Client().get("/operator/reviewers/").status_code == 404
    signed_editor = Client()
    signed_editor.force_login(editor)
    assert signed_editor.get("/operator/reviewers/").status_code == 404
    assert signed_editor.get("/practices/review/").status_code == 403

    client = Client(HTTP_ACCEPT_LANGUAGE="ja")
    client.force_login(operator)
    assert "実践事例の審査者" in client.get("/operator/").content.decode()
    missing = client.post("/operator/reviewers/", {"action": "grant", "login": "nobody"})
    assert missing.status_code == 400 and "見つかりません" in missing.content.decode()
    granted = client.post(
        "/operator/reviewers/", {"action": "grant", "login": "EDITOR@example.org"}
    )
    assert granted.status_code == 302
    assert Reviewer.objects.filter(user=editor).exists()
    assert signed_editor.get("/practices/review/").status_code == 200
    again = client.post("/operator/reviewers/", {"action": "grant", "login": "editor"})
    assert again.status_code == 400 and "すでに審査者" in again.content.decode()
    page = client.get("/operator/reviewers/").content.decode()
    assert "架空 編集" in page and "付与" in page

    row = Reviewer.objects.get(user=editor)
    assert (
        client.post("/operator/reviewers/", {"action": "revoke", "reviewer": row.pk}).status_code
        == 302
    )
    assert not Reviewer.objects.exists()
    assert signed_editor.get("/practices/review/").status_code == 403
    changes = list(
        ReviewerChange.objects.order_by("at", "id").values_list("username", "change", "by_name")
    )
    assert changes == [("editor", "granted", "op"), ("editor", "revoked", "op")]


def test_the_command_grants_and_revokes() -> None:
    editor = get_user_model().objects.create_user("editor", "editor@example.org")
    runner = CliRunner()
    result = runner.invoke(main, ["practices", "reviewer", "grant", "--user", "editor"])
    assert result.exit_code == 0, result.output
    assert Reviewer.objects.filter(user=editor).exists()
    twice = runner.invoke(main, ["practices", "reviewer", "grant", "--user", "editor"])
    assert twice.exit_code == 1 and "すでに審査者" in twice.output
    nobody = runner.invoke(main, ["practices", "reviewer", "revoke", "--user", "nobody"])
    assert nobody.exit_code == 1 and "見つかりません" in nobody.output
    result = runner.invoke(
        main, ["practices", "reviewer", "revoke", "--user", "editor@example.org"]
    )
    assert result.exit_code == 0, result.output
    assert not Reviewer.objects.exists()
    assert list(ReviewerChange.objects.order_by("at", "id").values_list("change", "by")) == [
        ("granted", None),
        ("revoked", None),
    ]
