"""What each research-team role may do. One table, used by every view."""

from __future__ import annotations

from enum import StrEnum

from teichaku.web.accounts.models import Role


class Action(StrEnum):
    VIEW = "view"  # results, reports, downloads
    ANSWERS = "answers"  # respondents' own answers: free text listed, data.csv/.sav, appendix
    ANALYSE = "analyse"  # cross tables, coding
    IMPORT = "import"  # import answers collected elsewhere
    MANAGE = "manage"  # create, close, reopen surveys; invitations
    PREPARE = "prepare"  # the respondents' side: consent page, preview, public link and QR code


ALLOWED: dict[str, frozenset[Action]] = {
    Role.OWNER: frozenset(Action),
    Role.ANALYST: frozenset(
        {Action.VIEW, Action.ANSWERS, Action.ANALYSE, Action.IMPORT, Action.PREPARE}
    ),
    # A viewer reads answers too: the coding workbench lists them under VIEW already. Take
    # ANSWERS away here to keep viewers to the tables (the desk's links follow this table).
    Role.VIEWER: frozenset({Action.VIEW, Action.ANSWERS}),
}


def may(role: str, action: Action) -> bool:
    return action in ALLOWED.get(role, frozenset())
