"""Issue 13, item 3: every free-text answer visible in the report (appendix, XLSX sheets).

Counts are checked against pandas reading the example's CSV on its own, not against our
reader.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from teichaku.cli.analyze import analyze
from teichaku.instrument import load_instrument
from teichaku.report.appendix import AppendixError, answer_lists, appendix_questions
from teichaku.responses import read_responses
from teichaku.tabulate import tabulate_survey

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "retention-challenges-2024"
BUILTIN = "retention-challenges-2024"
TEXTS = ("other_org_users_text", "self_plan_text")


def independent_texts(name: str) -> list[str]:
    """The non-empty answers of one column, read by pandas as plain strings."""
    frame = pd.read_csv(EXAMPLE / "responses.csv", dtype=str, keep_default_na=False)
    return [text.strip() for text in frame[name] if text.strip()]


def rows_of(html: str, anchor: str) -> list[str]:
    """The answers listed in one appendix article of report.html."""
    start = html.index(f'id="appendix-{anchor}"')
    article = html[start : html.index("</article>", start)]
    return [unescape(t) for t in re.findall(r'<td class="answer">(.*?)</td>', article, re.S)]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("appendix")
    result = CliRunner().invoke(
        analyze,
        [
            str(EXAMPLE / "responses.csv"),
            "--instrument",
            BUILTIN,
            "--out",
            str(out),
            "--text-appendix",  # no value: every text question
        ],
    )
    assert result.exit_code == 0, result.output
    return out


def test_the_appendix_lists_every_non_empty_answer(written: Path) -> None:
    html = (written / "report.html").read_text(encoding="utf-8")
    assert "付録　自由記述の回答" in html
    for name in TEXTS:
        expected = independent_texts(name)
        assert expected  # the example has answers to list
        assert rows_of(html, name) == expected


def test_the_workbook_has_a_sheet_of_answers_per_text_question(written: Path) -> None:
    book = load_workbook(written / "report.xlsx")
    form = load_instrument(BUILTIN)
    for name in TEXTS:
        label = form.question(name).label
        sheet = next(
            book[n] for n in book.sheetnames if book[n]["A1"].value == f"{label}（自由記述の回答）"
        )
        rows = list(sheet.iter_rows(values_only=True))
        header = next(i for i, row in enumerate(rows) if row[:3] == ("No.", "回答ID", "記述"))
        listed = [row[2] for row in rows[header + 1 :]]
        assert listed == independent_texts(name)
        assert "所属" in rows[header]  # the respondent's attributes, by label


def test_named_questions_only_and_refusals() -> None:
    form = load_instrument(BUILTIN)
    assert appendix_questions(form, None) == ()
    assert appendix_questions(form, "all") == TEXTS
    label = form.question("self_plan_text").label
    assert appendix_questions(form, f" {label} ") == ("self_plan_text",)
    assert appendix_questions(form, "self_plan_text,other_org_users_text") == TEXTS
    for wrong in ("q01_securing_users", "nope"):
        with pytest.raises(AppendixError, match="not a free-text question"):
            appendix_questions(form, wrong)


def test_cli_names_one_question_and_refuses_a_choice_question(tmp_path: Path) -> None:
    runner = CliRunner()
    args = [str(EXAMPLE / "responses.csv"), "--instrument", BUILTIN, "--out", str(tmp_path)]
    refused = runner.invoke(analyze, [*args, "--text-appendix", "q01_securing_users"])
    assert refused.exit_code != 0 and "not a free-text question" in refused.output
    assert not (tmp_path / "tables.json").exists()  # nothing written on bad input


def test_answers_keep_their_attributes() -> None:
    form = load_instrument(BUILTIN)
    responses = read_responses(EXAMPLE / "responses.csv", form)
    (listed,) = answer_lists(responses, ["self_plan_text"])
    table = tabulate_survey(responses).table("self_plan_text")
    assert len(listed.answers) == table.n and listed.missing == table.missing
    frame = pd.read_csv(EXAMPLE / "responses.csv", dtype=str, keep_default_na=False)
    bodies = dict(zip(frame["response_id"], frame["operating_body"], strict=True))
    labels = {o.value: o.label for o in form.question("operating_body").options}
    for answer in listed.answers:
        assert answer.attributes["operating_body"] == labels.get(bodies[answer.response_id], "")
