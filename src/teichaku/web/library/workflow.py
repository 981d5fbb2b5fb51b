"""The life of a case: saving (a version each time), flags, submission, review, and who
may see it. Views call these; nothing here reads a request beyond its user.

A case can be submitted when every flag of the personal-information flagger is resolved
(the words are gone from the text) or confirmed by a reviewer, or when the author asks the
reviewer to confirm them; it can be published only when none is left open.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from uuid import UUID

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from teichaku.library.case import PracticeCase as CoreCase
from teichaku.library.case import Provenance, size_band_of
from teichaku.library.finding import index_form
from teichaku.library.flags import FieldFlag, flag_fields
from teichaku.web.library.models import (
    CaseVersion,
    Decision,
    FlagConfirmation,
    PracticeCase,
    ReviewComment,
    State,
)

AUTHOR_EDITABLE = (State.DRAFT, State.CHANGES_REQUESTED, State.PUBLISHED)


def is_reviewer(user: Any) -> bool:
    return bool(user.is_authenticated and hasattr(user, "practice_reviewer"))


def author_office_ids(user: Any) -> set[int]:
    """The offices whose staff may write cases (every role but 監査担当)."""
    from teichaku.web.offices.models import StaffMembership
    from teichaku.web.offices.permissions import Action, may

    if not user.is_authenticated:
        return set()
    return {
        m.office_id
        for m in StaffMembership.objects.filter(user_id=user.pk)
        if may(m.role, Action.WRITE_REPORT)
    }


def case_for(user: Any, public_id: object) -> PracticeCase:
    """The case if this user may see it: published to anyone; otherwise only to its own
    office's writers and to reviewers (a draft only to its office). Else 404."""
    try:
        key = UUID(str(public_id))
    except ValueError as error:
        raise Http404 from error
    case = PracticeCase.objects.select_related("office").filter(public_id=key).first()
    if case is None:
        raise Http404
    if case.state == State.PUBLISHED:
        return case
    if case.office_id is not None and case.office_id in author_office_ids(user):
        return case
    if is_reviewer(user) and case.state != State.DRAFT:
        return case
    raise Http404


def office_defaults(office: Any) -> dict[str, Any]:
    """A new case's office attributes as far as the office's records give them (the author
    may change them): 規模 from the people in service today, 就労移行支援と一体的に運営 from
    the office's 一体的に運営する事業所 (a 就労移行 office named: yes; others named but no
    就労移行: no; none named: left open). The office keeps no 運営主体."""
    from django.db.models import Q

    from teichaku.web.offices import clock
    from teichaku.web.offices.models import Person

    today = clock.today()
    in_service = (
        Person.objects.for_office(office)
        .filter(service_start__lte=today)
        .filter(Q(service_end__isnull=True) | Q(service_end__gte=today))
        .count()
    )
    found: dict[str, Any] = {}
    if band := size_band_of(in_service):
        found["size_band"] = band
    integrated = [line for line in office.integrated_offices.splitlines() if line.strip()]
    if integrated:
        found["integrated_with_transition"] = any("就労移行" in line for line in integrated)
    return found


def to_core(case: PracticeCase) -> CoreCase:
    """The case as the exchange format and versions hold it."""
    shown = case.author_name or (case.office.name if case.office and case.author_shown else "")
    return CoreCase(
        id=str(case.public_id),
        title=case.title,
        challenges=tuple(case.challenges),
        prefecture=case.prefecture,
        situation=case.situation,
        actions=case.actions,
        outcome=case.outcome,
        cautions=case.cautions,
        network=case.network,
        area=case.area,
        nearby=case.nearby,
        operating_body=case.operating_body,
        size_band=case.size_band,
        integrated_with_transition=case.integrated_with_transition,
        partners=tuple(case.partners),
        channels=tuple(case.channels),
        author_office=shown,
        published_at=case.published_at.isoformat() if case.published_at else "",
        updated_at=case.updated_at.isoformat() if case.updated_at else "",
        revision_note=case.revision_note,
        provenance=Provenance(case.source_site, case.source_id) if case.source_site else None,
    )


def save(case: PracticeCase, user: Any, note: str = "") -> CaseVersion:
    """Save the case and keep the saved state as a new version."""
    with transaction.atomic():
        case.search_index = index_form("\n".join(to_core(case).texts().values()))
        if note:
            case.revision_note = note
        case.save()
        last = case.versions.order_by("-number").first()
        data = asdict(to_core(case))
        return CaseVersion.objects.create(
            case=case,
            number=(last.number + 1) if last else 1,
            saved_by=user if user is not None and user.is_authenticated else None,
            state=case.state,
            revision_note=note,
            data=data,
        )


def open_flags(case: PracticeCase) -> list[FieldFlag]:
    """The flags in the case's text that no reviewer has confirmed."""
    confirmed = {(c.field, c.words, c.kind) for c in case.confirmed.all()}
    flags = flag_fields(to_core(case).texts())
    return [f for f in flags if (f.field, f.flag.words, f.flag.kind.value) not in confirmed]


def submit(case: PracticeCase, user: Any, *, ask_confirmation: bool = False) -> str | None:
    """Send a draft (or a revised one) to review; a message when it cannot go."""
    if case.state not in (State.DRAFT, State.CHANGES_REQUESTED):
        return _("この事例は審査に出せる状態ではありません。")
    if open_flags(case) and not ask_confirmation:
        return _(
            "個人が特定されるおそれのある語が残っています。削除するか、"
            "個人を特定しない語であれば審査者に確認を依頼してください。"
        )
    case.state = State.SUBMITTED
    save(case, user)
    return None


def confirm_flag(case: PracticeCase, reviewer: Any, field: str, words: str, kind: str) -> bool:
    """Record a reviewer's confirmation of one open flag; False when no such flag is open."""
    if not any(
        (f.field, f.flag.words, f.flag.kind.value) == (field, words, kind) for f in open_flags(case)
    ):
        return False
    FlagConfirmation.objects.get_or_create(
        case=case, field=field, words=words, kind=kind, defaults={"confirmed_by": reviewer}
    )
    return True


def decide(case: PracticeCase, reviewer: Any, decision: str, body: str) -> str | None:
    """A reviewer's comment or decision; a message when it cannot be taken."""
    if case.state not in (State.SUBMITTED, State.PUBLISHED) and decision != Decision.COMMENT:
        return _("審査中の事例ではありません。")
    if decision == Decision.PUBLISHED and open_flags(case):
        return _("確認されていない語が残っているため公開できません。")
    if decision == Decision.CHANGES_REQUESTED and not body.strip():
        return _("修正してほしい点を書いてください。")
    with transaction.atomic():
        ReviewComment.objects.create(case=case, reviewer=reviewer, decision=decision, body=body)
        if decision != Decision.COMMENT:
            case.state = State(decision)
            if decision == Decision.PUBLISHED and case.published_at is None:
                case.published_at = timezone.now()
            save(case, reviewer)
    return None
