from __future__ import annotations

import numpy as np

from teichaku.instrument import Instrument
from teichaku.report import format_percent, study_sentence
from teichaku.responses import ChoiceAnswers
from teichaku.tabulate import SurveyTables, tabulate_choice


def _table(instrument: Instrument, counts: list[int], missing: int = 0):  # type: ignore[no-untyped-def]
    question = instrument.question("q01_securing_users")
    codes = np.repeat(np.arange(len(counts)), counts).astype(np.int16)
    codes = np.concatenate([codes, np.full(missing, -1, dtype=np.int16)])
    return tabulate_choice(ChoiceAnswers(question, codes))


def test_sentence_reproduces_the_study(tables: SurveyTables) -> None:
    table = tables.table("q01_securing_users")
    assert study_sentence(table) == (
        "利用者の確保は、「７：非常に課題である」とする回答が21.7％と最も多い傾向を示した。"
    )
    assert study_sentence(table, subject="利用者の確保に関する課題") == (
        "利用者の確保に関する課題は、「７：非常に課題である」とする回答が21.7％と最も多い傾向を示した。"
    )


def test_tie_names_both_options(instrument: Instrument) -> None:
    sentence = study_sentence(_table(instrument, [0, 0, 0, 30, 30, 20, 20]))
    assert sentence == (
        "利用者の確保は、「４：どちらともいえない」と「５：やや課題である」とする回答が"
        "それぞれ30.0％と最も多い傾向を示した。"
    )


def test_three_way_tie(instrument: Instrument) -> None:
    sentence = study_sentence(_table(instrument, [10, 10, 10, 0, 0, 0, 0]))
    assert sentence is not None
    assert "「１：全く課題でない」、「２：課題でない」と「３：やや課題でない」" in sentence
    assert "それぞれ33.3％" in sentence


def test_no_answers(instrument: Instrument) -> None:
    assert study_sentence(_table(instrument, [0] * 7, missing=5)) == (
        "利用者の確保は、有効な回答がなかった。"
    )


def test_single_choice_gets_a_sentence_text_does_not(tables: SurveyTables) -> None:
    assert study_sentence(tables.table("operating_body")) is not None
    assert study_sentence(tables.table("affiliation")) is None
    assert study_sentence(tables.table("other_org_users_text")) is None


def test_percent_rounds_half_up() -> None:
    assert format_percent(12.25) == "12.3"
    assert format_percent(21.666) == "21.7"
    assert format_percent(0.0) == "0.0"
    assert format_percent(None) == "—"


def _statement_table(counts: dict[str, int]):  # type: ignore[no-untyped-def]
    from teichaku.instrument.xlsform import load_xlsform_bytes
    from teichaku.responses import responses_from_records

    rows = "\n".join(
        f"| | agree | {v} | {label} |"
        for v, label in [("1", "そう思わない"), ("2", "どちらともいえない"), ("3", "そう思う")]
    )
    form = load_xlsform_bytes(
        "\n".join(
            [
                "| survey |",
                "| | type | name | label | appearance |",
                "| | select_one agree | job | 現在の仕事に満足している | likert |",
                "| choices |",
                "| | list_name | name | label |",
                rows,
            ]
        ).encode(),
        "satisfied.md",
    )
    records = [{"job": value} for value, n in counts.items() for _ in range(n)]
    return tabulate_choice(responses_from_records(form, records).choice("job"))


def test_a_statement_label_is_quoted_and_ties_are_all_named() -> None:
    """Issue 13: 「「現在の仕事に満足している」では、…が最も多く、それぞれ33.3%」 — a statement
    is quoted with 「では」, every tied option named, with 「それぞれ」, in である体."""
    sentence = study_sentence(_statement_table({"1": 1, "2": 1, "3": 1}))
    assert sentence == (
        "「現在の仕事に満足している」では、「そう思わない」、「どちらともいえない」と「そう思う」"
        "とする回答がそれぞれ33.3％と最も多い傾向を示した。"
    )
    single = study_sentence(_statement_table({"1": 1, "3": 2}))
    assert single == (
        "「現在の仕事に満足している」では、「そう思う」とする回答が66.7％と最も多い傾向を示した。"
    )
    assert "それぞれ" not in single


def test_sentences_are_in_one_style() -> None:
    """である体 throughout: no です・ます in any sentence the report writes."""
    cases = [{"1": 1, "2": 1, "3": 1}, {"3": 4}, {}]
    for counts in cases:
        sentence = study_sentence(_statement_table(counts)) or ""
        assert sentence.endswith(("た。", "である。"))
        assert not any(polite in sentence for polite in ("です", "ます"))
