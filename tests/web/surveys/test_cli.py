"""`teichaku responses list|export|import` against the same database as the web app."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from django.test import Client

from teichaku.cli import main
from teichaku.web.surveys.models import Submission

from .conftest import World, full_answer
from .helpers import answer_all


def test_list_export_and_import(world: World, tmp_path: Path) -> None:
    response, _ = answer_all(Client(), world.survey, full_answer())
    assert response.status_code == 303
    runner = CliRunner()
    listed = runner.invoke(main, ["responses", "list"])
    assert listed.exit_code == 0, listed.output
    assert f"{world.survey.token}\t1\topen" in listed.output
    out = tmp_path / "data.csv"
    exported = runner.invoke(
        main, ["responses", "export", world.survey.token, "--format", "csv", "--out", str(out)]
    )
    assert exported.exit_code == 0, exported.output
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert frame.loc[0, "q01_securing_users"] == 7
    answers = tmp_path / "more.csv"
    answers.write_text(
        "response_id,operating_body,q01_securing_users\nZ1,npo,3\nZ2,npo,8\n", encoding="utf-8"
    )
    refused = runner.invoke(main, ["responses", "import", world.survey.token, str(answers)])
    assert refused.exit_code == 1
    assert (
        "row 3" in refused.output
        and "q01_securing_users" in refused.output
        and "'8'" in refused.output
    )
    assert Submission.objects.count() == 1
    answers.write_text(
        "response_id,operating_body,q01_securing_users\nZ1,npo,3\n", encoding="utf-8"
    )
    imported = runner.invoke(main, ["responses", "import", world.survey.token, str(answers)])
    assert imported.exit_code == 0, imported.output
    assert Submission.objects.filter(survey=world.survey).count() == 2
    missing = runner.invoke(main, ["responses", "export", "nope"])
    assert missing.exit_code == 1 and "no such survey" in missing.output


def test_serve_prints_links_with_the_served_port_and_keeps_connections(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`teichaku serve --port` seeds the demo and prints every survey link on that port; the
    gunicorn it starts keeps database connections (CONN_MAX_AGE) unless told otherwise."""
    import os

    from teichaku.cli import web

    started: list[list[str]] = []

    def exec_instead(program: str, argv: list[str]) -> None:
        started.append(argv)
        raise SystemExit(0)

    monkeypatch.setattr(web.os, "execvp", exec_instead)
    monkeypatch.delenv("CONN_MAX_AGE", raising=False)
    monkeypatch.delenv("TEICHAKU_BASE_URL", raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "8765"])
    assert result.exit_code == 0, result.output
    links = [line for line in result.output.splitlines() if "http" in line and "/s/" in line]
    assert links and all("http://127.0.0.1:8765/s/" in line for line in links), result.output
    assert "http://127.0.0.1:8765/desk/" in result.output
    assert ":8000" not in result.output.split("http://127.0.0.1:8765/desk/")[0]
    assert started and "0.0.0.0:8765" in started[0]
    assert os.environ["CONN_MAX_AGE"] == "60"
    monkeypatch.setenv("CONN_MAX_AGE", "0")  # an operator's choice wins
    CliRunner().invoke(main, ["serve", "--port", "8766", "--no-demo"])
    assert os.environ["CONN_MAX_AGE"] == "0"
    assert web.base_url("::", 80) == "http://127.0.0.1:80"
    assert web.base_url("::1", 80) == "http://[::1]:80"
