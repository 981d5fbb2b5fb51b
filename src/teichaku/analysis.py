"""One analysis run: response file → tables → every output file.

This is the pipeline behind `teichaku analyze`; the web app calls the same steps.
Everything is computed before the first file is written, so bad input writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from teichaku.coding import Codebook, Coding, read_codebooks, read_codings
from teichaku.instrument import Instrument, builtin_folder, builtin_names
from teichaku.responses import ResponseTable, read_responses
from teichaku.tabulate import SurveyTables, tabulate_survey
from teichaku.tabulate.raking import rake, read_targets

Step = Callable[[str], None]


@dataclass(frozen=True)
class Analysis:
    responses: ResponseTable
    tables: SurveyTables


def codebooks_for(instrument_name: str, instrument: Instrument) -> dict[str, Codebook]:
    """Codebooks shipped beside a built-in instrument, or in ``<form>.codebooks/`` beside a file."""
    if instrument_name in builtin_names():
        return read_codebooks(builtin_folder(instrument_name) / "codebooks")
    if instrument.source:
        source = Path(instrument.source)
        return read_codebooks(source.with_name(f"{source.stem}.codebooks"))
    return {}


def analyze(
    responses_path: Path,
    instrument: Instrument,
    *,
    codings_path: Path | None = None,
    codebooks: dict[str, Codebook] | None = None,
    by: str | None = None,
    lenient: bool = False,
    ignore_extra_columns: bool = False,
    weights: str | None = None,
    rake_path: Path | None = None,
) -> Analysis:
    """Read, check and tabulate; raises with file, row, column and value on bad input.

    `ignore_extra_columns` skips (and lists) columns that match no question, keeping every
    answer strict; `lenient` also reads values that are no option as missing. `weights` names
    the file's weight column; `rake_path` is a targets CSV the weights are raked to
    (`tabulate.raking`), starting from the weight column when both are given.
    """
    responses = read_responses(
        responses_path,
        instrument,
        lenient=lenient,
        ignore_extra_columns=ignore_extra_columns,
        weights=weights,
    )
    weighting = None
    if rake_path is not None:
        responses, weighting = rake(responses, read_targets(rake_path, instrument))
    codings: tuple[Coding, ...] = read_codings(codings_path) if codings_path else ()
    tables = tabulate_survey(
        responses,
        codings,
        codebooks or {},
        by=by,
        codings_source=str(codings_path or "codings"),
        weighting=weighting,
    )
    return Analysis(responses, tables)


def write_outputs(
    analysis: Analysis,
    out: Path,
    *,
    tables_only: bool = False,
    step: Step | None = None,
    intervals: bool = False,
    text_appendix: Sequence[str] = (),
    practice_links: Mapping[str, str] | None = None,
    processes: int | None = 1,
) -> list[Path]:
    """Write tables.json and, unless `tables_only`, the report, figures and data files.

    `intervals` shows the 95 % intervals in report.html too (tables.json and report.xlsx
    always carry them). `text_appendix` names the text questions whose answers the report
    lists (report.html's appendix, a sheet each in report.xlsx). `practice_links` (challenge
    → URL of the 実践事例 answering it) become links in report.html. `processes`: how many
    processes draw the figures (``None``: one per CPU; see `figures.write_planned`).
    """
    from teichaku.tabulate.tables_json import write_tables_json

    say = step or (lambda _: None)
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "tables.json"]
    say("tables.json")
    write_tables_json(analysis.tables, written[0], analysis.responses)
    if tables_only:
        return written
    from teichaku.report import write_figures, write_html_report, write_xlsx_report
    from teichaku.report.appendix import answer_lists
    from teichaku.report.data_export import write_data_csv, write_data_sav

    appendix = answer_lists(analysis.responses, text_appendix)
    say("figures")
    figures = write_figures(analysis.tables, out / "figures", processes=processes)
    say("report.html")
    write_html_report(
        analysis.tables,
        out / "report.html",
        figures,
        intervals=intervals,
        appendix=appendix,
        practice_links=practice_links,
    )
    say("report.xlsx")
    write_xlsx_report(analysis.tables, out / "report.xlsx", appendix)
    say("data.csv, data.sav")
    write_data_csv(analysis.responses, out / "data.csv")
    write_data_sav(analysis.responses, out / "data.sav")
    written += [out / name for name in ("report.html", "report.xlsx", "data.csv", "data.sav")]
    written.append(out / "figures")
    return written
