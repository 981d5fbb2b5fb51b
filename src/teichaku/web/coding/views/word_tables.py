"""The project's synonym table and compound words on the web: the page (GET), one POST view
per write (add, remove, upload), and the files in the CLI's formats."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from teichaku.web.accounts.permissions import Action, may
from teichaku.web.coding import word_tables as tables
from teichaku.web.coding.access import project_for
from teichaku.web.coding.forms import UploadForm
from teichaku.web.coding.services import CodingInputError
from teichaku.web.coding.views.common import file_response, post_form
from teichaku.web.coding.word_forms import CompoundForm, RowForm, SynonymForm
from teichaku.web.uploads import read_upload


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


def _back(token: str) -> str:
    return reverse("coding:word_tables", args=[token])


@login_required
@require_POST
def add_synonym(request: HttpRequest, token: str) -> HttpResponse:
    project, _role = project_for(request, token, Action.ANALYSE)

    def add(data: dict[str, Any]) -> str:
        tables.add_synonym(project, data["variant"], data["word"])
        return _("同義語を追加しました")

    return post_form(request, SynonymForm(request.POST), _back(token), add, (CodingInputError,))


@login_required
@require_POST
def add_compound(request: HttpRequest, token: str) -> HttpResponse:
    project, _role = project_for(request, token, Action.ANALYSE)

    def add(data: dict[str, Any]) -> str:
        tables.add_compound(project, data["word"])
        return _("複合語を追加しました")

    return post_form(request, CompoundForm(request.POST), _back(token), add, (CodingInputError,))


@login_required
@require_POST
def remove_row(request: HttpRequest, token: str, table: str) -> HttpResponse:
    """Remove one row (its number on the page) of the synonym or the compound table."""
    project, _role = project_for(request, token, Action.ANALYSE)
    if table not in ("synonyms", "compounds"):
        raise Http404
    remove_from = tables.remove_synonym if table == "synonyms" else tables.remove_compound

    def remove(data: dict[str, Any]) -> str:
        remove_from(project, data["row"])
        return _("%(n)d 行目を削除しました") % {"n": data["row"]}

    return post_form(request, RowForm(request.POST), _back(token), remove, (CodingInputError,))


@login_required
@require_POST
def upload_table(request: HttpRequest, token: str, table: str) -> HttpResponse:
    """Replace the synonym table (``variant,word`` CSV) or the compound words (one a line)
    with a file's; nothing changes when any row is refused."""
    project, _role = project_for(request, token, Action.ANALYSE)
    if table not in ("synonyms", "compounds"):
        raise Http404
    replace = tables.replace_synonyms if table == "synonyms" else tables.replace_compounds

    def upload(data: dict[str, Any]) -> str:
        n = replace(project, read_upload(data["file"]), data["file"].name)
        return _("%(n)d 行を取り込みました") % {"n": n}

    return post_form(request, UploadForm(request.POST, request.FILES), _back(token), upload)


@login_required
@require_GET
def table_download(request: HttpRequest, token: str, name: str) -> HttpResponse:
    project, _role = project_for(request, token, Action.VIEW)
    if name == "synonyms.csv":
        return file_response(tables.synonyms_file(project), "text/csv", name)
    if name == "compounds.txt":
        return file_response(tables.compounds_file(project), "text/plain", name)
    raise Http404
