"""Rules and the learned suggester: they say why, and their quality is measured."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from teichaku.coding.agreement import coded_sets
from teichaku.coding.learned import LearnedSuggester
from teichaku.coding.rules import RulesError, parse_expression, parse_rules, read_rules
from teichaku.coding.suggest import rules_quality, suggest, suggest_by_rules, suggester_quality
from teichaku.coding.tokens import normalised_tokens

SECOND = Path(__file__).resolve().parents[1] / "fixtures" / "coding" / "second-set"


def test_tokens_are_sudachi_normalised_forms() -> None:
    assert normalised_tokens("わかりづらい") == normalised_tokens("分かりづらい")
    assert normalised_tokens("ｶﾞｲﾄﾞ") == normalised_tokens("ガイド")
    assert "。" not in normalised_tokens("特にない。")


def test_boolean_rules_fire_on_normalised_forms_and_say_why() -> None:
    rules = parse_rules(
        "# comment\n*a\n連携 or (企業 AND not 前例)\n*b\n分かりづらい\n*c\n信頼関係\n"
    )
    fired = suggest_by_rules(rules, "企業担当者との関わり方がわかりづらい。信頼 関係も")
    assert [s.code for s in fired] == ["a", "b", "c"]
    assert "企業" in fired[0].why and "連携 or (企業 AND not 前例)" in fired[0].why
    assert [s.code for s in suggest_by_rules(rules, "前例がない企業")] == []
    assert str(parse_expression("a & !b | c")) == "(a and not b) or c"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("連携\n", "row 1: an expression before any '*code' line"),
        ("*a\n", "row 1, code 'a': no expression"),
        ("*a\n(連携 or 企業\n", "')' missing"),
        ("*a\n連携 企業\n", "unexpected '企業'"),
        ("*a\nor 企業\n", "unexpected '|'"),
        ("*\nx\n", "row 1: '*' must be followed by a code"),
    ],
)
def test_bad_rules_are_refused_with_the_row(text: str, message: str) -> None:
    with pytest.raises(RulesError, match=re.escape(message)):
        parse_rules(text, "rules.txt")


def labelled(answers, codings, question):  # type: ignore[no-untyped-def]
    sets = coded_sets(codings)[""]
    mine = [a for a in answers if a.question == question and a.is_description]
    return [a.text for a in mine], [sets.get(a.unit, frozenset()) for a in mine]


def test_learned_suggestions_carry_the_weighted_ngrams(second_set) -> None:  # type: ignore[no-untyped-def]
    answers, codings, book = second_set
    texts, labels = labelled(answers, codings, "wishes")
    model = LearnedSuggester(book.values).fit(texts, labels)
    found = suggest(["通院の日は休みたい"], learned=model)[0]
    assert found and found[0].code == "health"
    assert found[0].source == "learned" and "通院" in found[0].why


def test_rules_come_first_and_are_not_repeated_by_the_model(second_set) -> None:  # type: ignore[no-untyped-def]
    answers, codings, book = second_set
    texts, labels = labelled(answers, codings, "wishes")
    model = LearnedSuggester(book.values).fit(texts, labels)
    rules = read_rules(SECOND / "rules.txt")
    found = suggest(["通院の日は休みたい"], rules, model)[0]
    assert [s.source for s in found][:1] == ["rule"]
    assert len({s.code for s in found}) == len(found)


def test_quality_is_measured_on_held_out_answers(second_set) -> None:  # type: ignore[no-untyped-def]
    answers, codings, book = second_set
    texts, labels = labelled(answers, codings, "wishes")
    quality = suggester_quality(texts, labels, book.values, folds=5)
    assert quality.answers == 80 and quality.folds == 5
    for row in quality.codes:
        assert row.support == sum(row.code in s for s in labels)
        assert row.true_positives <= min(row.support, row.suggested)
    # Not a claim about any target: a sanity bound that learning beats nothing at all.
    assert quality.micro_recall is not None and quality.micro_recall > 0.3
    rules = rules_quality(read_rules(SECOND / "rules.txt"), texts, labels, book.values)
    assert rules.micro_precision is not None and rules.micro_recall is not None


def test_a_code_too_rare_to_learn_is_reported_not_guessed() -> None:
    quality = suggester_quality(
        ["a b", "c d", "e f", "g h"], [{"x"}, set(), set(), set()], ["x"], 2
    )
    assert quality.codes[0].learned is False
    assert quality.codes[0].suggested == 0
