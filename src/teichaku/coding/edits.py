"""Renaming and merging codes: a codebook and its codings changed together, as pure functions.

A rename gives a code a new value and label; its codings and the codes that name it as their
parent follow. A merge folds the source code into the target: every coding of the source
becomes one of the target (a coder who gave both to one answer keeps one), the source's
children move under the target, and the source leaves the codebook. The web workbench does
the same to its stored rows (`web/coding/services`) after asking these functions whether the
change may be made and what the codebook becomes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from teichaku.bilingual import worded
from teichaku.coding.codebook import Code, Codebook, code_problem
from teichaku.coding.codings import Coding


class CodeEditError(ValueError):
    """A rename or merge that cannot be made; carries its Japanese wording."""


def _known(codebook: Codebook, value: str) -> Code:
    found = next((c for c in codebook.codes if c.value == value), None)
    if found is None:
        raise worded(
            CodeEditError(f"code {value!r} is not in the codebook"),
            f"コード {value!r} はコードブックにありません",
        )
    return found


def _checked(codebook: Codebook) -> Codebook:
    parent_of = {c.value: c.parent for c in codebook.codes}
    for code in codebook.codes:
        problem = code_problem(parent_of, code.value, code.parent)
        if problem:
            raise worded(CodeEditError(f"code {code.value!r}: {problem}"), problem)
    return codebook


def rename_code(
    codebook: Codebook, codings: Iterable[Coding], value: str, new_value: str, new_label: str
) -> tuple[Codebook, tuple[Coding, ...]]:
    """The codebook and codings with code `value` called `new_value` (label `new_label`).

    >>> book = Codebook("q", (Code("a", "連携"), Code("b", "説明", parent="a")))
    >>> new, codings = rename_code(book, [Coding("1", "q", "a", "x")], "a", "c", "企業連携")
    >>> [(c.value, c.label, c.parent) for c in new.codes], [c.code for c in codings]
    ([('c', '企業連携', None), ('b', '説明', 'c')], ['c'])
    """
    _known(codebook, value)
    new_value, new_label = new_value.strip(), new_label.strip()
    if not new_value or not new_label:
        raise worded(
            CodeEditError("a code needs a value and a label"),
            "コードとカテゴリー名を入力してください",
        )
    if new_value != value and any(c.value == new_value for c in codebook.codes):
        raise worded(
            CodeEditError(f"code {new_value!r} is in the codebook already"),
            f"コード {new_value!r} はすでにコードブックにあります",
        )
    codes = tuple(
        replace(
            c,
            value=new_value if c.value == value else c.value,
            label=new_label if c.value == value else c.label,
            parent=new_value if c.parent == value else c.parent,
        )
        for c in codebook.codes
    )
    moved = tuple(replace(c, code=new_value) if c.code == value else c for c in codings)
    return _checked(Codebook(codebook.question, codes)), moved


def merge_codes(
    codebook: Codebook, codings: Iterable[Coding], source: str, target: str
) -> tuple[Codebook, tuple[Coding, ...]]:
    """The codebook without `source` and the codings with every `source` coding given to
    `target` instead, once per coder and answer.

    The source's children move under the target; when the target is itself below the source
    (a child or further down), it takes the source's parent, so no cycle is made.

    >>> book = Codebook("q", (Code("a", "連携"), Code("b", "企業との連携")))
    >>> given = [Coding("1", "q", "a", "x"), Coding("1", "q", "b", "x"), Coding("2", "q", "b", "x")]
    >>> new, codings = merge_codes(book, given, "b", "a")
    >>> new.values, [(c.response_id, c.code) for c in codings]
    (('a',), [('1', 'a'), ('2', 'a')])
    """
    gone = _known(codebook, source)
    _known(codebook, target)
    if source == target:
        raise worded(
            CodeEditError("a code cannot be merged into itself"),
            "同じコードには統合できません。統合先に別のコードを選んでください",
        )

    parent_of = {c.value: c.parent for c in codebook.codes}
    below, up = False, parent_of.get(target)
    for _ in codebook.codes:  # at most one step per code, even in a codebook with a cycle
        if not up or below:
            break
        below, up = up == source, parent_of.get(up)

    def parent_after(code: Code) -> str | None:
        if code.value == target and below:
            return gone.parent
        return target if code.parent == source else code.parent

    codes = tuple(replace(c, parent=parent_after(c)) for c in codebook.codes if c.value != source)
    seen: set[tuple[str, str, str, str]] = set()
    merged: list[Coding] = []
    for coding in codings:
        if coding.code == source:
            coding = replace(coding, code=target)
        key = (coding.response_id, coding.question, coding.coder, coding.code)
        if key not in seen:
            seen.add(key)
            merged.append(coding)
    return _checked(Codebook(codebook.question, codes)), tuple(merged)
