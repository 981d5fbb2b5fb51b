"""The one way a desk view reaches a survey: scoped to the user's teams and role."""

from __future__ import annotations

from django.http import HttpRequest

from teichaku.web.accounts.access import scoped
from teichaku.web.accounts.permissions import Action
from teichaku.web.surveys.models import Survey


def survey_for(request: HttpRequest, token: str, action: Action) -> tuple[Survey, str]:
    """The survey with `token` and the user's role in its team.

    Another team's survey (or none) is a 404, exactly as if it did not exist; a member
    whose role lacks `action` gets a 403.
    """
    return scoped(Survey.objects.defer("instrument_file"), request, token, action)
