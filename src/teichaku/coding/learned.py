"""A suggester learned from the answers already coded.

Features: word uni- and bigrams of SudachiPy normalised forms, and character 2–3-grams of
the NFKC text, both tf-idf weighted. Model: one logistic regression per code (one-vs-rest),
with balanced class weights since most codes are rare. A code is suggested when its
probability reaches `threshold`; the suggestion says why: the n-grams of the answer that
pushed hardest towards the code.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

from teichaku.coding.tokens import normalised_tokens
from teichaku.textform import search_form

MIN_POSITIVES = 2  # a code given fewer times than this is not learned


def _word_ngrams(text: str) -> list[str]:
    words = normalised_tokens(text)
    return [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]


@dataclass(frozen=True)
class LearnedSuggestion:
    code: str
    probability: float
    why: tuple[str, ...]  # top weighted n-grams, "語:…" (words) or "字:…" (characters)


class LearnedSuggester:
    """Fit on coded answers, then suggest codes for others.

    >>> texts = ["企業との連携が難しい", "企業と連絡がとれない", "企業訪問の時間がない",
    ...          "職員が足りない", "職員の確保が課題", "特になし"]
    >>> given = [{"employer"}, {"employer"}, {"employer"}, {"staff"}, {"staff"}, set()]
    >>> s = LearnedSuggester(["employer", "staff", "money"]).fit(texts, given)
    >>> s.skipped  # given fewer than MIN_POSITIVES times: not learned
    ('money',)
    >>> [(hint.code, hint.why[0]) for hint in s.suggest("企業との調整")]
    [('employer', '語:企業')]
    """

    def __init__(self, codes: Sequence[str], threshold: float = 0.5, c: float = 10.0) -> None:
        self.codes = tuple(codes)
        self.threshold = threshold
        self.c = c
        self.models: dict[str, LogisticRegression] = {}
        self.skipped: tuple[str, ...] = ()

    def fit(
        self, texts: Sequence[str], labels: Sequence[set[str] | frozenset[str]]
    ) -> LearnedSuggester:
        if len(texts) != len(labels):
            raise ValueError(f"{len(texts)} texts for {len(labels)} label sets")
        self.words = TfidfVectorizer(analyzer=_word_ngrams, sublinear_tf=True)
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 3), preprocessor=search_form, sublinear_tf=True
        )
        if not texts:
            self.skipped = self.codes
            return self
        x = sparse.hstack(
            [self.words.fit_transform(texts), self.chars.fit_transform(texts)]
        ).tocsr()
        self.feature_names = np.array(
            [f"語:{n}" for n in self.words.get_feature_names_out()]
            + [f"字:{n}" for n in self.chars.get_feature_names_out()],
            dtype=object,
        )
        skipped = []
        for code in self.codes:
            y = np.array([code in given for given in labels], dtype=int)
            if y.sum() < MIN_POSITIVES or y.sum() == len(y):
                skipped.append(code)
                continue
            model = LogisticRegression(C=self.c, class_weight="balanced", max_iter=2000)
            self.models[code] = model.fit(x, y)
        self.skipped = tuple(skipped)
        return self

    def _features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return sparse.hstack([self.words.transform(texts), self.chars.transform(texts)]).tocsr()

    def suggest_many(self, texts: Sequence[str], top: int = 3) -> list[list[LearnedSuggestion]]:
        """For each text, the codes at or above the threshold, most probable first."""
        if not self.models or not texts:
            return [[] for _ in texts]
        x = self._features(texts)
        out: list[list[LearnedSuggestion]] = [[] for _ in texts]
        for code, model in self.models.items():
            p = model.predict_proba(x)[:, 1]
            for i in np.flatnonzero(p >= self.threshold):
                row = x.getrow(int(i))
                contribution = row.multiply(model.coef_[0]).tocsr()
                order = np.argsort(-contribution.data)[:top]
                why = tuple(
                    str(self.feature_names[contribution.indices[j]])
                    for j in order
                    if contribution.data[j] > 0
                )
                out[i].append(LearnedSuggestion(code, float(p[i]), why))
        for suggestions in out:
            suggestions.sort(key=lambda s: -s.probability)
        return out

    def suggest(self, text: str, top: int = 3) -> list[LearnedSuggestion]:
        return self.suggest_many([text], top)[0]


@dataclass(frozen=True)
class CodeQuality:
    code: str
    support: int  # answers coded with it
    suggested: int  # answers it was suggested for, held out
    true_positives: int
    precision: float | None  # None when never suggested
    recall: float | None  # None when never given
    learned: bool  # False when given too rarely to learn in some fold


@dataclass(frozen=True)
class SuggesterQuality:
    folds: int
    answers: int
    codes: tuple[CodeQuality, ...]
    micro_precision: float | None
    micro_recall: float | None
    method: str

    def as_dict(self) -> dict[str, object]:
        return {
            "method": self.method,
            "folds": self.folds,
            "answers": self.answers,
            "micro_precision": self.micro_precision,
            "micro_recall": self.micro_recall,
            "codes": [c.__dict__ for c in self.codes],
        }


def suggester_quality(
    texts: Sequence[str],
    labels: Sequence[set[str] | frozenset[str]],
    codes: Sequence[str],
    folds: int = 5,
    seed: int = 0,
    threshold: float = 0.5,
) -> SuggesterQuality:
    """Precision and recall per code of `LearnedSuggester`, by k-fold cross-validation on
    the coded answers: each answer's suggestions come from a model that never saw it."""
    n = len(texts)
    folds = max(2, min(folds, n)) if n >= 2 else 0
    predicted: list[set[str]] = [set() for _ in range(n)]
    unlearned: set[str] = set()
    if folds:
        for train, test in KFold(folds, shuffle=True, random_state=seed).split(np.arange(n)):
            model = LearnedSuggester(codes, threshold).fit(
                [texts[i] for i in train], [labels[i] for i in train]
            )
            unlearned |= set(model.skipped)
            for i, suggestions in zip(
                test, model.suggest_many([texts[i] for i in test]), strict=True
            ):
                predicted[i] = {s.code for s in suggestions}
    return _quality(
        predicted,
        labels,
        codes,
        folds,
        unlearned,
        f"{folds}-fold cross-validation (shuffled, seed {seed}), threshold {threshold}",
    )


def _quality(
    predicted: Sequence[set[str]],
    labels: Sequence[set[str] | frozenset[str]],
    codes: Sequence[str],
    folds: int,
    unlearned: set[str],
    method: str,
) -> SuggesterQuality:
    per_code = []
    all_tp = all_pred = all_true = 0
    for code in codes:
        truth = [code in given for given in labels]
        guess = [code in given for given in predicted]
        tp = sum(t and g for t, g in zip(truth, guess, strict=True))
        support, suggested = sum(truth), sum(guess)
        all_tp, all_pred, all_true = all_tp + tp, all_pred + suggested, all_true + support
        per_code.append(
            CodeQuality(
                code,
                support,
                suggested,
                tp,
                tp / suggested if suggested else None,
                tp / support if support else None,
                code not in unlearned,
            )
        )
    return SuggesterQuality(
        folds,
        len(labels),
        tuple(per_code),
        all_tp / all_pred if all_pred else None,
        all_tp / all_true if all_true else None,
        method,
    )
