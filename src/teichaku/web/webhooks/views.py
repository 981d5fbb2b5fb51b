"""The desk's webhook page (owners only): register a URL, see its secret once, rotate it,
switch it off or delete it; every delivery with its tries and the receiver's answers, and a
redeliver button."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from teichaku.web.accounts.permissions import Action
from teichaku.web.surveys.access import survey_for
from teichaku.web.surveys.models import Survey
from teichaku.web.webhooks import delivery as sending
from teichaku.web.webhooks.addresses import RefusedURL, check_url
from teichaku.web.webhooks.models import Attempt, Delivery, Webhook, new_secret

SHOWN_DELIVERIES = 50


class WebhookForm(forms.Form):
    url = forms.CharField(
        label=gettext_lazy("送信先 URL"),
        max_length=500,
        help_text=gettext_lazy("https:// で始まる、受け取る側のサーバーの URL"),
    )

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"].strip()
        try:
            check_url(url)
        except RefusedURL as refusal:
            raise forms.ValidationError(str(refusal)) from refusal
        return url


def _page(
    request: HttpRequest,
    survey: Survey,
    form: WebhookForm,
    secret: tuple[Webhook, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    deliveries = (
        Delivery.objects.filter(webhook__survey=survey)
        .select_related("webhook")
        .prefetch_related(Prefetch("attempts", queryset=Attempt.objects.order_by("at", "id")))
        .defer("body")[:SHOWN_DELIVERIES]
    )
    context = {
        "survey": survey,
        "form": form,
        "webhooks": Webhook.objects.filter(survey=survey),
        "deliveries": deliveries,
        "secret": secret,
        "schedule": [_minutes(s) for s in sending.retry_seconds()],
        "tries": len(sending.retry_seconds()) + 1,
    }
    return render(request, "webhooks/desk.html", context, status=status)


def _minutes(seconds: int) -> str:
    if seconds < 60:
        return _("%(n)d秒") % {"n": seconds}
    if seconds < 3600:
        return _("%(n)d分") % {"n": seconds // 60}
    return _("%(n)d時間") % {"n": seconds // 3600}


@login_required
@require_http_methods(["GET", "POST"])
def webhooks(request: HttpRequest, token: str) -> HttpResponse:
    survey, _role = survey_for(request, token, Action.MANAGE)
    form = WebhookForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return _page(request, survey, form, status=400)
        user = request.user if isinstance(request.user, User) else None
        hook = Webhook.objects.create(survey=survey, url=form.cleaned_data["url"], created_by=user)
        return _page(request, survey, WebhookForm(), secret=(hook, hook.secret))
    sending.sweep_soon()
    return _page(request, survey, form)


@login_required
@require_POST
def webhook_action(request: HttpRequest, token: str, hook_id: int) -> HttpResponse:
    survey, _role = survey_for(request, token, Action.MANAGE)
    hook = get_object_or_404(Webhook, pk=hook_id, survey=survey)
    action = request.POST.get("action", "")
    if action == "rotate":
        hook.secret = new_secret()
        hook.save(update_fields=["secret"])
        return _page(request, survey, WebhookForm(), secret=(hook, hook.secret))
    if action in ("disable", "enable"):
        hook.active = action == "enable"
        hook.save(update_fields=["active"])
        messages.success(
            request, _("送信を再開しました。") if hook.active else _("送信を止めました。")
        )
    elif action == "delete":
        hook.delete()
        messages.success(request, _("送信先を削除しました。"))
    else:
        return _page(request, survey, WebhookForm(), status=400)
    return HttpResponseRedirect(reverse("surveys:webhooks", args=[survey.token]))


@login_required
@require_POST
def redeliver(request: HttpRequest, token: str, delivery_id: str) -> HttpResponse:
    survey, _role = survey_for(request, token, Action.MANAGE)
    found = get_object_or_404(Delivery, pk=delivery_id, webhook__survey=survey)
    sending.redeliver(found)
    messages.success(request, _("もう一度送信します。結果はこの一覧に表示されます。"))
    return HttpResponseRedirect(reverse("surveys:webhooks", args=[survey.token]))
