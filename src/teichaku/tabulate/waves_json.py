"""`waves.json` (schema ``teichaku.waves/1``): a comparison of waves as plain, unrounded data.

Each wave's table of a question is written exactly as in `tables.json` (`question_as_json`),
so a wave here reads like that wave's own analysis; the changes add what is new.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from teichaku.tabulate.results import Weighting
from teichaku.tabulate.tables_json import question_as_json
from teichaku.tabulate.waves import ItemWaves, ShareChange, WavesComparison, WaveStep

SCHEMA = "teichaku.waves/1"
WEIGHTING_NOTE = (
    "Each wave's shares and means are weighted by its weight column; n, count_* and base_* "
    "are unweighted answers, weighted_* sums of weights, effective_* Kish's (Σw)²/Σw². The "
    "interval of a difference combines the two weighted Wilson intervals, each with the "
    "effective n of its base (Newcombe). The tests (chi2, Mann–Whitney u, z, r, p_value) are "
    "computed on the unweighted answers: no design-based test is made."
)
# the question's own fields, said once per question rather than once per wave
QUESTION_FIELDS = ("name", "kind", "label", "group")


def waves_as_json(comparison: WavesComparison) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "form_id": comparison.form_id,
        "title": comparison.title,
        "confidence": comparison.confidence,
        "waves": [
            {"label": label, "respondents": respondents, "source": source, **_weighted(weighting)}
            for label, respondents, source, weighting in zip(
                comparison.labels,
                comparison.respondents,
                comparison.sources,
                comparison.weightings or (None,) * len(comparison.labels),
                strict=True,
            )
        ],
        "weighting": (
            {"column": comparison.weightings[-1].column or None, "note": WEIGHTING_NOTE}
            if comparison.weighted
            else None
        ),
        "questions": [item_as_json(item, comparison.labels) for item in comparison.items],
    }


def _weighted(weighting: Weighting | None) -> dict[str, Any]:
    """A wave's weights: Σw, Kish's effective n and design effect (``null`` unweighted)."""
    return {
        "weighted_n": weighting.total if weighting else None,
        "effective_n": weighting.effective_n if weighting else None,
        "design_effect": weighting.design_effect if weighting else None,
    }


def write_waves_json(comparison: WavesComparison, path: Path) -> None:
    path.write_text(
        json.dumps(waves_as_json(comparison), ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )


def item_as_json(item: ItemWaves, labels: tuple[str, ...]) -> dict[str, Any]:
    latest = question_as_json(item.tables[-1])
    data: dict[str, Any] = {field: latest[field] for field in QUESTION_FIELDS}
    data["waves"] = []
    for label, table in zip(labels, item.tables, strict=True):
        wave = {"wave": label}
        wave.update(
            (key, value)
            for key, value in question_as_json(table).items()
            if key not in QUESTION_FIELDS
        )
        data["waves"].append(wave)
    data["changes"] = [step_as_json(step) for step in item.steps]
    return data


def _share(change: ShareChange) -> dict[str, Any]:
    return {
        "value": change.value,
        "label": change.label,
        "count_from": change.count_before,
        "base_from": change.base_before,
        "percent_from": change.percent_before,
        "count_to": change.count_after,
        "base_to": change.base_after,
        "percent_to": change.percent_after,
        "difference": change.difference,
        "ci_low": change.ci_low,
        "ci_high": change.ci_high,
        "weighted_count_from": change.weighted_count_before,
        "weighted_base_from": change.weighted_base_before,
        "effective_base_from": change.effective_base_before,
        "weighted_count_to": change.weighted_count_after,
        "weighted_base_to": change.weighted_base_after,
        "effective_base_to": change.effective_base_after,
    }


def step_as_json(step: WaveStep) -> dict[str, Any]:
    data: dict[str, Any] = {
        "from": step.before,
        "to": step.after,
        "n_from": step.n_before,
        "n_to": step.n_after,
        "test": step.test,
        "options": [_share(change) for change in step.shares],
    }
    if step.high is not None:
        high = _share(step.high)
        del high["value"], high["label"]
        data["high"] = high
    if step.ordered:
        data["mean_difference"] = step.mean_difference
    if step.chi2 is not None:
        test = step.chi2
        data.update(
            chi2=test.chi2,
            dof=test.dof,
            p_value=test.p_value,
            cramers_v=test.cramers_v,
            min_expected=test.min_expected,
            small_expected_share=test.small_expected_share,
            warning=test.warning,
        )
    elif step.mann_whitney is not None:
        mw = step.mann_whitney
        data.update(u=mw.u, z=mw.z, r=mw.r, p_value=mw.p_value)
    return data
