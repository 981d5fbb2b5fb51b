"""The one entry point of every office view: who is asking, for which office, with which role.

`office_view(action)` resolves the user's current office (kept in the session, chosen on the
office page when they belong to several), requires TOTP for 管理者 (enrolled, and passed in
this session: `accounts.mfa`; allauth's pages ask for it), checks the role table, and
hands the view an `OfficeContext` whose `get` and `view_person` fetch only this office's rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar, cast
from uuid import UUID

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from teichaku.web.accounts.mfa import has_totp, passed_mfa
from teichaku.web.offices import audit
from teichaku.web.offices.models import Office, OfficeOwned, Person, Role, StaffMembership
from teichaku.web.offices.permissions import Action, may

SESSION_OFFICE = "offices_current"
P = ParamSpec("P")
M = TypeVar("M", bound=OfficeOwned)


@dataclass
class OfficeContext:
    request: HttpRequest | None
    user: Any  # the signed-in user
    office: Office
    role: str

    def may(self, action: Action) -> bool:
        return may(self.role, action)

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)

    @property
    def allowed(self) -> frozenset[str]:
        """The actions this role may take, for templates to show only usable links."""
        return frozenset(a.value for a in Action if may(self.role, a))

    def get(self, model: type[M], public_id: object) -> M:
        """This office's row with that opaque id, or 404 (also for another office's row).

        A miss is audited as `denied` in this office's own log (see `audit.denied`).
        """
        try:
            key = UUID(str(public_id))
        except ValueError:
            key = None
        found: M | None = None
        if key is not None:
            found = model.objects.for_office(self.office).filter(public_id=key).first()
        if found is None:
            audit.denied(self, model.__name__.lower())
            raise Http404
        return found

    def view_person(self, public_id: object, *, viewed: str = "") -> Person:
        """The person, and writes an audit entry of the view (`viewed` names the page)."""
        person = self.get(Person, public_id)
        audit.record(
            self, "view", "person", person.public_id, person_id=person.public_id, detail=viewed
        )
        return person


def memberships(user: Any) -> list[StaffMembership]:
    return list(
        StaffMembership.objects.filter(user_id=user.pk, office__closed_at__isnull=True)
        .select_related("office")
        .order_by("id")
    )


def current_membership(request: HttpRequest) -> StaffMembership | None:
    mine = memberships(request.user)
    chosen = request.session.get(SESSION_OFFICE)
    for membership in mine:
        if str(membership.office.public_id) == chosen:
            return membership
    return mine[0] if len(mine) == 1 else None


def office_view(
    action: Action,
) -> Callable[
    [Callable[Concatenate[HttpRequest, OfficeContext, P], HttpResponse]],
    Callable[Concatenate[HttpRequest, P], HttpResponse],
]:
    def decorate(
        view: Callable[Concatenate[HttpRequest, OfficeContext, P], HttpResponse],
    ) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = current_membership(request)
            if membership is None:
                if not memberships(request.user):
                    raise PermissionDenied
                return redirect("offices:select")
            if membership.role == Role.ADMIN and not passed_mfa(request):
                return _second_factor(request)
            if not may(membership.role, action):
                raise PermissionDenied
            ctx = OfficeContext(request, request.user, membership.office, membership.role)
            request.office_context = ctx  # type: ignore[attr-defined]
            return view(request, ctx, *args, **kwargs)

        wrapper.office_action = action  # type: ignore[attr-defined]
        return cast(Callable[Concatenate[HttpRequest, P], HttpResponse], wrapper)

    return decorate


def _second_factor(request: HttpRequest) -> HttpResponse:
    """To allauth's TOTP enrolment, or to its code page and back here once passed."""
    if not has_totp(request.user):
        return redirect("mfa_activate_totp")
    return redirect(
        f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}"
    )
