"""A wide file: the instrument picks a few items of a national data set; the rest is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from teichaku.cli.analyze import analyze
from teichaku.instrument import Instrument
from teichaku.responses import MISSING_CODE, ResponseFileError, read_responses

from .writing import write_csv

EXTRA = [f"national_item_{number:02d}" for number in range(1, 66)]


def _wide(path: Path, q01: str = "6") -> Path:
    header = ["利用者の確保", *EXTRA, "所属"]
    rows = [
        ["7", *["3"] * len(EXTRA), "教育関係"],
        [q01, *["x"] * len(EXTRA), ""],
        ["", *[""] * len(EXTRA), "教育関係"],
    ]
    return write_csv(path, [header, *rows])


def test_strict_still_refuses_a_wide_file(tmp_path: Path, form: Instrument) -> None:
    with pytest.raises(ResponseFileError) as caught:
        read_responses(_wide(tmp_path / "wide.csv"), form)
    assert caught.value.unknown_columns == tuple(EXTRA)


def test_extra_columns_are_ignored_and_listed(tmp_path: Path, form: Instrument) -> None:
    table = read_responses(_wide(tmp_path / "wide.csv"), form, ignore_extra_columns=True)
    assert table.unmatched_columns == tuple(EXTRA)
    assert table.choice("q01_securing_users").codes.tolist() == [6, 5, MISSING_CODE]
    assert table.multi("affiliation").answered.tolist() == [True, False, True]
    assert table.issues == ()


def test_a_bad_value_in_a_known_column_is_still_refused(tmp_path: Path, form: Instrument) -> None:
    path = _wide(tmp_path / "wide.csv", q01="8")
    with pytest.raises(ResponseFileError) as caught:
        read_responses(path, form, ignore_extra_columns=True)
    error = caught.value
    assert [(i.row, i.column, i.value) for i in error.issues] == [(3, "利用者の確保", "8")]
    assert error.unknown_columns == ()


def test_a_second_column_for_one_question_is_still_refused(
    tmp_path: Path, form: Instrument
) -> None:
    path = write_csv(tmp_path / "twice.csv", [["利用者の確保", "q01_securing_users"], ["7", "6"]])
    with pytest.raises(ResponseFileError) as caught:
        read_responses(path, form, ignore_extra_columns=True)
    assert "a second column" in str(caught.value)


def test_analyze_flag_lists_what_it_ignored_and_keeps_values_strict(tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--instrument", "retention-challenges-2024", "--tables-only"]
    wide = _wide(tmp_path / "wide.csv")
    refused = runner.invoke(analyze, [str(wide), *base, "--out", str(tmp_path / "a")])
    assert refused.exit_code != 0 and "--ignore-extra-columns" in refused.output
    assert not (tmp_path / "a" / "tables.json").exists()
    flagged = [*base, "--ignore-extra-columns"]
    result = runner.invoke(analyze, [str(wide), *flagged, "--out", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert "national_item_01" in result.output and "national_item_65" in result.output
    assert (tmp_path / "b" / "tables.json").exists()
    bad = _wide(tmp_path / "bad.csv", q01="8")
    result = runner.invoke(analyze, [str(bad), *flagged, "--out", str(tmp_path / "c")])
    assert result.exit_code != 0 and "'8'" in result.output
    assert not (tmp_path / "c" / "tables.json").exists()
