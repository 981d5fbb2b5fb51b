"""The respondents' side of a survey, seen from the desk: the consent page's texts, a preview
of the form, the public link's QR code, and closing with a confirmation.

The preview renders the respondent's templates from the instrument and stores nothing: no
form token, no rate-limit count, no answer.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teichaku.instrument import pick_label
from teichaku.instrument.pages import introduction
from teichaku.web.accounts.permissions import Action
from teichaku.web.surveys import services
from teichaku.web.surveys.access import survey_for
from teichaku.web.surveys.forms import ConsentForm, language, page_view
from teichaku.web.surveys.models import CONSENT_FIELDS, Survey


def public_url(request: HttpRequest, survey: Survey) -> str:
    """The absolute address respondents open: TEICHAKU_BASE_URL when set, else this request's."""
    path = reverse("surveys:start", args=[survey.token])
    base = str(settings.TEICHAKU_BASE_URL)
    return base + path if base else request.build_absolute_uri(path)


def _qr(request: HttpRequest, survey: Survey):  # type: ignore[no-untyped-def]
    import segno

    return segno.make(public_url(request, survey), error="m")


def qr_svg_inline(request: HttpRequest, survey: Survey) -> str:
    """The QR code as an SVG element, to put in the page."""
    svg: str = _qr(request, survey).svg_inline(
        scale=4, title=_("回答用URLのQRコード"), svgclass="qr-code"
    )
    return svg


@login_required
@require_GET
def qr_code(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    """The public link's QR code as a download: `qr.svg` or `qr.png`."""
    import io

    survey, _role = survey_for(request, token, Action.PREPARE)
    buffer = io.BytesIO()
    if kind == "svg":
        _qr(request, survey).save(buffer, kind="svg", scale=10, border=4)
        content_type = "image/svg+xml"
    else:
        _qr(request, survey).save(buffer, kind="png", scale=10, border=4)
        content_type = "image/png"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="qr.{kind}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, token: str) -> HttpResponse:
    """The consent page's texts: who runs the survey, what for, whom to ask, ethics review."""
    survey, _role = survey_for(request, token, Action.PREPARE)
    form = ConsentForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        services.set_consent(survey, **{name: form.cleaned_data[name] for name in CONSENT_FIELDS})
        messages.success(request, _("同意ページを保存しました。"))
        return HttpResponseRedirect(reverse("surveys:consent", args=[survey.token]))
    return render(
        request,
        "surveys/desk/consent.html",
        {"survey": survey, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def preview(request: HttpRequest, token: str) -> HttpResponse:
    """The respondent's form as respondents see it, page by page (0 is the consent page),
    whatever the survey's state; nothing is stored and nothing can be sent."""
    survey, _role = survey_for(request, token, Action.PREPARE)
    instrument = services.instrument_of(survey)
    pages = services.pages_of(survey)
    try:
        index = min(max(int(request.GET.get("page", "0")), 0), len(pages))
    except ValueError:
        index = 0
    context: dict[str, object] = {
        "survey": survey,
        "title": survey.title or pick_label(instrument.titles, language()),
        "index": index,
        "total": len(pages),
        "previous_page": index - 1 if index > 0 else None,
        "next_page": index + 1 if index < len(pages) else None,
    }
    if index == 0:
        context["notes"] = [pick_label(n.labels, language()) for n in introduction(instrument)]
        context["pages"] = len(pages)
    else:
        context["page"] = page_view(
            instrument, pages[index - 1], index, len(pages), {}, {}, every_question=True
        )
    return render(request, "surveys/public/preview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def set_status(request: HttpRequest, token: str) -> HttpResponse:
    """Reopen at once; close only after a confirmation page (a POST with `confirm=yes`)."""
    survey, _role = survey_for(request, token, Action.MANAGE)
    is_open = request.POST.get("open") == "1"
    if request.method == "GET" or (not is_open and request.POST.get("confirm") != "yes"):
        return render(request, "surveys/desk/close.html", {"survey": survey})
    services.set_open(survey, is_open)
    messages.success(
        request, _("回答の受付を再開しました。") if is_open else _("回答の受付を終了しました。")
    )
    return HttpResponseRedirect(reverse("surveys:results", args=[survey.token]))
