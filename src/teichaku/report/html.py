"""`report.html`: one self-contained Japanese page in the study's order.

Figures are embedded as base64 SVG data URIs and the CSS is inline, so the file opens
offline, on a phone, and prints without fetching anything.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import matplotlib

from teichaku.report.appendix import AnswerList
from teichaku.report.figures import RC, Drawable, FigureFiles, figure_bytes, planned_figures
from teichaku.report.sections import ranking, sections_of
from teichaku.report.sentences import format_percent, quoted_list, study_sentence
from teichaku.report.wording import (
    APPENDIX_TITLE,
    CODED_NOTE,
    CROSS_PERCENT_NOTE,
    INTERVAL_NOTE,
    KIND_NAMES,
    MULTI_CASES_NOTE,
    cross_warning,
    high_side_labels,
    kind_of,
    percent_base_note,
    scale_scores,
    small_base_note,
    weighted_base_note,
    weighting_lines,
)
from teichaku.tabulate import OptionCount, QuestionTable, SurveyTables

TEMPLATE = "report.html.j2"


@dataclass(frozen=True)
class Picture:
    uri: str  # data:image/svg+xml;base64,…
    alt: str


@dataclass(frozen=True)
class Block:
    """One question as the page shows it."""

    number: int
    table: QuestionTable
    kind: str
    sentence: str | None
    base_note: str
    figure: Picture | None
    caution: str | None = None  # a small base (n < 30)


@dataclass(frozen=True)
class SectionView:
    anchor: str
    label: str | None
    overviews: tuple[Picture, ...]
    blocks: tuple[Block, ...]


def _svg_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def pictures_of(
    plans: Iterable[Drawable],
    figures: Mapping[str, FigureFiles] | None,
    name: Callable[[Any], str] = lambda plan: str(plan.key),
) -> dict[str, Picture]:
    """Each planned figure as an inline SVG keyed by `name(plan)`: written figures are read
    back; without any, the SVGs are drawn in memory (report.html and waves.html alike)."""
    pictures: dict[str, Picture] = {}
    for plan in plans:
        if figures is None:
            with matplotlib.rc_context(RC):
                svg = figure_bytes(plan.draw(), "svg")
        elif plan.key in figures:
            svg = figures[plan.key].svg.read_bytes()
        else:
            continue
        pictures[name(plan)] = Picture(_svg_uri(svg), plan.alt)
    return pictures


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("teichaku.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = format_percent
    env.filters["num"] = lambda v, d=2: "—" if v is None else f"{v:.{d}f}"
    env.filters["ci"] = format_interval
    env.globals["scores"] = scale_scores
    return env


def format_interval(option: OptionCount) -> str:
    """An option's 95 % interval as the report shows it, e.g. 「23.7～76.3」; ``—`` if none.

    >>> format_interval(OptionCount("a", "A", 5, 50.0, ci_low=23.659, ci_high=76.341))
    '23.7～76.3'
    """
    if option.ci_low is None or option.ci_high is None:
        return "—"
    return f"{format_percent(option.ci_low)}～{format_percent(option.ci_high)}"


def render_html(
    tables: SurveyTables,
    figures: Mapping[str, FigureFiles] | None = None,
    *,
    generated: dt.date | None = None,
    intervals: bool = False,
    appendix: Sequence[AnswerList] = (),
    practice_links: Mapping[str, str] | None = None,
) -> str:
    """The report as one HTML string.

    `figures` are the files from `write_figures`; ``None`` draws them in memory.
    With `intervals`, each option's share shows its 95 % Wilson interval and a Likert
    mean its t interval (report.xlsx and tables.json always carry them). `appendix` lists
    the free-text answers of its questions after the tables (`report.appendix`).
    `practice_links` maps a challenge (a question name, or ``question:code`` for a coded
    category: `library.challenges`) to the published 実践事例 that answer it; each such
    item and category links there (the caller knows the site; the report does not).

    >>> from teichaku.instrument.xlsform import load_xlsform_bytes
    >>> from teichaku.responses import responses_from_records
    >>> from teichaku.tabulate import tabulate_survey
    >>> form = load_xlsform_bytes("\\n".join([
    ...     "| survey |", "| | type | name | label |", "| | select_one yn | tea | 紅茶が好き |",
    ...     "| choices |", "| | list_name | name | label |",
    ...     "| | yn | yes | はい |", "| | yn | no | いいえ |",
    ... ]).encode(), "tea.md")
    >>> tables = tabulate_survey(responses_from_records(form, [{"tea": "yes"}, {"tea": "no"}]))
    >>> html = render_html(tables, generated=dt.date(2024, 3, 1))
    >>> html.splitlines()[0]
    '<!DOCTYPE html>'
    >>> "紅茶が好き" in html
    True
    """
    pictures = pictures_of(planned_figures(tables), figures)
    sections: list[SectionView] = []
    number = 0
    for index, section in enumerate(sections_of(tables), start=1):
        blocks: list[Block] = []
        for table in section.tables:
            number += 1
            blocks.append(
                Block(
                    number,
                    table,
                    kind_of(table),
                    study_sentence(table),
                    percent_base_note(table),
                    pictures.get(table.question.name),
                    small_base_note(table),
                )
            )
        overviews = tuple(pictures[s.key] for s in section.likert_sets if s.key in pictures)
        sections.append(SectionView(f"s{index}", section.label, overviews, tuple(blocks)))
    ranked = ranking(tables)
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            tables=tables,
            sections=sections,
            ranking=ranked,
            high_labels=quoted_list(high_side_labels(ranked[0].table)) if ranked else "",
            generated=(generated or dt.date.today()).isoformat(),
            kind_names=KIND_NAMES,
            coded_note=CODED_NOTE,
            multi_cases_note=MULTI_CASES_NOTE,
            cross_warning=cross_warning,
            intervals=intervals,
            interval_note=INTERVAL_NOTE,
            weighting_lines=weighting_lines(tables.weighting),
            weighted_note=weighted_base_note,
            appendix=appendix,
            in_appendix={answers.question.name for answers in appendix},
            cross_note=CROSS_PERCENT_NOTE,
            appendix_title=APPENDIX_TITLE,
            practice_links=dict(practice_links or {}),
        )
    )


def write_html_report(
    tables: SurveyTables,
    path: Path,
    figures: Mapping[str, FigureFiles] | None = None,
    *,
    generated: dt.date | None = None,
    intervals: bool = False,
    appendix: Sequence[AnswerList] = (),
    practice_links: Mapping[str, str] | None = None,
) -> None:
    """Write `render_html` to `path` (UTF-8)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    html = render_html(
        tables,
        figures,
        generated=generated,
        intervals=intervals,
        appendix=appendix,
        practice_links=practice_links,
    )
    path.write_text(html, encoding="utf-8")
