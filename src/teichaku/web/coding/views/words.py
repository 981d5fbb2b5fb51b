"""The words of a project's answers (`teichaku.coding.words`): the word list with its
filters, each word opening its KWIC. Every word view reads the project's synonym table and
compound words through `word_inputs`."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teichaku.coding import Answer
from teichaku.coding.words import NO_TABLES, WordTables, WordTablesError, answers_where, word_list
from teichaku.web.accounts.permissions import Action, may
from teichaku.web.coding import services
from teichaku.web.coding.access import project_for
from teichaku.web.coding.models import CodingProject
from teichaku.web.coding.views.answers import attribute_labels
from teichaku.web.coding.views.common import parameters
from teichaku.web.coding.word_forms import WordsForm
from teichaku.web.coding.word_tables import tables_of

PAGE_SIZE = 100


def word_inputs(
    request: HttpRequest, project: CodingProject, attribute: str = "", value: str = ""
) -> tuple[Sequence[Answer], WordTables]:
    """The project's answers (those whose `attribute` is `value` when given) and its word
    tables; a problem is said on the page and the tables left out, never silently."""
    answers: Sequence[Answer] = services.answers_of(project)
    if attribute:
        try:
            answers = answers_where(answers, attribute, value.strip())
        except WordTablesError:
            answers = ()  # the project's answers have no such attribute: none match
    try:
        tables = tables_of(project)
    except (WordTablesError, services.CodingInputError) as error:
        messages.error(request, _("同義語・複合語の表が使えません: %(e)s") % {"e": error})
        tables = NO_TABLES
    return answers, tables


@login_required
@require_GET
def words(request: HttpRequest, token: str) -> HttpResponse:
    project, role = project_for(request, token, Action.VIEW)
    labels_of = attribute_labels(project)
    form = WordsForm(request.GET, labels_of)
    given, status = parameters(request, form)
    attribute, value = given.get("attr", ""), given.get("value", "")
    answers, tables = word_inputs(request, project, attribute, value)
    pos = form.chosen_pos()
    found = word_list(answers, tables, pos, given.get("min_count") or 1)
    page = Paginator(found.words, PAGE_SIZE).get_page(given.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "coding/words.html",
        {
            "project": project,
            "can_edit": may(role, Action.ANALYSE),
            "page": page,
            "descriptions": found.descriptions,
            "attribute_labels": labels_of,
            "pos_choices": form.fields["pos"].choices,  # type: ignore[attr-defined]
            "pos": pos,
            "filters": {"attr": attribute, "value": value, "min_count": given.get("min_count")},
            "query_string": query.urlencode(),
            "tables": {"synonyms": len(tables.synonyms), "compounds": len(tables.compounds)},
        },
        status=status,
    )
