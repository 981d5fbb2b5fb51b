"""Reading one distinct cell text as an option, a set of options, a number or a yes/no.

Matching is forgiving about form, never about meaning. Before comparing, both the cell and
the instrument's names and labels go through `normal_form`: Unicode NFKC (full-width ｑ１ and
half-width ｶﾅ become q1 and カナ), curly quotes made straight, runs of white space (including
the ideographic space) made one space, and the ends stripped. Letter case is then tried only
when the exact form finds nothing, and only when it is unambiguous: "All Lessons" finds the
option labelled "All lessons", but a text that two options share up to case finds neither.

A text that is one option's name and another option's label is read as the name, because
files that hold names (ODK, Kobo, teichaku's own) are the ones that were made with the form.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from teichaku.instrument import OTHER_VALUE, Option, Question
from teichaku.textform import normal_form

_AMBIGUOUS = -2


class Lookup:
    """Texts → an index, exact in `normal_form` first, then case-insensitive if unambiguous.

    Keys are added in priority order: a key already taken keeps its first index.
    """

    def __init__(self) -> None:
        self._exact: dict[str, int] = {}
        self._folded: dict[str, int] = {}
        self._words: dict[str, int] = {}

    def add(self, text: str, index: int) -> None:
        key = normal_form(text)
        if not key:
            return
        self._words.clear()
        self._exact.setdefault(key, index)
        folded = key.casefold()
        if self._folded.get(folded, index) != index:
            self._folded[folded] = _AMBIGUOUS
        else:
            self._folded[folded] = index

    def find(self, text: str) -> int | None:
        """The index for `text`, or None when nothing (or more than one thing) matches."""
        key = normal_form(text)
        found = self._exact.get(key)
        if found is None:
            found = self._folded.get(key.casefold())
        return None if found is None or found == _AMBIGUOUS else found

    def longest_key_words(self, separator: str) -> int:
        """How many `separator`-delimited pieces the longest key spans."""
        if separator not in self._words:
            self._words[separator] = max(
                (len(key.split(separator)) for key in self._exact), default=1
            )
        return self._words[separator]


def option_lookup(options: Sequence[Option]) -> Lookup:
    """Names first, then labels language by language, so that a name always wins."""
    lookup = Lookup()
    for index, option in enumerate(options):
        lookup.add(option.value, index)
    languages: dict[str, None] = {}
    for option in options:
        languages.update(dict.fromkeys(option.labels))
    for language in languages:
        for index, option in enumerate(options):
            if language in option.labels:
                lookup.add(option.labels[language], index)
    return lookup


def accepted_options(question: Question, limit: int = 12, japanese: bool = False) -> str:
    """The options of `question`, compactly, for an error message: ``1 = １：全く課題でない``."""
    shown = [
        option.value if option.label in ("", option.value) else f"{option.value} = {option.label}"
        for option in question.options[:limit]
    ]
    more = len(question.options) - limit
    text = ", ".join(shown)
    if more > 0:
        text += (
            f"、…（全{len(question.options)}件）"
            if japanese
            else f", … ({len(question.options)} options)"
        )
    if question.or_other:
        text += (
            "。ほかの文字は「その他」として読む"
            if japanese
            else "; any other text is read as 'other'"
        )
    return text


# --- multiple choice ---------------------------------------------------------------------

# How tools join the options of one answer: Microsoft Forms ";", Google Forms ", ",
# a Japanese list "、", ODK and Kobo a space. The first that reads most cells wins a column.
SEPARATORS: dict[str, re.Pattern[str]] = {
    ";": re.compile(r"\s*[;；]\s*"),
    ",": re.compile(r"\s*[,，]\s*"),
    "、": re.compile(r"\s*[、､]\s*"),
    " ": re.compile(r"\s+"),
}
JOINERS = {";": ";", ",": ", ", "、": "、", " ": " "}


@dataclass(frozen=True)
class MultiParse:
    """One cell of a select_multiple: the options found, and the text nothing matched."""

    chosen: tuple[int, ...]
    unmatched: tuple[str, ...]


def parse_multi(text: str, lookup: Lookup, separator: str) -> MultiParse:
    """Split `text` on `separator`, matching the longest run of pieces that is an option.

    Labels may contain the separator ("Interviews at a café or similar" in a space-separated
    cell, "Yes, often" in a Google Forms cell): a run of pieces joined back is tried before
    the single piece, so the label is found whole. Pieces that match nothing are joined back
    into the unmatched texts, as they were written.
    """
    whole = lookup.find(text)
    if whole is not None:
        return MultiParse((whole,), ())
    pieces = [piece for piece in SEPARATORS[separator].split(text.strip()) if piece]
    joiner = JOINERS[separator]
    longest = lookup.longest_key_words(joiner.strip() or " ")
    chosen: list[int] = []
    unmatched: list[str] = []
    pending: list[str] = []
    start = 0
    while start < len(pieces):
        for end in range(min(len(pieces), start + longest), start, -1):
            found = lookup.find(joiner.join(pieces[start:end]))
            if found is not None:
                if pending:
                    unmatched.append(joiner.join(pending))
                    pending = []
                if found not in chosen:
                    chosen.append(found)
                start = end
                break
        else:
            pending.append(pieces[start])
            start += 1
    if pending:
        unmatched.append(joiner.join(pending))
    return MultiParse(tuple(chosen), tuple(unmatched))


def choose_separator(texts: Iterable[object], lookup: Lookup) -> str:
    """The separator under which most of a column's distinct cells read completely."""
    sample = [str(text) for text in texts if str(text).strip()]
    best, best_score = ";", (-1, -1)
    for separator in SEPARATORS:
        parses = [parse_multi(text, lookup, separator) for text in sample]
        # Cells read completely count first, options found break ties.
        score = (
            sum(not parse.unmatched for parse in parses),
            sum(len(parse.chosen) for parse in parses),
        )
        if score > best_score:
            best, best_score = separator, score
        if best_score[0] == len(sample):
            break
    return best


def other_option(question: Question) -> int | None:
    """Index of the ``other`` option of an ``or_other`` question, else None."""
    if not question.or_other:
        return None
    values = question.option_values
    return values.index(OTHER_VALUE) if OTHER_VALUE in values else None


# --- one 0/1 column per option, and numbers ----------------------------------------------

_TRUE = {"1", "1.0", "true", "yes", "y", "x", "✓", "✔", "○", "〇", "●", "はい", "checked"}
_FALSE = {"0", "0.0", "false", "no", "n", "いいえ", "unchecked", "-"}


def yes_no(text: str) -> bool | None:
    """A cell of a one-column-per-option layout: True, False, or None if it is neither."""
    key = normal_form(text).casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_number(text: str) -> float | None:
    """A number written any usual way (１２, 1,234, 3.5), or None if it is not one."""
    key = normal_form(text).replace(" ", "")
    if _THOUSANDS.match(key):
        key = key.replace(",", "")
    try:
        value = float(key)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
