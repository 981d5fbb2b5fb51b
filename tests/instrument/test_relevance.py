"""The safe evaluator of XLSForm `relevant` expressions."""

from __future__ import annotations

import dataclasses

import pytest

from teichaku.instrument import load_xlsform
from teichaku.instrument.relevance import (
    RelevanceError,
    check_relevance,
    is_relevant,
    parse_relevance,
    relevant_questions,
)


@pytest.mark.parametrize(
    ("expression", "answers", "expected"),
    [
        ("${a} = 'x'", {"a": "x"}, True),
        ("${a} = 'x'", {"a": "y"}, False),
        ("${a} = 'x'", {}, False),
        ("${a} != 'x'", {}, True),
        ("${a} = ''", {}, True),
        ('${a} = "x"', {"a": "x"}, True),
        ("selected(${m}, 'b')", {"m": ["a", "b"]}, True),
        ("selected(${m}, 'c')", {"m": ["a", "b"]}, False),
        ("selected(${m}, 'a')", {"m": "a b"}, True),
        ("selected(${m}, 'a')", {}, False),
        ("not(selected(${m}, 'a'))", {}, True),
        ("${a} = 'x' and ${b} = 'y'", {"a": "x", "b": "z"}, False),
        ("${a} = 'x' or ${b} = 'y'", {"a": "q", "b": "y"}, True),
        ("${a} = 'x' or ${b} = 'y' and ${c} = 'z'", {"a": "x"}, True),  # and binds tighter
        ("(${a} = 'x' or ${b} = 'y') and ${c} = 'z'", {"a": "x"}, False),
        ("${n} >= 18", {"n": 20}, True),
        ("${n} >= 18", {"n": "9"}, False),  # numeric, not text, comparison
        ("${n} > 3", {}, False),
        ("${n} < 3", {"n": 2.5}, True),
        ("count-selected(${m}) >= 2", {"m": ["a", "b"]}, True),
        ("string-length(${t}) > 0", {"t": "abc"}, True),
        ("true()", {}, True),
        ("not(false())", {}, True),
    ],
)
def test_expressions(expression: str, answers: dict[str, object], expected: bool) -> None:
    assert is_relevant(expression, answers) is expected  # type: ignore[arg-type]


def test_empty_expression_is_always_relevant() -> None:
    assert is_relevant(None, {}) and is_relevant("  ", {})


def test_names_are_collected() -> None:
    assert parse_relevance("${a} = 'x' or selected(${b}, 'y')").names == {"a", "b"}


@pytest.mark.parametrize(
    "expression",
    [
        "${a} = ",
        "${a} == 'x'",
        "__import__('os')",
        "${a} = 'x' ${b}",
        "position(..) = 1",
        "${a} = 'x' and",
        "(${a} = 'x'",
        "${a} + 1 = 2",
    ],
)
def test_outside_the_subset_is_refused_with_its_place(expression: str) -> None:
    with pytest.raises(RelevanceError, match="relevant"):
        parse_relevance(expression)


FORM = """
| survey |
| | type | name | label | relevant |
| | select_one yn | works | Works? | |
| | begin group | job | Job | ${works} = 'y' |
| | text | employer | Employer | |
| | select_multiple help | help | Help | |
| | end group | | | |
| | text | help_detail | Detail | selected(${help}, 'money') |
| choices |
| | list_name | name | label |
| | yn | y | Yes |
| | yn | n | No |
| | help | money | Money |
| | help | time | Time |
"""


def test_group_relevance_applies_to_its_questions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "form.md"
    path.write_text(FORM, encoding="utf-8")
    form = load_xlsform(path)
    check_relevance(form)
    assert relevant_questions(form, {"works": "n"}) == {"works"}
    assert relevant_questions(form, {"works": "y", "help": ["money"]}) == {
        "works",
        "employer",
        "help",
        "help_detail",
    }


def test_check_names_an_unknown_question(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # pyxform refuses such a file already; an instrument built in code is checked here.
    path = tmp_path / "form.md"
    path.write_text(FORM, encoding="utf-8")
    form = load_xlsform(path)
    groups = tuple(dataclasses.replace(g, relevant="${workz} = 'y'") for g in form.groups)
    with pytest.raises(RelevanceError, match=r"group 'job'.*workz"):
        check_relevance(dataclasses.replace(form, groups=groups))


def test_unsupported_expression_in_a_form_is_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "form.md"
    path.write_text(FORM.replace("${works} = 'y'", "position(..) = 1"), encoding="utf-8")
    with pytest.raises(RelevanceError, match=r"group 'job'.*position"):
        check_relevance(load_xlsform(path))


def test_depends_on_and_asked_questions_follow_a_chain(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from teichaku.instrument.relevance import depends_on
    from teichaku.responses.validation import asked_questions

    path = tmp_path / "chain.md"
    path.write_text(
        "| survey |\n| | type | name | label | relevant |\n"
        "| | select_one yn | works | W | |\n"
        "| | select_multiple help | needs | N | ${works} = 'y' |\n"
        "| | text | other_need | O | selected(${needs}, 'x') |\n"
        "| | text | comment | C | |\n"
        "| choices |\n| | list_name | name | label |\n| | yn | y | Y |\n| | yn | n | N |\n"
        "| | help | a | A |\n| | help | x | X |\n",
        encoding="utf-8",
    )
    form = load_xlsform(path)
    assert depends_on(form, form.question("other_need")) == {"needs"}
    assert depends_on(form, form.question("comment")) == frozenset()
    everything = {"works", "needs", "other_need", "comment"}
    assert asked_questions(form, {"works": ["y"], "needs": ["x"]}) == everything
    # 'needs' is no longer asked, so its stale answer cannot keep 'other_need' asked.
    assert asked_questions(form, {"works": ["n"], "needs": ["x"]}) == {"works", "comment"}
    assert asked_questions(form, {}) == {"works", "comment"}
    assert asked_questions(form, {"works": ["y"], "needs": ["a"]}) == {
        "works",
        "needs",
        "comment",
    }
