"""The one access module of research teams (`web/accounts/access.py`): the team lookup and
the scoped object lookup that surveys and coding both use."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from teichaku.web.accounts.access import scoped, teams_where
from teichaku.web.accounts.permissions import Action
from teichaku.web.coding.models import CodingProject
from teichaku.web.surveys import services as surveys
from teichaku.web.surveys.models import Survey

from .conftest import World


def request_of(user):  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.django_db
def test_teams_where_lists_the_teams_whose_role_allows(world: World) -> None:
    assert [m.team for m in teams_where(request_of(world.viewer), Action.VIEW)] == [world.team_a]
    assert teams_where(request_of(world.viewer), Action.ANALYSE) == []
    assert [m.team for m in teams_where(request_of(world.outsider), Action.IMPORT)] == [
        world.team_b
    ]
    assert teams_where(request_of(AnonymousUser()), Action.VIEW) == []


@pytest.mark.django_db
def test_scoped_finds_only_the_users_teams_objects(world: World) -> None:
    project = CodingProject.objects.create(team=world.team_a, name="A", question="q")
    survey = surveys.create_survey(world.team_a, None, builtin="retention-challenges-2024")
    for objects, token in (
        (CodingProject.objects.all(), project.token),
        (Survey.objects.all(), survey.token),
    ):
        found, role = scoped(objects, request_of(world.analyst), token, Action.ANALYSE)
        assert (found.pk, role) == (objects.get(token=token).pk, "analyst")
        with pytest.raises(PermissionDenied):
            scoped(objects, request_of(world.viewer), token, Action.ANALYSE)
        for user, wrong in (
            (world.outsider, token),
            (AnonymousUser(), token),
            (world.owner, token + "x"),
            (world.owner, "\x00"),
            (world.owner, "a" * 65),
        ):
            with pytest.raises(Http404):
                scoped(objects, request_of(user), wrong, Action.VIEW)
