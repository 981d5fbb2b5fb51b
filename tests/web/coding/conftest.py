"""Two research teams and the rebuilt example as answers and codings files."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from teichaku.coding import Answer
from teichaku.coding.answers import answers_from_responses, answers_to_csv
from teichaku.instrument import load_instrument
from teichaku.responses import responses_from_records
from teichaku.web.accounts.models import Membership, Role, Team

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "retention-challenges-2024"


def example_answers() -> list[Answer]:
    """The example's text answers with two attributes, read as the coding core reads them."""
    form = load_instrument("retention-challenges-2024")
    with (EXAMPLE / "responses.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    records = [{k: (v or None) for k, v in r.items() if k != "response_id"} for r in rows]
    table = responses_from_records(form, records, [r["response_id"] for r in rows])
    return [
        a
        for q in ("other_org_users_text", "self_plan_text")
        for a in answers_from_responses(table, q, ["affiliation", "operating_body"])
    ]


@dataclass
class World:
    team_a: Team
    team_b: Team
    owner: AbstractBaseUser
    analyst: AbstractBaseUser
    viewer: AbstractBaseUser
    outsider: AbstractBaseUser


@pytest.fixture
def world(db: None) -> World:
    team_a = Team.objects.create(name="チームA")
    team_b = Team.objects.create(name="チームB")
    users = [
        get_user_model().objects.create_user(username=n, password=None)
        for n in ("owner", "analyst", "viewer", "out")
    ]
    owner, analyst, viewer, outsider = users
    Membership.objects.create(team=team_a, user=owner, role=Role.OWNER)
    Membership.objects.create(team=team_a, user=analyst, role=Role.ANALYST)
    Membership.objects.create(team=team_a, user=viewer, role=Role.VIEWER)
    Membership.objects.create(team=team_b, user=outsider, role=Role.ANALYST)
    return World(team_a, team_b, owner, analyst, viewer, outsider)


def client_for(user: AbstractBaseUser) -> Client:
    client = Client()
    client.force_login(user)
    return client


def answers_csv(question: str) -> bytes:
    """The example's answers to one question (all 307 respondents, blanks included)."""
    return answers_to_csv([a for a in example_answers() if a.question == question]).encode()


def codings_csv(question: str, skip: set[str] = frozenset()) -> bytes:  # type: ignore[assignment]
    with (EXAMPLE / "codings.csv").open(encoding="utf-8") as file:
        rows = [r for r in csv.DictReader(file) if r["question"] == question]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["response_id", "question", "code"])
    writer.writerows(
        [r["response_id"], r["question"], r["code"]] for r in rows if r["response_id"] not in skip
    )
    return out.getvalue().encode()
