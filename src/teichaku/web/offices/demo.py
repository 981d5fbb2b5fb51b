"""The demo office `make run` loads: a fictional office with fictional people, dated from
today so that every kind of dashboard alert shows. A new demo office is made on each day the
demo is seeded (the alerts depend on the day); the demo staff move to it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from teichaku.practice.handover import SECTION_KEYS
from teichaku.practice.months import month_of, months_between, shift_month
from teichaku.retention.periods import add_months
from teichaku.web.demo import demo_account, served_url
from teichaku.web.offices import actions, audit, clock
from teichaku.web.offices.context import OfficeContext
from teichaku.web.offices.models import (
    Channel,
    Consent,
    Contact,
    Disclosure,
    Employment,
    HandoverProfile,
    Meeting,
    MonthlyReport,
    Office,
    OfficeSituation,
    Partner,
    Person,
    PlanReview,
    ReportShare,
    Role,
    RoleAssignment,
    SituationKind,
    StaffMembership,
    SupportPlan,
)

STAFF = {
    "demo-office-admin": Role.ADMIN,
    "demo-office-manager": Role.SERVICE_MANAGER,
    "demo-office-worker": Role.SUPPORT_WORKER,
    "demo-office-auditor": Role.AUDITOR,
}
# Fictional 氏名 (pages show people by name, never by login id).
STAFF_NAMES = {
    "demo-office-admin": "架空 管理子",
    "demo-office-manager": "架空 責任男",
    "demo-office-worker": "架空 支援美",
    "demo-office-auditor": "架空 監査太",
}
ADMIN = "demo-office-admin"


def demo_number(today: date) -> str:
    return f"99{today:%y%m%d}01"


def seed_demo_office(today: date | None = None) -> Iterator[str]:
    """Yield the lines to print: accounts, passwords, and how the 管理者 logs in."""
    today = today or clock.today()
    users = {}
    for username in STAFF:
        user, password = demo_account(username, STAFF_NAMES[username])
        users[username] = user
        label = STAFF[username].label
        yield f"デモ事業所アカウント / demo office account ({label}): {username} / {password}"
    secret, url = demo_totp(users[ADMIN])
    yield (
        f"  {ADMIN} は2段階認証が必要 / needs TOTP: 鍵 / secret {secret} "
        f"(認証アプリに登録 / add to an authenticator app: {url})"
    )
    office = Office.objects.filter(number=demo_number(today)).first()
    if office is None:
        office = build_demo_office(today, users)
    StaffMembership.objects.filter(user__in=users.values()).exclude(office=office).delete()
    for username, role in STAFF.items():
        StaffMembership.objects.update_or_create(
            user=users[username],
            office=office,
            defaults={"role": role, "job_coach_trained": username == "demo-office-worker"},
        )
    yield f"デモ事業所 / demo office: {office.name} — {served_url('/office/')}"


def demo_totp(user: Any) -> tuple[str, str]:
    """The demo 管理者's TOTP (allauth.mfa), made once: its secret and otpauth:// address."""
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import decrypt

    found = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if found is None:
        found = TOTP.activate(user, generate_totp_secret()).instance
    secret = decrypt(found.data["secret"])
    return secret, get_adapter().build_totp_url(user, secret)


@transaction.atomic
def build_demo_office(today: date, users: dict[str, Any]) -> Office:
    admin = users[ADMIN]
    office = actions.create_office(
        f"ひまわり就労定着支援センター(架空・{today:%Y-%m-%d})",
        demo_number(today),
        "その他",
        admin,
        integrated_offices="ひまわり就労移行支援事業所(架空)",
        designated_on=date(today.year - 6, 4, 1),
        handover_policy="支援終了後も支援が必要な方は、終了3か月前までに本人の同意を得て"
        "障害者就業・生活支援センター等と情報を共有し、記録する。",
        handover_lead=users["demo-office-manager"],
    )
    ctx = OfficeContext(None, admin, office, Role.ADMIN)
    # A resolved situation that once reduced the reward (none reduces this month's).
    OfficeSituation.objects.create(
        office=office,
        kind=SituationKind.INFO_NOT_REPORTED,
        since=shift_month(month_of(today), -8),
        until=shift_month(month_of(today), -7),
        note="架空: 情報公表システムへの報告が遅れた",
        recorded_by=admin,
    )
    worker = users["demo-office-worker"]
    channels = {c.key: c for c in Channel.objects.for_office(office)}

    def partner(kind: str, name: str, contact: str = "") -> Partner:
        made: Partner = Partner.objects.create(
            office=office, kind=kind, name=name, contact_person=contact
        )
        return made

    employer = partner("employer", "架空商事株式会社", "架空 一郎(人事課)")
    employer2 = partner("employer", "株式会社テスト物流(架空)", "試験 二美")
    consultation = partner("consultation", "みどり相談支援センター(架空)", "見本 三恵")
    partner("medical", "架空こころのクリニック")
    life = partner("life_support", "架空市障害者就業・生活支援センター")

    def person(name: str, kana: str, start: date | None, **extra: Any) -> Person:
        fields: dict[str, Any] = {
            "disability_category": "mental",
            "came_from_service": "transition",
            "came_from_integral": True,
            "came_from_office_name": "ひまわり就労移行支援事業所(架空)",
            "plan_type": "consultation",
            "consultation_office": consultation,
            "staff_in_charge": worker,
            **extra,
        }
        made: Person = Person.objects.create(
            office=office, display_name=name, name_kana=kana, service_start=start, **fields
        )
        return made

    def job(p: Person, hired: date, left: date | None = None, **extra: Any) -> None:
        Employment.objects.create(
            office=office,
            person=p,
            employer=employer,
            employer_name=employer.name,
            job_title="事務補助",
            weekly_hours=30,
            hired_on=hired,
            left_on=left,
            **extra,
        )

    def contact(p: Person, day: date, key: str, *with_whom: str) -> None:
        Contact.objects.create(  # face to face by the method (Contact.save)
            office=office,
            person=p,
            day=day,
            channel=channels[key],
            with_whom=list(with_whom or ("person",)),
            minutes=30,
            notes="体調と業務の様子を確認した(架空の記録)。",
            next_step="来月も職場訪問",
            staff=worker,
        )

    def shared_reports(p: Person, skip: tuple[date, ...] = ()) -> None:
        assert p.service_start is not None
        last = shift_month(month_of(today), -1)
        first = max(month_of(p.service_start), shift_month(last, -11))
        if first > last:
            return
        for month in months_between(first, last):
            report = MonthlyReport.objects.create(
                office=office,
                person=p,
                month=month,
                work="・架空の勤務先で勤務(架空)",
                support="・月1回の職場訪問と電話(架空)",
                created_by=worker,
            )
            if month not in skip:
                ReportShare.objects.create(
                    office=office,
                    report=report,
                    recipient_kind="person",
                    recipient_name="本人",
                    shared_on=month + timedelta(days=27),
                    method="hand",
                    recorded_by=worker,
                )

    def plan(p: Person, written: date, *reviews: date) -> None:
        found = SupportPlan.objects.create(
            office=office,
            person=p,
            written_on=written,
            long_term_goal="今の職場で働き続ける(架空)",
            short_term_goals="週5日の勤務を続ける\n困ったときに上司に相談できる",
            support_content="月1回以上の職場訪問と、体調・生活リズムの確認(架空)",
            agreed=True,
            signed_on=written,
            author=users["demo-office-manager"],
        )
        for day in reviews:
            PlanReview.objects.create(
                office=office,
                plan=found,
                reviewed_on=day,
                evaluation="目標どおり勤務できている(架空)",
                reviewer=users["demo-office-manager"],
            )

    def settled(p: Person, planned: bool = True) -> None:
        contact(p, today, "workplace_visit", "person", "employer")
        contact(p, today, "phone", "employer")
        shared_reports(p)
        if planned:
            plan(p, today - timedelta(days=30))

    # 1. Six months of employment reached in ten days: may start the service (ELIGIBILITY).
    hanako = person("架空 花子", "かくう はなこ", None)
    job(hanako, add_months(today, -6) + timedelta(days=10))

    # 2. The 3-year end in about 40 days, no sharing recorded (SERVICE_END, END_SHARING).
    start = add_months(today, -36) + timedelta(days=40)
    taro = person("架空 太郎", "かくう たろう", start)
    job(taro, add_months(start, -6))
    settled(taro)

    # 3. Only a phone call this month (FACE_TO_FACE).
    start = add_months(month_of(today), -12)
    jiro = person("架空 次郎", "かくう じろう", start, disability_category="developmental")
    job(jiro, add_months(start, -7))
    contact(jiro, today, "phone")
    shared_reports(jiro)  # and no plan yet (PLAN_MISSING)

    # 4. Last month's report written but not shared (REPORT_UNSHARED).
    start = add_months(month_of(today), -8)
    saburo = person("架空 三郎", "かくう さぶろう", start, disability_category="intellectual")
    job(saburo, add_months(start, -6))
    settled(saburo)
    ReportShare.objects.for_office(office).filter(
        report__person=saburo, report__month=shift_month(month_of(today), -1)
    ).delete()

    # 5. Left a job ten days ago to improve conditions; the one-month window runs (JOB_CHANGE).
    start = add_months(month_of(today), -10)
    shiro = person("架空 四郎", "かくう しろう", start)
    job(
        shiro,
        add_months(start, -6),
        today - timedelta(days=10),
        leave_reason="better_conditions",
    )
    settled(shiro)

    # 6. Arrived from another organisation; half a profile and no consent (INTAKE).
    start = add_months(month_of(today), -2)
    satsuki = person(
        "架空 五月",
        "かくう さつき",
        start,
        came_from_integral=False,
        came_from_service="continuation_b",
        came_from_office_name="架空B型事業所",
        plan_type="self_plan",
        consultation_office=None,
    )
    job(satsuki, add_months(start, -6))
    settled(satsuki)
    HandoverProfile.objects.create(
        office=office,
        person=satsuki,
        source_organisation="架空B型事業所",
        work_experience="軽作業3年(架空)",
        strengths="丁寧な作業",
        communication="口頭の指示は短く区切ると伝わりやすい",
    )

    # 7. Everything in order, a self-plan person with a role-division sheet and consent.
    start = add_months(month_of(today), -14)
    mutsuko = person(
        "架空 六子",
        "かくう むつこ",
        start,
        came_from_integral=False,
        plan_type="self_plan",
        consultation_office=None,
        disability_category="physical",
    )
    job(mutsuko, add_months(start, -6))
    settled(mutsuko, planned=False)
    # Her plan's review falls due in ten days (PLAN_REVIEW).
    plan(mutsuko, add_months(today, -6), add_months(today, -3) + timedelta(days=10))
    HandoverProfile.objects.create(
        office=office,
        person=mutsuko,
        source_organisation="架空就労移行支援事業所",
        **{key: "記入済み(架空)" for key in SECTION_KEYS},
    )
    consent = Consent.objects.create(
        office=office,
        person=mutsuko,
        purpose="支援終了後の生活・就労支援の引き継ぎ",
        recipient=life.name,
        categories=["handover", "reports", "employment"],
        given_on=start,
        recorded_by=admin,
    )
    Disclosure.objects.create(
        office=office,
        person=mutsuko,
        consent=consent,
        kind="handover",
        recipient=life.name,
        categories=["handover"],
        disclosed_on=start + timedelta(days=20),
        note="就労パスポートの写しを手渡し(架空)",
        recorded_by=admin,
    )
    Meeting.objects.create(
        office=office,
        person=mutsuko,
        day=today,
        kind="meeting_1",
        attendees=f"{life.name}、{employer.name}、当事業所サービス管理責任者(架空)",
        notes="支援計画の説明と役割分担の確認(架空)",
        recorded_by=users["demo-office-manager"],
    )
    for area, who in (("home_life", "本人"), ("money", "母"), ("crisis", "")):
        RoleAssignment.objects.create(
            office=office,
            person=mutsuko,
            area=area,
            who=who,
            partner=life if area == "crisis" else None,
        )

    # People whose service ended: they count in the 就労定着率 of the coming years.
    ended = add_months(month_of(today), -20)
    nanami = person("架空 七海", "かくう ななみ", add_months(ended, -30), service_end=ended)
    job(nanami, add_months(ended, -37))
    yakumo = person("架空 八雲", "かくう やくも", add_months(ended, -20), service_end=ended)
    job(yakumo, add_months(ended, -27), ended - timedelta(days=5), leave_reason="health")
    kokono = person("架空 九乃", "かくう ここの", add_months(ended, -24), service_end=ended)
    job(
        kokono, add_months(ended, -31), ended - timedelta(days=40), leave_reason="better_conditions"
    )
    Employment.objects.create(
        office=office,
        person=kokono,
        employer=employer2,
        employer_name=employer2.name,
        hired_on=ended - timedelta(days=20),
    )
    audit.record(ctx, "seed_demo", "office", office.public_id)
    return office
