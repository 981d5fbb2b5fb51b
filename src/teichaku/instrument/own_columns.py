"""teichaku's own XLSForm columns — ``likert_centre``, ``likert_high``, ``percent_base`` —
read here and nowhere else (other XLSForm tools ignore them), and the way a refused cell of an
XLSForm is worded (English, with its Japanese wording beside it for pages)."""

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
