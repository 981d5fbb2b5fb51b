"""The study's one-sentence reading of a single-choice or Likert item.

The paper states each item's result as 「利用者の確保に関する課題は、「７：非常に課題である」
とする回答が21.7％と最も多い傾向を示した。」; this builds the same sentence for any instrument.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from teichaku.tabulate import ChoiceTable, QuestionTable


def format_percent(value: float | None) -> str:
    """A share as the report shows it: one decimal place rounded half up (四捨五入),
    ``—`` when there is no base.

    >>> format_percent(21.6667), format_percent(12.25), format_percent(None)
    ('21.7', '12.3', '—')
    """
    if value is None:
        return "—"
    return str(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def quoted_list(labels: list[str]) -> str:
    """「A」, 「A」と「B」, 「A」、「B」と「C」."""
    quoted = [f"「{label}」" for label in labels]
    if len(quoted) <= 1:
        return "".join(quoted)
    return "、".join(quoted[:-1]) + "と" + quoted[-1]


def study_sentence(table: QuestionTable, subject: str | None = None) -> str | None:
    """The sentence naming the most frequent answer, or ``None`` for other kinds of table.

    `subject` replaces the question label as the sentence's subject (the paper writes
    「利用者の確保に関する課題」 for the item 「利用者の確保」).

    >>> from teichaku.instrument import load_instrument
    >>> from teichaku.responses import responses_from_records
    >>> from teichaku.tabulate import tabulate_choice
    >>> form = load_instrument("retention-challenges-2024")
    >>> rows = [{"q01_securing_users": value} for value in ["7", "7", "6"]]
    >>> table = tabulate_choice(responses_from_records(form, rows).choice("q01_securing_users"))
    >>> study_sentence(table)
    '利用者の確保は、「７：非常に課題である」とする回答が66.7％と最も多い傾向を示した。'
    >>> study_sentence(table, "利用者の確保に関する課題")
    '利用者の確保に関する課題は、「７：非常に課題である」とする回答が66.7％と最も多い傾向を示した。'
    """
    if not isinstance(table, ChoiceTable):
        return None
    topic = subject if subject is not None else table.question.label
    if table.n == 0 or not table.modes or table.mode_percent is None:
        return f"{topic}は、有効な回答がなかった。"
    labels = [option.label for option in table.options if option.value in table.modes]
    each = "それぞれ" if len(labels) > 1 else ""
    return (
        f"{topic}は、{quoted_list(labels)}とする回答が{each}"
        f"{format_percent(table.mode_percent)}％と最も多い傾向を示した。"
    )
