from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest

from teichaku.instrument import Instrument
from teichaku.report import FigureFiles, write_figures
from teichaku.tabulate import SurveyTables


@pytest.fixture(scope="module")
def figures(
    tables: SurveyTables, instrument: Instrument, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, FigureFiles]:
    folder = tmp_path_factory.mktemp("figures")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = write_figures(tables, folder)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing
    return written


def test_png_and_svg_per_figure(figures: dict[str, FigureFiles], tables: SurveyTables) -> None:
    expected = {t.question.name for t in tables.questions if type(t).__name__ != "TextTable"} | {
        "likert_challenges"
    }
    assert set(figures) == expected
    for files in figures.values():
        assert files.png.read_bytes().startswith(b"\x89PNG")
        assert files.svg.read_bytes().lstrip().startswith(b"<?xml")
        assert files.png.stem == files.svg.stem
    assert figures["q01_securing_users"].png.name == "q01_securing_users.png"


def test_svg_draws_japanese_glyphs_from_ipaexgothic(figures: dict[str, FigureFiles]) -> None:
    svg = figures["q01_securing_users"].svg.read_text(encoding="utf-8")
    # text is drawn as glyph paths from IPAexGothic, each run preceded by a comment
    assert 'id="IPAexGothic-' in svg
    assert "<!-- ７：非常に課題である -->" in svg
    assert "DejaVu" not in svg


def test_missing_glyphs_would_be_caught() -> None:
    import matplotlib
    from matplotlib.figure import Figure

    from teichaku.report.figures import RC, figure_bytes

    with matplotlib.rc_context(RC), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = Figure()
        figure.text(0.5, 0.5, "\U0001f600")
        figure_bytes(figure, "svg")
    assert any("missing from font" in str(w.message) for w in caught)


def test_figures_are_deterministic(
    figures: dict[str, FigureFiles], tables: SurveyTables, instrument: Instrument, tmp_path: Path
) -> None:
    again = write_figures(tables, tmp_path)
    for key in ("likert_challenges", "monitoring_methods"):
        assert again[key].svg.read_bytes() == figures[key].svg.read_bytes()
        assert again[key].png.read_bytes() == figures[key].png.read_bytes()


def test_combined_chart_lists_every_item(
    figures: dict[str, FigureFiles], tables: SurveyTables
) -> None:
    svg = figures["likert_challenges"].svg.read_text(encoding="utf-8")
    assert svg.count("(n=") == 12
    for table in tables.questions[3:15]:
        assert table.question.label[:6] in svg
    for label in ("１：全く課題でない", "４：どちらともいえない", "７：非常に課題である"):
        assert f"<!-- {label} -->" in svg  # every option in the legend


def test_even_scale_has_no_neutral_and_reversed_scale_reads_low_to_high() -> None:
    import numpy as np

    from teichaku.instrument import LikertScale, Option, Question, QuestionKind
    from teichaku.report.figures import NEUTRAL_COLOUR, likert_colours, likert_figure
    from teichaku.responses import ChoiceAnswers
    from teichaku.tabulate import LikertTable, tabulate_choice

    options = tuple(Option(str(v), {"ja": f"{v}：選択肢"}) for v in range(1, 5))
    question = Question(
        "even", QuestionKind.LIKERT, {"ja": "偶数尺度"}, options, likert=LikertScale(2.5, False)
    )
    table = tabulate_choice(ChoiceAnswers(question, np.array([0, 1, 1, 3], dtype=np.int16)))
    assert isinstance(table, LikertTable)
    colours = likert_colours([-1, -1, 1, 1])
    assert all(c[:3] != matplotlib_rgb(NEUTRAL_COLOUR) for c in colours)
    figure = likert_figure([table])
    legend = figure.legends[0]
    # high_is_last=False: the last declared option is the low end, drawn first
    assert legend.get_texts()[0].get_text() == "4：選択肢"
    assert len(legend.get_texts()) == 4


def matplotlib_rgb(colour: str) -> tuple[float, ...]:
    import matplotlib.colors

    return tuple(matplotlib.colors.to_rgb(colour))


def test_png_and_svg_share_one_layout(tables: SurveyTables) -> None:
    import matplotlib

    from teichaku.report.figures import RC, bar_figure, png_and_svg

    with matplotlib.rc_context(RC):
        figure = bar_figure(tables.questions[0])
        assert figure is not None
        png, svg = png_and_svg(figure)
        laid_out = figure.axes[0].get_position().bounds
        # drawing again (as SVG, at 72 dpi) keeps the layout measured for the PNG
        figure.savefig(io.BytesIO(), format="svg")
    assert figure.axes[0].get_position().bounds == laid_out
    assert png.startswith(b"\x89PNG") and svg.lstrip().startswith(b"<?xml")


def test_figures_drawn_by_several_processes_are_the_same_bytes(
    figures: dict[str, FigureFiles], tables: SurveyTables, tmp_path: Path
) -> None:
    from teichaku.report.figures import drawing_processes

    if drawing_processes(2) < 2:
        pytest.skip("no fork here: figures are drawn in this process only")
    again = write_figures(tables, tmp_path, processes=2)
    assert list(again) == list(figures)  # the report's order
    for key, files in figures.items():
        assert again[key].svg.read_bytes() == files.svg.read_bytes(), key
        assert again[key].png.read_bytes() == files.png.read_bytes(), key


def test_drawing_processes_follows_the_request_or_the_cpus() -> None:
    import os

    from teichaku.report.figures import drawing_processes

    if drawing_processes(3) == 1:
        pytest.skip("no fork here: figures are drawn in this process only")
    assert drawing_processes(3) == 3
    assert drawing_processes(None) == len(os.sched_getaffinity(0))


def test_a_laid_out_figure_is_not_laid_out_again_when_saved(tables: SurveyTables) -> None:
    import matplotlib

    from teichaku.report.figures import RC, bar_figure, png_and_svg

    with matplotlib.rc_context(RC):
        figure = bar_figure(tables.questions[0])
        assert figure is not None
        png_and_svg(figure)
    # savefig lays a figure out (one more draw) whenever it has a layout engine, even the
    # placeholder that set_layout_engine("none") leaves
    assert figure.get_layout_engine() is None


def _processes_in_child(queue: object) -> None:
    from teichaku.report.figures import drawing_processes

    queue.put(drawing_processes(4))  # type: ignore[attr-defined]


def test_a_daemonic_process_draws_alone() -> None:
    """A Celery pool worker is daemonic: it may not fork children of its own."""
    import multiprocessing

    from teichaku.report.figures import drawing_processes

    if drawing_processes(2) < 2:
        pytest.skip("no fork here: figures are drawn in this process only")
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_processes_in_child, args=(queue,), daemon=True)
    child.start()
    child.join(60)
    assert queue.get(timeout=5) == 1
