"""The research desk: surveys of the user's teams, live results, downloads, imports.

Every view reaches its survey through `survey_for` (another team's survey is a 404); every
figure shown comes from the core.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from teichaku.instrument import InstrumentError
from teichaku.instrument.relevance import RelevanceError
from teichaku.web.accounts.access import teams_where
from teichaku.web.accounts.permissions import Action, may
from teichaku.web.attachment import content_disposition
from teichaku.web.jobs.registry import start as start_job
from teichaku.web.surveys import services, waves
from teichaku.web.surveys.access import survey_for
from teichaku.web.surveys.forms import (
    CrossForm,
    ImportForm,
    InvitationForm,
    ScheduleForm,
    SurveyCreateForm,
)
from teichaku.web.surveys.jobs import SURVEY_EXPORT, SURVEY_IMPORT
from teichaku.web.surveys.models import Survey
from teichaku.web.surveys.views import prepare
from teichaku.web.uploads import UploadTooLarge, read_upload, said

if TYPE_CHECKING:
    from teichaku.report.figures import PlannedFigure
    from teichaku.tabulate import SurveyTables


@login_required
@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = services.visible_surveys(request.user)  # type: ignore[arg-type]
    can_create = bool(teams_where(request, Action.MANAGE))
    return render(request, "surveys/desk/list.html", {"surveys": surveys, "can_create": can_create})


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest) -> HttpResponse:
    memberships = teams_where(request, Action.MANAGE)
    if not memberships:
        raise Http404
    teams = [(str(m.team_id), m.team.name) for m in memberships]
    form = SurveyCreateForm(request.POST or None, request.FILES or None, teams=teams)
    problem = ""
    if request.method == "POST" and form.is_valid():
        team = next(m.team for m in memberships if str(m.team_id) == form.cleaned_data["team"])
        upload = request.FILES.get("xlsform")
        try:
            survey = services.create_survey(
                team,
                request.user,  # type: ignore[arg-type]
                title=form.cleaned_data["title"],
                builtin=form.cleaned_data["builtin"],
                upload=(read_upload(upload), upload.name or "form.xlsx") if upload else None,
                invitation_only=form.cleaned_data["invitation_only"],
            )
        except (InstrumentError, RelevanceError, UploadTooLarge) as error:
            problem = said(error)
        else:
            messages.success(request, _("調査を公開しました。"))
            return HttpResponseRedirect(reverse("surveys:results", args=[survey.token]))
    return render(
        request,
        "surveys/desk/create.html",
        {"form": form, "problem": problem},
        status=400 if problem else 200,
    )


def _planned_figures(tables: SurveyTables) -> list[PlannedFigure]:
    # Imported here: matplotlib costs seconds to import, and respondents' pages never need it.
    from teichaku.report.figures import planned_figures

    return list(planned_figures(tables))


def _results_context(request: HttpRequest, survey: Survey, role: str) -> dict[str, object]:
    from teichaku.report.sentences import study_sentence
    from teichaku.tabulate import ChoiceTable

    _responses, tables = services.survey_tables(survey)
    blocks = [
        {
            "table": table,
            "kind": table.question.kind.value,
            "sentence": study_sentence(table) if isinstance(table, ChoiceTable) else None,
        }
        for table in tables.questions
    ]
    figures = [(p.key, p.alt) for p in _planned_figures(tables)] if tables.respondents else []
    return {
        "survey": survey,
        "tables": tables,
        "blocks": blocks,
        "figures": figures,
        "role": role,
        "may_import": may(role, Action.IMPORT),
        "may_manage": may(role, Action.MANAGE),
        "may_analyse": may(role, Action.ANALYSE),
        "exports": [
            kind
            for kind in services.EXPORTS
            if kind not in services.ANSWER_EXPORTS or may(role, Action.ANSWERS)
        ],
        "may_read_answers": may(role, Action.ANSWERS),
        "text_questions": [t.question for t in tables.questions if t.question.kind == "text"],
        "appendix_exports": services.APPENDIX_EXPORTS,
        "schedule_form": _schedule_form(survey) if may(role, Action.MANAGE) else None,
        "public_url": prepare.public_url(request, survey),
        "may_prepare": may(role, Action.PREPARE),
    }


@login_required
@require_GET
def results(request: HttpRequest, token: str) -> HttpResponse:
    survey, role = survey_for(request, token, Action.VIEW)
    context = _results_context(request, survey, role)
    context["cross_form"] = CrossForm(instrument=services.instrument_of(survey))
    context.update(waves.results_context(survey))
    if may(role, Action.PREPARE):
        context["qr"] = prepare.qr_svg_inline(request, survey)
    return render(request, "surveys/desk/results.html", context)


@login_required
@require_GET
def results_tables(request: HttpRequest, token: str) -> HttpResponse:
    """The part of the results page that htmx refreshes every 10 seconds."""
    survey, role = survey_for(request, token, Action.VIEW)
    return render(request, "surveys/desk/_tables.html", _results_context(request, survey, role))


@login_required
@require_GET
def figure(request: HttpRequest, token: str, key: str) -> HttpResponse:
    survey, _role = survey_for(request, token, Action.VIEW)
    _responses, tables = services.survey_tables(survey)
    for plan in _planned_figures(tables):
        if plan.key == key:
            import matplotlib

            from teichaku.report.figures import RC, figure_bytes

            with matplotlib.rc_context(RC):
                svg = figure_bytes(plan.draw(), "svg")
            return HttpResponse(svg, content_type="image/svg+xml")
    raise Http404


@login_required
@require_GET
def cross(request: HttpRequest, token: str) -> HttpResponse:
    survey, _role = survey_for(request, token, Action.ANALYSE)
    instrument = services.instrument_of(survey)
    form = CrossForm(request.GET or None, instrument=instrument)
    from teichaku.tabulate import CrossTableError

    table = None
    problem = ""
    if form.is_valid():
        try:
            table = services.cross_table(
                survey, form.cleaned_data["question"], form.cleaned_data["by"]
            )
        except CrossTableError as error:
            problem = said(error)
    rows = []
    if table is not None:
        rows = [
            {"label": label, "counts": counts, "percents": percents, "total": total}
            for label, counts, percents, total in zip(
                table.row_labels, table.counts, table.column_percent, table.row_totals, strict=True
            )
        ]
    # The report's Japanese wording of the χ² warning (imported here, as the figures are).
    from teichaku.report.wording import cross_warning

    context = {"survey": survey, "form": form, "table": table, "rows": rows, "problem": problem}
    context["warning"] = cross_warning(table) if table is not None else None
    return render(request, "surveys/desk/cross.html", context)


@login_required
@require_GET
def download(request: HttpRequest, token: str, kind: str) -> FileResponse | HttpResponseRedirect:
    """One of `services.EXPORTS`, named after the survey. ``?text_appendix=all`` (or a text
    question's name, repeated) adds the free-text answers to report.html / report.xlsx;
    answers need a role that may read them, as data.csv and data.sav do."""
    from teichaku.tabulate.raking import TargetsError

    survey, role = survey_for(request, token, Action.VIEW)
    if kind not in services.EXPORTS:
        raise Http404
    asked = request.GET.getlist("text_appendix")
    if (kind in services.ANSWER_EXPORTS or asked) and not may(role, Action.ANSWERS):
        raise PermissionDenied
    appendix: tuple[str, ...] = ()
    if asked and kind in services.APPENDIX_EXPORTS:
        from teichaku.report.appendix import AppendixError, appendix_questions

        try:
            appendix = appendix_questions(services.instrument_of(survey), asked)
        except AppendixError:
            raise Http404 from None
    with tempfile.TemporaryDirectory() as folder:
        try:
            path = services.write_export(survey, kind, Path(folder), appendix)
        except TargetsError as error:  # the stored shares no longer fit the answers
            messages.error(request, said(error))
            return HttpResponseRedirect(reverse("surveys:results", args=[survey.token]))
        # Open before the folder goes: the unlinked file stays readable until it is sent.
        handle = path.open("rb")
    response = FileResponse(handle, content_type=services.EXPORTS[kind])
    response["Content-Disposition"] = content_disposition(survey.title, kind)
    return response


@login_required
@require_POST
def export_job(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    """Start writing a download as a background job; its page shows progress and the file."""
    survey, role = survey_for(request, token, Action.VIEW)
    if kind not in services.EXPORTS:
        raise Http404
    if kind in services.ANSWER_EXPORTS and not may(role, Action.ANSWERS):
        raise PermissionDenied
    job = start_job(
        request.user,
        SURVEY_EXPORT,
        _("%(survey)s：%(file)s の作成") % {"survey": survey.title, "file": kind},
        {"survey": survey.pk, "kind": kind},
        back=reverse("surveys:results", args=[survey.token]),
    )
    return redirect("jobs:job", job_id=job.pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_answers(request: HttpRequest, token: str) -> HttpResponse:
    """The upload is kept in a job that imports it (on a worker, or here without a broker);
    its page shows the summary or the values that stopped it."""
    survey, _role = survey_for(request, token, Action.IMPORT)
    form = ImportForm(request.POST or None, request.FILES or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        upload = request.FILES.get("file")
        assert isinstance(upload, UploadedFile)
        title = _("%(survey)s：回答の取り込み") % {"survey": survey.title}
        try:
            job = start_job(
                request.user,
                SURVEY_IMPORT,
                title,
                {"survey": survey.pk},
                upload,
                back=reverse("surveys:results", args=[survey.token]),
            )
        except UploadTooLarge as error:
            problem = error.message
        else:
            return redirect("jobs:job", job_id=job.pk)
    status = 400 if problem else 200
    return render(
        request,
        "surveys/desk/import.html",
        {"survey": survey, "form": form, "problem": problem},
        status=status,
    )


def _schedule_form(survey: Survey) -> ScheduleForm:
    return ScheduleForm(
        initial={
            "opens_at": survey.opens_at,
            "closes_at": survey.closes_at,
            "invitation_only": survey.invitation_only,
        }
    )


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest, token: str) -> HttpResponse:
    """Open and close dates and invitation-only, for the team's owners."""
    survey, _role = survey_for(request, token, Action.MANAGE)
    if request.method == "GET":
        form = _schedule_form(survey)
    else:
        form = ScheduleForm(request.POST)
        if form.is_valid():
            services.set_schedule(
                survey,
                form.cleaned_data["opens_at"],
                form.cleaned_data["closes_at"],
                form.cleaned_data["invitation_only"],
            )
            messages.success(request, _("受付期間を保存しました。"))
            return HttpResponseRedirect(reverse("surveys:results", args=[survey.token]))
    return render(
        request,
        "surveys/desk/schedule.html",
        {"survey": survey, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest, token: str) -> HttpResponse:
    survey, _role = survey_for(request, token, Action.MANAGE)
    form = InvitationForm(request.POST or None)
    codes: list[str] = []
    if request.method == "POST" and form.is_valid():
        codes = services.issue_invitations(survey, form.cleaned_data["count"])
    return render(
        request, "surveys/desk/invitations.html", {"survey": survey, "form": form, "codes": codes}
    )
