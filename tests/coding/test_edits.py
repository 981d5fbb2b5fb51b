"""Renaming and merging codes in the core: the codebook and its codings change together.

Expected values are worked by hand on small codebooks written for the test."""

from __future__ import annotations

import pytest

from teichaku.bilingual import japanese_of
from teichaku.coding import Code, Codebook, Coding, parse_codebook, parse_codings
from teichaku.coding.answers import parse_answers
from teichaku.coding.edits import CodeEditError, merge_codes, rename_code
from teichaku.coding.templates import TEMPLATES

BOOK = Codebook(
    "q",
    (
        Code("collab", "連携"),
        Code("contact", "連絡", parent="collab"),
        Code("staff", "担当者の交代", parent="contact"),
        Code("other", "その他"),
    ),
)
GIVEN = [
    Coding("1", "q", "contact", "a"),
    Coding("1", "q", "collab", "a"),  # a gave both: one after the merge
    Coding("2", "q", "contact", "a"),
    Coding("2", "q", "collab", "b"),
    Coding("3", "q", "-", "a"),
    Coding("3", "q", "other", "b"),
]


def test_rename_moves_codings_and_children() -> None:
    book, codings = rename_code(BOOK, GIVEN, "contact", "reach", "連絡の取りにくさ")
    assert [(c.value, c.label, c.parent) for c in book.codes] == [
        ("collab", "連携", None),
        ("reach", "連絡の取りにくさ", "collab"),
        ("staff", "担当者の交代", "reach"),
        ("other", "その他", None),
    ]
    assert [c.code for c in codings] == ["reach", "collab", "reach", "collab", "-", "other"]
    # the label alone
    book, codings = rename_code(BOOK, GIVEN, "contact", "contact", "連絡")
    assert book.codes[1] == Code("contact", "連絡", parent="collab") and list(codings) == GIVEN


@pytest.mark.parametrize(
    ("value", "new", "label", "said"),
    [
        ("nope", "x", "x", "コードブックにありません"),
        ("contact", "other", "x", "すでにコードブックにあります"),
        ("contact", " ", "x", "コードとカテゴリー名を入力してください"),
        ("contact", "x", "", "コードとカテゴリー名を入力してください"),
        ("contact", "-", "x", "「読んだがコードなし」の印"),
    ],
)
def test_rename_refusals_are_worded_in_japanese(
    value: str, new: str, label: str, said: str
) -> None:
    with pytest.raises(CodeEditError) as caught:
        rename_code(BOOK, GIVEN, value, new, label)
    assert said in (japanese_of(caught.value) or "")


def test_merge_moves_every_coding_once_per_coder_and_answer() -> None:
    book, codings = merge_codes(BOOK, GIVEN, "contact", "collab")
    assert book.values == ("collab", "staff", "other")
    assert book.codes[1].parent == "collab"  # the source's child moved under the target
    assert sorted((c.response_id, c.coder, c.code) for c in codings) == [
        ("1", "a", "collab"),
        ("2", "a", "collab"),
        ("2", "b", "collab"),
        ("3", "a", "-"),
        ("3", "b", "other"),
    ]


def test_merge_into_a_child_gives_it_the_sources_parent() -> None:
    book, _ = merge_codes(BOOK, GIVEN, "contact", "staff")
    assert [(c.value, c.parent) for c in book.codes] == [
        ("collab", None),
        ("staff", "collab"),
        ("other", None),
    ]
    book, _ = merge_codes(BOOK, GIVEN, "collab", "staff")  # the grandchild
    assert [(c.value, c.parent) for c in book.codes] == [
        ("contact", "staff"),
        ("staff", None),
        ("other", None),
    ] or pytest.fail("merging into a grandchild leaves a cycle")


def test_merge_refusals() -> None:
    for source, target in (("contact", "contact"), ("nope", "collab"), ("collab", "nope")):
        with pytest.raises(CodeEditError) as caught:
            merge_codes(BOOK, GIVEN, source, target)
        assert japanese_of(caught.value)


def test_templates_read_back_with_the_readers() -> None:
    book = parse_codebook(TEMPLATES["codebook.csv"](), "q")
    assert [c.value for c in book.codes] == ["collaboration", "hand_over"]
    answers = parse_answers(TEMPLATES["answers.csv"]())
    assert [a.attributes for a in answers] == [{"所属": "A 事業所"}, {"所属": "B 事業所"}]
    codings = parse_codings(TEMPLATES["codings.csv"]())
    assert {c.code for c in codings} <= set(book.values)
