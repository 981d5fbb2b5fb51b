"""Display of the core's numbers: rounding only, never computing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

register = template.Library()


@register.filter
def pct(value: float | None) -> str:
    from teichaku.report.sentences import format_percent  # the report's rounding, lazily

    return format_percent(value)


@register.filter
def num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{int(digits)}f}"


@register.filter
def zip_with(left: Iterable[Any], right: Iterable[Any]) -> list[tuple[Any, Any]]:
    return list(zip(left, right, strict=False))
