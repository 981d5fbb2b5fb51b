"""`teichaku waves`: response files of one instrument compared as waves, item by item."""

from __future__ import annotations

import re
from pathlib import Path

import click
from rich.console import Console

from teichaku.cli.analyze import INPUT_ERRORS, jobs_option, lenient_hint
from teichaku.instrument import load_instrument
from teichaku.tabulate.waves import compare_waves
from teichaku.wave_analysis import default_label, read_waves, write_wave_outputs


def split_labels(text: str) -> list[str]:
    """``--labels "2023,2024"`` (also 、 or ，) → the names, stripped.

    >>> split_labels("2023年度, 2024年度、2025年度")
    ['2023年度', '2024年度', '2025年度']
    """
    return [part.strip() for part in re.split(r"[,，、]", text)]


@click.command("waves")
@click.argument(
    "files",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option("--instrument", "instrument_name", required=True, help="built-in name or XLSForm")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--labels",
    help="the waves' names, comma-separated, in the files' order (default: the file names)",
)
@click.option("--lenient", is_flag=True, help="turn unknown values into missing, and report them")
@click.option(
    "--ignore-extra-columns",
    is_flag=True,
    help="skip and list columns that match no question (a wide file); answers stay strict",
)
@click.option(
    "--weights",
    "weights_column",
    metavar="COLUMN",
    help="weight each wave's shares and means by this column of every file (positive "
    "numbers); the tests stay unweighted",
)
@jobs_option
def waves(
    files: tuple[Path, ...],
    instrument_name: str,
    out: Path,
    labels: str | None,
    lenient: bool,
    ignore_extra_columns: bool,
    weights_column: str | None,
    jobs: int | None,
) -> None:
    """同じ調査票の複数回を設問ごとに比べる / Compare waves of one instrument.

    FILES are the waves' response files, oldest first: each wave is compared with the one
    before it. Writes waves.json, waves.html and figures/ into --out. With --weights, shares
    and means are weighted (intervals with Kish's effective n); χ² and Mann–Whitney U are
    computed on the unweighted answers.
    """
    console = Console(stderr=True)
    if len(files) < 2:
        raise click.UsageError("比較には2つ以上のファイルを指定する / give two or more files")
    names = [default_label(path) for path in files]
    if labels is None and len(set(names)) < len(names):
        raise click.UsageError(
            "ファイル名が同じ回がある。--labels で名前を付ける / two files have the same name: "
            "name the waves with --labels"
        )
    try:
        with console.status("読み込み中 / reading…") as status:
            instrument = load_instrument(instrument_name)
            read = read_waves(
                files,
                instrument,
                split_labels(labels) if labels is not None else None,
                lenient=lenient,
                ignore_extra_columns=ignore_extra_columns,
                weights=weights_column,
            )
            comparison = compare_waves(read)
            written = write_wave_outputs(
                comparison,
                out,
                processes=jobs,
                step=lambda name: status.update(f"書き出し中 / writing {name}…"),
            )
    except INPUT_ERRORS as error:
        raise click.ClickException(str(error) + lenient_hint(error)) from error
    weightings = comparison.weightings or (None,) * len(read)
    for wave, weighting in zip(read, weightings, strict=True):
        result = wave.responses
        console.print(
            f"{wave.label}: 回答者 {result.respondents} 名 / {result.respondents} respondents"
        )
        if weighting is not None:
            console.print(
                f"{wave.label}: 重み付き / weighted: min {weighting.minimum:.3g}, "
                f"max {weighting.maximum:.3g}, design effect {weighting.design_effect:.3f}, "
                f"effective n {weighting.effective_n:.1f}"
            )
        if result.unmatched_columns:
            console.print(
                f"{wave.label}: 読み飛ばした設問以外の列 / columns with no question, ignored: "
                + ", ".join(result.unmatched_columns)
            )
        for issue in result.issues:
            console.print(f"[yellow]{wave.label}: 欠損扱い / set to missing:[/yellow] {issue}")
    for path in written:
        click.echo(str(path))
