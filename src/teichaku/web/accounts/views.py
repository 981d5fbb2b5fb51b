"""Login and logout: Django's views, with `next` followed only through `safe_next`."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from teichaku.web.redirects import safe_next


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"

    def get_redirect_url(self) -> str:
        return safe_next(self.request, "")


class LogoutView(auth_views.LogoutView):
    def get_redirect_url(self) -> str:
        return safe_next(self.request, "")
