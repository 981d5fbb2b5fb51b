"""Suggestions that speed coding up without deciding for the coder.

Two sources, each saying why: coding rules (`rules.py`, the rule that fired and the words it
matched) and a suggester learned from the answers already coded (`learned.py`, the n-grams
that weighed most). `suggester_quality` and `rules_quality` measure them on codings at hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from teichaku.coding.learned import (
    CodeQuality,
    LearnedSuggester,
    SuggesterQuality,
    _quality,
    suggester_quality,
)
from teichaku.coding.rules import Rule
from teichaku.coding.tokens import normalised_tokens


@dataclass(frozen=True)
class Suggestion:
    code: str
    source: str  # "rule" or "learned"
    why: str
    score: float  # 1.0 for a rule; the probability for the learned suggester


def suggest_by_rules(rules: Sequence[Rule], text: str) -> list[Suggestion]:
    tokens = normalised_tokens(text)
    out = []
    for rule in rules:
        fired, words = rule.fires(tokens)
        if fired:
            found = "、".join(words)
            why = f"ルール「{rule.source}」" + (f"（一致: {found}）" if found else "")
            out.append(Suggestion(rule.code, "rule", why, 1.0))
    return out


def suggest(
    texts: Sequence[str],
    rules: Sequence[Rule] = (),
    learned: LearnedSuggester | None = None,
) -> list[list[Suggestion]]:
    """Suggestions for each text: rules first, then the learned ones not already suggested."""
    from_model = learned.suggest_many(texts) if learned else [[] for _ in texts]
    out = []
    for text, model_suggestions in zip(texts, from_model, strict=True):
        suggestions = suggest_by_rules(rules, text)
        seen = {s.code for s in suggestions}
        for s in model_suggestions:
            if s.code not in seen:
                why = "学習: " + "、".join(s.why) if s.why else "学習"
                suggestions.append(Suggestion(s.code, "learned", why, s.probability))
        out.append(suggestions)
    return out


def rules_quality(
    rules: Sequence[Rule],
    texts: Sequence[str],
    labels: Sequence[set[str] | frozenset[str]],
    codes: Sequence[str],
) -> SuggesterQuality:
    """Precision and recall of the rules against the codings at hand (rules learn nothing,
    so no cross-validation is needed)."""
    predicted = [{s.code for s in suggest_by_rules(rules, text)} for text in texts]
    ruled = {rule.code for rule in rules}
    return _quality(
        predicted, labels, codes, 0, set(codes) - ruled, "rules applied to every coded answer"
    )


__all__ = [
    "CodeQuality",
    "LearnedSuggester",
    "SuggesterQuality",
    "Suggestion",
    "rules_quality",
    "suggest",
    "suggest_by_rules",
    "suggester_quality",
]
