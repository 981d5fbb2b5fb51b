"""The project's synonym table and compound words on the web: the page (GET), one POST view
per write (add, remove, upload), and the files in the CLI's formats."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from teichaku.web.accounts.permissions import Action, may
from teichaku.web.coding import word_tables as tables
from teichaku.web.coding.access import project_for
from teichaku.web.coding.forms import UploadForm
from teichaku.web.coding.services import CodingInputError
from teichaku.web.coding.views.answers import say_errors
from teichaku.web.coding.views.common import file_response
from teichaku.web.coding.word_forms import CompoundForm, RowForm, SynonymForm
from teichaku.web.uploads import read_upload, said


@login_required
@require_GET
def word_tables(request: HttpRequest, token: str) -> HttpResponse:
    project, role = project_for(request, token, Action.VIEW)
    return render(
        request,
        "coding/word_tables.html",
        {
            "project": project,
            "can_edit": may(role, Action.ANALYSE),
            "synonyms": list(project.synonyms.all()),
            "compounds": list(project.compounds.all()),
        },
    )


def _done(request: HttpRequest, token: str) -> HttpResponse:
    return redirect("coding:word_tables", token=token)


@login_required
@require_POST
def add_synonym(request: HttpRequest, token: str) -> HttpResponse:
    project, _role = project_for(request, token, Action.ANALYSE)
    form = SynonymForm(request.POST)
    if not form.is_valid():
        say_errors(request, form)
        return _done(request, token)
    try:
        tables.add_synonym(project, form.cleaned_data["variant"], form.cleaned_data["word"])
    except CodingInputError as error:
        messages.error(request, said(error))
    else:
        messages.success(request, _("同義語を追加しました"))
    return _done(request, token)


@login_required
@require_POST
def add_compound(request: HttpRequest, token: str) -> HttpResponse:
    project, _role = project_for(request, token, Action.ANALYSE)
    form = CompoundForm(request.POST)
    if not form.is_valid():
        say_errors(request, form)
        return _done(request, token)
    try:
        tables.add_compound(project, form.cleaned_data["word"])
    except CodingInputError as error:
        messages.error(request, said(error))
    else:
        messages.success(request, _("複合語を追加しました"))
    return _done(request, token)


@login_required
@require_POST
def remove_row(request: HttpRequest, token: str, table: str) -> HttpResponse:
    """Remove one row (its number on the page) of the synonym or the compound table."""
    project, _role = project_for(request, token, Action.ANALYSE)
    if table not in ("synonyms", "compounds"):
        raise Http404
    form = RowForm(request.POST)
    if not form.is_valid():
        say_errors(request, form)
        return _done(request, token)
    row = form.cleaned_data["row"]
    try:
        if table == "synonyms":
            tables.remove_synonym(project, row)
        else:
            tables.remove_compound(project, row)
    except CodingInputError as error:
        messages.error(request, said(error))
    else:
        messages.success(request, _("%(n)d 行目を削除しました") % {"n": row})
    return _done(request, token)


@login_required
@require_POST
def upload_table(request: HttpRequest, token: str, table: str) -> HttpResponse:
    """Replace the synonym table (``variant,word`` CSV) or the compound words (one a line)
    with a file's; nothing changes when any row is refused."""
    project, _role = project_for(request, token, Action.ANALYSE)
    if table not in ("synonyms", "compounds"):
        raise Http404
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        say_errors(request, form)
        return _done(request, token)
    file = form.cleaned_data["file"]
    try:
        data = read_upload(file)
        if table == "synonyms":
            n = tables.replace_synonyms(project, data, file.name)
        else:
            n = tables.replace_compounds(project, data, file.name)
    except (CodingInputError, ValueError) as error:
        messages.error(request, said(error))
    else:
        messages.success(request, _("%(n)d 行を取り込みました") % {"n": n})
    return _done(request, token)


@login_required
@require_GET
def table_download(request: HttpRequest, token: str, name: str) -> HttpResponse:
    project, _role = project_for(request, token, Action.VIEW)
    if name == "synonyms.csv":
        return file_response(tables.synonyms_file(project), "text/csv", name)
    if name == "compounds.txt":
        return file_response(tables.compounds_file(project), "text/plain", name)
    raise Http404
