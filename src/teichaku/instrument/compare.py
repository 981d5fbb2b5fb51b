"""Whether two instruments are the same for comparing their answers (waves of one survey).

Two instruments are the same when they ask the same questions, in the same order, of the
same kinds, with the same option values in the same order and the same Likert reading
(the same scores, for an ordinal scale).
Titles, labels, hints, the form id and the file they came from may differ: a corrected
wording or a re-saved file is still the same instrument; a changed scale is not.
"""

from __future__ import annotations

from teichaku.instrument.model import Instrument, Question


def _shape(question: Question) -> tuple[object, ...]:
    return (question.kind, question.option_values, question.likert, question.scores)


def instrument_difference(first: Instrument, second: Instrument) -> str | None:
    """The first difference that keeps the two from being compared, ``None`` if none.

    Written 「日本語 / English」 (`teichaku.bilingual.half` picks one half).

    >>> from teichaku.instrument import load_instrument
    >>> form = load_instrument("retention-challenges-2024")
    >>> instrument_difference(form, form) is None
    True
    """
    names = [q.name for q in first.questions]
    other_names = [q.name for q in second.questions]
    if names != other_names:
        only_first = [n for n in names if n not in other_names]
        only_second = [n for n in other_names if n not in names]
        if not only_first and not only_second:
            return "設問の順序が異なる / the questions come in another order"
        listed = ", ".join([*only_first, *only_second][:5])
        return f"設問が異なる（{listed}） / the questions differ ({listed})"
    for question, other in zip(first.questions, second.questions, strict=True):
        if question.kind != other.kind:
            return (
                f"設問 {question.name} の種類が異なる / question {question.name}: "
                f"{question.kind.value} against {other.kind.value}"
            )
        if _shape(question) != _shape(other):
            return (
                f"設問 {question.name} の選択肢または尺度が異なる / question {question.name}: "
                "the options or the scale differ"
            )
    return None
