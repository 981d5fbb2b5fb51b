"""The real pisaitems data set (66,690 PISA 2009 students) imports and tabulates.

The form in tests/fixtures/pisaitems.xlsform.md says each scale once, the way a person would;
the data is messier: "Almost Never" and "All Lessons" against the form's "Almost never" and
"All lessons" (read case-insensitively, since no two options differ only in case), and a curly
apostrophe in "Don’t know what it is" against the form's straight one. The counts are checked
against the csv module reading the same file, with the label-to-option mapping written out
here by hand, so the importer's matching is not used to check itself.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from teichaku.analysis import analyze, write_outputs
from teichaku.instrument import Instrument, QuestionKind, load_xlsform
from teichaku.responses import MISSING_CODE, read_responses
from teichaku.tabulate import tabulate_survey
from teichaku.tabulate.results import ChoiceTable

FORM = Path(__file__).parents[1] / "fixtures" / "pisaitems.xlsform.md"
STUDENTS = 66_690

# The data's own labels → option names of the form, one block at a time.
AGREE = {"Strongly disagree": "sd", "Disagree": "d", "Agree": "a", "Strongly agree": "sa"}
BY_PREFIX = {
    "CNT": {"Canada": "CAN", "Mexico": "MEX", "United States": "USA"},
    "ST24": AGREE,
    "ST25": {
        "Never or almost never": "never",
        "A few times a year": "year",
        "About once a month": "month",
        "Several times a month": "months",
        "Several times a week": "week",
    },
    "ST26": {
        "Don’t know what it is": "unknown",
        "Never or almost never": "never",
        "Several times a month": "month",
        "Several times a week": "week",
        "Several times a day": "day",
    },
    "ST27": {"Almost Never": "never", "Sometimes": "sometimes", "Often": "often",
             "Almost always": "always"},
    "ST34": {**AGREE, "Strong agree": "sa"},
    "ST36": {"Never or hardly ever": "never", "Some lessons": "some", "Most lessons": "most",
             "All lessons": "all"},
    "ST37": {"Never or hardly ever": "never", "Some lessons": "some", "Most lessons": "most",
             "All Lessons": "all"},
    "ST39": {
        "Never": "never",
        "A few times a year": "year",
        "About once a month": "month",
        "Several times a month": "months",
        "Several times a week": "week",
    },
    "ST41": {"(1) Not useful at all": "1", "(2)": "2", "(3)": "3", "(4)": "4", "(5)": "5",
             "(6) Very Useful": "6"},
}  # fmt: skip
BY_PREFIX["ST38"] = BY_PREFIX["ST37"]
BY_PREFIX["ST42"] = BY_PREFIX["ST41"]


@pytest.fixture(scope="module")
def pisa_file(datasets_dir: Path) -> Path:
    path = datasets_dir / "pisaitems" / "pisaitems.csv.gz"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


@pytest.fixture(scope="module")
def pisa_form() -> Instrument:
    return load_xlsform(FORM)


def expected_counts(path: Path) -> dict[str, Counter[str]]:
    """Option name (or "" for missing) → count, per column, by the plain csv module."""
    counts: dict[str, Counter[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            for column, value in row.items():
                if column == "id":
                    continue
                mapping = BY_PREFIX[column[:4] if column != "CNT" else "CNT"]
                counts.setdefault(column, Counter())[mapping[value] if value else ""] += 1
    return counts


def test_pisaitems_import_matches_an_independent_count(
    pisa_file: Path, pisa_form: Instrument
) -> None:
    table = read_responses(pisa_file, pisa_form)
    assert table.respondents == STUDENTS
    assert table.unmatched_columns == ()
    assert table.response_ids[0] == "1" and len(set(table.response_ids)) == STUDENTS
    expected = expected_counts(pisa_file)
    assert set(expected) == {q.name for q in pisa_form.questions}
    missing_somewhere = 0
    for question in pisa_form.questions:
        codes = table.choice(question.name).codes
        got = Counter(
            "" if code == MISSING_CODE else question.options[code].value for code in codes.tolist()
        )
        assert got == expected[question.name], question.name
        missing_somewhere += got[""]
    assert missing_somewhere > 0  # the data set has missing answers, and they stay missing


def test_pisaitems_tabulates(pisa_file: Path, pisa_form: Instrument) -> None:
    table = read_responses(pisa_file, pisa_form)
    tables = tabulate_survey(table, by="CNT")
    assert tables.respondents == STUDENTS
    st37 = tables.table("ST37Q01")
    assert isinstance(st37, ChoiceTable)
    assert st37.n + st37.missing == STUDENTS
    assert len(tables.cross_tables) == len(pisa_form.questions) - 1


def test_pisaitems_analysis_equals_an_independent_pandas_computation(
    pisa_file: Path, pisa_form: Instrument, tmp_path: Path
) -> None:
    """`teichaku analyze --tables-only` on the real data against pandas on the raw labels."""
    analysis = analyze(pisa_file, pisa_form, by="CNT")
    write_outputs(analysis, tmp_path, tables_only=True)
    tables = {
        q["name"]: q
        for q in json.loads((tmp_path / "tables.json").read_text(encoding="utf-8"))["questions"]
    }
    raw = pd.read_csv(pisa_file, dtype=str, keep_default_na=False)
    for question in pisa_form.questions_of(QuestionKind.LIKERT):
        mapping = BY_PREFIX[question.name[:4]]
        names = raw[question.name].map(lambda v, m=mapping: m.get(v, "") if v else "")
        assert (names != "").sum() + (raw[question.name] == "").sum() == STUDENTS
        position = {value: i + 1 for i, value in enumerate(question.option_values)}
        scores = names[names != ""].map(position).astype(float)
        got = tables[question.name]
        assert got["n"] == len(scores) and got["missing"] == STUDENTS - len(scores)
        shares = scores.value_counts(normalize=True) * 100
        for option in got["options"]:
            expected = shares.get(position[option["value"]], 0.0)
            assert option["percent"] == pytest.approx(expected), question.name
        assert got["mean"] == pytest.approx(scores.mean())
        assert got["sd"] == pytest.approx(scores.std(ddof=1))
        assert got["median"] == pytest.approx(scores.median())
        centre = (len(position) + 1) / 2
        assert got["high_percent"] == pytest.approx((scores > centre).mean() * 100)
        assert got["low_percent"] == pytest.approx((scores < centre).mean() * 100)
    cross = next(c for c in analysis.tables.cross_tables if c.question.name == "ST24Q01")
    observed = pd.crosstab(raw["ST24Q01"].replace("", None), raw["CNT"]).to_numpy(dtype=float)
    expected_cells = observed.sum(1, keepdims=True) * observed.sum(0, keepdims=True)
    expected_cells /= observed.sum()
    chi2 = ((observed - expected_cells) ** 2 / expected_cells).sum()
    assert cross.chi2 == pytest.approx(chi2)
    assert cross.cramers_v == pytest.approx((chi2 / (observed.sum() * 2)) ** 0.5)
