"""Free-text answers on the desk: one text question's answers, paged and searchable, and
the same answers as CSV with the respondent's attributes.

Answers are the respondents' personal data: only a role that may read them
(`Action.ANSWERS`) reaches these pages; another team's survey is a 404 (`survey_for`).
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from teichaku.coding.answers import answers_to_csv, text_question_names
from teichaku.instrument import Question
from teichaku.web.accounts.permissions import Action
from teichaku.web.attachment import content_disposition
from teichaku.web.surveys import services
from teichaku.web.surveys.access import survey_for
from teichaku.web.surveys.models import Survey

PER_PAGE = 50


class SearchForm(forms.Form):
    q = forms.CharField(label=_("検索"), required=False, max_length=200, strip=True)


def _question(survey: Survey, name: str) -> Question:
    instrument = services.instrument_of(survey)
    if name not in text_question_names(instrument):
        raise Http404
    return instrument.question(name)


def _search(request: HttpRequest) -> tuple[SearchForm, str]:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    return form, query


@login_required
@require_GET
def texts(request: HttpRequest, token: str, question: str) -> HttpResponse:
    from teichaku.coding.search import search_answers

    survey, _role = survey_for(request, token, Action.ANSWERS)
    asked = _question(survey, question)
    listed = services.text_answers(survey, asked.name)
    form, query = _search(request)
    found = search_answers(listed.answers, query)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "number": page.start_index() + i,
            "text": answer.text,
            "attributes": [answer.attributes.get(a.name, "") for a in listed.attributes],
        }
        for i, answer in enumerate(page.object_list)
    ]
    context = {
        "survey": survey,
        "question": asked,
        "listed": listed,
        "form": form,
        "query": query,
        "found": len(found),
        "page": page,
        "rows": rows,
    }
    return render(
        request, "surveys/desk/texts.html", context, status=200 if form.is_valid() else 400
    )


@login_required
@require_GET
def texts_csv(request: HttpRequest, token: str, question: str) -> HttpResponse:
    """The answers (those matching the search, if one is given) as CSV: response_id,
    question, text and one column per attribute; text never runs as a formula."""
    from teichaku.coding.search import search_answers

    survey, _role = survey_for(request, token, Action.ANSWERS)
    asked = _question(survey, question)
    _form, query = _search(request)
    found = search_answers(services.text_answers(survey, asked.name).answers, query)
    data = answers_to_csv(found).encode("utf-8-sig")  # with a BOM, as data.csv: Excel reads it
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(
        f"{survey.title}_{asked.label[:40]}", "answers.csv"
    )
    return response
