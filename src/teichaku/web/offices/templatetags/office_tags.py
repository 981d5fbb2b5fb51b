"""Display helpers only: every number shown is computed by the cores."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from django import template

from teichaku.retention.dates import wareki, wareki_fiscal_year

register = template.Library()


@register.filter
def percent(value: Fraction | float | None) -> str:
    if value is None:
        return "—"
    return f"{float(value) * 100:.1f}%"


@register.filter
def lookup(mapping: dict[str, Any], key: object) -> Any:
    return mapping.get(str(key))


@register.filter
def jdate(value: date | None) -> str:
    """2025-04-01(令和7年4月1日)."""
    if value is None:
        return "—"
    return f"{value.isoformat()}({wareki(value)})"


@register.filter
def fiscal(value: int) -> str:
    return f"{wareki_fiscal_year(value)}({value}年度)"


@register.filter
def yearmonth(value: date) -> str:
    return f"{value.year}年{value.month}月"


@register.filter
def absolute(value: int) -> int:
    return abs(value)
