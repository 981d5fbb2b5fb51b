"""Trend figures of a comparison of waves: one per item, the waves along the x axis.

A Likert item shows its mean in each wave with the mean's 95 % t interval (on the scale's
1…size scores); any other choice item shows each option's share per wave with its 95 % Wilson
interval (multiple choice: of the cases). Drawn with the report's setup (`figures.RC`,
IPAexGothic, repeatable SVG and PNG).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from teichaku.report.figures import WIDTH, FigureFiles, row_major, wrap, write_planned
from teichaku.tabulate import LikertTable, MultiTable
from teichaku.tabulate.waves import ItemWaves, WavesComparison

# Okabe & Ito's palette: told apart with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
MEAN_COLOUR = "#3f5f8f"


@dataclass(frozen=True)
class PlannedTrend:
    key: str  # file stem: ``trend_<question name>``
    alt: str
    item: ItemWaves
    labels: tuple[str, ...]

    def draw(self) -> Figure:
        return trend_figure(self.item, self.labels)


def _answered(item: ItemWaves) -> bool:
    """Whether any wave has a base to draw: valid answers, or cases for multiple choice."""
    return any((t.cases if isinstance(t, MultiTable) else t.n) > 0 for t in item.tables)


def planned_trends(comparison: WavesComparison) -> list[PlannedTrend]:
    """A trend figure for every item that some wave answered."""
    return [
        PlannedTrend(
            f"trend_{item.question.name}",
            f"{item.question.label}の回ごとの推移",
            item,
            comparison.labels,
        )
        for item in comparison.items
        if _answered(item)
    ]


def write_trend_figures(
    comparison: WavesComparison, folder: Path, *, processes: int | None = 1
) -> dict[str, FigureFiles]:
    """Write ``trend_<question>.png`` and ``.svg`` for every item; keys are the file stems.
    ``processes``: see `write_planned`."""
    return write_planned(planned_trends(comparison), folder, processes=processes)


def _axes_for(title: str, waves: int, legend_rows: int) -> tuple[Figure, matplotlib.axes.Axes]:
    height = 2.6 + 0.22 * legend_rows
    figure = Figure(figsize=(min(WIDTH, 2.4 + 1.3 * waves), height), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_title(wrap(title, 30), fontsize=10.5, loc="left")
    return figure, axes


def _share_series(item: ItemWaves, index: int) -> tuple[list[float], list[list[float]]]:
    """One option's share in each wave (NaN on an empty base) and its interval as error bars."""
    shares: list[float] = []
    errors: list[list[float]] = [[], []]
    for table in item.tables:
        option = table.options[index]
        value = option.percent_of_cases if isinstance(table, MultiTable) else option.percent
        if value is None or option.ci_low is None or option.ci_high is None:
            shares.append(float("nan"))
            errors[0].append(0.0)
            errors[1].append(0.0)
        else:
            shares.append(value)
            errors[0].append(value - option.ci_low)
            errors[1].append(option.ci_high - value)
    return shares, errors


def trend_figure(item: ItemWaves, labels: tuple[str, ...]) -> Figure:
    """The item's trend: means for a Likert item, every option's share otherwise."""
    x = list(range(len(labels)))
    names = [wrap(label, 10) for label in labels]
    first = item.tables[-1]
    if isinstance(first, LikertTable):
        figure, axes = _axes_for(item.question.label, len(labels), 0)
        tables = [t for t in item.tables if isinstance(t, LikertTable)]
        points = [(i, t) for i, t in zip(x, tables, strict=True) if t.mean is not None]
        means = [t.mean or 0.0 for _, t in points]
        below = [(t.mean or 0.0) - (t.mean_ci_low or t.mean or 0.0) for _, t in points]
        above = [(t.mean_ci_high or t.mean or 0.0) - (t.mean or 0.0) for _, t in points]
        axes.errorbar(
            [i for i, _ in points],
            means,
            yerr=[below, above],
            color=MEAN_COLOUR,
            marker="o",
            capsize=4,
            lw=1.6,
        )
        for (i, _table), mean in zip(points, means, strict=True):
            axes.annotate(
                f"{mean:.2f}",
                (i, mean),
                textcoords="offset points",
                xytext=(8, 4),
                fontsize=8,
            )
        size = len(first.options)
        axes.set_ylim(0.8, size + 0.2)
        axes.set_yticks(range(1, size + 1))
        axes.set_ylabel("平均", fontsize=8.5)
    else:
        columns = min(len(first.options), 3)
        rows = -(-len(first.options) // columns)
        figure, axes = _axes_for(item.question.label, len(labels), rows)
        handles = []
        for index in range(len(first.options)):
            shares, errors = _share_series(item, index)
            handle = axes.errorbar(
                [i + (index - (len(first.options) - 1) / 2) * 0.03 for i in x],
                shares,
                yerr=errors,
                color=PALETTE[index % len(PALETTE)],
                marker=MARKERS[index % len(MARKERS)],
                linestyle="-" if index < len(PALETTE) else "--",
                capsize=2.5,
                lw=1.3,
                ms=4.5,
                elinewidth=0.8,
            )
            handles.append(handle)
        top = max([o.ci_high or 0.0 for t in item.tables for o in t.options] + [10.0])
        axes.set_ylim(0, min(100.0, top * 1.08 + 2))
        axes.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(decimals=0))
        axes.set_ylabel("％", fontsize=8.5)
        figure.legend(
            row_major(handles, columns),
            row_major([wrap(o.label, 20) for o in first.options], columns),
            loc="outside lower center",
            ncol=columns,
            fontsize=8,
            frameon=False,
            handlelength=1.8,
            columnspacing=1.2,
        )
    axes.set_xticks(x, names, fontsize=8.5)
    axes.set_xlim(-0.4, len(labels) - 0.6)
    axes.tick_params(axis="y", labelsize=8)
    axes.grid(axis="y", color="#e4e4e4", lw=0.6)
    axes.set_axisbelow(True)
    return figure
