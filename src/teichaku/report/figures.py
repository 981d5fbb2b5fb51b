"""Figures as PNG and SVG: diverging stacked bars for Likert items, horizontal bars otherwise.

Drawn with matplotlib's object API on the Agg canvas (no pyplot state), Japanese text in
IPAexGothic from `matplotlib-fontja`, glyphs stored as paths so an SVG reads the same on
any device. Output is byte-for-byte repeatable: fixed SVG hash salt, no dates.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import sys
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any, Protocol

import matplotlib
import matplotlib_fontja  # noqa: F401  (registers the IPAexGothic font)
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from teichaku.report.sections import sections_of
from teichaku.report.sentences import format_percent
from teichaku.report.wording import percent_base_note
from teichaku.tabulate import (
    ChoiceTable,
    CodedTextTable,
    LikertTable,
    MultiTable,
    QuestionTable,
    SurveyTables,
)

FONT = "IPAexGothic"
RC: dict[Any, Any] = {  # matplotlib types its keys as literals
    "font.family": [FONT],
    "svg.fonttype": "path",
    "svg.hashsalt": "teichaku",
    "axes.unicode_minus": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
NO_LAYOUT: dict[Any, Any] = {"figure.autolayout": False, "figure.constrained_layout.use": False}
PNG_DPI = 150
RGBA = tuple[float, float, float, float]
WIDTH = 6.4  # inches: legible when scaled to a phone's width
BAR_COLOUR = "#3f5f8f"
NEUTRAL_COLOUR = "#c8c8c8"
# ColorBrewer PuOr ends: colour-blind safe; lightness rises towards the centre, so the
# order of the options survives greyscale printing.
LOW_CMAP, HIGH_CMAP = "Oranges", "Purples"


@dataclass(frozen=True)
class FigureFiles:
    """The two files written for one figure."""

    png: Path
    svg: Path


@dataclass(frozen=True)
class PlannedFigure:
    key: str  # file stem: the question name, or ``likert_<group>`` for a combined chart
    alt: str  # a short description for the HTML's alt text
    tables: tuple[QuestionTable, ...]

    def draw(self) -> Figure:
        first = self.tables[0]
        if isinstance(first, LikertTable):
            likert = [t for t in self.tables if isinstance(t, LikertTable)]
            return likert_figure(likert, combined=len(likert) > 1)
        figure = bar_figure(first)
        assert figure is not None
        return figure


def planned_figures(tables: SurveyTables) -> Iterator[PlannedFigure]:
    """Every figure of the report, section by section: combined Likert charts first."""
    for section in sections_of(tables):
        for likert_set in section.likert_sets:
            alt = f"{section.label or ''} リッカート項目 {len(likert_set.tables)}件の回答分布"
            yield PlannedFigure(likert_set.key, alt.strip(), likert_set.tables)
        for table in section.tables:
            if isinstance(table, ChoiceTable | MultiTable | CodedTextTable):
                yield PlannedFigure(
                    table.question.name, f"{table.question.label}の回答分布", (table,)
                )


def write_figures(
    tables: SurveyTables, folder: Path, *, processes: int | None = 1
) -> dict[str, FigureFiles]:
    """Write ``<key>.png`` and ``<key>.svg`` for every figure; keys are the file stems.

    ``processes``: see `write_planned`.

    >>> from teichaku.instrument.xlsform import load_xlsform_bytes
    >>> from teichaku.responses import responses_from_records
    >>> from teichaku.tabulate import tabulate_survey
    >>> form = load_xlsform_bytes("\\n".join([
    ...     "| survey |", "| | type | name | label |", "| | select_one yn | tea | 紅茶が好き |",
    ...     "| choices |", "| | list_name | name | label |",
    ...     "| | yn | yes | はい |", "| | yn | no | いいえ |",
    ... ]).encode(), "tea.md")
    >>> tables = tabulate_survey(responses_from_records(form, [{"tea": "yes"}, {"tea": "no"}]))
    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> files = write_figures(tables, Path(folder.name) / "figures")
    >>> {key: (f.png.name, f.svg.name) for key, f in files.items()}
    {'tea': ('tea.png', 'tea.svg')}
    >>> folder.cleanup()
    """
    return write_planned(planned_figures(tables), folder, processes=processes)


class Drawable(Protocol):
    """A figure to come: its file stem, its alt text, and how to draw it."""

    @property
    def key(self) -> str: ...
    @property
    def alt(self) -> str: ...
    def draw(self) -> Figure: ...


def write_planned(
    plans: Iterable[Drawable], folder: Path, *, processes: int | None = 1
) -> dict[str, FigureFiles]:
    """Write ``<key>.png`` and ``<key>.svg`` for every planned figure, keyed by file stem.

    With ``processes`` > 1 (``None``: one per CPU) the figures are drawn by forked
    processes where `drawing_processes` allows, each figure whole in one of them; the files
    are the same bytes.
    """
    folder.mkdir(parents=True, exist_ok=True)
    planned = list(plans)
    written: dict[str, FigureFiles] = {}
    drawn = _drawn(planned, drawing_processes(processes))
    for plan, (png, svg) in zip(planned, drawn, strict=True):
        files = FigureFiles(folder / f"{plan.key}.png", folder / f"{plan.key}.svg")
        files.png.write_bytes(png)
        files.svg.write_bytes(svg)
        written[plan.key] = files
    return written


def drawing_processes(wanted: int | None) -> int:
    """How many processes may draw figures here: ``wanted``, or one per CPU this process may
    use; 1 where a child process cannot be forked safely (no ``fork``, or a daemonic
    process such as a Celery pool worker, which may not have children).
    """
    if "fork" not in multiprocessing.get_all_start_methods() or sys.platform != "linux":
        return 1
    if multiprocessing.current_process().daemon:
        return 1
    return max(1, wanted if wanted is not None else len(os.sched_getaffinity(0)))


def _drawn(plans: Sequence[Drawable], processes: int) -> Iterator[tuple[bytes, bytes]]:
    """Each plan's PNG and SVG bytes, in the plans' order."""
    processes = min(processes, len(plans) - 1)
    if processes <= 1:
        yield from map(_draw_png_and_svg, plans)
        return
    # The first figure here: what matplotlib loads on first use (its backends, the font and
    # its caches) is then loaded once, and no child imports anything while a thread of this
    # process may hold the import lock. fork: the children start with all of it.
    yield _draw_png_and_svg(plans[0])
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        yield from pool.map(_draw_png_and_svg, plans[1:])


def _draw_png_and_svg(plan: Drawable) -> tuple[bytes, bytes]:
    with matplotlib.rc_context(RC):
        return png_and_svg(plan.draw())


def png_and_svg(figure: Figure) -> tuple[bytes, bytes]:
    """The figure as PNG and SVG bytes, laid out once for both.

    The layout engine (constrained layout) runs once, at the PNG's resolution, and is then
    frozen, so the SVG is drawn in the same places without laying the figure out again: one
    layout and two draws instead of two of each.
    """
    figure.set_dpi(PNG_DPI)
    engine = figure.get_layout_engine()
    if engine is not None:
        engine.execute(figure)
        # None, not "none": "none" leaves a placeholder engine, and savefig lays out
        # (draws) once more for any engine it finds
        with matplotlib.rc_context(NO_LAYOUT):
            figure.set_layout_engine(None)
    return figure_bytes(figure, "png"), figure_bytes(figure, "svg")


def figure_bytes(figure: Figure, format: str) -> bytes:
    """The figure as PNG or SVG bytes, without dates or version stamps."""
    metadata: dict[str, str | None] = (
        {"Date": None, "Creator": None} if format == "svg" else {"Software": None}
    )
    # zlib level 3 writes these flat-coloured charts faster than the default 6, and smaller
    options: dict[str, Any] = {"pil_kwargs": {"compress_level": 3}} if format == "png" else {}
    buffer = io.BytesIO()
    with matplotlib.rc_context(RC):
        figure.savefig(buffer, format=format, dpi=PNG_DPI, metadata=metadata, **options)
    return buffer.getvalue()


def wrap(text: str, width: int) -> str:
    """Break `text` into lines of at most `width` characters, of balanced lengths.

    Japanese has no spaces to break at, so break by characters.
    """
    if len(text) <= width:
        return text
    lines = -(-len(text) // width)
    even = -(-len(text) // lines)
    return "\n".join(textwrap.wrap(text, even, break_long_words=True)) or text


def row_major(items: Sequence[Any], columns: int) -> list[Any]:
    """Reorder legend entries so that matplotlib's column-first fill reads row by row."""
    rows = -(-len(items) // columns)
    grid = [list(items[r * columns : (r + 1) * columns]) for r in range(rows)]
    return [row[c] for c in range(columns) for row in grid if c < len(row)]


def _text_colour(rgb: Sequence[float]) -> str:
    red, green, blue = rgb[:3]
    return "white" if 0.299 * red + 0.587 * green + 0.114 * blue < 0.55 else "black"


def likert_colours(sides: Sequence[int]) -> list[RGBA]:
    """One colour per option (in low-to-high order): darker the further from the centre."""
    cmaps = {-1: matplotlib.colormaps[LOW_CMAP], 1: matplotlib.colormaps[HIGH_CMAP]}
    low = [i for i, s in enumerate(sides) if s < 0]
    high = [i for i, s in enumerate(sides) if s > 0]
    colours: list[RGBA] = [matplotlib.colors.to_rgba(NEUTRAL_COLOUR)] * len(sides)
    for members, side in ((low[::-1], -1), (high, 1)):
        for step, index in enumerate(members):
            # nearest the centre light (0.35), the far end dark (0.9)
            shade = 0.35 + 0.55 * (step / max(len(members) - 1, 1))
            colours[index] = cmaps[side](shade)
    return colours


def _low_to_high(table: LikertTable) -> tuple[list[int], list[int]]:
    """Option indices from the low end to the high end, and each one's side of the centre."""
    scale = table.question.likert
    assert scale is not None
    indices = list(range(len(table.options)))
    if not scale.high_is_last:
        indices.reverse()
    return indices, [scale.side(index + 1) for index in indices]


def likert_figure(tables: Sequence[LikertTable], combined: bool = False) -> Figure:
    """Diverging stacked bars: low options left of zero, high right, neutral split at zero."""
    first = tables[0]
    order, sides = _low_to_high(first)
    colours = likert_colours(sides)
    columns = min(len(order), 4)
    legend_rows = -(-len(order) // columns)
    if combined:
        names = [f"{wrap(t.question.label, 14)}\n(n={t.n})" for t in tables]
    else:
        names = [f"n={first.n}"]
    # a row grows with its label, so long item wordings do not run into their neighbours
    spans = [max(1.0, (name.count("\n") + 1) / 3.2) for name in names]
    rows = [sum(spans[:i]) + spans[i] / 2 - 0.5 for i in range(len(spans))]
    height = (1.0 if combined else 1.2) + 0.62 * sum(spans) + 0.25 * legend_rows
    figure = Figure(figsize=(WIDTH, height), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    extent = 10.0
    for row, table in zip(rows, tables, strict=True):
        shares = [100.0 * table.options[i].count / table.n if table.n else 0.0 for i in order]
        low = sum(s for s, side in zip(shares, sides, strict=True) if side < 0)
        neutral = sum(s for s, side in zip(shares, sides, strict=True) if side == 0)
        high = sum(s for s, side in zip(shares, sides, strict=True) if side > 0)
        left = -(low + neutral / 2)  # where the row's first bar starts
        extent = max(extent, low + neutral / 2, high + neutral / 2)
        drawn = [(share, colour) for share, colour in zip(shares, colours, strict=True) if share]
        starts = list(accumulate([left, *(share for share, _ in drawn)]))[:-1]
        if drawn:  # one call per row: each call would autoscale the axes again
            axes.barh(
                [row] * len(drawn),
                [share for share, _ in drawn],
                left=starts,
                color=[colour for _, colour in drawn],
                edgecolor="white",
                lw=0.6,
            )
        for start, (share, colour) in zip(starts, drawn, strict=True):
            if share >= 6:
                axes.text(
                    start + share / 2,
                    row,
                    format_percent(share),
                    ha="center",
                    va="center",
                    fontsize=7.5,
                    color=_text_colour(colour),
                )
        if table.n:
            axes.text(
                -(low + neutral / 2) - 1.5,
                row,
                f"{format_percent(low)}%",
                ha="right",
                va="center",
                fontsize=7.5,
            )
            axes.text(
                high + neutral / 2 + 1.5,
                row,
                f"{format_percent(high)}%",
                ha="left",
                va="center",
                fontsize=7.5,
            )
    limit = min(100.0, 10 * ((extent + 14) // 10 + 1))
    axes.set_xlim(-limit, limit)
    ticks = [t for t in range(-100, 101, 20 if limit > 50 else 10) if abs(t) <= limit]
    axes.set_xticks(ticks, [f"{abs(t)}%" for t in ticks], fontsize=8.5)
    axes.axvline(0, color="black", lw=1.0, zorder=0.5)  # behind the bars: labels stay clear
    axes.set_yticks(rows, names, fontsize=8.5)
    axes.set_ylim(sum(spans) - 0.5, -0.5)
    axes.tick_params(axis="y", length=0)
    axes.spines["left"].set_visible(False)
    if not combined:
        axes.set_title(wrap(first.question.label, 34), fontsize=10.5, loc="left")
    handles = [Patch(facecolor=c, edgecolor="#888888", lw=0.4) for c in colours]
    figure.legend(
        row_major(handles, columns),
        row_major([first.options[i].label for i in order], columns),
        loc="outside lower center",
        ncol=columns,
        fontsize=8,
        frameon=False,
        handlelength=1.2,
        columnspacing=1.2,
    )
    return figure


def bar_figure(table: QuestionTable) -> Figure | None:
    """Horizontal bars of each option's (or category's) share, labelled with % and count."""
    if isinstance(table, CodedTextTable):
        names = [c.label for c in table.codes]
        counts = [c.count for c in table.codes]
        shares = [c.percent_of_descriptions or 0.0 for c in table.codes]
    elif isinstance(table, ChoiceTable | MultiTable):
        names = [o.label for o in table.options]
        counts = [o.count for o in table.options]
        shares = [o.percent or 0.0 for o in table.options]
    else:
        return None
    figure = Figure(figsize=(WIDTH, 1.1 + 0.36 * max(len(names), 1)), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.barh(range(len(names)), shares, color=BAR_COLOUR, height=0.65)
    top = max([*shares, 1.0])
    for row, (share, count) in enumerate(zip(shares, counts, strict=True)):
        axes.text(
            share + top * 0.01,
            row,
            f"{format_percent(share)}% ({count})",
            va="center",
            fontsize=8.5,
        )
    axes.set_xlim(0, top * 1.22)
    axes.set_yticks(range(len(names)), [wrap(n, 14) for n in names], fontsize=9)
    axes.set_ylim(len(names) - 0.5, -0.5)
    axes.tick_params(axis="y", length=0)
    axes.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
    axes.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(decimals=0))
    axes.tick_params(axis="x", labelsize=8)
    axes.set_xlabel(percent_base_note(table), fontsize=8.5)
    axes.set_title(wrap(table.question.label, 34), fontsize=10.5, loc="left")
    return figure
