"""Two research teams: team A (owner, analyst, viewer) and team B (an analyst)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from teichaku.web.accounts.models import Membership, Role, Team
from teichaku.web.surveys import services
from teichaku.web.surveys.models import Survey

BUILTIN = "retention-challenges-2024"
LIKERT = [f"q{n:02d}" for n in range(1, 13)]


@dataclass
class World:
    team_a: Team
    team_b: Team
    owner: AbstractBaseUser
    analyst: AbstractBaseUser
    viewer: AbstractBaseUser
    outsider: AbstractBaseUser  # analyst of team B
    survey: Survey  # team A's
    other_survey: Survey  # team B's


def _user(name: str) -> AbstractBaseUser:
    # No password (tests log in with force_login): Argon2 would cost a second per user.
    return get_user_model().objects.create_user(username=name, password=None)


@pytest.fixture
def world(db: None) -> World:
    team_a = Team.objects.create(name="チームA")
    team_b = Team.objects.create(name="チームB")
    owner, analyst, viewer, outsider = (_user(n) for n in ("owner", "analyst", "viewer", "out"))
    Membership.objects.create(team=team_a, user=owner, role=Role.OWNER)
    Membership.objects.create(team=team_a, user=analyst, role=Role.ANALYST)
    Membership.objects.create(team=team_a, user=viewer, role=Role.VIEWER)
    Membership.objects.create(team=team_b, user=outsider, role=Role.ANALYST)
    survey = services.create_survey(team_a, owner, builtin=BUILTIN)
    other = services.create_survey(team_b, outsider, builtin=BUILTIN, title="B の調査")
    return World(team_a, team_b, owner, analyst, viewer, outsider, survey, other)


def client_for(user: AbstractBaseUser) -> Client:
    client = Client()
    client.force_login(user)
    return client


def full_answer(**overrides: object) -> dict[str, object]:
    """A valid answer to the built-in survey, as posted by the form (a- prefixed)."""
    answers: dict[str, object] = {
        "a-affiliation": ["retention_support", "transition_support"],
        "a-operating_body": "npo",
        "a-role": ["support_worker"],
        "a-q01_securing_users": "7",
        "a-q02_service_constraints": "5",
        "a-monitoring_methods": ["phone", "other"],
        "o-monitoring_methods": "家族との連絡",
        "a-other_org_users_challenge": "has_challenges",
        "a-self_plan_text": "計画相談のほうが連携しやすい",
    }
    answers.update(overrides)
    return answers
