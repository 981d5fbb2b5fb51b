"""Login and logout: Django's views, with `next` followed only through `safe_next`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator

from teichaku.web.redirects import safe_next


class LoginForm(AuthenticationForm):
    """Django's form, with the user name's length checked before anyone is asked.

    Django sets the field's `max_length` after the field is built, so no validator checks it;
    an over-long name would reach `authenticate` and the lockout records (255 characters).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))  # type: ignore[attr-defined]


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def get_redirect_url(self) -> str:
        return safe_next(self.request, "")


class LogoutView(auth_views.LogoutView):
    def get_redirect_url(self) -> str:
        return safe_next(self.request, "")
