from __future__ import annotations

from pathlib import Path

import pytest
from test_waves import FORM_ROWS  # this folder has no __init__.py


@pytest.fixture
def form(tmp_path: Path) -> Path:
    """The waves' test instrument as an XLSForm file."""
    path = tmp_path / "form.md"
    path.write_text("\n".join(FORM_ROWS) + "\n", encoding="utf-8")
    return path
