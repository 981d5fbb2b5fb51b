"""Display-only filters: rounding of figures the core computed."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def num(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


@register.filter
def pct(value: float | None) -> str:
    """A 0–1 share as a percentage."""
    return "—" if value is None else f"{100 * value:.1f}%"


@register.filter
def pct100(value: float | None) -> str:
    """A 0–100 percentage."""
    return "—" if value is None else f"{value:.1f}%"


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, key)


@register.simple_tag(takes_context=True)
def may_manage(context: dict[str, Any], project: Any) -> bool:
    """Whether the signed-in user's role in the project's team allows managing it (the
    coders page): the tab is shown only to those it opens for."""
    from teichaku.web.accounts.models import Membership
    from teichaku.web.accounts.permissions import Action, may

    request = context.get("request")
    user_id = getattr(getattr(request, "user", None), "pk", None)
    if user_id is None:
        return False
    role = (
        Membership.objects.filter(team_id=project.team_id, user_id=user_id)
        .values_list("role", flat=True)
        .first()
    )
    return role is not None and may(role, Action.MANAGE)
