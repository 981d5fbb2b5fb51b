"""Demo data for `make run`: fictional teams and people only. Safe to run again."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from teichaku.web.accounts.models import Membership, Role, Team

DEMO_RESEARCHER = "demo-researcher"


def served_url(path: str = "/") -> str:
    """An address on the running server (the setting TEICHAKU_BASE_URL, which `teichaku serve`
    fills with its own address when it is not set); a path alone elsewhere."""
    return str(settings.TEICHAKU_BASE_URL) + path


def demo_account(username: str, name: str) -> tuple[Any, str]:
    """The demo user ``username`` (made if missing), named ``name`` (pages show people by
    name, never by login id) and given a fresh password, returned to be printed once."""
    user, _ = get_user_model().objects.get_or_create(username=username)
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.first_name = name
    user.save()
    return user, password


@transaction.atomic
def seed_research_team() -> Iterator[str]:
    """A research team with an owner account, given a fresh password on every start."""
    team, _ = Team.objects.get_or_create(name="デモ研究チーム")
    user, password = demo_account(DEMO_RESEARCHER, "架空 研究者")
    yield f"デモ研究アカウント / demo research account: {DEMO_RESEARCHER} / {password}"
    Membership.objects.get_or_create(team=team, user=user, defaults={"role": Role.OWNER})


def seed_demo() -> Iterator[str]:
    """Every area's demo data, in dependency order."""
    yield from seed_research_team()
    from teichaku.web.surveys.demo import seed_demo_survey

    yield from seed_demo_survey(Team.objects.get(name="デモ研究チーム"))
    from teichaku.web.coding.demo import seed_demo_coding

    yield from seed_demo_coding(Team.objects.get(name="デモ研究チーム"), DEMO_RESEARCHER)
    from teichaku.web.offices.demo import seed_demo_office

    yield from seed_demo_office()
    from teichaku.web.library.demo import seed_demo_library

    yield from seed_demo_library()
