"""`teichaku waves` end to end: waves.json, waves.html and the trend figures; the real PISA
data split by country and compared as three waves."""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from scipy.stats import mannwhitneyu
from test_waves import AGREE, KINDS, records  # this folder has no __init__.py

from teichaku.cli import main

PISA_FORM = Path(__file__).parents[1] / "fixtures" / "pisaitems.xlsform.md"
# ST27's labels in the data, low to high, as tests/responses/test_pisaitems.py reads them
ST27 = {"Almost Never": 1, "Sometimes": 2, "Often": 3, "Almost always": 4}


def write_wave(
    path: Path,
    rows: list[dict[str, str | None]],
    fields: Sequence[str] = ("sat", "rev", "kind", "help", "note"),
) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fields)
        writer.writeheader()
        writer.writerows({k: v or "" for k, v in row.items()} for row in rows)
    return path


def teichaku(*args: str | Path) -> tuple[int, str]:
    """`teichaku ARGS…` as typed: its exit code and what it printed."""
    result = CliRunner().invoke(main, [*map(str, args)])
    return result.exit_code, result.output


def run(*args: str | Path) -> tuple[int, str]:
    return teichaku("waves", *args)


def test_two_files_write_waves_json_html_and_figures(form: Path, tmp_path: Path) -> None:
    first = write_wave(tmp_path / "2023.csv", records(1, 120, 0.0))
    second = write_wave(tmp_path / "2024.csv", records(2, 90, 2.0))
    out = tmp_path / "out"
    code, output = run(first, second, "--instrument", form, "--out", out)
    assert code == 0, output
    data = json.loads((out / "waves.json").read_text(encoding="utf-8"))
    assert data["schema"] == "teichaku.waves/1"
    assert [w["label"] for w in data["waves"]] == ["2023", "2024"]  # the file names
    assert [w["respondents"] for w in data["waves"]] == [120, 90]
    sat = next(q for q in data["questions"] if q["name"] == "sat")
    assert [w["wave"] for w in sat["waves"]] == ["2023", "2024"]
    (change,) = sat["changes"]
    assert change["test"] == "mann_whitney" and {"u", "z", "r", "p_value"} <= set(change)
    assert [o["value"] for o in change["options"]] == AGREE
    kind = next(q for q in data["questions"] if q["name"] == "kind")
    assert kind["changes"][0]["test"] == "chi2"
    assert [o["value"] for o in kind["changes"][0]["options"]] == KINDS
    assert "note" not in {q["name"] for q in data["questions"]}  # free text is not compared
    for name in ("sat", "rev", "kind", "help"):
        assert (out / "figures" / f"trend_{name}.svg").is_file()
        assert (out / "figures" / f"trend_{name}.png").is_file()
    html = (out / "waves.html").read_text(encoding="utf-8")
    assert "<h2>前回調査との比較</h2>" in html
    assert "仕事に満足しているは、2023から2024にかけて" in html
    assert "Mann–WhitneyのU検定では" in html and "χ²検定では" in html
    assert "です" not in html and "ます" not in html  # である体


def test_each_wave_reads_as_its_own_analysis(form: Path, tmp_path: Path) -> None:
    """A wave's table in waves.json is the same as `teichaku analyze` of that file alone."""
    files = [write_wave(tmp_path / f"w{i}.csv", records(i, 60, i - 1.0)) for i in range(3)]
    code, output = run(*files, "--instrument", form, "--out", tmp_path / "waves")
    assert code == 0, output
    waves = json.loads((tmp_path / "waves" / "waves.json").read_text(encoding="utf-8"))
    for index, path in enumerate(files):
        result = CliRunner().invoke(
            main,
            ["analyze", str(path), "--instrument", str(form), "--out", str(tmp_path / f"a{index}"),
             "--tables-only"],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        tables = json.loads((tmp_path / f"a{index}" / "tables.json").read_text(encoding="utf-8"))
        for question in waves["questions"]:
            alone = next(q for q in tables["questions"] if q["name"] == question["name"])
            wave = question["waves"][index]
            assert {
                k: v for k, v in alone.items() if k not in ("name", "kind", "label", "group")
            } == {k: v for k, v in wave.items() if k != "wave"}


def test_labels_name_the_waves_and_must_match_the_files(form: Path, tmp_path: Path) -> None:
    first = write_wave(tmp_path / "a.csv", records(1, 30, 0.0))
    second = write_wave(tmp_path / "b.csv", records(2, 30, 0.0))
    out = tmp_path / "out"
    code, output = run(first, second, "--instrument", form, "--out", out, "--labels", "前回、今回")
    assert code == 0, output
    data = json.loads((out / "waves.json").read_text(encoding="utf-8"))
    assert [w["label"] for w in data["waves"]] == ["前回", "今回"]
    code, output = run(first, second, "--instrument", form, "--out", out, "--labels", "前回")
    assert code != 0 and "1 labels for 2 files" in output
    code, output = run(first, "--instrument", form, "--out", out)
    assert code != 0 and "two or more" in output
    (tmp_path / "again").mkdir()
    same_name = write_wave(tmp_path / "again" / "a.csv", records(3, 30, 0.0))
    code, output = run(first, same_name, "--instrument", form, "--out", out)
    assert code != 0 and "--labels" in output


def test_bad_values_and_wide_files_follow_analyze(form: Path, tmp_path: Path) -> None:
    rows = records(1, 30, 0.0)
    rows[4]["kind"] = "z"
    bad = write_wave(tmp_path / "bad.csv", rows)
    good = write_wave(tmp_path / "good.csv", records(2, 30, 0.0))
    out = tmp_path / "out"
    code, output = run(bad, good, "--instrument", form, "--out", out)
    assert code != 0 and "'z'" in output and "--lenient" in output
    assert not out.exists()  # nothing written on bad input
    code, output = run(bad, good, "--instrument", form, "--out", out, "--lenient")
    assert code == 0, output
    wide = tmp_path / "wide.csv"
    text = (tmp_path / "good.csv").read_text(encoding="utf-8").splitlines()
    wide.write_text(
        "\n".join([text[0] + ",extra", *(line + ",1" for line in text[1:])]) + "\n",
        encoding="utf-8",
    )
    code, output = run(good, wide, "--instrument", form, "--out", out)
    assert code != 0 and "--ignore-extra-columns" in output
    code, output = run(good, wide, "--instrument", form, "--out", out, "--ignore-extra-columns")
    assert code == 0 and "extra" in output


@pytest.mark.slow
def test_pisa_split_by_country_compares_as_three_waves(datasets_dir: Path, tmp_path: Path) -> None:
    source = datasets_dir / "pisaitems" / "pisaitems.csv.gz"
    if not source.is_file():
        pytest.skip(f"{source} is absent")
    countries: dict[str, list[dict[str, str]]] = {"Canada": [], "Mexico": [], "United States": []}
    with gzip.open(source, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        header = reader.fieldnames
        assert header is not None
        for row in reader:
            countries[row["CNT"]].append(row)
    files = []
    for country, rows in countries.items():
        path = tmp_path / f"{country}.csv"
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, header)
            writer.writeheader()
            writer.writerows(rows)
        files.append(path)
    out = tmp_path / "out"
    code, output = run(*files, "--instrument", PISA_FORM, "--out", out)
    assert code == 0, output
    data = json.loads((out / "waves.json").read_text(encoding="utf-8"))
    assert [w["label"] for w in data["waves"]] == ["Canada", "Mexico", "United States"]
    assert [w["respondents"] for w in data["waves"]] == [len(r) for r in countries.values()]
    assert all(len(q["changes"]) == 2 for q in data["questions"])
    # One Likert item against scipy on the raw labels, mapped to scores by hand.
    item = next(q for q in data["questions"] if q["name"] == "ST27Q01")
    lists = [[ST27[r["ST27Q01"]] for r in rows if r["ST27Q01"]] for rows in countries.values()]
    for index, change in enumerate(item["changes"]):
        expected = mannwhitneyu(lists[index + 1], lists[index], alternative="two-sided")
        assert change["u"] == pytest.approx(expected.statistic)
        assert change["p_value"] == pytest.approx(expected.pvalue, rel=1e-9, abs=1e-300)
    html = (out / "waves.html").read_text(encoding="utf-8")
    assert html.count('<article class="question"') == len(data["questions"])
    assert len(list((out / "figures").glob("trend_*.svg"))) == len(data["questions"])
