"""Published cases in and out as teichaku.practices/1 (the core's `library.exchange`).

Export writes every published case with its provenance (this site and the case's id when
it was written here). Import matches a case by its provenance (source site and source id):
the first import creates it as published, a later one updates it when something changed
and leaves it alone otherwise, never a duplicate. One transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from teichaku.library.case import PracticeCase as CoreCase
from teichaku.library.exchange import dump_cases, load_cases
from teichaku.web.library.models import PracticeCase, State
from teichaku.web.library.workflow import save, to_core

FIELDS = (
    "title", "challenges", "prefecture", "network", "area", "nearby", "operating_body",
    "size_band", "integrated_with_transition", "situation", "actions", "partners",
    "channels", "outcome", "cautions", "revision_note",
)  # fmt: skip


def this_site() -> str:
    return str(settings.TEICHAKU_BASE_URL or "http://localhost")


def export_text() -> str:
    cases = PracticeCase.objects.filter(state=State.PUBLISHED).select_related("office")
    return dump_cases([to_core(c) for c in cases.order_by("published_at", "id")], this_site())


@dataclass(frozen=True)
class ImportCount:
    created: int
    updated: int
    unchanged: int


def _values(case: CoreCase) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(case, name) for name in FIELDS}
    for name in ("challenges", "partners", "channels"):
        values[name] = list(values[name])  # type: ignore[call-overload]
    values["author_name"] = case.author_office
    values["author_shown"] = bool(case.author_office)
    return values


def _own_case(source_id: str) -> bool:
    try:
        key = UUID(source_id)
    except ValueError:
        return False
    return PracticeCase.objects.filter(public_id=key).exists()


def import_text(text: str, source: str) -> ImportCount:
    """Import a practices file; `PracticesFileError` (naming case and field) if it is wrong."""
    cases = load_cases(text, source)
    created = updated = unchanged = 0
    with transaction.atomic():
        for case in cases:
            assert case.provenance is not None  # load_cases gives every case one
            site, source_id = case.provenance.site, case.provenance.source_id
            values = _values(case)
            row = PracticeCase.objects.filter(source_site=site, source_id=source_id).first()
            if row is None and site == this_site() and _own_case(source_id):
                unchanged += 1  # our own case coming back: nothing to do
                continue
            if row is not None:
                if all(getattr(row, k) == v for k, v in values.items()):
                    unchanged += 1
                    continue
                for name, value in values.items():
                    setattr(row, name, value)
                save(row, None)
                updated += 1
                continue
            published = parse_datetime(case.published_at) if case.published_at else None
            if published is not None and timezone.is_naive(published):
                published = timezone.make_aware(published)
            row = PracticeCase(
                state=State.PUBLISHED,
                source_site=site,
                source_id=source_id,
                published_at=published or timezone.now(),
                **values,
            )
            save(row, None)
            created += 1
    return ImportCount(created, updated, unchanged)
