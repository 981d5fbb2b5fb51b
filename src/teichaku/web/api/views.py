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

from teichaku.web.api import tokens
from teichaku.web.api.models import Scope


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("名前（用途）"), max_length=100, required=False)
    scope = forms.ChoiceField(label=gettext_lazy("権限の範囲"), choices=Scope.choices)


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    created = ""
    if request.method == "POST" and form.is_valid():
        try:
            _row, created = tokens.create_token(
                request.user, form.cleaned_data["scope"], form.cleaned_data["name"]
            )
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
