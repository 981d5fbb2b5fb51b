"""A coder's work: the answer list, coding one answer, importing codings, and how far the
suggesters can be trusted."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models.fields.json import KeyTransform
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from teichaku.coding.codings import substantive
from teichaku.web.accounts.permissions import Action, may
from teichaku.web.coding import changes, services
from teichaku.web.coding.access import project_for
from teichaku.web.coding.forms import AnswerFilterForm, CodeAnswerForm, UploadForm
from teichaku.web.coding.jobs import CODINGS_IMPORT
from teichaku.web.coding.models import AnswerItem, CodingProject, Review
from teichaku.web.coding.suggesters import learned_for
from teichaku.web.coding.views.common import (
    last_action,
    me,
    my_codes,
    parameters,
    rules_of,
    say_errors,
)
from teichaku.web.jobs.registry import start as start_job
from teichaku.web.uploads import UploadTooLarge, said

PAGE_SIZE = 50


def attribute_names(project: CodingProject) -> list[str]:
    """The attributes of the project's answers; from a survey, in the instrument's order
    (PostgreSQL's jsonb keeps keys in its own order, so the stored order is not the file's)."""
    first = project.answers.order_by("position").values_list("attributes", flat=True).first()
    names = list(first or {})
    if project.survey is None:
        return names
    from teichaku.web.surveys.services import instrument_of

    order = {q.name: i for i, q in enumerate(instrument_of(project.survey).questions)}
    return sorted(names, key=lambda name: order.get(name, len(order)))


def attribute_labels(project: CodingProject) -> dict[str, str]:
    """Each attribute's name → what a page shows: the survey question's label when the
    project was made from a survey (its attributes are the questions' names), else the name
    (an uploaded answers file's column header, a label already)."""
    names = attribute_names(project)
    if project.survey is None:
        return {name: name for name in names}
    from teichaku.web.surveys.services import instrument_of

    instrument = instrument_of(project.survey)
    known = {q.name: q.label for q in instrument.questions}
    return {name: known.get(name) or name for name in names}


@login_required
@require_GET
def answer_list(request: HttpRequest, token: str) -> HttpResponse:
    project, role = project_for(request, token, Action.VIEW)
    categories = list(project.categories.all())
    labels_of = attribute_labels(project)
    form = AnswerFilterForm(request.GET, [c.value for c in categories], labels_of)
    given, status = parameters(request, form)
    code = given.get("code", "")
    final = given.get("final") == "1" and services.results_open(project)
    answers = project.answers.all()
    if code and final:
        ids = [
            c.response_id for c in substantive(services.final_of(project).codings) if c.code == code
        ]
        answers = answers.filter(response_id__in=ids)
    elif code:
        answers = answers.filter(applied__coder_id=me(request), applied__category__value=code)
    if given.get("uncoded") == "1":
        answers = answers.exclude(reviews__coder_id=me(request))
    query = given.get("q", "").strip()
    if query:
        from teichaku.textform import search_form

        answers = answers.filter(search_text__contains=search_form(query))
    attribute = given.get("attr", "")
    value = given.get("value", "")
    if attribute:
        answers = answers.annotate(_attribute=KeyTransform(attribute, "attributes")).filter(
            _attribute=value
        )
    answers = answers.exclude(text="") if given.get("blank") != "1" else answers
    page = Paginator(answers.order_by("position"), PAGE_SIZE).get_page(given.get("page"))
    items = list(page.object_list)
    mine = my_codes(items, me(request))
    labels = {c.value: c.label for c in categories}
    rows = [{"answer": a, "codes": [labels.get(v, v) for v in mine[a.pk]]} for a in items]
    query_string = request.GET.copy()
    query_string.pop("page", None)
    return render(
        request,
        "coding/answers.html",
        {
            "project": project,
            "role": role,
            "can_code": may(role, Action.ANALYSE),
            "rows": rows,
            "page": page,
            "categories": categories,
            "attribute_labels": labels_of,
            "filters": {
                "code": code,
                "q": query,
                "attr": attribute,
                "value": value,
                "uncoded": given.get("uncoded") == "1",
                "final": final,
            },
            "query_string": query_string.urlencode(),
            "move_from": next((c for c in categories if c.value == code), None)
            if code and not final and may(role, Action.ANALYSE)
            else None,
            "total": project.answers.exclude(text="").count(),
            "seen": Review.objects.filter(answer__project=project, coder_id=me(request)).count(),
            "last": last_action(project, me(request)),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def code_answer(request: HttpRequest, token: str, position: int) -> HttpResponse:
    project, _role = project_for(request, token, Action.ANALYSE)
    answer = AnswerItem.objects.filter(project=project, position=position).first()
    if answer is None:
        raise Http404
    categories = list(project.categories.all())
    if request.method == "POST":
        form = CodeAnswerForm(request.POST)
        try:
            if not form.is_valid():
                say_errors(request, form)
                return redirect("coding:code", token=token, position=position)
            made = changes.code_answer(
                project,
                answer,
                me(request),
                request.POST.getlist("code"),
                form.cleaned_data["memo"],
                form.cleaned_data["new_code"],
                form.cleaned_data["new_parent"],
            )
        except services.CodingInputError as error:
            messages.error(request, said(error))
            return redirect("coding:code", token=token, position=position)
        if made is not None:
            messages.success(request, _("コード「%(l)s」を作って付けました") % {"l": made.label})
            return redirect("coding:code", token=token, position=position)
        following = _neighbour(project, position, after=True)
        if form.cleaned_data["next"] and following is not None:
            return redirect("coding:code", token=token, position=following.position)
        return redirect(reverse("coding:answers", args=[token]) + f"#a{position}")
    review = Review.objects.filter(answer=answer, coder_id=me(request)).first()
    mine = set(my_codes([answer], me(request))[answer.pk])
    from teichaku.coding.suggest import suggest

    learned, refitting = learned_for(project, me(request))
    found = suggest([answer.text], rules_of(request, project), learned)[0]
    labels = {c.value: c.label for c in categories}
    return render(
        request,
        "coding/code.html",
        {
            "project": project,
            "answer": answer,
            "categories": [
                {"c": c, "key": i + 1 if i < 9 else None, "checked": c.value in mine}
                for i, c in enumerate(categories)
            ],
            "memo": review.memo if review else "",
            "attribute_labels": attribute_labels(project),
            "seen": review is not None,
            "suggestions": [{"s": s, "label": labels.get(s.code, s.code)} for s in found],
            "refitting": refitting,
            "last": last_action(project, me(request)),
            "previous": _neighbour(project, position, after=False),
            "following": _neighbour(project, position, after=True),
        },
    )


def _neighbour(project: CodingProject, position: int, *, after: bool) -> AnswerItem | None:
    """The next (or previous) answer with text."""
    answers = project.answers.exclude(text="")
    if after:
        return answers.filter(position__gt=position).order_by("position").first()
    return answers.filter(position__lt=position).order_by("-position").first()


@login_required
@require_POST
def import_codings(request: HttpRequest, token: str) -> HttpResponse:
    """The file is kept in a job that imports it (`coding.jobs`); its page shows the outcome."""
    project, _role = project_for(request, token, Action.ANALYSE)

    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        say_errors(request, form)
        return redirect("coding:answers", token=token)
    title = _("%(project)s：コーディングの取り込み") % {"project": project.name}
    try:
        job = start_job(
            request.user,
            CODINGS_IMPORT,
            title,
            {"project": project.pk},
            form.cleaned_data["file"],
            back=reverse("coding:answers", args=[token]),
        )
    except UploadTooLarge as error:
        messages.error(request, error.message)
        return redirect("coding:answers", token=token)
    return redirect("jobs:job", job_id=job.pk)


@login_required
@require_GET
def suggestions(request: HttpRequest, token: str) -> HttpResponse:
    """How far to trust the suggesters: cross-validated on this coder's own codes."""
    project, _role = project_for(request, token, Action.ANALYSE)
    from teichaku.coding.agreement import coded_sets
    from teichaku.coding.suggest import rules_quality, suggester_quality

    coder = request.user.get_username()
    sets = coded_sets(c for c in services.codings_of(project) if c.coder == coder).get(coder, {})
    answers = [a for a in services.answers_of(project) if a.unit in sets and a.is_description]
    texts = [a.text for a in answers]
    labels = [sets[a.unit] for a in answers]
    book = services.codebook_of(project)
    learned = suggester_quality(texts, labels, book.values) if len(texts) >= 4 else None
    rules = rules_of(request, project)
    by_rules = rules_quality(rules, texts, labels, book.values) if rules and texts else None
    return render(
        request,
        "coding/suggestions.html",
        {
            "project": project,
            "learned": learned,
            "rules": by_rules,
            "names": {c.value: c.label for c in book.codes},
            "n": len(texts),
        },
    )
