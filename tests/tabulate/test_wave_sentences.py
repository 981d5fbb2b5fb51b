"""The sentences of 「前回調査との比較」 on small hand-worked waves (である体)."""

from __future__ import annotations

from pathlib import Path

from scipy.stats import mannwhitneyu
from test_waves import records, wave  # this folder has no __init__.py

from teichaku.instrument import load_instrument
from teichaku.report.sentences import study_sentence
from teichaku.report.wave_sentences import change_sentence, no_test_note, significance_sentence
from teichaku.responses import read_responses
from teichaku.tabulate import tabulate_survey
from teichaku.tabulate.waves import compare_waves

EXAMPLE = Path(__file__).parents[2] / "examples" / "retention-challenges-2024"


def test_likert_sentence_names_the_means_the_high_side_and_the_test() -> None:
    # Wave A: 1, 2, 4, 5 → mean 3.00, high (4–5) 2 of 4 = 50.0 %.
    # Wave B: 4, 4, 5, 5, 5 → mean 4.60, high 5 of 5 = 100.0 %: +50.0 points.
    before, after = ["1", "2", "4", "5"], ["4", "4", "5", "5", "5"]
    comparison = compare_waves(
        [wave("前回", [{"sat": v} for v in before]), wave("今回", [{"sat": v} for v in after])]
    )
    item = comparison.items[0]
    sentence = change_sentence(item, 0)
    assert sentence.startswith(
        "仕事に満足しているは、前回から今回にかけて平均が3.00から4.60へ1.60上がり、"
        "高群の割合は50.0％から100.0％へ50.0ポイント増えた（差の95％信頼区間 "
    )
    assert sentence.endswith("ポイント）。")
    expected = mannwhitneyu([4, 4, 5, 5, 5], [1, 2, 4, 5], alternative="two-sided")
    tested = significance_sentence(item.steps[0])
    assert tested is not None
    # Mid-ranks of 1, 2, 4, 4, 4, 5, 5, 5, 5: 1, 2, 4, 4, 4, 7.5 ×4; later wave's rank sum
    # 4 + 4 + 7.5 × 3 = 30.5, U = 30.5 − 5·6/2 = 15.5.
    assert expected.statistic == 15.5 and "U = 15.5、" in tested
    verdict = "有意であった" if expected.pvalue < 0.05 else "有意ではなかった"
    assert tested.startswith(f"Mann–WhitneyのU検定では、この差は統計的に{verdict}")


def test_choice_sentence_names_the_option_that_moved_most() -> None:
    # A: a, a, a, b (75 % a); B: a, b, b, c, c (a 20 %, b 40 %, c 40 %): a moved −55 points.
    comparison = compare_waves(
        [
            wave("2023年度", [{"kind": v} for v in ["a", "a", "a", "b"]]),
            wave("2024年度", [{"kind": v} for v in ["a", "b", "b", "c", "c"]]),
        ]
    )
    item = next(i for i in comparison.items if i.question.name == "kind")
    sentence = change_sentence(item, 0)
    assert sentence.startswith(
        "事業所の種類は、2023年度から2024年度にかけて、最も大きく変わったのは「単独型」で、"
        "75.0％から20.0％へ55.0ポイント減った（差の95％信頼区間 −"
    )
    tested = significance_sentence(item.steps[0])
    assert tested is not None and tested.startswith("χ²検定では、回答の分布の差は")
    assert "χ²検定の近似は信頼できない" in tested  # nine answers: expected counts below 5


def test_nothing_moved_is_said_so() -> None:
    rows = [{"kind": "a"}, {"kind": "b"}]
    comparison = compare_waves([wave("A", rows), wave("B", rows)])
    item = next(i for i in comparison.items if i.question.name == "kind")
    assert (
        change_sentence(item, 0)
        == "事業所の種類は、AからBにかけて、どの選択肢の割合もほとんど変わらなかった。"
    )


def test_items_nobody_answered_get_no_figure_and_no_small_base_caution() -> None:
    from teichaku.report.wave_figures import planned_trends
    from teichaku.report.wave_html import render_waves_html

    comparison = compare_waves([wave("A", [{"note": "x"}]), wave("B", [{"sat": "3"}])])
    assert [plan.key for plan in planned_trends(comparison)] == ["trend_sat"]
    html = render_waves_html(comparison)
    assert "注意（B）：有効回答数が30人未満（1人）" in html
    assert "注意（A）" not in html  # A has no answers: its sentence says so instead
    assert "仕事に満足しているは、AからBにかけて比べられない。" in html


POLITE = ("です", "ます", "でした", "ました")


def _in_plain_style(sentence: str, *labels: str) -> bool:
    """である体: ends with 。 and, leaving out the respondents' own labels, no です・ます."""
    for label in labels:
        sentence = sentence.replace(label, "")
    return sentence.endswith("。") and not any(polite in sentence for polite in POLITE)


def test_every_sentence_of_the_comparison_and_the_report_is_in_one_style() -> None:
    """Item 7 of issue 13: である体 throughout, in 「前回調査との比較」 and in the report."""
    data = [records(1, 180, 0.0), records(2, 150, 1.5), records(3, 40, -0.5), records(4, 3, 0)]
    comparison = compare_waves([wave(f"{2023 + i}年度", rows) for i, rows in enumerate(data)])
    written = 0
    for item in comparison.items:
        labels = (item.question.label, *(o.label for o in item.question.options))
        for index, step in enumerate(item.steps):
            for sentence in (change_sentence(item, index), significance_sentence(step)):
                if sentence is not None:
                    assert _in_plain_style(sentence, *labels), sentence
                    written += 1
        note = no_test_note(item)
        assert note is None or _in_plain_style(note), note
    # Every step has its change sentence; most have a test's sentence too.
    assert written > sum(len(item.steps) for item in comparison.items) >= 9
    tables = tabulate_survey(
        read_responses(EXAMPLE / "responses.csv", load_instrument("retention-challenges-2024"))
    )
    sentences = [(study_sentence(t), t) for t in tables.questions]
    assert sum(s is not None for s, _ in sentences) >= 12
    for sentence, table in sentences:
        if sentence is not None:
            labels = (table.question.label, *(o.label for o in table.question.options))
            assert _in_plain_style(sentence, *labels), sentence
