"""KH Coder-style coding rules: a code fires when an answer contains words, or a boolean
expression of them, matched on SudachiPy normalised forms.

A rules file (UTF-8, BOM or CP932) holds one rule per code, KH Coder's layout::

    # comment
    *collaboration
    連携 or (企業 and 担当者)
    *nothing_in_particular
    特に and not 課題

A line starting with ``*`` names the code; the lines up to the next ``*`` are its expression.
Operators: ``and``, ``or``, ``not`` (also ``&``, ``|``, ``!``) and parentheses; ``and`` binds
tighter than ``or``. A word is matched on normalised forms, so 分かりづらい matches
わかりづらい; a word that Sudachi splits into several (信頼 関係) matches those forms in a row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from teichaku.coding.codebook import Codebook
from teichaku.coding.tokens import normalised_tokens
from teichaku.textfiles import read_text

_TOKEN = re.compile(r"\s*(\(|\)|&|\||!|[^\s()&|!]+)")
_KEYWORDS = {"and": "&", "or": "|", "not": "!"}


class RulesError(ValueError):
    pass


@dataclass(frozen=True)
class Term:
    word: str
    forms: tuple[str, ...]

    def matches(self, tokens: Sequence[str]) -> bool:
        # Compounds are split differently in different contexts (信頼関係 | 信頼 + 関係), so
        # a run of whole tokens whose forms join to the word's forms also matches.
        target = "".join(self.forms)
        if not target:
            return False
        for start in range(len(tokens)):
            joined = ""
            for token in tokens[start:]:
                joined += token
                if joined == target:
                    return True
                if len(joined) >= len(target) or not target.startswith(joined):
                    break
        return False

    def __str__(self) -> str:
        return self.word


@dataclass(frozen=True)
class Not:
    operand: Expr

    def __str__(self) -> str:
        return f"not {_wrap(self.operand)}"


@dataclass(frozen=True)
class And:
    operands: tuple[Expr, ...]

    def __str__(self) -> str:
        return " and ".join(_wrap(o) for o in self.operands)


@dataclass(frozen=True)
class Or:
    operands: tuple[Expr, ...]

    def __str__(self) -> str:
        return " or ".join(_wrap(o) for o in self.operands)


Expr = Term | Not | And | Or


def _wrap(expr: Expr) -> str:
    return f"({expr})" if isinstance(expr, And | Or) else str(expr)


def evaluate(expr: Expr, tokens: Sequence[str], matched: list[str]) -> bool:
    """True when `expr` holds for `tokens`; words found are appended to `matched`."""
    if isinstance(expr, Term):
        hit = expr.matches(tokens)
        if hit:
            matched.append(expr.word)
        return hit
    if isinstance(expr, Not):
        return not evaluate(expr.operand, tokens, [])
    if isinstance(expr, And):
        return all(evaluate(o, tokens, matched) for o in expr.operands)
    results = [evaluate(o, tokens, matched) for o in expr.operands]  # all, to list each word
    return any(results)


@dataclass(frozen=True)
class Rule:
    code: str
    expression: Expr
    source: str  # as written
    line: int

    def fires(self, tokens: Sequence[str]) -> tuple[bool, tuple[str, ...]]:
        matched: list[str] = []
        hit = evaluate(self.expression, tokens, matched)
        return hit, tuple(dict.fromkeys(matched)) if hit else ()


def parse_expression(text: str, where: str = "rule") -> Expr:
    """Parse one boolean expression of words.

    >>> str(parse_expression("連携 or (企業 and not 前例)"))
    '連携 or (企業 and not 前例)'
    """
    tokens = [m.group(1) for m in _TOKEN.finditer(text)]
    tokens = [_KEYWORDS.get(t.casefold(), t) for t in tokens]
    if not tokens:
        raise RulesError(f"{where}: empty expression")
    position = 0

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> str:
        nonlocal position
        token = tokens[position]
        position += 1
        return token

    def parse_or() -> Expr:
        operands = [parse_and()]
        while peek() == "|":
            take()
            operands.append(parse_and())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def parse_and() -> Expr:
        operands = [parse_not()]
        while peek() == "&":
            take()
            operands.append(parse_not())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def parse_not() -> Expr:
        if peek() == "!":
            take()
            return Not(parse_not())
        return parse_atom()

    def parse_atom() -> Expr:
        token = peek()
        if token is None:
            raise RulesError(f"{where}: expression ends early; a word or '(' was expected")
        if token == "(":
            take()
            inner = parse_or()
            if peek() != ")":
                raise RulesError(f"{where}: ')' missing after {inner}")
            take()
            return inner
        if token in (")", "&", "|"):
            raise RulesError(f"{where}: unexpected {token!r}; a word or '(' was expected")
        take()
        return Term(token, normalised_tokens(token))

    expr = parse_or()
    if position != len(tokens):
        raise RulesError(
            f"{where}: unexpected {tokens[position]!r}; join words with and / or / not"
        )
    return expr


def parse_rules(text: str, source: str = "rules") -> tuple[Rule, ...]:
    """Parse a rules file (see the module docstring)."""
    rules: list[Rule] = []
    code: str | None = None
    start = 0
    body: list[str] = []

    def close() -> None:
        if code is None:
            return
        where = f"{source}: row {start}, code {code!r}"
        if not " ".join(body).strip():
            raise RulesError(f"{where}: no expression under the code")
        expression = " ".join(body)
        rules.append(Rule(code, parse_expression(expression, where), expression.strip(), start))

    for line, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("*"):
            close()
            code, start, body = stripped[1:].strip(), line, []
            if not code:
                raise RulesError(f"{source}: row {line}: '*' must be followed by a code")
        elif code is None:
            raise RulesError(f"{source}: row {line}: an expression before any '*code' line")
        else:
            body.append(stripped)
    close()
    return tuple(rules)


def read_rules(path: Path) -> tuple[Rule, ...]:
    return parse_rules(read_text(path), str(path))


def check_rule_codes(
    rules: Sequence[Rule], codebook: Codebook, source: str = "rules"
) -> tuple[Rule, ...]:
    """`rules` when every rule's code is a code (or label) of `codebook`, else a `RulesError`
    naming each rule that is not, with its row and the codes accepted."""
    unknown = [r for r in rules if codebook.find(r.code) is None]
    if unknown:
        named = "; ".join(f"row {r.line}: {r.code!r}" for r in unknown)
        accepted = ", ".join(codebook.values)
        raise RulesError(f"{source}: コードブックにないコード: {named}（使えるコード: {accepted}）")
    return tuple(rules)
