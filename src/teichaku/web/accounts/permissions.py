"""What each research-team role may do. One table, used by every view."""

from __future__ import annotations

from enum import StrEnum

from teichaku.web.accounts.models import Role


class Action(StrEnum):
    VIEW = "view"  # results, reports, downloads
    ANALYSE = "analyse"  # cross tables, coding
    IMPORT = "import"  # import answers collected elsewhere
    MANAGE = "manage"  # create, close, reopen surveys; invitations
    PREPARE = "prepare"  # the respondents' side: consent page, preview, public link and QR code


ALLOWED: dict[str, frozenset[Action]] = {
    Role.OWNER: frozenset(Action),
    Role.ANALYST: frozenset({Action.VIEW, Action.ANALYSE, Action.IMPORT, Action.PREPARE}),
    Role.VIEWER: frozenset({Action.VIEW}),
}


def may(role: str, action: Action) -> bool:
    return action in ALLOWED.get(role, frozenset())
