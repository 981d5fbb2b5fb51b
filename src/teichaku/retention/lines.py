"""One line of a reward estimate, with its working and its source."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RewardLine:
    """`units` is None when the figure is not known; `working` shows the arithmetic."""

    item: str
    name: str
    units_each: int | None
    count: int
    units: int | None
    working: str
    source: str
    unverified: bool
