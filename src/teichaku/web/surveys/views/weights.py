"""Raking targets of a survey: the population shares its downloads are weighted to.

A weight column does not apply to answers given on the web, so the desk offers raking only:
a targets CSV (question, option, share) is checked by the core (`tabulate.raking`) against
the instrument and the answers so far, stored on the survey, and used by every download
(report.html, report.xlsx, tables.json). The refusals are the core's, in the page's language.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teichaku.web.accounts.permissions import Action
from teichaku.web.surveys import services
from teichaku.web.surveys.access import survey_for
from teichaku.web.surveys.forms import RakingForm
from teichaku.web.uploads import UploadTooLarge, read_upload, said


@login_required
@require_http_methods(["GET", "POST"])
def raking(request: HttpRequest, token: str) -> HttpResponse:
    from teichaku.tabulate.raking import TargetsError

    survey, _role = survey_for(request, token, Action.ANALYSE)
    form = RakingForm(request.POST or None, request.FILES or None)
    problem = ""
    if request.method == "POST" and "clear" in request.POST:
        services.clear_raking_targets(survey)
        messages.success(request, _("重み付けをやめました。ダウンロードは重みなしの集計です。"))
        return HttpResponseRedirect(reverse("surveys:weights", args=[survey.token]))
    if request.method == "POST" and form.is_valid():
        upload = request.FILES.get("targets")
        assert isinstance(upload, UploadedFile)
        try:
            services.set_raking_targets(survey, read_upload(upload), upload.name or "targets.csv")
        except (TargetsError, UnicodeDecodeError) as error:
            problem = said(error)
        except UploadTooLarge as error:
            problem = error.message
        else:
            messages.success(request, _("構成比を保存しました。ダウンロードは重み付きの集計です。"))
            return HttpResponseRedirect(reverse("surveys:weights", args=[survey.token]))
    weighting, stale = None, False
    if survey.raking_targets and not problem:
        try:
            weighting = services.survey_tables(survey, weighted=True)[1].weighting
        except TargetsError as error:
            problem, stale = said(error), True
    margins = []
    if weighting is not None:
        instrument = services.instrument_of(survey)
        for share in weighting.targets:
            question = instrument.question(share.question)
            option = next(o for o in question.options if o.value == share.option)
            margins.append((question.label, option.label, share))
    context = {
        "survey": survey,
        "form": form,
        "problem": problem,
        "stale": stale,
        "weighting": weighting,
        "margins": margins,
    }
    return render(
        request, "surveys/desk/weights.html", context, status=400 if problem and not stale else 200
    )
