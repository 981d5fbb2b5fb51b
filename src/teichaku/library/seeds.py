"""Fictional practice cases written for the demo, one file in the exchange format
(seeds.json). Each says so (架空の事例です) and together they answer each of the 12
challenge items at least once."""

from __future__ import annotations

from importlib import resources

from teichaku.library.case import PracticeCase
from teichaku.library.exchange import load_cases


def seed_cases() -> tuple[PracticeCase, ...]:
    """The demo's fictional cases."""
    text = resources.files("teichaku.library").joinpath("seeds.json").read_text(encoding="utf-8")
    return load_cases(text, "seeds.json")
