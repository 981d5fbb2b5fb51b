"""Time `teichaku analyze --tables-only` on synthetic responses against `pandas.read_csv`.

Both run in this one process on the same file, best of several runs each, so the ratio is
fair on whatever machine runs it:

    .venv/bin/python bench/analyze_tables_only.py [--rows 1000000] [--repeat 3]

Aim (issue 13): analysis under 1.5x the time of reading the file with pandas (issue 2: 2x).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from teichaku.analysis import analyze, codebooks_for, write_outputs
from teichaku.instrument import Instrument, QuestionKind, load_instrument

INSTRUMENT = "retention-challenges-2024"
TEXTS = np.array(["企業との連携が難しい。", "特になし。", "情報が足りない。"], dtype=object)


def synthetic_responses(instrument: Instrument, rows: int, seed: int = 1) -> pd.DataFrame:
    """Answers drawn at random for every question, about 5 % missing, names layout."""
    rng = np.random.default_rng(seed)
    columns: dict[str, object] = {"response_id": np.arange(1, rows + 1)}
    for question in instrument.questions:
        values = np.array(question.option_values, dtype=object)
        if question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
            column = values[rng.integers(0, len(values), rows)]
        elif question.kind is QuestionKind.MULTI:
            first = rng.integers(0, len(values), rows)
            second = rng.integers(0, len(values), rows)
            joined = np.char.add(
                np.char.add(values[first].astype(str), " "), values[second].astype(str)
            )
            column = np.where(first == second, values[first].astype(str), joined).astype(object)
        elif question.kind is QuestionKind.TEXT:
            column = np.where(rng.random(rows) < 0.2, TEXTS[rng.integers(0, 3, rows)], "")
        else:
            column = rng.integers(0, 100, rows).astype(str)
        column = np.asarray(column, dtype=object)
        column[rng.random(rows) < 0.05] = ""
        columns[question.name] = column
    return pd.DataFrame(columns)


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    instrument = load_instrument(INSTRUMENT)
    codebooks = codebooks_for(INSTRUMENT, instrument)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "responses.csv"
        synthetic_responses(instrument, args.rows).to_csv(path, index=False)
        size = path.stat().st_size / 1e6
        print(f"{args.rows:,} responses, {size:.0f} MB: {path.name}")
        baseline = best_of(args.repeat, lambda: pd.read_csv(path))

        def run_analysis() -> None:
            analysis = analyze(path, instrument, codebooks=codebooks)
            write_outputs(analysis, Path(folder) / "out", tables_only=True)

        ours = best_of(args.repeat, run_analysis)
    print(f"pandas.read_csv            {baseline:7.2f} s (best of {args.repeat})")
    print(f"analyze --tables-only      {ours:7.2f} s (best of {args.repeat})")
    print(f"ratio analyze / read_csv   {ours / baseline:7.2f}x  (aim: under 1.5x)")


if __name__ == "__main__":
    main()
