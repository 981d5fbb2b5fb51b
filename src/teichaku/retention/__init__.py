"""就労定着支援 rules as versioned data and pure functions: periods, 就労定着率, reward."""

from teichaku.retention.compare import Comparison, compare
from teichaku.retention.dates import DateFormatError, parse_date, parse_fiscal_year, wareki
from teichaku.retention.loader import (
    RuleSetError,
    load_rule_set,
    rule_set_for_fiscal_year,
    shipped_rule_set,
)
from teichaku.retention.outcome import Code, PersonOutcome
from teichaku.retention.people import Employment, Person
from teichaku.retention.periods import eligibility, service_period
from teichaku.retention.rate import RetentionRate, retention_rate
from teichaku.retention.records import RecordsError, read_records
from teichaku.retention.reward import OfficeMonth, RewardEstimate, base_units, estimate

__all__ = [
    "Code",
    "Comparison",
    "DateFormatError",
    "Employment",
    "OfficeMonth",
    "Person",
    "PersonOutcome",
    "RecordsError",
    "RetentionRate",
    "RewardEstimate",
    "RuleSetError",
    "base_units",
    "compare",
    "eligibility",
    "estimate",
    "load_rule_set",
    "parse_date",
    "parse_fiscal_year",
    "read_records",
    "retention_rate",
    "rule_set_for_fiscal_year",
    "service_period",
    "shipped_rule_set",
    "wareki",
]
