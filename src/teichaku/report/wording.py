"""Japanese wording shared by the HTML, the workbook and the figures."""

from __future__ import annotations

from teichaku.instrument import PercentBase, QuestionKind
from teichaku.tabulate import (
    ChoiceTable,
    CodedTextTable,
    CrossTable,
    LikertTable,
    MultiTable,
    NumberTable,
    QuestionTable,
    TextTable,
)

KIND_NAMES = {
    "likert": "リッカート尺度",
    "single": "単一回答",
    "multi": "複数回答",
    "coded": "自由記述（コード化）",
    "text": "自由記述",
    "number": "数値",
}

CODED_NOTE = (
    "1つの記述に複数のカテゴリーが付くことがあるため、記述数の合計は記述の件数を上回ることがある。"
    "％は記述の件数に対する割合。"
)
MULTI_CASES_NOTE = "複数回答のため、％の合計は100％を超えることがある。"


def kind_of(table: QuestionTable) -> str:
    """A short key for the kind of table: likert, single, multi, coded, text or number."""
    if isinstance(table, LikertTable):
        return "likert"
    if isinstance(table, ChoiceTable):
        return "single"
    if isinstance(table, MultiTable):
        return "multi"
    if isinstance(table, CodedTextTable):
        return "coded"
    if isinstance(table, TextTable):
        return "text"
    assert isinstance(table, NumberTable)
    return "number"


def percent_base_note(table: QuestionTable) -> str:
    """What the shares of `table` are shares of, e.g. 「％の基数：有効回答数 300人」."""
    if isinstance(table, MultiTable):
        if table.percent_base is PercentBase.RESPONSES:
            return f"％の基数：全回答数（延べ {table.mentions}件）"
        return f"％の基数：1つ以上を選んだ回答者 {table.cases}人"
    if isinstance(table, CodedTextTable):
        return f"％の基数：記述数 {table.descriptions}件"
    return f"％の基数：有効回答数 {table.n}人"


def high_side_labels(table: LikertTable) -> list[str]:
    """Labels of the options above the centre: the options the high share adds up."""
    scale = table.question.likert
    assert scale is not None
    return [
        option.label
        for position, option in enumerate(table.options, start=1)
        if scale.side(position) > 0
    ]


def cross_warning(table: CrossTable) -> str | None:
    """The cross table's warning in Japanese, read from its fields."""
    if table.warning is None:
        return None
    if table.chi2 is None and table.question.kind is QuestionKind.MULTI:
        return (
            "複数回答のため、セルは延べ回答数を数えている。観測が独立でないため、χ²検定は行わない。"
        )
    if table.chi2 is None:
        return "回答のある行または列が2つ未満のため、χ²検定は行わない。"
    share = table.small_expected_share or 0.0
    smallest = table.min_expected or 0.0
    return (
        f"期待度数が5未満のセルが{share:.0%}あり（最小{smallest:.2f}）、"
        "χ²検定の近似は信頼できない。"
    )
