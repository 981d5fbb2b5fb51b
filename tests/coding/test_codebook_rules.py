"""The codebook's rules, stated once in the core (`code_problem`) and applied to a CSV
codebook, a REFI-QDA codebook and (through the web services) the codebook editor; and the
rule that coding rules name only codebook codes (`check_rule_codes`)."""

from __future__ import annotations

import pytest

from teichaku.coding import Code, Codebook, CodebookError, parse_codebook
from teichaku.coding.codebook import code_problem
from teichaku.coding.refi_qda import codebook_from_qdc, codebook_to_qdc
from teichaku.coding.rules import RulesError, check_rule_codes, parse_rules

PARENTS = {"a": None, "b": "a", "c": "b"}


@pytest.mark.parametrize(
    ("value", "parent", "message"),
    [
        ("-", None, "コード '-' は「読んだがコードなし」の印なので使えません"),
        ("a", "a", "上位コード 'a': 自分自身は上位コードにできません"),
        ("d", "x", "上位コード 'x' はコードブックにありません（使えるコード: a, b, c）"),
        ("a", "c", "上位コード 'c': 上位コードが循環します"),  # a → c → b → a
    ],
)
def test_code_problem_names_each_broken_rule(value: str, parent: str, message: str) -> None:
    assert code_problem(PARENTS, value, parent) == message


@pytest.mark.parametrize(("value", "parent"), [("d", None), ("d", "c"), ("c", "a"), ("a", "")])
def test_code_problem_accepts_a_tree(value: str, parent: str | None) -> None:
    assert code_problem(PARENTS, value, parent) == ""


def test_a_codebook_file_with_code_dash_is_refused() -> None:
    with pytest.raises(CodebookError, match=r"row 3: コード '-' は「読んだがコードなし」の印"):
        parse_codebook("code,label\na,連携\n-,なし\n", "q", "book.csv")


def test_a_codebook_file_with_a_cycle_of_parents_is_refused() -> None:
    with pytest.raises(CodebookError, match=r"book.csv: row 2: 上位コード 'b': 上位コードが循環"):
        parse_codebook("code,label,parent\na,A,b\nb,B,a\n", "q", "book.csv")
    with pytest.raises(CodebookError, match=r"row 2: 上位コード 'x' はコードブックにありません"):
        parse_codebook("code,label,parent\na,A,x\n", "q", "book.csv")


def test_a_qdc_codebook_with_code_dash_is_refused() -> None:
    data = codebook_to_qdc(Codebook("q", (Code("a", "A"), Code("-", "なし", parent="a"))))
    with pytest.raises(CodebookError, match=r"b.qdc: code '-': コード '-' は「読んだが"):
        codebook_from_qdc(data, "q", "b.qdc")


def test_rules_name_only_codebook_codes() -> None:
    book = Codebook("q", (Code("a", "連携"), Code("b", "相談")))
    rules = parse_rules("*a\n企業\n*nope\n支援\n*相談\n話\n*also_not\nx\n", "r.txt")
    with pytest.raises(RulesError) as raised:
        check_rule_codes(rules, book, "r.txt")
    assert str(raised.value) == (
        "r.txt: コードブックにないコード: row 3: 'nope'; row 7: 'also_not'（使えるコード: a, b）"
    )
    kept = parse_rules("*a\n企業\n*相談\n話\n", "r.txt")
    assert check_rule_codes(kept, book, "r.txt") == kept
