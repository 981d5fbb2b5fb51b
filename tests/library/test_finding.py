"""Search on normalised forms and similar cases (checked against a hand-made TF-IDF)."""

from __future__ import annotations

import math
from collections import Counter

from teichaku.library.finding import (
    Document,
    content_forms,
    index_form,
    matches,
    search,
    similar,
)


def test_a_variant_spelling_finds_the_text() -> None:
    indexed = index_form("企業担当者の関わり方が分かりづらい")
    assert matches("わかりにくい", indexed)
    assert matches("企業 わかりにくい", indexed)
    assert not matches("医療機関", indexed)
    assert matches("", indexed)


def test_ranking_puts_the_title_first_and_drops_non_matches() -> None:
    docs = [
        Document("a", "連絡ノート", "企業との連携で連絡ノートを使った"),
        Document("b", "企業との連携", "連絡ノート"),
        Document("c", "家族との分担", "生活面の相談"),
    ]
    # 連携: b has it in the title (3), a in the body (1); c not at all.
    assert [d.key for d in search("連携", docs)] == ["b", "a"]
    assert [d.key for d in search("家族", docs)] == ["c"]
    assert [d.key for d in search("", docs)] == ["a", "b", "c"]


def _tfidf_cosine(texts: list[str], i: int, j: int) -> float:
    # sklearn's default: idf = ln((1+n)/(1+df)) + 1, raw counts, l2 norm.
    bags = [Counter(content_forms(t)) for t in texts]
    n = len(texts)
    df = Counter(w for bag in bags for w in bag)
    idf = {w: math.log((1 + n) / (1 + d)) + 1 for w, d in df.items()}

    def vector(bag: Counter[str]) -> dict[str, float]:
        v = {w: c * idf[w] for w, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in v.values()))
        return {w: x / norm for w, x in v.items()}

    a, b = vector(bags[i]), vector(bags[j])
    return sum(a[w] * b.get(w, 0.0) for w in a)


def test_similar_cases_by_tfidf_cosine() -> None:
    docs = [
        Document("a", "企業との連携", "企業の担当者と連絡ノートで情報を共有した"),
        Document("b", "連絡ノート", "企業の担当者が異動しても連絡ノートで引き継いだ"),
        Document("c", "家族", "生活面の相談を家族と分担した"),
    ]
    found = similar("a", docs)
    texts = [f"{d.title}\n{d.body}" for d in docs]
    assert found[0][0].key == "b"
    assert math.isclose(found[0][1], _tfidf_cosine(texts, 0, 1), rel_tol=1e-9)
    assert all(d.key != "a" for d, _ in found)
