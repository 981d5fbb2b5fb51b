"""Reads for the office pages: the office's rows turned into the cores' plain dataclasses,
and the cores' results. Nothing here decides a rule; it only gathers inputs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from teichaku.practice.alerts import Alert, PersonFacts, office_alerts
from teichaku.practice.contacts import ContactFact
from teichaku.practice.handover import completeness
from teichaku.practice.months import fiscal_year_of, month_end, month_of, months_between
from teichaku.practice.plans import PlanFacts, current_plan
from teichaku.practice.reward_inputs import (
    EndFacts,
    MeetingFact,
    RewardInputs,
    Span,
    meeting_claims,
    situation_month,
    staffing_month,
    support_system,
)
from teichaku.retention import people as core
from teichaku.retention.billing import PersonFlags, first_year_users, month_users
from teichaku.retention.dates import record_range
from teichaku.retention.loader import rule_set_for_fiscal_year
from teichaku.retention.periods import ServicePeriod, service_period
from teichaku.retention.rate import RetentionRate, rate_input, retention_rate
from teichaku.retention.records import write_records
from teichaku.retention.reward import BaseUnits, RewardEstimate, base_units, estimate
from teichaku.retention.rules import RuleSet
from teichaku.web.offices import clock
from teichaku.web.offices.models import (
    Consent,
    Contact,
    Disclosure,
    Employment,
    HandoverProfile,
    Meeting,
    Office,
    OfficeSituation,
    Person,
    PlanReview,
    ReportShare,
    Role,
    StaffMembership,
    SupportPlan,
)
from teichaku.web.offices.models.handover import DisclosureKind


def core_person(person: Person, jobs: Iterable[Employment]) -> core.Person:
    assert person.service_start is not None
    return core.Person(
        str(person.public_id),
        person.service_start,
        person.service_end,
        tuple(core_jobs(jobs)),
    )


def core_jobs(jobs: Iterable[Employment]) -> list[core.Employment]:
    return [core.Employment(j.hired_on, j.left_on, j.end_unknown) for j in jobs]


def jobs_by_person(office: Office) -> dict[int, list[Employment]]:
    grouped: dict[int, list[Employment]] = defaultdict(list)
    for job in Employment.objects.for_office(office).order_by("hired_on"):
        grouped[job.person_id].append(job)
    return grouped


@dataclass(frozen=True)
class BadDate:
    """A stored date outside `record_range` (an old typo): the field's label and the day."""

    label: str
    day: date


def bad_dates(office: Office, today: date) -> dict[int, list[BadDate]]:
    """People (by pk) whose own or whose jobs' dates lie outside the sane range. Their rules
    cannot be applied; the pages show them with a warning instead of computing."""
    sane = record_range(today)
    found: dict[int, list[BadDate]] = defaultdict(list)
    rows: list[tuple[int, type[Person] | type[Employment], dict[str, date | None]]] = [
        (pk, Person, {"service_start": start, "service_end": end})
        for pk, start, end in Person.objects.for_office(office).values_list(
            "pk", "service_start", "service_end"
        )
    ]
    rows += [
        (pk, Employment, {"hired_on": hired, "left_on": left})
        for pk, hired, left in Employment.objects.for_office(office).values_list(
            "person_id", "hired_on", "left_on"
        )
    ]
    for pk, model, days in rows:
        for name, day in days.items():
            if day is not None and day not in sane:
                label = str(getattr(model._meta.get_field(name), "verbose_name", name))
                found[pk].append(BadDate(label, day))
    return dict(found)


def service_period_of(person: Person, today: date) -> ServicePeriod | None:
    """The person's three years of service; None without a start or with a start outside the
    sane range (whose period could not be computed or would mean nothing)."""
    start = person.service_start
    if start is None or start not in record_range(today):
        return None
    return service_period(start)


def rate_people(office: Office, today: date | None = None) -> list[core.Person]:
    """Everyone who has started the service, as the rules core's input (without people whose
    dates are outside the sane range: see `bad_dates`)."""
    jobs = jobs_by_person(office)
    bad = bad_dates(office, today or clock.today())
    return [
        core_person(p, jobs.get(p.pk, []))
        for p in Person.objects.for_office(office).filter(service_start__isnull=False)
        if p.pk not in bad
    ]


def person_flags(office: Office, today: date) -> dict[str, PersonFlags]:
    """Each person's reward flags, with the months of service (up to this month) for which no
    支援レポート was shared — from the report records, month by month."""
    shared: dict[int, set[date]] = defaultdict(set)
    for person_id, month in ReportShare.objects.for_office(office).values_list(
        "report__person_id", "report__month"
    ):
        shared[person_id].add(month_of(month))
    this_month = month_of(today)
    flags = {}
    for p in Person.objects.for_office(office).filter(service_start__isnull=False):
        if p.service_start not in record_range(today):
            continue
        last = min(month_of(p.service_end or today), this_month)
        months = frozenset(
            m for m in months_between(p.service_start, last) if m not in shared.get(p.pk, set())
        )
        flags[str(p.public_id)] = PersonFlags(
            p.special_area_resident, p.continued_support, p.copay_cap_managed, months
        )
    return flags


def initial_addition_users(office: Office, month: date) -> int:
    """People whose service starts in the month and who came from an office not run
    integrally with this one (初期加算, once per person)."""
    return int(
        Person.objects.for_office(office)
        .filter(
            service_start__gte=month_of(month),
            service_start__lte=month_end(month),
            came_from_integral=False,
        )
        .count()
    )


def reward_inputs(
    office: Office,
    today: date,
    rules: RuleSet,
    people: list[core.Person] | None = None,
    flags: dict[str, PersonFlags] | None = None,
) -> RewardInputs:
    """This month of the office in the terms of `teichaku retention reward`'s options (the
    users counted as `--month` counts them from the exported RECORDS)."""
    month = month_of(today)
    people = rate_people(office, today) if people is None else people
    flags = person_flags(office, today) if flags is None else flags
    ids = dict(Person.objects.for_office(office).values_list("pk", "public_id"))
    meetings = [
        MeetingFact(str(ids[m.person_id]), m.day, m.kind)
        for m in Meeting.objects.for_office(office).filter(
            day__gte=date(fiscal_year_of(month), 4, 1), day__lte=month_end(month)
        )
    ]
    sharing: dict[int, list[date]] = defaultdict(list)
    for person_id, day in (
        Disclosure.objects.for_office(office)
        .filter(kind=DisclosureKind.END_OF_SERVICE)
        .values_list("person_id", "disclosed_on")
    ):
        sharing[person_id].append(day)
    bad = bad_dates(office, today)
    ending = [
        EndFacts(
            str(p.public_id),
            p.service_start,
            p.service_end,
            tuple(sharing.get(p.pk, [])),
            p.continued_support,
        )
        for p in Person.objects.for_office(office).filter(service_start__isnull=False)
        if p.pk not in bad
    ]
    trained = (
        StaffMembership.objects.filter(office=office, job_coach_trained=True)
        .exclude(role=Role.AUDITOR)
        .exists()
    )
    policy_set = bool(office.handover_policy.strip())
    users = month_users(people, flags, month, rules)
    situations = situation_months(office, month)
    coordination = any(a.id == "company_coordination" for a in rules.additions)
    return RewardInputs.counted(
        users,
        initial=initial_addition_users(office, today),
        meetings=meeting_claims(meetings, month, rules),
        job_coach=trained,
        support=support_system(policy_set, office.handover_lead_id is not None, ending, month),
        staffing_shortage_month=staffing_month(office.staffing_shortage_since, month),
        area=office.area_grade or None,
        retention_record=office.retention_record,
        staffing_shortage_size=office.staffing_shortage_size or None,
        service_manager_shortage_month=situations.get("service_manager_shortage"),
        info_not_reported="info_not_reported" in situations,
        abuse_prevention_missing="abuse_prevention_missing" in situations,
        treatment_improvement=office.treatment_improvement or None,
        company_coordination=len(first_year_users(people, users)) if coordination else 0,
    )


def situation_months(office: Office, month: date) -> dict[str, int]:
    """Each recorded situation (減算の事由) going on in the month: its kind → which month of it
    the month is (1 = the month it began)."""
    spans: dict[str, list[Span]] = defaultdict(list)
    for kind, since, until in OfficeSituation.objects.for_office(office).values_list(
        "kind", "since", "until"
    ):
        spans[kind].append(Span(since, until))
    found = {kind: situation_month(rows, month) for kind, rows in spans.items()}
    return {kind: n for kind, n in found.items() if n is not None}


@dataclass(frozen=True)
class RateView:
    """The rate and reward for one fiscal year, exactly as `teichaku retention rate/reward`
    compute them from the same people and the same options."""

    fiscal_year: int
    rate: RetentionRate
    base: BaseUnits
    reward: RewardEstimate
    inputs: RewardInputs

    @property
    def users(self) -> int:
        return self.inputs.users

    @property
    def initial(self) -> int:
        return self.inputs.initial


def rate_view(
    office: Office,
    fiscal_year: int,
    today: date,
    people: list[core.Person] | None = None,
    flags: dict[str, PersonFlags] | None = None,
) -> RateView:
    rules = rule_set_for_fiscal_year(fiscal_year)
    people = rate_people(office, today) if people is None else people
    result = retention_rate(people, fiscal_year, rules, designated_on=office.designated_on)
    inputs = reward_inputs(office, today, rules, people, flags)
    base = base_units(rate_input(result), rules, inputs.users)
    month = inputs.office_month(rate_input(result))
    return RateView(fiscal_year, result, base, estimate(month, rules), inputs)


def this_and_next(office: Office, today: date) -> list[RateView]:
    people = rate_people(office, today)
    flags = person_flags(office, today)
    year = fiscal_year_of(today)
    return [rate_view(office, fy, today, people, flags) for fy in (year, year + 1)]


def person_facts(office: Office, today: date) -> dict[str, PersonFacts]:
    """What the alerts need, for every person of the office, in a fixed number of queries
    (without people whose dates are outside the sane range: see `bad_dates`)."""
    bad = bad_dates(office, today)
    people = [p for p in Person.objects.for_office(office) if p.pk not in bad]
    jobs = jobs_by_person(office)
    contacts: dict[int, list[ContactFact]] = defaultdict(list)
    for c in Contact.objects.for_office(office).only(
        "person_id", "day", "face_to_face", "with_whom"
    ):
        contacts[c.person_id].append(ContactFact(c.day, c.face_to_face, tuple(c.with_whom)))
    plans = plans_by_person(office)
    shared: dict[int, set[date]] = defaultdict(set)
    for share in ReportShare.objects.for_office(office).select_related("report"):
        shared[share.report.person_id].add(share.report.month)
    profiles = {h.person_id: h for h in HandoverProfile.objects.for_office(office)}
    consented = {c.person_id for c in Consent.objects.for_office(office) if c.active_on(today)}
    end_shared = set(
        Disclosure.objects.for_office(office)
        .filter(kind=DisclosureKind.END_OF_SERVICE)
        .values_list("person_id", flat=True)
    )
    facts = {}
    for p in people:
        profile = profiles.get(p.pk)
        facts[str(p.public_id)] = PersonFacts(
            person_id=str(p.public_id),
            service_start=p.service_start,
            service_end=p.service_end,
            employments=tuple(core_jobs(jobs.get(p.pk, []))),
            contacts=tuple(contacts.get(p.pk, [])),
            shared_report_months=frozenset(shared.get(p.pk, set())),
            from_other_organisation=p.from_other_organisation,
            handover_complete=profile is not None and completeness(profile.sections()).complete,
            consent_recorded=p.pk in consented,
            end_sharing_recorded=p.pk in end_shared,
            plan=current_plan(plans.get(p.pk, []), today),
            continued_support=p.continued_support,
        )
    return facts


def plan_facts(plan: SupportPlan, reviews: Iterable[PlanReview]) -> PlanFacts:
    return PlanFacts(plan.written_on, plan.signed_on, tuple(r.reviewed_on for r in reviews))


def plans_by_person(office: Office) -> dict[int, list[PlanFacts]]:
    """Every person's plans with their review days, in two queries."""
    reviews: dict[int, list[PlanReview]] = defaultdict(list)
    for review in PlanReview.objects.for_office(office):
        reviews[review.plan_id].append(review)
    found: dict[int, list[PlanFacts]] = defaultdict(list)
    for plan in SupportPlan.objects.for_office(office):
        found[plan.person_id].append(plan_facts(plan, reviews.get(plan.pk, [])))
    return found


def plan_in_force(office: Office, person: Person, day: date) -> SupportPlan | None:
    """The person's plan in force on `day`, as `practice.plans.current_plan` decides (the
    newest written on or before it)."""
    plans = list(SupportPlan.objects.for_office(office).filter(person=person))  # newest first
    facts = [plan_facts(plan, ()) for plan in plans]
    chosen = current_plan(facts, day)
    return None if chosen is None else plans[facts.index(chosen)]


def dashboard_alerts(office: Office, today: date) -> list[Alert]:
    rule = rule_set_for_fiscal_year(fiscal_year_of(today)).retention
    return office_alerts(person_facts(office, today).values(), today, rule)


@dataclass(frozen=True)
class RecordsExport:
    text: str
    without_jobs: tuple[str, ...]  # people with no employment: written with hired_on = なし


def records_csv(office: Office, today: date | None = None) -> RecordsExport:
    """The office's people as the RECORDS file `teichaku retention rate` reads (opaque ids),
    with the per-person reward columns `teichaku retention reward --month` counts from."""
    day = today or clock.today()
    people = rate_people(office, day)
    missing = tuple(p.person_id for p in people if not p.employments)
    return RecordsExport(write_records(people, person_flags(office, day)), missing)
