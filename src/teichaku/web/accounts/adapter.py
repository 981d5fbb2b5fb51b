"""django-allauth, fitted to teichaku: no open sign-up (accounts come from invitations), and
every `next` allauth follows is checked by `redirects.is_safe_next`, as our own views do."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.http import HttpRequest

from teichaku.web.redirects import is_safe_next


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def is_safe_url(self, url: str) -> bool:
        return is_safe_next(context.request, url)
