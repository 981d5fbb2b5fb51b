"""`teichaku retention …`: periods, 就労定着率, reward estimate and the FY2021/FY2024 comparison."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from teichaku.retention.billing import month_users
from teichaku.retention.compare import compare as compare_rules
from teichaku.retention.dates import DateFormatError, both, parse_date, parse_fiscal_year
from teichaku.retention.loader import (
    RuleSetError,
    load_rule_set,
    rule_set_for_fiscal_year,
    shipped_rule_set,
)
from teichaku.retention.meetings import MeetingClaim
from teichaku.retention.periods import eligibility, service_period
from teichaku.retention.rate import (
    RateFormatError,
    RetentionRate,
    parse_rate,
    rate_input,
    rate_text,
    retention_rate,
)
from teichaku.retention.records import RecordsError, read_records
from teichaku.retention.reward import OfficeMonth, RateInput, RewardEstimate, base_units, estimate
from teichaku.retention.rules import RuleSet
from teichaku.retention.serialize import (
    comparison_json,
    eligibility_json,
    estimate_json,
    rate_json,
    service_period_json,
)

F = TypeVar("F", bound=Callable[..., Any])
INPUT_ERRORS = (RecordsError, RuleSetError, DateFormatError, UnicodeDecodeError, ValueError)


class DateParam(click.ParamType[date]):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_date(str(value))
        except DateFormatError as error:
            self.fail(str(error), param, ctx)


class FiscalYearParam(click.ParamType[int]):
    name = "FY"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            return parse_fiscal_year(str(value))
        except DateFormatError as error:
            self.fail(str(error), param, ctx)


class MonthParam(click.ParamType[date]):
    name = "YYYY-MM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value.replace(day=1)
        text = str(value).strip()
        try:
            return parse_date(text if text.count("-") >= 2 else f"{text}-01").replace(day=1)
        except DateFormatError:
            self.fail(f"{text!r}: 年月 YYYY-MM (例 2025-06) / a month such as 2025-06", param, ctx)


class RateParam(click.ParamType[Fraction]):
    name = "RATE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Fraction:
        try:
            return parse_rate(str(value))
        except RateFormatError as error:
            self.fail(str(error), param, ctx)


def emit(data: dict[str, Any]) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def fail_on_input_errors(run: Callable[[], None]) -> None:
    try:
        run()
    except INPUT_ERRORS as error:
        raise click.ClickException(str(error)) from error


@click.group("retention")
def retention() -> None:
    """就労定着支援の規則: 利用期間・就労定着率・報酬の試算 / retention-support rules."""


@retention.command("periods")
@click.option("--hired-on", type=DateParam(), help="就職日 (ISO または和暦) / hire date")
@click.option("--service-start", type=DateParam(), help="利用開始日 / service start date")
@click.option("--json", "as_json", is_flag=True, help="JSON で出力 / print JSON")
def periods(hired_on: date | None, service_start: date | None, as_json: bool) -> None:
    """就職日から利用開始可能日、利用開始日から3年間の最終日を示す."""
    if hired_on is None and service_start is None:
        raise click.UsageError("--hired-on か --service-start を指定 / give one of them")
    data: dict[str, Any] = {}
    if hired_on is not None:
        data["eligibility"] = eligibility_json(eligibility(hired_on))
    if service_start is not None:
        data["service_period"] = service_period_json(service_period(service_start))
    if as_json:
        emit(data)
        return
    if hired_on is not None:
        e = eligibility(hired_on)
        click.echo(f"就職日          {both(e.hired_on)}")
        click.echo(f"6か月経過       {both(e.six_months_reached)}")
        click.echo(f"利用開始可能日  {both(e.eligible_from)}")
        click.echo(f"  規則: {e.rule}")
    if service_start is not None:
        s = service_period(service_start)
        click.echo(f"利用開始日      {both(s.service_start)}")
        click.echo(
            f"3年間の最終日   {both(s.last_day)}({s.months}か月、暦月で{s.calendar_months}か月)"
        )
        click.echo(f"  規則: {s.rule}")


def rules_option(default_help: str) -> Callable[[F], F]:
    return click.option(
        "--rules",
        "rules_spec",
        help=f"規則セット fy2018|fy2021|fy2024 または上書きファイル (JSON/TOML) / {default_help}",
    )


def pick_rules(spec: str | None, fiscal_year: int | None) -> RuleSet:
    if spec is not None:
        return load_rule_set(spec)
    if fiscal_year is not None:
        return rule_set_for_fiscal_year(fiscal_year)
    return shipped_rule_set("fy2024")


COVID_HELP = "令和3年度の特例: 平成30〜令和元年度を対象期間とする / FY2021 COVID window"


@retention.command("rate")
@click.argument("records", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--fiscal-year", required=True, type=FiscalYearParam(), help="報酬を算定する年度")
@rules_option("default: the one in force in that fiscal year")
@click.option("--users", type=click.IntRange(min=0), help="利用者数(FY2021の列の選択に使用)")
@click.option("--designated-on", type=DateParam(), help="事業所の指定日 / designation date")
@click.option("--covid-window", is_flag=True, help=COVID_HELP)
@click.option("--json", "as_json", is_flag=True, help="JSON で出力 / print JSON")
def rate(
    records: Path,
    fiscal_year: int,
    rules_spec: str | None,
    users: int | None,
    designated_on: date | None,
    covid_window: bool,
    as_json: bool,
) -> None:
    """RECORDS から就労定着率を算出する(1行 = 1つの雇用)."""

    def run() -> None:
        rules = pick_rules(rules_spec, fiscal_year)
        people = read_records(records).people
        result = retention_rate(
            people,
            fiscal_year,
            rules,
            designated_on=designated_on,
            alternative_window=covid_window,
        )
        base = base_units(rate_input(result), rules, users)
        if as_json:
            emit(rate_json(result, base))
        else:
            _print_rate(rate_json(result, base), result)

    fail_on_input_errors(run)


def _print_rate(data: dict[str, Any], result: RetentionRate) -> None:
    console = Console()
    console.print(
        f"[bold]{data['fiscal_year_wareki']}({data['fiscal_year']}年度)の就労定着率[/bold]"
    )
    console.print(f"対象期間 {data['window']['from']} 〜 {data['window']['to']}")
    console.print(f"判定日(前年度末) {data['status_date']}")
    console.print(
        f"就労定着者 {data['numerator']} / 対象者 {data['denominator']} = {rate_text(result)}"
        f"  判定不可 {data['undetermined']}名"
    )
    base = data["base"]
    units = f"{base['units']:,}単位" if base["units"] is not None else f"不明 — {base['reason']}"
    console.print(f"区分 {data['band'] or '—'}  基本報酬 {units}  (規則セット {data['rule_set']})")
    table = Table("利用者", "対象", "定着", "理由")
    for column in table.columns:
        column.overflow = "fold"
    for person in data["people"]:
        table.add_row(
            person["person_id"],
            "○" if person["counted"] else "—",
            {True: "○", False: "×", None: "?" if person["counted"] else "—"}[person["retained"]],
            person["reason"],
        )
    console.print(table)
    console.print(f"解釈: {data['interpretation']}")
    for note in data["notes"]:
        console.print(f"注: {note}")


def office_options(command: F) -> F:
    options = [
        click.option("--rate", "rate_value", type=RateParam(), help="就労定着率 (0.85, 85%)"),
        click.option("--records", type=click.Path(exists=True, dir_okay=False, path_type=Path)),
        click.option("--fiscal-year", type=FiscalYearParam(), help="--records の年度 / FY"),
        click.option("--covid-window", is_flag=True, help=COVID_HELP),
        click.option(
            "--month",
            type=MonthParam(),
            help="当月 YYYY-MM: 利用者数・特別地域・上限額管理を RECORDS の列から数える",
        ),
        click.option("--users", type=click.IntRange(min=0), help="当月の利用者数"),
        click.option("--initial", type=click.IntRange(min=0), default=0, help="初期加算の人数"),
        click.option("--meetings-i", type=click.IntRange(min=0), default=0, help="会議(Ⅰ)の件数"),
        click.option("--meetings-ii", type=click.IntRange(min=0), default=0, help="会議(Ⅱ)の件数"),
        click.option(
            "--meetings-earlier",
            type=click.IntRange(min=0),
            default=0,
            help="各人の今年度これまでの会議加算の回数",
        ),
        click.option("--retention-record", is_flag=True, help="就労定着実績体制加算"),
        click.option("--job-coach", is_flag=True, help="職場適応援助者養成研修修了者配置体制加算"),
        click.option(
            "--special-area", type=click.IntRange(min=0), default=0, help="特別地域加算の人数"
        ),
        click.option(
            "--copay-cap", type=click.IntRange(min=0), default=0, help="上限額管理加算の人数"
        ),
        click.option(
            "--company-coordination",
            type=click.IntRange(min=0),
            default=0,
            help="企業連携等調整特別加算の人数(令和3年度まで)",
        ),
        click.option("--support-system-not-built", is_flag=True, help="支援体制構築未実施減算"),
        click.option("--info-not-reported", is_flag=True, help="情報公表未報告減算"),
        click.option(
            "--treatment-improvement",
            help="福祉・介護職員等処遇改善加算の区分 I|II|III|IV(加算率は規則セットによる)",
        ),
        click.option("--abuse-prevention-missing", is_flag=True, help="虐待防止措置未実施減算"),
        click.option(
            "--service-manager-shortage-month",
            type=click.IntRange(min=1),
            help="サービス管理責任者欠如減算: 欠如が始まった月を1として当月は何か月目か",
        ),
        click.option(
            "--staffing-shortage-month",
            type=click.IntRange(min=1),
            help="人員欠如減算: 人員欠如が始まった月を1として当月は何か月目か",
        ),
        click.option(
            "--staffing-shortage-size",
            help="人員欠如の程度: over_10_percent(1割超、翌月から減算。既定)| "
            "up_to_10_percent(1割以内、翌々月から)",
        ),
        click.option("--area", help="地域区分 (例: その他) / area grade"),
        click.option("--json", "as_json", is_flag=True, help="JSON で出力 / print JSON"),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def office_month(options: dict[str, Any], rules: RuleSet, strict: bool = True) -> OfficeMonth:
    """The office described by the command-line options (each meeting for a different user);
    RECORDS are rated under `rules`, the rule set the reward is estimated with. With `--month`
    the users and the per-person additions are counted from the RECORDS' per-person columns.
    `strict=False` (compare) uses --covid-window only where the rule set offers it."""
    records = None if options["records"] is None else read_records(options["records"])
    month_notes: tuple[str, ...] = ()
    if options["month"] is not None:
        if records is None:
            raise click.UsageError("--month には --records が必要 / --month needs --records")
        given = [f"--{n.replace('_', '-')}" for n in ("users", "special_area", "copay_cap")]
        if options["users"] is not None or options["special_area"] or options["copay_cap"]:
            raise click.UsageError(
                f"--month のとき {', '.join(given)} は RECORDS から数える / counted from RECORDS"
            )
        month = month_users(records.people, records.flags, options["month"], rules)
        users, special, copay = month.users, len(month.special_area), len(month.copay_cap)
        month_notes = month.notes
    elif options["users"] is None:
        raise click.UsageError("--users か --month を指定 / give --users or --month")
    else:
        users, special, copay = options["users"], options["special_area"], options["copay_cap"]
    if options["rate_value"] is not None:
        known_rate: RateInput = options["rate_value"]
    elif records is not None and options["fiscal_year"] is not None:
        window = rules.retention.alternative_window
        covid = options["covid_window"] and (
            strict or (window is not None and window.fiscal_year == options["fiscal_year"])
        )
        rated = retention_rate(
            records.people, options["fiscal_year"], rules, alternative_window=covid
        )
        known_rate = rate_input(rated)
    else:
        raise click.UsageError(
            "--rate か --records と --fiscal-year を指定 / give a rate or records"
        )
    additions = {
        "initial": options["initial"],
        "retention_record": users if options["retention_record"] else 0,
        "job_coach": users if options["job_coach"] else 0,
        "special_area": special,
        "copay_cap": copay,
        "company_coordination": options["company_coordination"],
    }
    kinds = ["meeting_1"] * options["meetings_i"] + ["meeting_2"] * options["meetings_ii"]
    meetings = tuple(
        MeetingClaim(f"user-{index % max(users, 1) + 1}", kind, options["meetings_earlier"])
        for index, kind in enumerate(kinds)
    )
    reductions: dict[str, int] = {}
    for flag, reduction_id in (
        ("support_system_not_built", "support_system"),
        ("info_not_reported", "info_not_reported"),
        ("abuse_prevention_missing", "abuse_prevention_missing"),
    ):
        if options[flag]:
            reductions[reduction_id] = 1
    starts: dict[str, str] = {}
    if options["staffing_shortage_month"] is not None:
        reductions["staffing_shortage"] = options["staffing_shortage_month"]
        if options["staffing_shortage_size"] is not None:
            starts["staffing_shortage"] = options["staffing_shortage_size"]
    if options["service_manager_shortage_month"] is not None:
        reductions["service_manager_shortage"] = options["service_manager_shortage_month"]
    grade = options["treatment_improvement"]
    return OfficeMonth(
        users,
        known_rate,
        additions,
        meetings,
        reductions,
        options["area"],
        starts,
        month_notes,
        {} if grade is None else {"treatment_improvement": grade.strip().upper()},
    )


@retention.command("reward")
@rules_option("default: fy2024, or the one in force in --fiscal-year")
@office_options
def reward(rules_spec: str | None, **options: Any) -> None:
    """事業所の1か月の報酬を試算する(単位数、単価が分かれば円)."""

    def run() -> None:
        rules = pick_rules(rules_spec, options["fiscal_year"])
        result = estimate(office_month(options, rules), rules)
        if options["as_json"]:
            emit(estimate_json(result))
        else:
            _print_estimate(result)

    fail_on_input_errors(run)


@retention.command("compare")
@click.option("--before", "before_spec", default="fy2021", help="比較元 / default fy2021")
@click.option("--after", "after_spec", default="fy2024", help="比較先 / default fy2024")
@office_options
def compare(before_spec: str, after_spec: str, **options: Any) -> None:
    """同じ事業所を令和3年度と令和6年度の規則で比べる(調査項目⑫)."""

    def run() -> None:
        before, after = load_rule_set(before_spec), load_rule_set(after_spec)
        # RECORDS are rated under each side's rule set, as `rate --rules` would rate them.
        result = compare_rules(
            office_month(options, before, strict=False),
            before,
            after,
            office_after=office_month(options, after, strict=False),
        )
        if options["as_json"]:
            emit(comparison_json(result))
            return
        _print_estimate(result.before)
        _print_estimate(result.after)
        console = Console()
        for label, value in (
            ("基本報酬の差", result.base_difference),
            ("合計の差", result.total_difference),
        ):
            console.print(f"{label}: " + ("不明" if value is None else f"{value:+,}単位"))
        for note in result.notes:
            console.print(f"注: {note}")

    fail_on_input_errors(run)


def _print_estimate(result: RewardEstimate) -> None:
    console = Console()
    console.print(f"[bold]{result.rule_set_title}[/bold]  利用者 {result.users}人")
    table = Table("項目", "単位", "計算", "出典")
    for column in table.columns:
        column.overflow = "fold"
    for line in result.lines:
        source = ("[未確認] " if line.unverified else "") + line.source
        units = "不明" if line.units is None else f"{line.units:,}"
        table.add_row(line.name, units, line.working, source)
    console.print(table)
    total = "不明" if result.total_units is None else f"{result.total_units:,}単位"
    console.print(f"合計 {total}" + ("" if result.complete else "(一部未収録)"))
    console.print(f"金額 {'—' if result.yen is None else f'{result.yen:,}円'}: {result.yen_reason}")
    for note in result.notes:
        console.print(f"注: {note}")
