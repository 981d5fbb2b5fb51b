"""The study's one-sentence reading of a single-choice or Likert item.

The paper states each item's result as 「利用者の確保に関する課題は、「７：非常に課題である」
とする回答が21.7％と最も多い傾向を示した。」; this builds the same sentence for any instrument.
Every sentence the report, the workbook and the desk show is written here, in one style:
である体 (plain form, 〜であった／〜を示した), never です・ます. A label that is itself a statement
(「現在の仕事に満足している」) is quoted and taken up with 「では」, a noun phrase
(利用者の確保) with 「は」; tied options are all named, with 「それぞれ」.
"""

from __future__ import annotations

import re
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


_STATEMENT_END = re.compile(r"[\u3041-\u309f。．？！?!]$")


def topic_phrase(label: str) -> str:
    """The subject of a sentence about the item `label`: a noun phrase takes 「は」, a label
    ending like a statement or a question (in hiragana or with 。？！) is quoted and takes
    「では」.

    >>> topic_phrase("利用者の確保"), topic_phrase("現在の仕事に満足している")
    ('利用者の確保は', '「現在の仕事に満足している」では')
    """
    text = label.strip()
    if _STATEMENT_END.search(text):
        return f"「{text}」では"
    return f"{text}は"


def study_sentence(table: QuestionTable, subject: str | None = None) -> str | None:
    """The sentence naming the most frequent answer, or ``None`` for other kinds of table.

    `subject` replaces the question label as the sentence's subject (the paper writes
    「利用者の確保に関する課題」 for the item 「利用者の確保」); see `topic_phrase`.

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
    topic = topic_phrase(subject if subject is not None else table.question.label)
    if table.n == 0 or not table.modes or table.mode_percent is None:
        return f"{topic}、有効な回答がなかった。"
    labels = [option.label for option in table.options if option.value in table.modes]
    each = "それぞれ" if len(labels) > 1 else ""
    return (
        f"{topic}、{quoted_list(labels)}とする回答が{each}"
        f"{format_percent(table.mode_percent)}％と最も多い傾向を示した。"
    )
