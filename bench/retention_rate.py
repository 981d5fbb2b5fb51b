"""Time the 就労定着率 of a national-scale office list against plain reads of the same file.

100,000 synthetic persons (seeded), 1-3 employment episodes each, in one RECORDS file:

    .venv/bin/python bench/retention_rate.py [--persons 100000] [--repeat 3]

Printed: best-of-`repeat` seconds for
  baseline  `csv.reader` over the file, rows into a list (the least any reader must do)
  pandas    `pandas.read_csv` of the file
  read      `read_records` (strict parsing, 和暦-aware dates, grouping by person)
  rate      `retention_rate` on the people already read
  total     read + rate
and each as a ratio to the csv baseline. Aim (issue 5): total within seconds.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from teichaku.retention.rate import retention_rate
from teichaku.retention.records import read_records

FISCAL_YEAR = 2025
HEADER = ["person_id", "service_start", "service_end", "hired_on", "left_on", "office"]


def synthetic_rows(persons: int, seed: int = 1) -> list[list[str]]:
    """Hires 2017-2025, service from 6 months after hire for up to 3 years, job changes."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    first = date(2017, 4, 1)
    for number in range(1, persons + 1):
        hired = first + timedelta(days=rng.randrange(365 * 8))
        start = hired + timedelta(days=183 + rng.randrange(60))
        end = start + timedelta(days=rng.randrange(200, 1095))
        service_end = "" if end > date(2025, 12, 31) else end.isoformat()
        office = f"office-{rng.randrange(1700)}"
        left: date | None = None
        for episode in range(rng.choice((1, 1, 1, 2, 2, 3))):
            if episode and left is None:
                break
            length = rng.randrange(30, 1500) if rng.random() < 0.45 else None
            left = None if length is None else hired + timedelta(days=length)
            rows.append(
                [
                    f"p{number:06d}",
                    start.isoformat(),
                    service_end,
                    hired.isoformat(),
                    "" if left is None else left.isoformat(),
                    office,
                ]
            )
            if left is not None:
                hired = left + timedelta(days=rng.choice((1, 10, 25, 40, 90)))
    return rows


def best(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.csv"
        rows = synthetic_rows(args.persons)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(rows)

        def baseline() -> object:
            with path.open(encoding="utf-8", newline="") as handle:
                return list(csv.reader(handle))

        people = read_records(path).people
        result = retention_rate(people, FISCAL_YEAR)
        timings = {
            "baseline": best(args.repeat, baseline),
            "pandas": best(args.repeat, lambda: pd.read_csv(path, dtype=str)),
            "read": best(args.repeat, lambda: read_records(path)),
            "rate": best(args.repeat, lambda: retention_rate(people, FISCAL_YEAR)),
            "total": best(
                args.repeat, lambda: retention_rate(read_records(path).people, FISCAL_YEAR)
            ),
        }
    print(f"persons {len(people):,}, rows {len(rows):,}, FY{FISCAL_YEAR}")
    low = 0.0 if result.rate_low is None else float(result.rate_low)
    print(
        f"counted {result.denominator:,}, retained {result.numerator:,}, "
        f"undetermined {result.undetermined:,}, rate (lower bound) {low:.3f}"
    )
    for name, seconds in timings.items():
        print(f"{name:9s} {seconds:7.3f} s   {seconds / timings['baseline']:6.1f}x csv baseline")


if __name__ == "__main__":
    main()
