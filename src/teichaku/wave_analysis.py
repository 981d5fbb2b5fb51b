"""One comparison of waves: response files of one instrument → `waves.json`, trend figures
and `waves.html`. The pipeline behind `teichaku waves`; the desk calls the same writers.

Every file is read and checked, and the comparison computed, before the first file is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from teichaku.instrument import Instrument
from teichaku.responses import read_responses
from teichaku.tabulate.waves import Wave, WavesComparison, WavesError

Step = Callable[[str], None]


def default_label(path: Path) -> str:
    """A wave's name from its file: the name without its suffixes.

    >>> default_label(Path("data/2024.csv")), default_label(Path("wave 2.csv.gz"))
    ('2024', 'wave 2')
    """
    name = path.name
    while Path(name).suffix and Path(name).stem:
        name = Path(name).stem
    return name


def read_waves(
    paths: Sequence[Path],
    instrument: Instrument,
    labels: Sequence[str] | None = None,
    *,
    lenient: bool = False,
    ignore_extra_columns: bool = False,
    weights: str | None = None,
) -> list[Wave]:
    """Read each file with the instrument (the same options as `analyze`), oldest first.

    Labels default to the file names; a label list must name every file. `weights` names
    the weight column every file must have (read and checked as by `analyze --weights`).
    Compare the waves with `compare_waves`.
    """
    if labels is None:
        labels = [default_label(path) for path in paths]
    elif len(labels) != len(paths):
        raise WavesError(
            f"回の名前が{len(labels)}個、ファイルが{len(paths)}個ある / "
            f"{len(labels)} labels for {len(paths)} files"
        )
    return [
        Wave(
            label,
            read_responses(
                path,
                instrument,
                lenient=lenient,
                ignore_extra_columns=ignore_extra_columns,
                weights=weights,
            ),
        )
        for label, path in zip(labels, paths, strict=True)
    ]


def write_wave_outputs(
    comparison: WavesComparison,
    out: Path,
    *,
    step: Step | None = None,
    processes: int | None = 1,
) -> list[Path]:
    """Write waves.json, the trend figures (``figures/trend_<question>.png/.svg``) and
    waves.html into `out`; `processes` draw the figures (``None``: one per CPU; see
    `figures.write_planned`)."""
    from teichaku.report.wave_figures import write_trend_figures
    from teichaku.report.wave_html import write_waves_html
    from teichaku.tabulate.waves_json import write_waves_json

    say = step or (lambda _: None)
    out.mkdir(parents=True, exist_ok=True)
    say("waves.json")
    write_waves_json(comparison, out / "waves.json")
    say("figures")
    figures = write_trend_figures(comparison, out / "figures", processes=processes)
    say("waves.html")
    write_waves_html(comparison, out / "waves.html", figures)
    return [out / "waves.json", out / "waves.html", out / "figures"]
