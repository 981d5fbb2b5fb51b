"""The account page ``/accounts/api-tokens/``: the user's live tokens (name, scope, created,
last used), a form to create one (the token is shown once, on the answer to that POST) and
revoke buttons (POST)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from teichaku.web.accounts.mfa import passed_mfa
from teichaku.web.api import tokens
from teichaku.web.api.models import Scope
from teichaku.web.offices.models import Role as OfficeRole


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("名前（用途）"), max_length=100, required=False)
    scope = forms.ChoiceField(label=gettext_lazy("権限の範囲"), choices=Scope.choices)


def _second_factor_ok(request: HttpRequest) -> bool:
    """A 管理者 reaches office data on the web only after TOTP (`accounts.mfa`): so does the
    token that exports it."""
    admin = any(m.role == OfficeRole.ADMIN for m in tokens.export_memberships(request.user))
    return not admin or passed_mfa(request)


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    created = ""
    if request.method == "POST" and form.is_valid():
        scope = form.cleaned_data["scope"]
        try:
            if scope == Scope.OFFICE_EXPORT and not _second_factor_ok(request):
                raise tokens.TokenError(
                    _("事業所データの書き出しには、2段階認証でサインインしてから作成してください")
                )
            _row, created = tokens.create_token(request.user, scope, form.cleaned_data["name"])
        except tokens.TokenError as error:
            form.add_error("scope", str(error))
        else:
            form = TokenForm()
    context = {
        "form": form,
        "created": created,
        "tokens": tokens.tokens_of(request.user),
        "may_export": bool(tokens.export_memberships(request.user)),
    }
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    if not tokens.revoke(request.user, token_id):
        raise Http404
    messages.success(request, _("API トークンを無効にしました。"))
    return redirect("accounts:api_tokens")
