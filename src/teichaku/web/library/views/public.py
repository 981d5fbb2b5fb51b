"""Public pages without login: the list with search and facets, the case with similar
cases, the Atom feed and the CSV download (the JSON list is the API's: `web/api/practices.py`).
Only published cases."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teichaku.cells import csv_row
from teichaku.library.case import CHANNELS, LICENCE_LABEL, PARTNERS, TEXT_FIELDS
from teichaku.library.challenges import challenge_labels
from teichaku.library.finding import Document, query_terms, search, similar
from teichaku.library.prefecture_map import tile_map_svg
from teichaku.library.prefectures import PREFECTURES
from teichaku.web.library import questions
from teichaku.web.library.forms import QuestionForm, SearchForm
from teichaku.web.library.models import PracticeCase, State
from teichaku.web.library.workflow import case_for, open_flags

PAGE_SIZE = 20


def published() -> QuerySet[PracticeCase]:
    return PracticeCase.objects.filter(state=State.PUBLISHED).select_related("office")


def _document(case: PracticeCase) -> Document:
    body = "\n".join(str(getattr(case, name)) for name, _label in TEXT_FIELDS[1:])
    return Document(str(case.public_id), case.title, body)


def found_cases(params: Any) -> tuple[SearchForm, list[PracticeCase]]:
    """The published cases matching the query and facets, best first (newest first
    without a query)."""
    form = SearchForm(params)
    cases = published().order_by("-published_at", "-id")
    if not form.is_valid():
        return form, []
    data = form.cleaned_data
    for term in query_terms(data["q"]):
        cases = cases.filter(search_index__contains=term)
    for name, value in (("prefecture", data["prefecture"]), ("network", data["network"])):
        if value:
            cases = cases.filter(**{name: value})
    found = list(cases)
    for name, value in (
        ("challenges", data["challenge"]),
        ("partners", data["partner"]),
        ("channels", data["channel"]),
    ):
        if value:  # JSON lists: filtered here, the same on SQLite and PostgreSQL
            found = [c for c in found if value in getattr(c, name)]
    if data["q"]:
        by_key = {str(c.public_id): c for c in found}
        found = [by_key[d.key] for d in search(data["q"], [_document(c) for c in found])]
    return form, found


def labelled(case: PracticeCase) -> dict[str, Any]:
    labels = challenge_labels()
    partners, channels = dict(PARTNERS), dict(CHANNELS)
    return {
        "case": case,
        "challenges": [(k, labels.get(k, k)) for k in case.challenges],
        "partners": [partners.get(k, k) for k in case.partners],
        "channels": [channels.get(k, k) for k in case.channels],
        "author": case.author_name
        or (case.office.name if case.office and case.author_shown else ""),
    }


def practice_list(request: HttpRequest) -> HttpResponse:
    form, found = found_cases(request.GET)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "library/list.html",
        {
            "form": form,
            "page": page,
            "items": [labelled(c) for c in page.object_list],
            "query": query.urlencode(),
            "total": len(found),
        },
    )


def practice_case(request: HttpRequest, case_id: UUID) -> HttpResponse:
    return _case_page(request, case_for(request.user, case_id), QuestionForm())


@require_POST
def ask(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """A reader's question to the author office: kept and relayed by e-mail (`questions`)."""
    case = case_for(request.user, case_id)
    if case.state != State.PUBLISHED:
        raise Http404
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return _case_page(request, case, form, status=400)
    if not questions.allowed(request):
        form.add_error(
            None,
            _("質問が続けて送られたため、しばらく受け付けません。時間をおいてお試しください。"),
        )
        return _case_page(request, case, form, status=429)
    data = form.cleaned_data
    try:
        questions.relay(request, case, data["name"], data["reply_to"], data["body"])
    except questions.NotSent as problem:
        form.add_error(None, str(problem))
        return _case_page(request, case, form, status=503)
    messages.success(
        request,
        _("質問を送りました。返信は、入力したメールアドレスに事業所から届きます。"),
    )
    return redirect("library:case", case_id=case.public_id)


def _case_page(
    request: HttpRequest, case: PracticeCase, question: QuestionForm, status: int = 200
) -> HttpResponse:
    near: list[dict[str, Any]] = []
    if case.state == State.PUBLISHED:
        others = list(published())
        by_key = {str(c.public_id): c for c in others}
        near = [
            labelled(by_key[d.key])
            for d, _score in similar(str(case.public_id), [_document(c) for c in others])
        ]
    return render(
        request,
        "library/case.html",
        {
            **labelled(case),
            "similar": near,
            "licence": LICENCE_LABEL,
            "flags": open_flags(case) if case.state != State.PUBLISHED else [],
            "revisions": case.versions.exclude(revision_note="").order_by("number"),
            "question": question if question.is_bound or questions.recipients(case) else None,
        },
        status=status,
    )


def practice_map(request: HttpRequest) -> HttpResponse:
    """Cases per prefecture: the tile map (each tile links to the list) and a table."""
    counts = Counter(published().values_list("prefecture", flat=True))
    svg = tile_map_svg(
        counts,
        _("都道府県別の実践事例の件数"),
        href=lambda name: f"{reverse('library:list')}?{urlencode({'prefecture': name})}",
    )
    rows = [(name, counts.get(name, 0)) for name in PREFECTURES]
    return render(request, "library/map.html", {"svg": mark_safe(svg), "rows": rows})


def practice_feed(request: HttpRequest) -> HttpResponse:
    feed = Atom1Feed(
        title=_("実践事例 | teichaku"),
        link=request.build_absolute_uri(reverse("library:list")),
        description=_("就労定着支援の実践事例"),
        language="ja",
        feed_url=request.build_absolute_uri(reverse("library:feed")),
    )
    for case in published().order_by("-published_at", "-id")[:50]:
        feed.add_item(
            title=case.title,
            link=request.build_absolute_uri(reverse("library:case", args=[case.public_id])),
            description=case.situation,
            unique_id=f"urn:uuid:{case.public_id}",
            pubdate=case.published_at,
            updateddate=case.updated_at,
        )
    return HttpResponse(
        feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8"
    )


CSV_COLUMNS = (
    "id", "title", "challenges", "prefecture", "network", "partners", "channels",
    "situation", "actions", "outcome", "cautions", "author_office", "published_at",
    "revision_note", "url", "licence",
)  # fmt: skip


def practice_csv(request: HttpRequest) -> HttpResponse:
    _form, found = found_cases(request.GET)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for case in found:
        url = request.build_absolute_uri(reverse("library:case", args=[case.public_id]))
        author = labelled(case)["author"]
        writer.writerow(
            csv_row(
                [
                    case.public_id, case.title, ";".join(case.challenges), case.prefecture,
                    case.network, ";".join(case.partners), ";".join(case.channels),
                    case.situation, case.actions, case.outcome, case.cautions, author,
                    case.published_at.isoformat() if case.published_at else "",
                    case.revision_note, url, "CC-BY-4.0",
                ]
            )
        )  # fmt: skip
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="practices.csv"'
    return response
