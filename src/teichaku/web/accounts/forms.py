"""allauth's login form with the login's length checked before anyone is asked."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm as AllauthLoginForm
from django.core.validators import MaxLengthValidator

LONGEST_LOGIN = 254  # an e-mail address; a user name is at most 150


class LoginForm(AllauthLoginForm):  # type: ignore[misc]
    """An over-long name would otherwise reach `authenticate` and the lockout records (255
    characters: a 500 on PostgreSQL, found by the odd-values crawl)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].validators.append(MaxLengthValidator(LONGEST_LOGIN))
