"""Shared fixtures: where the real data sets live, when they are there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# `--doctest-modules` (pyproject) reads every module under tests/ too; the conftest files
# share one basename, so importing them again as modules clashes. They hold no examples.
collect_ignore_glob = ["*conftest.py"]


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    """``../shared/datasets`` beside the repository, or $TEICHAKU_DATASETS; skip if absent."""
    configured = os.environ.get("TEICHAKU_DATASETS")
    folder = (
        Path(configured)
        if configured
        else Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets"
    )
    if not folder.is_dir():
        pytest.skip(f"real data sets not found at {folder} (set TEICHAKU_DATASETS to them)")
    return folder
