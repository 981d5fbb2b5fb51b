"""Time the study's full report against `teichaku analyze --tables-only` on the same file.

The example survey's responses with its codings (examples/retention-challenges-2024), run
as the command a user types (`python -m teichaku.cli analyze`, start-up included), the two
commands taking turns, best of several each, so the ratio is fair on whatever machine runs
it (other work on the machine slows both alike):

    .venv/bin/python bench/analyze_full_report.py [--repeat 3]

Aim (issue 13): the full report (tables, figures, HTML, XLSX, SAV) under 2x --tables-only.
The load average is printed with the figures: on a machine busy with other work both
commands slow down, and the ratio is what to compare.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

INSTRUMENT = "retention-challenges-2024"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / INSTRUMENT


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        command = [
            sys.executable,
            "-m",
            "teichaku.cli",
            "analyze",
            str(EXAMPLE / "responses.csv"),
            "--instrument",
            INSTRUMENT,
            "--codings",
            str(EXAMPLE / "codings.csv"),
            "--out",
            str(Path(folder) / "out"),
        ]
        timed(command)  # warm up: font cache, compiled modules, file cache
        figures = len(list((Path(folder) / "out" / "figures").glob("*.*")))
        tables_only: list[float] = []
        full: list[float] = []
        for _ in range(args.repeat):
            tables_only.append(timed([*command, "--tables-only"]))
            full.append(timed(command))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"{EXAMPLE.name}/responses.csv with codings: {figures} figure files; load {load}")
    print(f"analyze --tables-only      {min(tables_only):7.2f} s (best of {args.repeat})")
    print(f"analyze (full report)      {min(full):7.2f} s (best of {args.repeat})")
    print(f"ratio full / tables-only   {min(full) / min(tables_only):7.2f}x  (aim: under 2x)")


if __name__ == "__main__":
    main()
