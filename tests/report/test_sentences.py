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
