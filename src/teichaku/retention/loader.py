"""Read and validate rule-set files: the shipped ones and an administrator's override.

An override file (JSON or TOML) may be complete, or say `"extends": "fy2024"` and give only the
keys that change; `additions`, `reductions` and `cap_groups` entries then replace or add by `id`.
Every error names the file, the key path, the value and what would be accepted.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from fractions import Fraction
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

from teichaku.retention.dates import wareki_fiscal_year
from teichaku.retention.rules import (
    Addition,
    AlternativeWindow,
    AreaGrade,
    Band,
    Basis,
    CapGroup,
    Column,
    RateAddition,
    RateGrade,
    Reduction,
    ReductionStart,
    ReductionStep,
    RetentionRule,
    RuleSet,
    Source,
)

SHIPPED = ("fy2018", "fy2021", "fy2024")
T = TypeVar("T")


class RuleSetError(ValueError):
    """A rule-set file that cannot be used, with the place and the reason."""


@cache
def shipped_rule_set(rule_set_id: str) -> RuleSet:
    """One of the rule sets shipped with teichaku: fy2018, fy2021, fy2024."""
    if rule_set_id not in SHIPPED:
        raise RuleSetError(
            f"規則セット {rule_set_id!r} はありません / no such rule set; "
            f"選べるもの / accepted: {', '.join(SHIPPED)}"
        )
    return parse_rule_set(_shipped_raw(rule_set_id), f"{rule_set_id}.json (同梱 / shipped)")


PROVISIONAL = (
    "{fy}({year}年度)の規則セットは同梱されていない: {id} は{through}まで効力があると確認した"
    "規則で({source})、その後の報酬改定は収録していない。{id} の数値を仮に用いる(UNVERIFIED)。"
    "改定後の規則は管理者が規則セットの上書きファイルで指定する。 / No rule set is shipped for "
    "FY{year}: the {id} figures, checked through {through}, are used provisionally (UNVERIFIED); "
    "give the revised rules as a rule-set override file."
)


def rule_set_for_fiscal_year(fiscal_year: int) -> RuleSet:
    """The shipped rule set in force on April 1 of the fiscal year whose reward is set.

    After the newest set's `checked_through` day it is used provisionally: its notes say so and
    its base units are marked unverified, never silently.
    """
    first = date(fiscal_year, 4, 1)
    for rule_set_id in reversed(SHIPPED):
        rules = shipped_rule_set(rule_set_id)
        if rules.effective_from <= first:
            through = rules.checked_through
            if through is None or first <= through or rules.checked_through_source is None:
                return rules
            note = PROVISIONAL.format(
                fy=wareki_fiscal_year(fiscal_year),
                year=fiscal_year,
                id=rules.id,
                through=through.isoformat(),
                source=rules.checked_through_source.text,
            )
            return replace(
                rules,
                notes=(*rules.notes, note),
                bands_source=Source(rules.bands_source.text, unverified=True),
            )
    raise RuleSetError(
        f"{fiscal_year}年度: 就労定着支援は2018年度創設 / the service began in FY2018"
    )


def load_rule_set(spec: str | Path) -> RuleSet:
    """A shipped id (`fy2024`) or a path to an administrator's JSON or TOML file."""
    if isinstance(spec, str) and spec in SHIPPED:
        return shipped_rule_set(spec)
    path = Path(spec)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise RuleSetError(
            f"{path}: 読めません / cannot read: {error.strerror}; "
            f"同梱の規則セット / shipped rule sets: {', '.join(SHIPPED)}"
        ) from None
    try:
        raw = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        raise RuleSetError(f"{path}: JSON/TOMLとして読めません / not valid: {error}") from None
    if not isinstance(raw, dict):
        raise RuleSetError(f"{path}: 最上位はオブジェクト / the top level must be an object")
    base = raw.pop("extends", None)
    if base is not None:
        if base not in SHIPPED:
            raise RuleSetError(f"{path}: extends: {base!r}: 選べるもの / accepted: {SHIPPED}")
        raw = _merge(_shipped_raw(base), raw)
    return parse_rule_set(raw, str(path))


def _shipped_raw(rule_set_id: str) -> dict[str, Any]:
    text = resources.files("teichaku.retention").joinpath(f"rulesets/{rule_set_id}.json")
    loaded: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return loaded


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if key == "area_grades" and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        elif key in ("additions", "reductions", "cap_groups", "rate_additions") and isinstance(
            value, list
        ):
            by_id = {item["id"]: item for item in merged.get(key, [])}
            for item in value:
                if isinstance(item, dict) and "id" in item:
                    by_id[item["id"]] = item
            merged[key] = list(by_id.values())
        else:
            merged[key] = value
    return merged


class _Reader:
    """Walks a raw mapping, remembering the key path for error messages."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, path: str, value: object, accepted: str) -> RuleSetError:
        return RuleSetError(f"{self.origin}: {path}: {value!r}: {accepted}")

    def get(self, raw: Mapping[str, Any], path: str, key: str, kind: Callable[..., T]) -> T:
        full = f"{path}.{key}" if path else key
        if not isinstance(raw, Mapping):
            raise self.fail(path, raw, "オブジェクトが必要 / an object is required")
        if key not in raw:
            raise self.fail(full, None, "必須のキーがありません / required key missing")
        return self.convert(raw[key], full, kind)

    def opt(self, raw: Mapping[str, Any], path: str, key: str, kind: Callable[..., T]) -> T | None:
        value = raw.get(key)
        return None if value is None else self.get(raw, path, key, kind)

    def convert(self, value: Any, path: str, kind: Callable[..., T]) -> T:
        try:
            return kind(value)
        except (TypeError, ValueError, ArithmeticError) as error:
            raise self.fail(path, value, str(error)) from None


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("空でない文字列 / a non-empty string")
    return value


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("0以上の整数 / a whole number, 0 or more")
    return value


def _positive(value: Any) -> int:
    if _count(value) < 1:
        raise ValueError("1以上の整数 / a whole number, 1 or more")
    return int(value)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true か false / true or false")
    return value


def _day(value: Any) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(_text(value))


def _ratio(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError('"0.95" のような10進の文字列 / a decimal string such as "0.95"')
    ratio = Fraction(value)
    if not 0 <= ratio <= 1:
        raise ValueError("0以上1以下 / between 0 and 1")
    return ratio


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("オブジェクト / an object")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError("配列 / a list")
    return value


def _source(reader: _Reader, raw: Mapping[str, Any], path: str) -> Source:
    return Source(
        reader.get(raw, path, "source", _text), reader.get(raw, path, "unverified", _flag)
    )


def parse_rule_set(raw: Mapping[str, Any], origin: str) -> RuleSet:
    """Validate a raw mapping and build the RuleSet; raise RuleSetError naming the key path."""
    r = _Reader(origin)
    bands = _bands(r, r.get(raw, "", "base", _mapping))
    base = r.get(raw, "", "base", _mapping)
    columns = tuple(
        _column(r, item, f"base.columns[{i}]", len(bands))
        for i, item in enumerate(r.get(base, "base", "columns", _list))
    )
    ids = [column.id for column in columns]
    if len(set(ids)) != len(ids):
        raise r.fail("base.columns", ids, "id が重複 / ids must be unique")
    cap_groups = tuple(
        CapGroup(
            r.get(item, f"cap_groups[{i}]", "id", _text),
            r.get(item, f"cap_groups[{i}]", "per_person_month", _positive),
            r.get(item, f"cap_groups[{i}]", "per_person_year", _positive),
            _source(r, item, f"cap_groups[{i}]"),
        )
        for i, item in enumerate(r.get(raw, "", "cap_groups", _list))
    )
    additions = tuple(
        _addition(r, item, f"additions[{i}]", {g.id for g in cap_groups})
        for i, item in enumerate(r.get(raw, "", "additions", _list))
    )
    reductions = tuple(
        _reduction(r, item, f"reductions[{i}]")
        for i, item in enumerate(r.get(raw, "", "reductions", _list))
    )
    for key, items in (("additions", additions), ("reductions", reductions)):
        item_ids = [item.id for item in items]
        if len(set(item_ids)) != len(item_ids):
            raise r.fail(key, item_ids, "id が重複 / ids must be unique")
    areas = r.get(raw, "", "area_grades", _mapping)
    share_raw = r.opt(areas, "area_grades", "staff_share", _mapping)
    share = (
        None if share_raw is None else r.opt(share_raw, "area_grades.staff_share", "value", _ratio)
    )
    grades = tuple(
        _grade(r, item, f"area_grades.grades[{i}]", share)
        for i, item in enumerate(r.get(areas, "area_grades", "grades", _list))
    )
    rate_additions = tuple(
        _rate_addition(r, item, f"rate_additions[{i}]")
        for i, item in enumerate(r.opt(raw, "", "rate_additions", _list) or [])
    )
    retention = r.get(raw, "", "retention", _mapping)
    checked = r.opt(raw, "", "checked_through", _mapping)
    shared = r.opt(base, "base", "shared_report", _mapping)
    return RuleSet(
        id=r.get(raw, "", "id", _text),
        title=r.get(raw, "", "title", _text),
        effective_from=r.get(raw, "", "effective_from", _day),
        effective_to=r.opt(raw, "", "effective_to", _day),
        origin=origin,
        retention=RetentionRule(
            r.get(retention, "retention", "window_fiscal_years", _positive),
            r.get(retention, "retention", "reemployment_within_months", _count),
            r.get(retention, "retention", "reemployment_exceptions", _count),
            _source(r, retention, "retention"),
            _alternative_window(r, retention),
        ),
        bands=bands,
        bands_source=Source(
            r.get(base, "base", "bands_source", _text),
            r.get(base, "base", "bands_unverified", _flag),
        ),
        base_name=r.get(base, "base", "name", _text),
        columns=columns,
        additions=additions,
        cap_groups=cap_groups,
        reductions=reductions,
        area_grades=grades,
        area_grades_source=_source(r, areas, "area_grades"),
        area_grade_names=_area_names(r, areas, grades),
        notes=tuple(
            r.convert(note, f"notes[{i}]", _text)
            for i, note in enumerate(r.opt(raw, "", "notes", _list) or [])
        ),
        rate_additions=rate_additions,
        requires_shared_report=False
        if shared is None
        else r.get(shared, "base.shared_report", "required", _flag),
        shared_report_source=None if shared is None else _source(r, shared, "base.shared_report"),
        staff_share=share,
        staff_share_source=None
        if share_raw is None
        else _source(r, share_raw, "area_grades.staff_share"),
        checked_through=None if checked is None else r.get(checked, "checked_through", "day", _day),
        checked_through_source=None if checked is None else _source(r, checked, "checked_through"),
    )


def _area_names(
    r: _Reader, areas: Mapping[str, Any], grades: tuple[AreaGrade, ...]
) -> tuple[str, ...]:
    """Every 地域区分 of the law (`area_grades.names`); by default the grades with a price."""
    raw = r.opt(areas, "area_grades", "names", _list)
    if raw is None:
        return tuple(grade.name for grade in grades)
    names = tuple(r.convert(name, f"area_grades.names[{i}]", _text) for i, name in enumerate(raw))
    unpriced = [grade.name for grade in grades if grade.name not in names]
    if len(set(names)) != len(names) or unpriced:
        raise r.fail(
            "area_grades.names", raw, "重複なし、grades の名前をすべて含む / unique, every grade"
        )
    return names


def area_grade_names() -> tuple[str, ...]:
    """The 地域区分 an office may be in, as the newest shipped rule set names them."""
    return shipped_rule_set(SHIPPED[-1]).area_grade_names


def _grade(r: _Reader, raw: Mapping[str, Any], path: str, share: Fraction | None) -> AreaGrade:
    """A grade priced by `yen_per_unit`, or by `uplift` and the service's staff-cost share."""
    source = _source(r, raw, path)
    name = r.get(raw, path, "name", _text)
    uplift = r.opt(raw, path, "uplift", _ratio)
    if uplift is None:
        return AreaGrade(name, r.get(raw, path, "yen_per_unit", _yen), source)
    if "yen_per_unit" in raw:
        raise r.fail(path, dict(raw), "yen_per_unit か uplift の一方 / one of them, not both")
    yen = None if share is None else 10 * (1 + uplift * share)
    return AreaGrade(name, yen, source, uplift)


def _rate_addition(r: _Reader, raw: Mapping[str, Any], path: str) -> RateAddition:
    grades = tuple(
        RateGrade(
            r.get(item, f"{path}.grades[{i}]", "id", _text),
            r.get(item, f"{path}.grades[{i}]", "label", _text),
            r.opt(item, f"{path}.grades[{i}]", "rate", _ratio),
            _source(r, item, f"{path}.grades[{i}]"),
        )
        for i, item in enumerate(r.get(raw, path, "grades", _list))
    )
    ids = [grade.id for grade in grades]
    if not ids or len(set(ids)) != len(ids):
        raise r.fail(f"{path}.grades", ids, "重複のない id が1つ以上 / unique ids, at least one")
    return RateAddition(
        r.get(raw, path, "id", _text),
        r.get(raw, path, "name", _text),
        r.get(raw, path, "condition", _text),
        grades,
        _source(r, raw, path),
    )


def _alternative_window(r: _Reader, retention: Mapping[str, Any]) -> AlternativeWindow | None:
    path = "retention.alternative_window"
    raw = r.opt(retention, "retention", "alternative_window", _mapping)
    if raw is None:
        return None
    window = AlternativeWindow(
        r.get(raw, path, "fiscal_year", _positive),
        r.get(raw, path, "from_fiscal_year", _positive),
        r.get(raw, path, "to_fiscal_year", _positive),
        _source(r, raw, path),
    )
    if not window.from_fiscal_year <= window.to_fiscal_year < window.fiscal_year:
        raise r.fail(path, dict(raw), "from ≤ to < fiscal_year")
    return window


def _yen(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError('"10.7" のような10進の文字列 / a decimal string such as "10.7"')
    yen = Fraction(value)
    if not 10 <= yen <= 20:
        raise ValueError("1単位10円以上20円以下 / between 10 and 20 yen per unit")
    return yen


def _bands(r: _Reader, base: Mapping[str, Any]) -> tuple[Band, ...]:
    raw = r.opt(base, "base", "bands", _list)
    if raw is None:
        return ()
    lows = [r.convert(value, f"base.bands[{i}]", _ratio) for i, value in enumerate(raw)]
    if not lows or lows[-1] != 0 or any(a <= b for a, b in pairwise(lows)):
        raise r.fail(
            "base.bands",
            raw,
            '高い順に並び "0" で終わる下限 / lower bounds, descending, ending "0"',
        )
    return tuple(Band(low, None if i == 0 else lows[i - 1]) for i, low in enumerate(lows))


def _column(r: _Reader, raw: Mapping[str, Any], path: str, band_count: int) -> Column:
    units = r.opt(raw, path, "units", _list)
    if units is not None:
        if len(units) != band_count:
            raise r.fail(
                f"{path}.units", units, f"区分と同じ{band_count}個 / one per band ({band_count})"
            )
        units = [r.convert(value, f"{path}.units[{i}]", _count) for i, value in enumerate(units)]
    return Column(
        r.get(raw, path, "id", _text),
        r.get(raw, path, "label", _text),
        r.get(raw, path, "min_users", _count),
        r.opt(raw, path, "max_users", _count),
        None if units is None else tuple(units),
        _source(r, raw, path),
    )


def _basis(value: Any) -> Basis:
    try:
        return Basis(value)
    except ValueError:
        raise ValueError(f"次のいずれか / one of {[b.value for b in Basis]}") from None


def _addition(r: _Reader, raw: Mapping[str, Any], path: str, groups: set[str]) -> Addition:
    basis = r.get(raw, path, "basis", _basis)
    group = r.opt(raw, path, "cap_group", _text)
    if group is not None and group not in groups:
        raise r.fail(f"{path}.cap_group", group, f"cap_groups の id / one of {sorted(groups)}")
    return Addition(
        r.get(raw, path, "id", _text),
        r.get(raw, path, "name", _text),
        r.opt(raw, path, "units", _count),
        basis,
        r.get(raw, path, "condition", _text),
        _source(r, raw, path),
        group,
    )


def _reduction(r: _Reader, raw: Mapping[str, Any], path: str) -> Reduction:
    steps = tuple(
        ReductionStep(
            r.get(step, f"{path}.steps[{i}]", "from_month", _positive),
            r.get(step, f"{path}.steps[{i}]", "factor", _ratio),
        )
        for i, step in enumerate(r.get(raw, path, "steps", _list))
    )
    months = [step.from_month for step in steps]
    if not steps or months[0] != 1 or months != sorted(set(months)):
        raise r.fail(
            f"{path}.steps", raw.get("steps"), "1か月目から昇順 / ascending, first from_month 1"
        )
    starts_raw = r.opt(raw, path, "starts", _mapping)
    starts: tuple[ReductionStart, ...] = ()
    default = None
    if starts_raw is not None:
        where = f"{path}.starts"
        starts = tuple(
            ReductionStart(
                r.get(item, f"{where}.options[{i}]", "id", _text),
                r.get(item, f"{where}.options[{i}]", "label", _text),
                r.get(item, f"{where}.options[{i}]", "after_months", _count),
            )
            for i, item in enumerate(r.get(starts_raw, where, "options", _list))
        )
        ids = [start.id for start in starts]
        default = r.get(starts_raw, where, "default", _text)
        if not ids or len(set(ids)) != len(ids) or default not in ids:
            raise r.fail(
                where, ids, "重複のない id、default はそのいずれか / unique ids, default one"
            )
    return Reduction(
        r.get(raw, path, "id", _text),
        r.get(raw, path, "name", _text),
        r.get(raw, path, "condition", _text),
        steps,
        _source(r, raw, path),
        starts,
        default,
        None if starts_raw is None else _source(r, starts_raw, f"{path}.starts"),
    )
