"""teichaku's own XLSForm columns — ``likert_centre``, ``likert_high``, ``percent_base``,
``ordinal`` (survey sheet) and ``score`` (choices sheet) — read here and nowhere else (other
XLSForm tools ignore them), and the way a refused cell of an XLSForm is worded (English, with
its Japanese wording beside it for pages)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from teichaku.bilingual import worded
from teichaku.instrument.errors import InstrumentError
from teichaku.instrument.model import LikertScale, Option, PercentBase


def likert_scale(
    where: str, centre: str, high: str, appearance: str, options: Sequence[Option]
) -> LikertScale | None:
    """The scale of a Likert question (``appearance: likert``, or our two columns), or None.

    >>> from teichaku.instrument.model import Option
    >>> opts = [Option(str(v), {}) for v in range(1, 6)]
    >>> likert_scale("f.md: sheet 'survey', row 2", "", "", "likert", opts)
    LikertScale(centre=3.0, high_is_last=True)
    """
    high = high.lower()
    is_likert = "likert" in appearance.split() or bool(centre) or bool(high)
    if not is_likert:
        return None
    if high not in ("", "last", "first"):
        raise refused(
            where, "likert_high", high, "accepted: last, first", "使えるのは last か first です"
        )
    values = [option.value for option in options]
    if centre:
        if centre not in values:
            raise refused(
                where,
                "likert_centre",
                centre,
                f"not an option of the scale; accepted: {', '.join(values)}",
                f"尺度の選択肢にありません。使えるもの: {', '.join(values)}",
            )
        position = float(values.index(centre) + 1)
    else:
        position = (len(values) + 1) / 2
    return LikertScale(centre=position, high_is_last=high != "first")


def refused(where: str, column: str, value: str, english: str, japanese: str) -> InstrumentError:
    """A refused cell, worded in English with its Japanese wording beside it (pages)."""
    place = re.sub(r"sheet '([^']*)', row (\d+)", r"\1 シートの \2 行目", where)
    return worded(
        InstrumentError(f"{where}, column {column!r}, value {value!r}: {english}"),
        f"{place}、{column} 列の値 {value!r}: {japanese}",
    )


def percent_base(where: str, given: str) -> PercentBase:
    """The base of a multiple choice's percentages (``cases`` unless the column says)."""
    value = given.lower() or PercentBase.CASES.value
    try:
        return PercentBase(value)
    except ValueError:
        raise refused(
            where,
            "percent_base",
            value,
            "accepted: cases, responses",
            "使えるのは cases か responses です",
        ) from None


_YES = {"yes", "true", "true()", "1"}
_NO = {"", "no", "false", "false()", "0"}


def is_ordinal(where: str, given: str, select_one: bool) -> bool:
    """Whether the ``ordinal`` column marks the question as an ordered scale (on a select_one
    only; a Likert item is one already)."""
    value = given.lower()
    if value in _NO:
        return False
    if value not in _YES:
        raise refused(where, "ordinal", given, "accepted: yes, no", "使えるのは yes か no です")
    if not select_one:
        raise refused(
            where,
            "ordinal",
            given,
            "only a select_one can be an ordinal scale",
            "順序尺度にできるのは select_one の設問だけです",
        )
    return True


def option_score(where: str, given: str) -> float | None:
    """A choice's ``score`` (its value on an ordinal scale), ``None`` when blank.

    >>> option_score("f.md: sheet 'choices', row 3", "2.5"), option_score("f", "")
    (2.5, None)
    """
    if not given:
        return None
    try:
        value = float(given)
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")):
        raise refused(
            where,
            "score",
            given,
            "not a number; accepted: e.g. 1, 2.5, -1",
            "数値ではありません（例: 1, 2.5, -1）",
        )
    return value


def check_ordinal_scores(where: str, options: Sequence[Option], or_other: bool) -> None:
    """An ordinal scale scores every option or none (then 1…k), and has no "other"."""
    if or_other:
        raise refused(
            where,
            "ordinal",
            "yes",
            "an ordinal scale cannot have or_other (the free answer has no place on it)",
            "順序尺度には or_other（その他）を付けられません（自由回答は尺度上に置けません）",
        )
    unscored = [option.value for option in options if option.score is None]
    if unscored and len(unscored) < len(options):
        listed = ", ".join(unscored)
        raise refused(
            where,
            "ordinal",
            "yes",
            f"the choices' score column scores some options but not {listed}; score all or none",
            f"choices シートの score 列に値のない選択肢があります（{listed}）。"
            "すべてに書くか、すべて空けてください",
        )
