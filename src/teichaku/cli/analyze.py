"""`teichaku analyze`: a response file in, the study's tables, figures and report out."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from teichaku.analysis import analyze as run_analysis
from teichaku.analysis import codebooks_for, write_outputs
from teichaku.coding import CodebookError, CodingsError
from teichaku.instrument import InstrumentError, load_instrument
from teichaku.responses import ResponseFileError
from teichaku.tabulate import CodedTextError, CrossTableError
from teichaku.tabulate.raking import TargetsError

INPUT_ERRORS = (
    InstrumentError,
    ResponseFileError,
    CodingsError,
    CodebookError,
    CodedTextError,
    CrossTableError,
    TargetsError,
    UnicodeDecodeError,
    ValueError,
)


def lenient_hint(error: Exception) -> str:
    if not isinstance(error, ResponseFileError):
        return ""
    if error.unknown_columns and len(error.unknown_columns) == len(error.issues):
        return (
            "\n(only columns with no question were refused: --ignore-extra-columns skips "
            "and lists them, and still checks every answer)"
        )
    if error.lenient_helps:
        return (
            "\n(with --lenient, values that are no option are read as missing and reported, "
            "and unknown columns are listed)"
        )
    return ""


jobs_option = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="draw the figures in N processes (default: one per CPU)",
)


@click.command("analyze")
@click.argument("responses", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--instrument", "instrument_name", required=True, help="built-in name or XLSForm")
@click.option(
    "--codings",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="codings CSV: response_id, question, code",
)
@click.option("--by", help="cross-tabulate every choice question by this question (name or label)")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--tables-only", is_flag=True, help="write tables.json only")
@click.option("--lenient", is_flag=True, help="turn unknown values into missing, and report them")
@click.option(
    "--ignore-extra-columns",
    is_flag=True,
    help="skip and list columns that match no question (a wide file); answers stay strict",
)
@click.option(
    "--intervals",
    is_flag=True,
    help="show 95% intervals in report.html too (tables.json and report.xlsx always have them)",
)
@click.option(
    "--weights",
    "weights_column",
    metavar="COLUMN",
    help="weight every figure by this column of the response file (positive numbers)",
)
@click.option(
    "--rake",
    "rake_targets",
    metavar="TARGETS.csv",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="compute weights by raking to population shares: question, option, share",
)
@click.option(
    "--text-appendix",
    is_flag=False,
    flag_value="all",
    default=None,
    metavar="[Q1,Q2…]",
    help="list the free-text answers in the report: every text question, or the ones named "
    "(names or labels, comma-separated)",
)
@click.option(
    "--practices-url",
    metavar="URL",
    help="link each challenge item and coded category in report.html to the practice cases "
    "that answer it: the address of a teichaku site's practice list "
    "(e.g. https://example.org/practices/)",
)
@jobs_option
def analyze(
    responses: Path,
    instrument_name: str,
    codings: Path | None,
    by: str | None,
    out: Path,
    tables_only: bool,
    lenient: bool,
    ignore_extra_columns: bool,
    intervals: bool,
    weights_column: str | None,
    rake_targets: Path | None,
    text_appendix: str | None,
    practices_url: str | None,
    jobs: int | None,
) -> None:
    """回答ファイルを集計し、表・図・報告書を書き出す / Tabulate a response file."""
    console = Console(stderr=True)
    try:
        with console.status("読み込み中 / reading…") as status:
            instrument = load_instrument(instrument_name)
            appendix: tuple[str, ...] = ()
            if text_appendix is not None:  # the report package loads matplotlib: only if asked
                from teichaku.report.appendix import appendix_questions

                appendix = appendix_questions(instrument, text_appendix)
            codebooks = codebooks_for(instrument_name, instrument)
            links = None
            if practices_url:
                from teichaku.library.challenges import challenge_links, challenge_list

                keys = [c.key for c in challenge_list(instrument, codebooks)]
                links = challenge_links(practices_url, keys)
            analysis = run_analysis(
                responses,
                instrument,
                codings_path=codings,
                codebooks=codebooks,
                by=by,
                lenient=lenient,
                ignore_extra_columns=ignore_extra_columns,
                weights=weights_column,
                rake_path=rake_targets,
            )
            written = write_outputs(
                analysis,
                out,
                tables_only=tables_only,
                intervals=intervals,
                text_appendix=appendix,
                practice_links=links,
                processes=jobs,
                step=lambda name: status.update(f"書き出し中 / writing {name}…"),
            )
    except INPUT_ERRORS as error:
        raise click.ClickException(str(error) + lenient_hint(error)) from error
    result = analysis.responses
    console.print(f"回答者 {result.respondents} 名 / {result.respondents} respondents")
    if result.unmatched_columns:
        console.print(
            "読み飛ばした設問以外の列 / columns with no question, ignored: "
            + ", ".join(result.unmatched_columns)
        )
    weighting = analysis.tables.weighting
    if weighting is not None:
        console.print(
            f"重み付き / weighted ({weighting.method}): min {weighting.minimum:.3g}, "
            f"max {weighting.maximum:.3g}, design effect {weighting.design_effect:.3f}, "
            f"effective n {weighting.effective_n:.1f}"
        )
    for issue in result.issues:
        console.print(f"[yellow]欠損扱い / set to missing:[/yellow] {issue}")
    for path in written:
        click.echo(str(path))
