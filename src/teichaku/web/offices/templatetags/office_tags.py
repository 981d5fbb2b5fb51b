"""Display helpers only: every number shown is computed by the cores."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from teichaku.bilingual import half
from teichaku.practice.months import month_end
from teichaku.practice.report_draft import japanese_day
from teichaku.practice.service_record import wareki_month
from teichaku.retention.dates import both, wareki_fiscal_year
from teichaku.retention.rate import RetentionRate, percent_text
from teichaku.retention.rate import rate_text as core_rate_text
from teichaku.web.offices import audit_labels
from teichaku.web.offices.models import Role

register = template.Library()


@register.filter
def percent(value: Fraction | float | None) -> str:
    return percent_text(value)


@register.filter
def rate_text(value: RetentionRate) -> str:
    """85.0%, 範囲 80.0%〜90.0% or 算出不可, worded by the core (as `teichaku retention rate`)."""
    return core_rate_text(value, range_word=_("範囲"), none=_("算出不可"))


@register.filter
def in_language(value: str) -> str:
    """A core note "日本語 / English" in the page's language."""
    return half(str(value), get_language() or "ja")


@register.filter
def audit_action(code: str) -> str:
    return audit_labels.action_label(code)


@register.filter
def audit_object(code: str) -> str:
    return audit_labels.object_label(code)


@register.filter
def role_label(code: str) -> str:
    """An office role's name (管理者 …); a code that is no role (none, say) as stored."""
    return str(Role(code).label) if code in Role.values else code


@register.filter
def lookup(mapping: dict[str, Any], key: object) -> Any:
    return mapping.get(str(key))


@register.filter
def jdate(value: date | None) -> str:
    """2025-04-01(令和7年4月1日); ISO only for a day with no 和暦 form (an old typo)."""
    if value is None:
        return "—"
    return both(value)


@register.filter
def fiscal(value: int) -> str:
    return f"{wareki_fiscal_year(value)}({value}年度)"


@register.filter
def yearmonth(value: date) -> str:
    return f"{value.year}年{value.month}月"


@register.filter
def absolute(value: int) -> int:
    return abs(value)


@register.filter
def jday(value: date) -> str:
    """2025年5月9日, as a letter writes it."""
    return japanese_day(value)


@register.filter
def wareki_ym(value: date) -> str:
    """令和7年5月 (the 実績記録票's 年月)."""
    return wareki_month(value)


@register.filter
def month_last(value: date) -> date:
    return month_end(value)
