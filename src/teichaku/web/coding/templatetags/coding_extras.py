"""Display-only filters: rounding of figures the core computed."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def num(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


@register.filter
def pct(value: float | None) -> str:
    """A 0–1 share as a percentage."""
    return "—" if value is None else f"{100 * value:.1f}%"


@register.filter
def pct100(value: float | None) -> str:
    """A 0–100 percentage."""
    return "—" if value is None else f"{value:.1f}%"


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, key)
