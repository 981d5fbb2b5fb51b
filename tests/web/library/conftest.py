"""Two offices with a 就労定着支援員 each, a reviewer, and a helper to post a case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from teichaku.web.library.models import Reviewer
from teichaku.web.offices import actions
from teichaku.web.offices.models import Office, Role, StaffMembership


@dataclass
class Site:
    office: Office
    other: Office
    author: Any
    outsider: Any
    reviewer: Any


def _user(name: str) -> Any:
    return get_user_model().objects.create_user(username=name)


@pytest.fixture
def site(db: None) -> Site:
    admin_a, admin_b = _user("lib-admin-a"), _user("lib-admin-b")
    office = actions.create_office("架空事業所A", "9900000101", "その他", admin_a)
    other = actions.create_office("架空事業所B", "9900000102", "その他", admin_b)
    author, outsider = _user("lib-worker-a"), _user("lib-worker-b")
    StaffMembership.objects.create(user=author, office=office, role=Role.SUPPORT_WORKER)
    StaffMembership.objects.create(user=outsider, office=other, role=Role.SUPPORT_WORKER)
    reviewer = _user("lib-reviewer")
    Reviewer.objects.create(user=reviewer)
    return Site(office, other, author, outsider, reviewer)


CASE_FORM = {
    "title": "企業担当者との連絡ノート",
    "challenges": ["q03_employer_collaboration", "other_org_users_text:collaboration"],
    "prefecture": "愛知県",
    "network": "planned_consultation_centred",
    "area": "urban",
    "nearby": "many",
    "operating_body": "company",
    "size_band": "21-40",
    "integrated_with_transition": "unknown",
    "situation": "田中さんの職場の担当者が異動し、職場での様子が分かりづらくなった。",
    "actions": "企業と事業所で共有する連絡ノートを作った。",
    "partners": ["employer"],
    "channels": ["email", "workplace_visit"],
    "outcome": "引き継ぎが途切れなくなった。",
    "cautions": "",
}
