"""Japanese wording shared by the HTML, the workbook and the figures."""

from __future__ import annotations

from teichaku.instrument import PercentBase, Question, QuestionKind
from teichaku.tabulate import (
    ChoiceTable,
    CodedTextTable,
    CrossTable,
    LikertTable,
    MultiTable,
    NumberTable,
    OrdinalTable,
    QuestionTable,
    TextTable,
)
from teichaku.tabulate._stats import SMALL_BASE, small_base
from teichaku.tabulate.results import Weighting

KIND_NAMES = {
    "likert": "リッカート尺度",
    "ordinal": "順序尺度",
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
CROSS_PERCENT_NOTE = "各セルは度数と列％（列ごとの合計を100％とする割合）。"
APPENDIX_TITLE = "付録　自由記述の回答"
INTERVAL_NOTE = (
    "95％信頼区間：各選択肢の％はWilson法（複数回答は回答者ベースの％について）、"
    "リッカート項目と順序尺度の平均はt分布による。"
)


def kind_of(table: QuestionTable) -> str:
    """A short key for the kind of table: likert, ordinal, single, multi, coded, text or
    number."""
    if isinstance(table, LikertTable):
        return "likert"
    if isinstance(table, OrdinalTable):
        return "ordinal"
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


def scale_scores(question: Question) -> str:
    """How an ordered scale is scored, e.g. 「全くない＝1、時々＝2、毎日＝3」; empty for none.

    >>> from teichaku.instrument import Option
    >>> options = (Option("a", {"ja": "少ない"}), Option("b", {"ja": "多い"}, score=10.0))
    >>> scale_scores(Question("q", QuestionKind.SINGLE, {}, options))
    ''
    >>> scale_scores(Question("q", QuestionKind.SINGLE, {}, options, ordinal=True))
    '少ない＝1、多い＝10'
    """
    scores = question.scores
    if scores is None:
        return ""
    return "、".join(
        f"{option.label}＝{score:g}" for option, score in zip(question.options, scores, strict=True)
    )


def percent_base_note(table: QuestionTable) -> str:
    """What the shares of `table` are shares of, e.g. 「％の基数：有効回答数 300人」."""
    if isinstance(table, MultiTable):
        if table.percent_base is PercentBase.RESPONSES:
            return f"％の基数：全回答数（延べ {table.mentions}件）"
        return f"％の基数：1つ以上を選んだ回答者 {table.cases}人"
    if isinstance(table, CodedTextTable):
        return f"％の基数：記述数 {table.descriptions}件"
    return f"％の基数：有効回答数 {table.n}人"


def small_base_note(table: QuestionTable) -> str | None:
    """The caution a small base gets (n < 30), ``None`` otherwise and for free text.

    >>> from teichaku.instrument import load_instrument
    >>> from teichaku.responses import responses_from_records
    >>> from teichaku.tabulate import tabulate_choice
    >>> form = load_instrument("retention-challenges-2024")
    >>> answers = responses_from_records(form, [{"q01_securing_users": "7"}])
    >>> small_base_note(tabulate_choice(answers.choice("q01_securing_users")))
    '注意：有効回答数が30人未満（1人）のため、％は大きく揺れうる。'
    """
    effective_n = getattr(table, "effective_n", None)
    if isinstance(table, TextTable | CodedTextTable) or not small_base(table.n, effective_n):
        return None
    if effective_n is not None and not small_base(table.n):
        return (
            f"注意：重み付け後の実効回答数（Kish）が{SMALL_BASE}人未満（{effective_n:.1f}人）"
            "のため、％は大きく揺れうる。"
        )
    return f"注意：有効回答数が{SMALL_BASE}人未満（{table.n}人）のため、％は大きく揺れうる。"


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


def weighting_lines(weighting: Weighting | None) -> list[str]:
    """What the report says once about weights: that the figures are weighted, and how."""
    if weighting is None:
        return []
    if weighting.method == "raking":
        how = f"母集団の構成比（{weighting.targets_source}）に合わせたレイキングで算出した重み"
        if weighting.column:
            how += f"（列「{weighting.column}」の重みから出発）"
    else:
        how = f"回答ファイルの列「{weighting.column}」の重み"
    return [
        f"％・平均・標準偏差は{how}による重み付きの値である。"
        "度数と有効回答数は重み付け前の人数であり、クロス集計と自由記述のカテゴリーは"
        "重み付け前の度数による。",
        f"重みの最小 {weighting.minimum:.3g}・最大 {weighting.maximum:.3g}、"
        f"設計効果（Kish）{weighting.design_effect:.3f}、"
        f"実効回答数 {weighting.effective_n:.1f}人（回答者 {weighting.respondents}人）。"
        "95％信頼区間は実効回答数にもとづく。",
    ]


def weighted_base_note(table: QuestionTable) -> str | None:
    """A weighted question's bases: the sum of weights and Kish's effective n."""
    weighted_n = getattr(table, "weighted_n", None)
    effective_n = getattr(table, "effective_n", None)
    if weighted_n is None or effective_n is None or not table.n:
        return None
    return (
        f"重み付き：有効回答数 {table.n}人、重み付き回答数 {weighted_n:.1f}、"
        f"実効回答数（Kish）{effective_n:.1f}人。"
    )
