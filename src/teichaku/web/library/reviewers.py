"""Granting and revoking the reviewer role (審査者): on the operator's page or with
`teichaku practices reviewer grant|revoke --user U`. Each change is recorded
(`ReviewerChange`: whom, by whom, when) in the same transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from teichaku.web.library.models import Reviewer, ReviewerChange

COMMAND = "teichaku practices reviewer"  # `by_name` of a change made with the command


class ReviewerRefused(ValueError):
    """The change cannot be made; the message is for the user."""


def find_user(login: str) -> Any:
    """The user with this login name or e-mail address."""
    users = get_user_model().objects
    login = login.strip()
    found = users.filter(username=login).first() or users.filter(email__iexact=login).first()
    if found is None or not login:
        raise ReviewerRefused(
            _("ユーザー「%(login)s」は見つかりません（ユーザー名またはメールアドレス）。")
            % {"login": login}
        )
    return found


def _record(user: Any, change: str, by: Any) -> None:
    ReviewerChange.objects.create(
        user=user,
        username=user.get_username(),
        change=change,
        by=by,
        by_name=by.get_username() if by is not None else COMMAND,
    )


@transaction.atomic
def grant(user: Any, by: Any = None) -> None:
    """Make `user` a reviewer; `by` is the operator (None: the command)."""
    if not user.is_active:
        raise ReviewerRefused(_("無効になっているアカウントには付与できません。"))
    _reviewer, created = Reviewer.objects.get_or_create(user=user)
    if not created:
        raise ReviewerRefused(_("このユーザーはすでに審査者です。"))
    _record(user, ReviewerChange.Change.GRANTED, by)


@transaction.atomic
def revoke(user: Any, by: Any = None) -> None:
    deleted, _rows = Reviewer.objects.filter(user=user).delete()
    if not deleted:
        raise ReviewerRefused(_("このユーザーは審査者ではありません。"))
    _record(user, ReviewerChange.Change.REVOKED, by)
