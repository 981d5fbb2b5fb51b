"""The project list and the two ways to make a project: from files, from a survey."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teichaku.coding import CodebookError
from teichaku.coding.answers import AnswersError, answers_from_bytes
from teichaku.web.accounts.access import teams_where
from teichaku.web.accounts.permissions import Action
from teichaku.web.coding import services
from teichaku.web.coding.access import assigned_projects
from teichaku.web.coding.forms import BUILTIN_CHOICES, ProjectForm, SurveyProjectForm
from teichaku.web.coding.models import CodingProject
from teichaku.web.coding.views.common import chosen_codebook, file_response
from teichaku.web.uploads import read_upload, said


@login_required
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    teams = [m.team_id for m in teams_where(request, Action.VIEW)]
    coding = assigned_projects(request)  # a coder's own projects
    projects = CodingProject.objects.filter(Q(team_id__in=teams) | Q(pk__in=coding))
    projects = projects.select_related("team")
    can_create = bool(teams_where(request, Action.IMPORT))
    return render(request, "coding/list.html", {"projects": projects, "can_create": can_create})


@login_required
@require_GET
def csv_template(request: HttpRequest, kind: str) -> HttpResponse:
    """A CSV template for an upload form (codebook, answers, codings), UTF-8 with BOM so a
    spreadsheet opens it as Japanese."""
    from teichaku.coding.templates import TEMPLATES

    if kind not in TEMPLATES:
        raise Http404
    return file_response(TEMPLATES[kind]().encode("utf-8-sig"), "text/csv", kind)


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    memberships = teams_where(request, Action.IMPORT)
    if not memberships:
        raise Http404
    form = ProjectForm(request.POST or None, request.FILES or None)
    team_field = form.fields["team"]
    assert isinstance(team_field, forms.ChoiceField)
    team_field.choices = [(m.team_id, m.team.name) for m in memberships]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        team = next(m.team for m in memberships if str(m.team_id) == data["team"])
        try:
            upload = data["answers"]
            answers = answers_from_bytes(read_upload(upload), upload.name)
            book = chosen_codebook(data, data["question"])
            project = services.create_project(
                team, data["name"], data["question"], data["question_label"], book, answers
            )
        except (AnswersError, CodebookError, ValueError) as error:
            form.add_error(None, said(error))
        else:
            messages.success(request, _("プロジェクトを作りました"))
            return redirect("coding:answers", token=project.token)
    return render(request, "coding/create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def project_from_survey(request: HttpRequest, token: str) -> HttpResponse:
    """A project from one text question of a team's survey: every submission's answer, with
    the survey's single- and multiple-choice answers as the respondent's attributes."""
    from teichaku.coding.answers import answers_from_survey, text_question_names
    from teichaku.web.surveys import services as surveys
    from teichaku.web.surveys.access import survey_for

    survey, _role = survey_for(request, token, Action.IMPORT)
    instrument = surveys.instrument_of(survey)
    labels = {q.name: q.label for q in instrument.questions}
    names = text_question_names(instrument)
    builtin = {value for value, _label in BUILTIN_CHOICES if value}
    first = names[0] if names else ""
    form = SurveyProjectForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "name": f"{survey.title}: {labels.get(first, first)}"[:200],
            "question": first,
            "builtin_codebook": first if first in builtin else "",
        },
    )
    question_field = form.fields["question"]
    assert isinstance(question_field, forms.ChoiceField)
    question_field.choices = [(n, f"{labels[n]} ({n})") for n in names]
    if request.method == "POST" and names and form.is_valid():
        data = form.cleaned_data
        question = data["question"]
        try:
            table = surveys.survey_responses(survey)
            if not table.respondents:
                raise services.CodingInputError(_("このアンケートにはまだ回答がありません"))
            answers = answers_from_survey(table, question)
            book = chosen_codebook(data, question)
            project = services.create_project(
                survey.team, data["name"], question, labels[question], book, answers, survey
            )
        except (AnswersError, CodebookError, ValueError) as error:
            form.add_error(None, said(error))
        else:
            messages.success(request, _("プロジェクトを作りました"))
            return redirect("coding:answers", token=project.token)
    return render(
        request,
        "coding/from_survey.html",
        {
            "survey": survey,
            "form": form,
            "has_text": bool(names),
            "projects": CodingProject.objects.filter(survey=survey, team=survey.team),
        },
    )
