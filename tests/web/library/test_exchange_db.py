"""Export → import into an emptied database → the same published cases; again: no change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from teichaku.cli import main
from teichaku.library.exchange import dump_cases
from teichaku.library.seeds import seed_cases
from teichaku.web.library.exchange import export_text, import_text
from teichaku.web.library.models import CaseVersion, PracticeCase, State

pytestmark = pytest.mark.django_db


def comparable(text: str) -> list[dict[str, Any]]:
    cases = json.loads(text)["cases"]
    for case in cases:
        del case["id"], case["updated_at"]
    return sorted(cases, key=lambda c: c["provenance"]["source_id"])


def test_export_import_round_trip_and_second_import_changes_nothing(tmp_path: Path) -> None:
    first = import_text(dump_cases(seed_cases(), "https://pref.example.jp"), "seeds")
    assert (first.created, first.updated, first.unchanged) == (len(seed_cases()), 0, 0)
    exported = tmp_path / "practices.json"
    runner = CliRunner()
    result = runner.invoke(main, ["practices", "export", "--out", str(exported)])
    assert result.exit_code == 0, result.output
    before = comparable(exported.read_text(encoding="utf-8"))

    PracticeCase.objects.all().delete()  # a fresh database for the national site
    result = runner.invoke(main, ["practices", "import", str(exported)])
    assert result.exit_code == 0, result.output
    assert f"新規 {len(before)} 件" in result.output
    assert comparable(export_text()) == before
    assert PracticeCase.objects.filter(state=State.PUBLISHED).count() == len(before)

    versions = CaseVersion.objects.count()
    result = runner.invoke(main, ["practices", "import", str(exported)])
    assert "新規 0 件、更新 0 件" in result.output
    assert CaseVersion.objects.count() == versions
    assert PracticeCase.objects.count() == len(before)


def test_an_updated_case_is_updated_not_duplicated() -> None:
    cases = seed_cases()[:2]
    import_text(dump_cases(cases, "https://pref.example.jp"), "v1")
    document = json.loads(dump_cases(cases, "https://pref.example.jp"))
    document["cases"][0]["outcome"] = "改訂した結果"
    document["cases"][0]["revision_note"] = "結果を改めた"
    count = import_text(json.dumps(document, ensure_ascii=False), "v2")
    assert (count.created, count.updated, count.unchanged) == (0, 1, 1)
    assert PracticeCase.objects.count() == 2
    assert PracticeCase.objects.get(outcome="改訂した結果").revision_note == "結果を改めた"


def test_a_wrong_file_names_the_case_and_changes_nothing(tmp_path: Path) -> None:
    document = json.loads(dump_cases(seed_cases()[:2], "https://pref.example.jp"))
    document["cases"][1]["prefecture"] = "横浜市"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["practices", "import", str(path)])
    assert result.exit_code != 0
    assert "事例 2" in result.output and "prefecture" in result.output
    assert PracticeCase.objects.count() == 0


def test_the_prefecture_view_counts_published_cases() -> None:
    import re

    from django.test import Client

    cases = seed_cases()
    import_text(dump_cases(cases, "https://pref.example.jp"), "seeds")
    page = Client().get("/practices/map/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    rows = dict(
        re.findall(
            r'<th scope="row">(?:<a [^>]*>)?([^<]+)(?:</a>)?</th><td class="num">(\d+)', page
        )
    )
    expected = {p: 0 for p in rows}
    for case in cases:
        expected[case.prefecture] += 1
    assert {k: int(v) for k, v in rows.items()} == expected
    assert len(rows) == 47 and "<svg" in page
