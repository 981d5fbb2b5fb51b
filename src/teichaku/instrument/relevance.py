"""XLSForm's simple ``relevant`` expressions, parsed and evaluated without `eval`.

Supported (what skip logic in survey forms nearly always uses):

- ``${q} = 'v'``, ``${q} != 'v'``, ``<``, ``<=``, ``>``, ``>=`` (numeric when both sides are
  numbers, else text), string and number literals;
- ``selected(${q}, 'v')``, ``count-selected(${q})``, ``not(…)``, ``string-length(${q})``;
- ``and``, ``or``, parentheses.

Answers are what a respondent gave so far: an option value, a list of option values (a
multiple choice), a text, a number, or ``None``. As in ODK, an unanswered question reads as
the empty string, and a multiple choice compared with ``=`` reads as its space-separated values.

>>> is_relevant("selected(${fruit}, 'apple') and ${age} >= 18", {"fruit": ["apple"], "age": 20})
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from teichaku.instrument.model import Instrument, Question

Answer = str | int | float | Sequence[str] | None
Answers = Mapping[str, Answer]
Value = str | float | bool


class RelevanceError(ValueError):
    """An expression outside the supported subset, with the position that stops it."""


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{(?P<name>[A-Za-z_][\w.-]*)\})
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<number>-?\d+(?:\.\d+)?)
      | (?P<op>!=|<=|>=|=|<|>|\(|\)|,)
      | (?P<word>[A-Za-z][\w-]*)
    )""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class _Token:
    kind: str  # ref, string, number, op, word, end
    text: str
    position: int


def _tokens(expression: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    stripped = expression.rstrip()
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if match is None or match.end() == position:
            raise RelevanceError(
                f"relevant {expression!r}: cannot read {stripped[position:]!r} "
                f"(character {position + 1})"
            )
        kind = match.lastgroup if match.lastgroup != "name" else "ref"
        assert kind is not None
        text = match.group("name") if kind == "ref" else match.group(kind)
        if kind == "string":
            text = text[1:-1]
        tokens.append(_Token(kind, text, match.start(kind) + 1))
        position = match.end()
    tokens.append(_Token("end", "", len(stripped) + 1))
    return tokens


Node = Callable[[Answers], Value]
_COMPARISONS = ("=", "!=", "<", "<=", ">", ">=")


class _Parser:
    """Recursive descent: or → and → comparison → term."""

    def __init__(self, expression: str) -> None:
        self.expression = expression
        self.tokens = _tokens(expression)
        self.index = 0
        self.names: set[str] = set()

    def error(self, token: _Token, wanted: str) -> RelevanceError:
        found = repr(token.text) if token.kind != "end" else "the end"
        return RelevanceError(
            f"relevant {self.expression!r}: expected {wanted} at character {token.position}, "
            f"found {found}; supported: ${{q}} = 'v', !=, <, >, selected(${{q}}, 'v'), "
            "not(…), and, or, parentheses"
        )

    def peek(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, text: str) -> None:
        token = self.take()
        if token.kind != "op" or token.text != text:
            raise self.error(token, repr(text))

    def parse(self) -> Node:
        node = self.or_()
        if self.peek().kind != "end":
            raise self.error(self.peek(), "'and', 'or' or the end")
        return node

    def or_(self) -> Node:
        node = self.and_()
        while self.peek().kind == "word" and self.peek().text == "or":
            self.take()
            left, right = node, self.and_()
            node = _or(left, right)
        return node

    def and_(self) -> Node:
        node = self.comparison()
        while self.peek().kind == "word" and self.peek().text == "and":
            self.take()
            left, right = node, self.comparison()
            node = _and(left, right)
        return node

    def comparison(self) -> Node:
        node = self.term()
        token = self.peek()
        if token.kind == "op" and token.text in _COMPARISONS:
            self.take()
            return _compare(token.text, node, self.term())
        return node

    def term(self) -> Node:
        token = self.take()
        if token.kind == "ref":
            self.names.add(token.text)
            return _reference(token.text)
        if token.kind == "string":
            return _constant(token.text)
        if token.kind == "number":
            return _constant(float(token.text))
        if token.kind == "op" and token.text == "(":
            node = self.or_()
            self.expect(")")
            return node
        if token.kind == "word":
            return self.function(token)
        raise self.error(token, "a question reference, a value or '('")

    def function(self, token: _Token) -> Node:
        name = token.text
        if name in ("true", "false") and self.peek().text == "(":
            self.take()
            self.expect(")")
            return _constant(name == "true")
        if name not in ("selected", "not", "count-selected", "string-length"):
            raise self.error(token, "selected, not, count-selected or string-length")
        self.expect("(")
        first = self.or_()
        if name == "selected":
            self.expect(",")
            second = self.or_()
            self.expect(")")
            return _selected(first, second)
        self.expect(")")
        if name == "not":
            return lambda answers: not _truthy(first(answers))
        if name == "count-selected":
            return lambda answers: float(len(_text(first(answers)).split()))
        return lambda answers: float(len(_text(first(answers))))


def _reference(name: str) -> Node:
    def value(answers: Answers) -> Value:
        answer = answers.get(name)
        if answer is None:
            return ""
        if isinstance(answer, str):
            return answer
        if isinstance(answer, int | float):
            return float(answer)
        return " ".join(answer)

    return value


def _constant(value: Value) -> Node:
    return lambda answers: value


def _text(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return value


def _number(value: Value) -> float | None:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, float):
        return value
    try:
        return float(value)
    except ValueError:
        return None


def _truthy(value: Value) -> bool:
    if isinstance(value, str):
        return value != ""
    return bool(value)


def _compare(operator: str, left: Node, right: Node) -> Node:
    def compare(answers: Answers) -> bool:
        a, b = left(answers), right(answers)
        x, y = _number(a), _number(b)
        if x is None or y is None or a == "" or b == "":
            # Text comparison; an unanswered question equals only ''.
            sa, sb = _text(a), _text(b)
            if operator in ("=", "!="):
                return (sa == sb) == (operator == "=")
            if sa == "" or sb == "":
                return False
            return _ordered(operator, sa, sb)
        return _ordered(operator, x, y)

    return compare


def _ordered(operator: str, a: str | float, b: str | float) -> bool:
    if operator == "=":
        return a == b
    if operator == "!=":
        return a != b
    if operator == "<":
        return a < b  # type: ignore[operator]
    if operator == "<=":
        return a <= b  # type: ignore[operator]
    if operator == ">":
        return a > b  # type: ignore[operator]
    return a >= b  # type: ignore[operator]


def _selected(answer: Node, option: Node) -> Node:
    return lambda answers: _text(option(answers)) in _text(answer(answers)).split()


def _and(left: Node, right: Node) -> Node:
    return lambda answers: _truthy(left(answers)) and _truthy(right(answers))


def _or(left: Node, right: Node) -> Node:
    return lambda answers: _truthy(left(answers)) or _truthy(right(answers))


@dataclass(frozen=True)
class Relevance:
    """A parsed ``relevant`` expression: call it with the answers so far."""

    expression: str
    names: frozenset[str]
    _node: Node

    def __call__(self, answers: Answers) -> bool:
        return _truthy(self._node(answers))


@lru_cache(maxsize=1024)
def parse_relevance(expression: str) -> Relevance:
    """Parse once; raises `RelevanceError` naming the place and what is supported.

    >>> parse_relevance("${a} = 'x' or not(selected(${b}, 'y'))").names == {"a", "b"}
    True
    """
    parser = _Parser(expression)
    node = parser.parse()
    return Relevance(expression, frozenset(parser.names), node)


def is_relevant(expression: str | None, answers: Answers) -> bool:
    """True when `expression` is empty or holds for `answers`."""
    if not expression or not expression.strip():
        return True
    return parse_relevance(expression)(answers)


def _group_chain(instrument: Instrument, group: str | None) -> list[str | None]:
    """The `relevant` expressions of a group and all its ancestors."""
    by_name = {g.name: g for g in instrument.groups}
    chain: list[str | None] = []
    seen: set[str] = set()
    while group is not None and group in by_name and group not in seen:
        seen.add(group)
        chain.append(by_name[group].relevant)
        group = by_name[group].parent
    return chain


def question_is_relevant(instrument: Instrument, question: Question, answers: Answers) -> bool:
    """The question's own expression and those of every group around it all hold."""
    return all(
        is_relevant(expression, answers)
        for expression in (question.relevant, *_group_chain(instrument, question.group))
    )


def depends_on(instrument: Instrument, question: Question) -> frozenset[str]:
    """Names of the questions whose answers decide whether `question` is asked (its own
    `relevant` and those of the groups around it)."""
    names: set[str] = set()
    for expression in (question.relevant, *_group_chain(instrument, question.group)):
        if expression and expression.strip():
            names |= parse_relevance(expression).names
    return frozenset(names)


def relevant_questions(instrument: Instrument, answers: Answers) -> frozenset[str]:
    """Names of the questions a respondent with `answers` is asked."""
    return frozenset(
        q.name for q in instrument.questions if question_is_relevant(instrument, q, answers)
    )


def check_relevance(instrument: Instrument) -> None:
    """Raise `RelevanceError` for an expression outside the subset or naming no question."""
    known = {q.name for q in instrument.questions}
    places = [(f"question {q.name!r}", q.relevant) for q in instrument.questions]
    places += [(f"group {g.name!r}", g.relevant) for g in instrument.groups]
    for place, expression in places:
        if not expression:
            continue
        try:
            parsed = parse_relevance(expression)
        except RelevanceError as error:
            raise RelevanceError(f"{place}: {error}") from None
        unknown = parsed.names - known
        if unknown:
            raise RelevanceError(
                f"{place}: relevant {expression!r}: no question named {', '.join(sorted(unknown))}"
            )
