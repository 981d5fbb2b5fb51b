"""``/api/v1/surveys/``: the user's surveys, their responses (the rows of data.csv, paged)
and their tables (tables.json). Scope ``surveys:read``; another team's survey is a 404."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest
from ninja import Router

from teichaku.report.data_export import answers_frame
from teichaku.tabulate.tables_json import tables_as_json
from teichaku.web.accounts.permissions import Action
from teichaku.web.api.auth import require
from teichaku.web.api.models import Scope
from teichaku.web.api.paging import Page, after_value, cursor_page
from teichaku.web.surveys import services
from teichaku.web.surveys.access import survey_for
from teichaku.web.surveys.models import Submission, Survey

router = Router(tags=["surveys"])


def _survey_item(survey: Survey) -> dict[str, Any]:
    return {
        "token": survey.token,
        "title": survey.title,
        "team": survey.team.name,
        "is_open": survey.is_open,
        "answers": getattr(survey, "answers", None),
        "created_at": survey.created_at.isoformat(),
    }


@router.get("/", summary="調査の一覧 / The surveys of your teams")
def survey_list(request: HttpRequest, after: str = "") -> Page:
    require(request, Scope.READ_SURVEYS)
    start = after_value(after)
    surveys = services.visible_surveys(request.user).filter(pk__gt=start).order_by("pk")  # type: ignore[arg-type]
    return cursor_page(request, ((s.pk, _survey_item(s)) for s in surveys))


def _plain(value: Any) -> Any:
    """A frame cell as JSON: NaN and None are null, NumPy numbers Python numbers."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


def _rows(survey: Survey, start: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """data.csv's rows (the same `answers_frame`), keyed by their submission's id."""
    responses, _weighting = services.export_responses(survey)
    frame = answers_frame(responses)
    keys = dict(Submission.objects.filter(survey=survey).values_list("response_id", "pk"))
    columns = [str(c) for c in frame.columns]
    for values in frame.itertuples(index=False, name=None):
        row = dict(zip(columns, (_plain(v) for v in values), strict=True))
        key = keys.get(str(row["response_id"]))
        if key is not None and key > start:
            yield key, row


@router.get(
    "/{token}/responses/",
    summary="回答（data.csv の列） / Responses, the columns of data.csv",
)
def survey_responses(request: HttpRequest, token: str, after: str = "") -> Page:
    require(request, Scope.READ_SURVEYS)
    start = after_value(after)
    survey, _role = survey_for(request, token, Action.VIEW)
    return cursor_page(request, _rows(survey, start))


@router.get("/{token}/tables", summary="集計表（tables.json） / The tables, as tables.json")
def survey_tables(request: HttpRequest, token: str) -> dict[str, Any]:
    require(request, Scope.READ_SURVEYS)
    survey, _role = survey_for(request, token, Action.VIEW)
    responses, tables = services.survey_tables(survey, weighted=True)
    return tables_as_json(tables, responses)
