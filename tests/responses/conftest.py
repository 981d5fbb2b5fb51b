"""Response files written by hand in the layouts of the tools people use."""

from __future__ import annotations

import pytest

from teichaku.instrument import Instrument, load_instrument

BUILTIN = "retention-challenges-2024"


@pytest.fixture(scope="session")
def form() -> Instrument:
    return load_instrument(BUILTIN)
