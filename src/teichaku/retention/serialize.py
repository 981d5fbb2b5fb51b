"""Results as plain JSON-ready dicts, one shape for the command line, the web and notebooks."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from teichaku.retention.compare import Comparison
from teichaku.retention.dates import wareki, wareki_fiscal_year
from teichaku.retention.periods import Eligibility, ServicePeriod
from teichaku.retention.rate import RetentionRate
from teichaku.retention.reward import BaseUnits, RewardEstimate


def day(value: date | None) -> dict[str, str] | None:
    return None if value is None else {"iso": value.isoformat(), "wareki": wareki(value)}


def ratio(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 6)


def eligibility_json(result: Eligibility) -> dict[str, Any]:
    return {
        "hired_on": day(result.hired_on),
        "months": result.months,
        "six_months_reached": day(result.six_months_reached),
        "eligible_from": day(result.eligible_from),
        "rule": result.rule,
    }


def service_period_json(result: ServicePeriod) -> dict[str, Any]:
    return {
        "service_start": day(result.service_start),
        "months": result.months,
        "last_day": day(result.last_day),
        "calendar_months": result.calendar_months,
        "rule": result.rule,
    }


def base_json(base: BaseUnits) -> dict[str, Any]:
    return {
        "rule_set": base.rule_set,
        "band": base.band,
        "band_en": base.band_en,
        "column": base.column,
        "units": base.units,
        "unverified": base.unverified,
        "source": base.source or None,
        "reason": base.reason or None,
    }


def rate_json(result: RetentionRate, base: BaseUnits) -> dict[str, Any]:
    """The `teichaku retention rate --json` shape."""
    return {
        "fiscal_year": result.fiscal_year,
        "fiscal_year_wareki": wareki_fiscal_year(result.fiscal_year),
        "window": {"from": result.window_from.isoformat(), "to": result.window_to.isoformat()},
        "status_date": result.status_date.isoformat(),
        "denominator": result.denominator,
        "numerator": result.numerator,
        "undetermined": result.undetermined,
        "rate": ratio(result.rate),
        "rate_exact": None if result.rate is None else str(result.rate),
        "rate_range": {"low": ratio(result.rate_low), "high": ratio(result.rate_high)},
        "band": base.band,
        "base_units": base.units,
        "base": base_json(base),
        "rule_set": result.rule_set,
        "interpretation": result.interpretation,
        "notes": list(result.notes),
        "people": [
            {
                "person_id": o.person_id,
                "counted": o.counted,
                "retained": o.retained,
                "code": o.code.value,
                "reason": o.reason,
                "reason_en": o.reason_en,
            }
            for o in result.people
        ],
    }


def estimate_json(result: RewardEstimate) -> dict[str, Any]:
    return {
        "rule_set": result.rule_set,
        "rule_set_title": result.rule_set_title,
        "users": result.users,
        "base": base_json(result.base),
        "lines": [
            {
                "item": line.item,
                "name": line.name,
                "units_each": line.units_each,
                "count": line.count,
                "units": line.units,
                "working": line.working,
                "source": line.source,
                "unverified": line.unverified,
            }
            for line in result.lines
        ],
        "total_units": result.total_units,
        "complete": result.complete,
        "yen": result.yen,
        "yen_reason": result.yen_reason,
        "notes": list(result.notes),
    }


def comparison_json(result: Comparison) -> dict[str, Any]:
    return {
        "before": estimate_json(result.before),
        "after": estimate_json(result.after),
        "base_difference_units": result.base_difference,
        "total_difference_units": result.total_difference,
        "notes": list(result.notes),
    }
