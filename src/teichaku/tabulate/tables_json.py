"""`tables.json` (schema ``teichaku.tables/1``): every table as plain, unrounded data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from teichaku.responses import ResponseTable
from teichaku.tabulate import (
    ChoiceTable,
    CodedTextTable,
    CrossTable,
    LikertTable,
    MultiTable,
    NumberTable,
    OptionCount,
    OrdinalTable,
    QuestionTable,
    SurveyTables,
)
from teichaku.tabulate._stats import CONFIDENCE, small_base
from teichaku.tabulate.results import Weighting

SCHEMA = "teichaku.tables/1"


def tables_as_json(tables: SurveyTables, responses: ResponseTable | None = None) -> dict[str, Any]:
    """The whole analysis as JSON-ready data."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "form_id": tables.form_id,
        "title": tables.title,
        "respondents": tables.respondents,
        "questions": [question_as_json(table) for table in tables.questions],
        "cross_tables": [cross_as_json(table) for table in tables.cross_tables],
        "weighting": weighting_as_json(tables.weighting),
    }
    if responses is not None:
        data["source"] = responses.source
        data["unmatched_columns"] = list(responses.unmatched_columns)
        data["issues"] = [
            {
                "row": issue.row,
                "column": issue.column,
                "value": issue.value,
                "problem": issue.problem,
            }
            for issue in responses.issues
        ]
    return data


def write_tables_json(
    tables: SurveyTables, path: Path, responses: ResponseTable | None = None
) -> None:
    path.write_text(
        json.dumps(tables_as_json(tables, responses), ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )


def _option(option: OptionCount, multi: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "value": option.value,
        "label": option.label,
        "count": option.count,
        "percent": option.percent,
    }
    if multi:
        data["percent_of_responses"] = option.percent_of_responses
        data["percent_of_cases"] = option.percent_of_cases
    data["ci_low"] = option.ci_low
    data["ci_high"] = option.ci_high
    data["weighted_count"] = option.weighted_count
    return data


def question_as_json(table: QuestionTable) -> dict[str, Any]:
    question = table.question
    data: dict[str, Any] = {
        "name": question.name,
        "kind": question.kind.value,
        "label": question.label,
        "group": question.group,
        "n": table.n,
        "missing": table.missing,
    }
    weighted_n = getattr(table, "weighted_n", None)
    effective_n = getattr(table, "effective_n", None)
    data["weighted_n"] = weighted_n
    data["effective_n"] = effective_n
    data["small_base"] = small_base(table.n, effective_n)
    if isinstance(table, ChoiceTable | MultiTable):
        data["confidence"] = CONFIDENCE
        data["options"] = [_option(o, isinstance(table, MultiTable)) for o in table.options]
        data["mode"] = table.modes[0] if table.modes else None
        data["modes"] = list(table.modes)
        data["mode_percent"] = table.mode_percent
    if isinstance(table, LikertTable):
        data.update(
            low_percent=table.low_percent,
            neutral_percent=table.neutral_percent,
            high_percent=table.high_percent,
        )
    elif isinstance(table, OrdinalTable):  # an ordinal scale: its options' scores
        data.update(ordinal=True, scores=list(question.scores or ()))
    if isinstance(table, OrdinalTable):
        data.update(
            mean=table.mean,
            sd=table.sd,
            median=table.median,
            mean_ci_low=table.mean_ci_low,
            mean_ci_high=table.mean_ci_high,
        )
    if isinstance(table, MultiTable):
        data.update(
            mentions=table.mentions,
            cases=table.cases,
            none_selected=table.none_selected,
            percent_base=table.percent_base.value,
            counting=table.counting,
        )
    elif isinstance(table, CodedTextTable):
        data["kind"] = "coded_text"
        data.update(
            descriptions=table.descriptions,
            coded=table.coded,
            assignments=table.assignments,
            codes=[
                {
                    "code": code.code,
                    "label": code.label,
                    "count": code.count,
                    "percent_of_descriptions": code.percent_of_descriptions,
                }
                for code in table.codes
            ],
            counting=table.counting,
        )
    elif isinstance(table, NumberTable):
        data.update(
            mean=table.mean,
            sd=table.sd,
            median=table.median,
            min=table.minimum,
            max=table.maximum,
        )
    # A TextTable (free text with no codings) has only the common fields: n and missing.
    return data


def cross_as_json(table: CrossTable) -> dict[str, Any]:
    return {
        "question": table.question.name,
        "by": table.by.name,
        "rows": [
            {"value": v, "label": label}
            for v, label in zip(table.row_values, table.row_labels, strict=True)
        ],
        "columns": [
            {"value": v, "label": label}
            for v, label in zip(table.column_values, table.column_labels, strict=True)
        ],
        "counts": [list(row) for row in table.counts],
        "row_percent": [list(row) for row in table.row_percent],
        "column_percent": [list(row) for row in table.column_percent],
        "row_totals": list(table.row_totals),
        "column_totals": list(table.column_totals),
        "total": table.total,
        "chi2": table.chi2,
        "dof": table.dof,
        "p_value": table.p_value,
        "cramers_v": table.cramers_v,
        "min_expected": table.min_expected,
        "small_expected_share": table.small_expected_share,
        "warning": table.warning,
    }


def weighting_as_json(weighting: Weighting | None) -> dict[str, Any] | None:
    """How the respondents were weighted (`null`: unweighted)."""
    if weighting is None:
        return None
    return {
        "method": weighting.method,
        "column": weighting.column or None,
        "targets": weighting.targets_source or None,
        "respondents": weighting.respondents,
        "total": weighting.total,
        "min": weighting.minimum,
        "max": weighting.maximum,
        "design_effect": weighting.design_effect,
        "effective_n": weighting.effective_n,
        "iterations": weighting.iterations,
        "margins": [
            {
                "question": share.question,
                "option": share.option,
                "target": share.target,
                "unweighted": share.unweighted,
                "weighted": share.weighted,
            }
            for share in weighting.targets
        ],
        "note": WEIGHTING_NOTE,
    }


WEIGHTING_NOTE = (
    "Shares, means and SDs are weighted; n and count are unweighted answers, weighted_n the "
    "sum of their weights, effective_n Kish's (Σw)²/Σw². Intervals and small_base use "
    "effective_n. Coded-text and cross tables are unweighted counts."
)
