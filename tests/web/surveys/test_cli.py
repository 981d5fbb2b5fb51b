"""`teichaku responses list|export|import` against the same database as the web app."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
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
