"""`waves.html`: the comparison of waves as one self-contained page in the report's style,
its section 「前回調査との比較」 item by item (inline CSS, figures as base64 SVG)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from teichaku.report.figures import FigureFiles
from teichaku.report.html import Picture, _environment, pictures_of
from teichaku.report.sections import sections_of
from teichaku.report.wave_figures import planned_trends
from teichaku.report.wave_sentences import (
    change_sentence,
    format_points,
    no_test_note,
    significance_sentence,
)
from teichaku.report.wording import KIND_NAMES, kind_of, small_base_note
from teichaku.tabulate import LikertTable, MultiTable, SurveyTables
from teichaku.tabulate.waves import ItemWaves, ShareChange, WavesComparison

TEMPLATE = "waves.html.j2"
METHOD_NOTE = (
    "差は後の回の％から前の回の％を引いたポイント、その95％信頼区間はNewcombe法（Wilsonの"
    "スコア区間の組み合わせ）による。各回の％の95％信頼区間はWilson法、平均の信頼区間はt分布"
    "による。リッカート項目の平均は尺度の低い側を1とした得点、順序尺度の項目の平均は調査票が"
    "選択肢に与えた得点（与えていなければ低い側から1、2、…）による。前の回との差の検定は、"
    "単一回答はχ²検定、リッカート項目と順序尺度の項目はMann–WhitneyのU検定（効果量 r = Z/√N、"
    "Zは同順位補正あり）で行い、有意水準は5％とした。"
)


def waves_weighting_lines(comparison: WavesComparison) -> list[str]:
    """What the page says once about weights: what is weighted and what is not."""
    if not comparison.weighted:
        return []
    column = comparison.weightings[-1].column
    return [
        f"各回の％・平均は回答ファイルの列「{column}」の重みによる重み付きの値である。"
        "度数と有効回答数は重み付け前の人数である。差の95％信頼区間は、各回の重み付きの％と"
        "実効回答数（Kish）によるWilson区間を組み合わせた（Newcombe法）。",
        "χ²検定とMann–WhitneyのU検定（効果量 r を含む）は重みを用いず、重み付け前の回答で"
        "行った。重みや標本設計を考慮した検定（Rao–Scott補正など）は行っていない。",
    ]


@dataclass(frozen=True)
class Row:
    label: str
    percents: tuple[float | None, ...]  # one per wave
    changes: tuple[ShareChange, ...]  # one per step


@dataclass(frozen=True)
class ItemView:
    number: int
    item: ItemWaves
    kind: str
    sentences: tuple[str, ...]
    cautions: tuple[str, ...]
    rows: tuple[Row, ...]
    figure: Picture | None


@dataclass(frozen=True)
class SectionView:
    anchor: str
    label: str | None
    items: tuple[ItemView, ...]


def format_signed(value: float | None) -> str:
    """A difference of means, 「+0.21」, 「−0.01」, 「±0.00」; 「—」 when there is none.

    >>> format_signed(0.213), format_signed(-0.004), format_signed(None)
    ('+0.21', '±0.00', '—')
    """
    if value is None:
        return "—"
    shown = f"{abs(value):.2f}"
    if shown == "0.00":
        return "±0.00"
    return ("+" if value > 0 else "−") + shown


def format_change(change: ShareChange) -> str:
    """A difference with its interval, 「+5.2（+3.1～+7.3）」; 「—」 on an empty base."""
    if change.difference is None or change.ci_low is None or change.ci_high is None:
        return "—"
    return (
        f"{format_points(change.difference)}"
        f"（{format_points(change.ci_low)}～{format_points(change.ci_high)}）"
    )


def _rows(item: ItemWaves) -> tuple[Row, ...]:
    rows = []
    for index, option in enumerate(item.tables[-1].options):
        percents = tuple(
            t.options[index].percent_of_cases
            if isinstance(t, MultiTable)
            else t.options[index].percent
            for t in item.tables
        )
        rows.append(Row(option.label, percents, tuple(s.shares[index] for s in item.steps)))
    if isinstance(item.tables[-1], LikertTable):
        highs = tuple(t.high_percent if isinstance(t, LikertTable) else None for t in item.tables)
        changes = tuple(s.high for s in item.steps if s.high is not None)
        if len(changes) == len(item.steps):
            rows.append(Row("高群（中央より高い側）", highs, changes))
    return tuple(rows)


def _pictures(
    comparison: WavesComparison, figures: Mapping[str, FigureFiles] | None
) -> dict[str, Picture]:
    return pictures_of(
        planned_trends(comparison), figures, lambda plan: str(plan.item.question.name)
    )


def _view(
    number: int,
    item: ItemWaves,
    labels: tuple[str, ...],
    picture: Picture | None,
    weighted: bool = False,
) -> ItemView:
    sentences: list[str] = []
    for index, step in enumerate(item.steps):
        tested = significance_sentence(step, weighted=weighted) or ""
        sentences.append(change_sentence(item, index) + tested)
    note = no_test_note(item)
    if note:
        sentences.append(note)
    cautions = tuple(
        caution.replace("注意：", f"注意（{label}）：", 1)
        for label, table in zip(labels, item.tables, strict=True)
        for caution in [small_base_note(table)]
        if caution and table.n > 0  # a wave without answers is said in the sentence
    )
    return ItemView(
        number, item, kind_of(item.tables[-1]), tuple(sentences), cautions, _rows(item), picture
    )


def render_waves_html(
    comparison: WavesComparison,
    figures: Mapping[str, FigureFiles] | None = None,
    *,
    generated: dt.date | None = None,
) -> str:
    """The comparison as one HTML string; `figures` from `write_trend_figures`, or drawn here."""
    pictures = _pictures(comparison, figures)
    latest = SurveyTables(
        comparison.form_id,
        comparison.title,
        comparison.respondents[-1],
        tuple(item.tables[-1] for item in comparison.items),
        groups=comparison.groups,
    )
    items = {item.question.name: item for item in comparison.items}
    sections: list[SectionView] = []
    number = 0
    for index, section in enumerate(sections_of(latest), start=1):
        views = []
        for table in section.tables:
            number += 1
            name = table.question.name
            views.append(
                _view(
                    number,
                    items[name],
                    comparison.labels,
                    pictures.get(name),
                    comparison.weighted,
                )
            )
        sections.append(SectionView(f"s{index}", section.label, tuple(views)))
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            comparison=comparison,
            waves=list(
                zip(
                    comparison.labels,
                    comparison.respondents,
                    comparison.weightings or (None,) * len(comparison.labels),
                    strict=True,
                )
            ),
            weighted=comparison.weighted,
            weighting_lines=waves_weighting_lines(comparison),
            sections=sections,
            generated=(generated or dt.date.today()).isoformat(),
            kind_names=KIND_NAMES,
            method_note=METHOD_NOTE,
            change=format_change,
            signed=format_signed,
        )
    )


def write_waves_html(
    comparison: WavesComparison,
    path: Path,
    figures: Mapping[str, FigureFiles] | None = None,
    *,
    generated: dt.date | None = None,
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_waves_html(comparison, figures, generated=generated), encoding="utf-8")
