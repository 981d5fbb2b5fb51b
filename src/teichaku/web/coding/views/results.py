"""After coding: the comparison (agreement, disagreements to settle), the results, and the
downloads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teichaku.coding import Answer, Codebook, codebook_to_csv, codings_to_csv
from teichaku.coding.agreement import FinalCoding, agreement, disagreements
from teichaku.web.accounts.permissions import Action, may
from teichaku.web.coding import services
from teichaku.web.coding.access import project_for
from teichaku.web.coding.forms import CrossByForm, DecideForm
from teichaku.web.coding.models import AnswerItem, CodingProject, Review
from teichaku.web.coding.views.answers import attribute_labels
from teichaku.web.coding.views.common import file_response, me, parameters, say_errors


@login_required
@require_http_methods(["GET", "POST"])
def compare(request: HttpRequest, token: str) -> HttpResponse:
    project, role = project_for(request, token, Action.VIEW)
    if request.method == "POST":
        project, role = project_for(request, token, Action.ANALYSE)
        if "reveal" in request.POST:
            services.reveal(project)
        elif "answer" in request.POST:
            _decide(request, project)
        return redirect("coding:compare", token=token)
    context: dict[str, Any] = {
        "project": project,
        "role": role,
        "can_edit": may(role, Action.ANALYSE),
    }
    if project.revealed:
        context.update(_comparison(project))
    return render(request, "coding/compare.html", context)


def _decide(request: HttpRequest, project: CodingProject) -> None:
    form = DecideForm(request.POST)
    if not form.is_valid():
        say_errors(request, form)
        return
    answer = AnswerItem.objects.filter(project=project, pk=form.cleaned_data["answer"]).first()
    if answer is None:
        raise Http404
    try:
        services.decide(project, answer, request.POST.getlist("code"), me(request))
    except services.CodingInputError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("決定を保存しました"))


def _comparison(project: CodingProject) -> dict[str, Any]:
    codings = services.codings_of(project)
    book = services.codebook_of(project)
    coders = sorted({c.coder for c in codings})
    context: dict[str, Any] = {"coders": coders}
    if len(coders) >= 2:
        context["report"] = agreement(codings, book)
    final = services.final_of(project)
    decided = set(
        project.answers.filter(decision__isnull=False).values_list("response_id", flat=True)
    )
    positions = dict(project.answers.values_list("response_id", "pk"))
    texts = dict(project.answers.values_list("response_id", "text"))
    labels = {c.value: c.label for c in book.codes}
    context["disagreements"] = [
        {
            "d": d,
            "answer_pk": positions[d.unit[0]],
            "text": texts[d.unit[0]],
            "by_coder": [(k, sorted(labels.get(v, v) for v in s)) for k, s in d.by_coder.items()],
            "decided": d.unit[0] in decided,
            "union": [c for c in book.codes if any(c.value in s for s in d.by_coder.values())],
        }
        for d in disagreements(codings)
    ]
    context["unsettled"] = len(final.unsettled)
    context["categories"] = book.codes
    return context


def _results_inputs(project: CodingProject) -> tuple[list[Answer], FinalCoding, Codebook]:
    final = services.final_of(project)
    return services.answers_of(project), final, services.codebook_of(project)


def _option_labels(project: CodingProject, attribute: str) -> list[str]:
    """The attribute question's option labels in the instrument's (scale) order, when the
    project's answers came from a survey; else none (groups in order of appearance)."""
    if project.survey is None:
        return []
    from teichaku.web.surveys.services import instrument_of

    instrument = instrument_of(project.survey)
    if attribute not in {q.name for q in instrument.questions}:
        return []
    return [option.label for option in instrument.question(attribute).options]


@login_required
@require_GET
def results(request: HttpRequest, token: str) -> HttpResponse:
    project, role = project_for(request, token, Action.VIEW)
    if not services.results_open(project):
        return render(
            request, "coding/results.html", {"project": project, "hidden": True, "role": role}
        )
    from teichaku.coding.answers import text_question
    from teichaku.tabulate.matrix import (
        case_code_matrix,
        co_occurrence,
        coded_table,
        cross_by_attribute,
    )

    answers, final, book = _results_inputs(project)
    question = text_question(project.question, project.question_label)
    table = coded_table(answers, final.codings, book, question)
    pairs = co_occurrence(case_code_matrix(answers, final.codings, book))
    labels_of = attribute_labels(project)
    names = list(labels_of)
    form = CrossByForm(request.GET, labels_of)
    given, status = parameters(request, form)
    by = given.get("by") or (names[0] if names else "")
    cross = None
    if by in names:
        order = _option_labels(project, by)
        cross = cross_by_attribute(answers, final.codings, book, by, question, order)
    return render(
        request,
        "coding/results.html",
        {
            "project": project,
            "role": role,
            "table": table,
            "unsettled": len(final.unsettled),
            "pairs": [(pairs.labels[i], list(row)) for i, row in enumerate(pairs.counts.tolist())],
            "pair_labels": pairs.labels,
            "cross": cross,
            "attribute_labels": labels_of,
            "by": by,
            "by_label": labels_of.get(by, by),
            "single": not project.revealed,
            "unread": len(
                {a.response_id for a in answers if a.is_description}
                - {c.response_id for c in final.codings}
                - {d.unit[0] for d in final.unsettled}
            ),
        },
        status=status,
    )


@login_required
@require_GET
def download(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    project, _role = project_for(request, token, Action.VIEW)
    book = services.codebook_of(project)
    if kind == "codebook.csv":
        return file_response(codebook_to_csv(book).encode("utf-8-sig"), "text/csv", kind)
    if kind == "codebook.qdc":
        from teichaku.coding.refi_qda import codebook_to_qdc

        return file_response(codebook_to_qdc(book), "application/xml", kind)
    if not services.results_open(project):
        raise Http404
    from teichaku.tabulate.matrix import case_code_matrix

    answers, final, book = _results_inputs(project)
    if kind == "matrix.csv":
        return file_response(
            case_code_matrix(answers, final.codings, book).to_csv().encode("utf-8-sig"),
            "text/csv",
            kind,
        )
    if kind == "matrix.xlsx":
        return file_response(
            case_code_matrix(answers, final.codings, book).to_xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            kind,
        )
    if kind == "final-codings.csv":
        return file_response(codings_to_csv(final.codings).encode("utf-8-sig"), "text/csv", kind)
    if kind == "project.qdpx":
        from teichaku.coding.refi_qda import QdaProject, project_to_qdpx

        memos = {
            (rid, project.question, name): memo
            for rid, name, memo in Review.objects.filter(answer__project=project)
            .exclude(memo="")
            .values_list("answer__response_id", "coder__username", "memo")
        }
        data = project_to_qdpx(
            QdaProject(
                project.name,
                {project.question: book},
                answers,
                [*services.codings_of(project), *final.codings],
                memos,
                {project.question: project.question_label or project.question},
            )
        )
        return file_response(data, "application/zip", kind)
    raise Http404
