"""Waves on the desk: the owner links the previous survey of the same instrument; the results
page then offers the comparison (「前回調査との比較」) as waves.html and waves.json.

Both views reach their survey through `survey_for`; candidates are only the survey's own
team's surveys with the same instrument, and a forged choice is refused by the service.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from teichaku.web.accounts.permissions import Action
from teichaku.web.surveys import waves
from teichaku.web.surveys.access import survey_for
from teichaku.web.surveys.models import Survey
from teichaku.web.uploads import said


class PreviousWaveForm(forms.Form):
    previous = forms.ChoiceField(label=gettext_lazy("前回の調査"), required=False)

    def __init__(self, *args: object, candidates: list[Survey], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["previous"].choices = [  # type: ignore[attr-defined]
            ("", _("（つなげない）")),
            *((s.token, f"{s.title}（{s.created_at:%Y-%m-%d}）") for s in candidates),
        ]


@login_required
@require_http_methods(["GET", "POST"])
def link(request: HttpRequest, token: str) -> HttpResponse:
    """Choose the previous wave (or none) among the team's surveys of the same instrument."""
    survey, _role = survey_for(request, token, Action.MANAGE)
    candidates = waves.wave_candidates(survey)
    current = survey.previous_wave
    if current is not None and current.team_id == survey.team_id and current not in candidates:
        candidates.insert(0, current)
    initial = {"previous": current.token if current is not None else ""}
    form = PreviousWaveForm(request.POST or None, candidates=candidates, initial=initial)
    problem = ""
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["previous"]
        previous = next((s for s in candidates if s.token == chosen), None)
        try:
            waves.link_previous_wave(survey, previous)
        except waves.WaveLinkError as error:
            problem = said(error)
        else:
            if previous is None:
                messages.success(request, _("前回の調査とのつながりを外しました。"))
            else:
                messages.success(request, _("前回の調査をつなげました。"))
            return HttpResponseRedirect(reverse("surveys:results", args=[survey.token]))
    status = 400 if problem or form.errors else 200
    return render(
        request,
        "surveys/desk/waves.html",
        {"survey": survey, "form": form, "problem": problem, "candidates": candidates},
        status=status,
    )


@login_required
@require_GET
def download(request: HttpRequest, token: str, kind: str) -> FileResponse:
    """waves.html or waves.json of the survey and its previous waves."""
    survey, _role = survey_for(request, token, Action.VIEW)
    if kind not in waves.EXPORTS or len(waves.wave_chain(survey)) < 2:
        raise Http404
    with tempfile.TemporaryDirectory() as folder:
        path = waves.write_waves_export(survey, kind, Path(folder))
        handle = path.open("rb")  # open before the folder goes, as the other downloads
    return FileResponse(handle, as_attachment=True, filename=kind, content_type=waves.EXPORTS[kind])
