"""Issue 13: importing a second export of the same survey adds only its new rows (web, CLI)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from through_jobs import post_through_job  # tests/web is on sys.path

from teichaku.cli import main
from teichaku.web.surveys import imports
from teichaku.web.surveys.models import ImportBatch, Origin, Submission

from .conftest import World, client_for

# Google Forms: no id column; the identity is the タイムスタンプ and the answers' content.
GOOGLE = "タイムスタンプ,所属,利用者の確保\n"
FIRST = [
    "2024/01/25 10:00:01,行政関係,7\n",
    "2024/01/25 10:05:12,行政関係,6\n",
    "2024/01/25 10:05:12,行政関係,5\n",  # same second, other answers: another respondent
]
LATER = ["2024/01/26 09:00:00,行政関係,1\n", "2024/01/26 09:30:00,行政関係,2\n"]


def _post(client: Client, world: World, text: str, name: str = "form.csv"):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile(name, text.encode("utf-8"))
    return post_through_job(client, f"/desk/{world.survey.token}/import/", {"file": upload})


def _imported(world: World) -> list[int]:
    rows = Submission.objects.filter(survey=world.survey, origin=Origin.IMPORT)
    return sorted(int(row.answers["q01_securing_users"]) for row in rows)


def test_the_same_google_forms_file_twice_adds_nothing(world: World) -> None:
    client = client_for(world.analyst)
    first = _post(client, world, GOOGLE + "".join(FIRST))
    assert "新規 3 件、既存 0 件、取り込まなかった 0 件" in first.content.decode()
    again = _post(client, world, GOOGLE + "".join(FIRST))
    html = again.content.decode()
    assert again.status_code == 200 and "新規 0 件、既存 3 件、取り込まなかった 0 件" in html
    assert "すでにこの調査にある回答IDです" not in html
    assert _imported(world) == [5, 6, 7]


def test_a_second_export_adds_only_the_new_rows_on_the_web(world: World) -> None:
    client = client_for(world.analyst)
    _post(client, world, GOOGLE + "".join(FIRST))
    second = _post(client, world, GOOGLE + "".join(FIRST + LATER), name="form (1).csv")
    assert "新規 2 件、既存 3 件、取り込まなかった 0 件" in second.content.decode()
    assert _imported(world) == [1, 2, 5, 6, 7]
    batch = ImportBatch.objects.filter(survey=world.survey).latest("id")
    assert (batch.rows, batch.already, batch.refused) == (2, 3, 0)


def test_a_second_export_adds_only_the_new_rows_from_the_cli(world: World, tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    runner = CliRunner()
    path.write_text(GOOGLE + "".join(FIRST), encoding="utf-8")
    first = runner.invoke(main, ["responses", "import", world.survey.token, str(path)])
    assert first.exit_code == 0, first.output
    assert "新規 3 件、既存 0 件、取り込まなかった 0 件" in first.output
    path.write_text(GOOGLE + "".join(FIRST + LATER), encoding="utf-8")
    second = runner.invoke(main, ["responses", "import", world.survey.token, str(path)])
    assert second.exit_code == 0, second.output
    assert "新規 2 件、既存 3 件、取り込まなかった 0 件" in second.output
    again = runner.invoke(main, ["responses", "import", world.survey.token, str(path)])
    assert "新規 0 件、既存 5 件、取り込まなかった 0 件" in again.output
    assert _imported(world) == [1, 2, 5, 6, 7]


def test_a_tool_with_its_own_ids_is_matched_by_id(world: World) -> None:
    client = client_for(world.analyst)
    header = "response_id,operating_body,q01_securing_users\n"
    _post(client, world, header + "K1,npo,3\nK2,npo,4\n")
    # The tool's id decides: K2 edited in the tool is still K2, already here (kept as it was).
    second = _post(client, world, header + "K1,npo,3\nK2,npo,6\nK3,npo,7\n")
    assert "新規 1 件、既存 2 件、取り込まなかった 0 件" in second.content.decode()
    assert _imported(world) == [3, 4, 7]


def test_a_duplicate_inside_one_file_is_imported_once_and_named(world: World) -> None:
    client = client_for(world.analyst)
    text = GOOGLE + FIRST[0] + FIRST[1] + FIRST[0] + LATER[0]
    page = _post(client, world, text)
    html = page.content.decode()
    assert page.status_code == 200
    assert "新規 3 件、既存 0 件、取り込まなかった 1 件" in html
    # File row 4 (header = row 1) repeats row 2: listed, not stored a second time.
    assert "4行目（2行目と同じ回答）" in html
    assert '<td class="num">4</td><td class="num">2</td>' in html
    assert _imported(world) == [1, 6, 7]


def test_one_bad_value_in_the_new_rows_stores_none_of_them(world: World) -> None:
    client = client_for(world.analyst)
    _post(client, world, GOOGLE + "".join(FIRST))
    bad = GOOGLE + "".join(FIRST) + LATER[0] + "2024/01/26 10:00:00,行政関係,99\n"
    refused = _post(client, world, bad)
    assert "失敗" in refused.content.decode() and "99" in refused.content.decode()
    assert _imported(world) == [5, 6, 7]
    assert ImportBatch.objects.filter(survey=world.survey).count() == 1


def test_rows_imported_before_keys_existed_are_matched_by_response_id(world: World) -> None:
    client = client_for(world.analyst)
    _post(client, world, GOOGLE + "".join(FIRST))
    # As the import stored them before issue 13: no key; the id is the data row number.
    Submission.objects.filter(survey=world.survey).update(source_key=None)
    second = _post(client, world, GOOGLE + "".join(FIRST + LATER))
    assert "新規 2 件、既存 3 件、取り込まなかった 0 件" in second.content.decode()
    assert _imported(world) == [1, 2, 5, 6, 7]


def test_the_summary_text_lists_the_refused_rows(world: World) -> None:
    summary = imports.import_answers(
        world.survey, (GOOGLE + FIRST[0] * 3).encode("utf-8"), "form.csv"
    )
    assert summary.text() == (
        "新規 1 件、既存 0 件、取り込まなかった 2 件。"
        "取り込まなかった行：3行目（2行目と同じ回答）、4行目（2行目と同じ回答）"
    )


def test_the_summary_in_english(world: World) -> None:
    client = client_for(world.analyst)
    text = GOOGLE + FIRST[0] + FIRST[0]
    upload = SimpleUploadedFile("form.csv", text.encode("utf-8"))
    page = post_through_job(
        client, f"/desk/{world.survey.token}/import/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en"
    )
    html = page.content.decode()
    assert "1 new, 0 already there, 1 not imported" in html
    assert "row 3 (the same answer as row 2)" in html and "Row not imported" in html


def test_a_duplicate_inside_one_file_is_named_by_the_cli_too(world: World, tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    path.write_text(GOOGLE + FIRST[0] + FIRST[1] + FIRST[0], encoding="utf-8")
    result = CliRunner().invoke(main, ["responses", "import", world.survey.token, str(path)])
    assert result.exit_code == 0, result.output
    assert "新規 2 件、既存 0 件、取り込まなかった 1 件" in result.output
    assert "4行目（2行目と同じ回答）" in result.output
    assert _imported(world) == [6, 7]
