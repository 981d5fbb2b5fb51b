"""Coding pages. Thin: every number comes from `teichaku.coding` / `teichaku.tabulate`."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teichaku.coding import CodebookError, CodingsError, codebook_to_csv, codings_to_csv
from teichaku.coding.agreement import agreement, disagreements
from teichaku.coding.answers import AnswersError, answers_from_bytes
from teichaku.coding.codebook import codebook_from_bytes, read_codebooks
from teichaku.coding.codings import codings_from_bytes, substantive
from teichaku.instrument.builtin import builtin_folder
from teichaku.textform import search_form
from teichaku.web.accounts.permissions import Action
from teichaku.web.coding import services
from teichaku.web.coding.access import project_for, teams_where
from teichaku.web.coding.forms import (
    BUILTIN_CHOICES,
    CategoryForm,
    ProjectForm,
    RulesForm,
    SurveyProjectForm,
    UploadForm,
)
from teichaku.web.coding.models import AnswerItem, AppliedCode, CodingProject, Review

PAGE_SIZE = 50


def _me(request: HttpRequest) -> int:
    return int(request.user.pk or 0)


def _read_codebook(data: bytes, name: str, question: str) -> Any:
    if name.lower().endswith(".qdc"):
        from teichaku.coding.refi_qda import codebook_from_qdc

        return codebook_from_qdc(data, question, name)
    return codebook_from_bytes(data, question, name)


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    teams = [m.team_id for m in teams_where(request, Action.VIEW)]
    projects = CodingProject.objects.filter(team_id__in=teams).select_related("team")
    can_create = bool(teams_where(request, Action.IMPORT))
    return render(request, "coding/list.html", {"projects": projects, "can_create": can_create})


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
            answers = answers_from_bytes(upload.read(), upload.name)
            book = _chosen_codebook(data, data["question"])
            project = services.create_project(
                team, data["name"], data["question"], data["question_label"], book, answers
            )
        except (AnswersError, CodebookError, ValueError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("プロジェクトを作りました"))
            return redirect("coding:answers", token=project.token)
    return render(request, "coding/create.html", {"form": form})


def _chosen_codebook(data: dict[str, Any], question: str) -> Any:
    """The built-in codebook picked in a form, else the uploaded file, for `question`."""
    if data["builtin_codebook"]:
        folder = builtin_folder("retention-challenges-2024") / "codebooks"
        book = read_codebooks(folder)[data["builtin_codebook"]]
        return type(book)(question, book.codes)
    file = data["codebook"]
    return _read_codebook(file.read(), file.name, question)


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
            book = _chosen_codebook(data, question)
            project = services.create_project(
                survey.team, data["name"], question, labels[question], book, answers, survey
            )
        except (AnswersError, CodebookError, ValueError) as error:
            form.add_error(None, str(error))
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


def _my_codes(answers: list[AnswerItem], user_id: int) -> dict[int, list[str]]:
    codes: dict[int, list[str]] = {a.pk: [] for a in answers}
    for answer_id, value in AppliedCode.objects.filter(
        answer__in=answers, coder_id=user_id
    ).values_list("answer_id", "category__value"):
        codes[answer_id].append(value)
    return codes


@login_required
def answer_list(request: HttpRequest, token: str) -> HttpResponse:
    project, role = project_for(request, token, Action.VIEW)
    categories = list(project.categories.all())
    answers = project.answers.all()
    code = request.GET.get("code", "")
    final = request.GET.get("final") == "1" and project.revealed
    if code and final:
        ids = [
            c.response_id for c in substantive(services.final_of(project).codings) if c.code == code
        ]
        answers = answers.filter(response_id__in=ids)
    elif code:
        answers = answers.filter(applied__coder_id=_me(request), applied__category__value=code)
    if request.GET.get("uncoded") == "1":
        answers = answers.exclude(reviews__coder_id=_me(request))
    query = request.GET.get("q", "").strip()
    if query:
        answers = answers.filter(search_text__contains=search_form(query))
    attribute = request.GET.get("attr", "")
    value = request.GET.get("value", "")
    if attribute:
        answers = (
            answers.filter(**{f"attributes__{attribute}": value})
            if attribute.isidentifier()
            else answers.none()
        )
    answers = answers.exclude(text="") if request.GET.get("blank") != "1" else answers
    page = Paginator(answers.order_by("position"), PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    mine = _my_codes(items, _me(request))
    labels = {c.value: c.label for c in categories}
    attribute_names = list(items[0].attributes) if items else []
    rows = [{"answer": a, "codes": [labels.get(v, v) for v in mine[a.pk]]} for a in items]
    query_string = request.GET.copy()
    query_string.pop("page", None)
    return render(
        request,
        "coding/answers.html",
        {
            "project": project,
            "role": role,
            "can_code": role in ("owner", "analyst"),
            "rows": rows,
            "page": page,
            "categories": categories,
            "attribute_names": attribute_names,
            "filters": {
                "code": code,
                "q": query,
                "attr": attribute,
                "value": value,
                "uncoded": request.GET.get("uncoded") == "1",
                "final": final,
            },
            "query_string": query_string.urlencode(),
            "total": project.answers.exclude(text="").count(),
            "seen": Review.objects.filter(answer__project=project, coder_id=_me(request)).count(),
        },
    )


# Learned suggesters, one per (project, coder), with the stamp of the codes they learned.
_MODELS: OrderedDict[tuple[str, int], tuple[tuple[int, int], Any]] = OrderedDict()
_TRAINING: set[tuple[str, int]] = set()
_MODELS_LOCK = threading.Lock()
# Up to this many coded answers the suggester is refitted within the request (well under a
# second); above it, in a background thread while the page shows the previous model's
# suggestions: refitting on 5,400 answers takes ~5 s (bench/coding_answers.py).
SYNC_FIT_LIMIT = 200


def _keep(key: tuple[str, int], stamp: tuple[int, int], model: Any) -> None:
    with _MODELS_LOCK:
        _MODELS[key] = (stamp, model)
        _MODELS.move_to_end(key)
        while len(_MODELS) > 16:
            _MODELS.popitem(last=False)


def _fit_in_background(
    key: tuple[str, int], stamp: tuple[int, int], values: list[str], texts: list[str], labels: Any
) -> None:
    from teichaku.coding.learned import LearnedSuggester

    try:
        _keep(key, stamp, LearnedSuggester(values).fit(texts, labels))
    finally:
        with _MODELS_LOCK:
            _TRAINING.discard(key)


def _learned_for(project: CodingProject, user_id: int) -> tuple[Any, bool]:
    """A suggester learned from this coder's own codes (so suggestions stay blind), kept in
    memory until the coder's codes change, and whether a newer one is being fitted."""
    from teichaku.coding.learned import LearnedSuggester

    mine = AppliedCode.objects.filter(answer__project=project, coder_id=user_id)
    counted = mine.aggregate(n=Count("id"), last=Max("id"))
    stamp = (counted["n"], counted["last"] or 0)
    key = (project.token, user_id)  # the token: unique even across recreated databases
    with _MODELS_LOCK:
        known = _MODELS.get(key)
        if known is not None and known[0] == stamp:
            return known[1], False
        if key in _TRAINING:
            return (known[1] if known else None), True
    by_answer: dict[str, set[str]] = {}
    for rid, value in mine.values_list("answer__response_id", "category__value"):
        by_answer.setdefault(rid, set()).add(value)
    seen = Review.objects.filter(answer__project=project, coder_id=user_id)
    texts, labels = [], []
    for rid, text in seen.values_list("answer__response_id", "answer__text"):
        texts.append(text)
        labels.append(by_answer.get(rid, set()))
    values = list(project.categories.values_list("value", flat=True))
    if len(texts) <= SYNC_FIT_LIMIT:
        model = LearnedSuggester(values).fit(texts, labels) if texts else None
        _keep(key, stamp, model)
        return model, False
    with _MODELS_LOCK:
        _TRAINING.add(key)
    threading.Thread(
        target=_fit_in_background,
        args=(key, stamp, values, texts, labels),
        name=f"coding-suggester-{project.pk}",
        daemon=True,
    ).start()
    return (known[1] if known else None), True


def _rules(project: CodingProject) -> tuple[Any, ...]:
    from teichaku.coding.rules import RulesError, parse_rules

    try:
        return parse_rules(project.rules, "rules") if project.rules.strip() else ()
    except RulesError:
        return ()


@login_required
@require_http_methods(["GET", "POST"])
def code_answer(request: HttpRequest, token: str, position: int) -> HttpResponse:
    project, _role = project_for(request, token, Action.ANALYSE)
    answer = AnswerItem.objects.filter(project=project, position=position).first()
    if answer is None:
        raise Http404
    categories = list(project.categories.all())
    if request.method == "POST":
        values = request.POST.getlist("code")
        try:
            services.set_codes(project, answer, _me(request), values, request.POST.get("memo", ""))
        except services.CodingInputError as error:
            messages.error(request, str(error))
            return redirect("coding:code", token=token, position=position)
        following = (
            project.answers.filter(position__gt=position)
            .exclude(text="")
            .order_by("position")
            .first()
        )
        if request.POST.get("next") and following is not None:
            return redirect("coding:code", token=token, position=following.position)
        return redirect(reverse("coding:answers", args=[token]) + f"#a{position}")
    review = Review.objects.filter(answer=answer, coder_id=_me(request)).first()
    mine = set(_my_codes([answer], _me(request))[answer.pk])
    from teichaku.coding.suggest import suggest

    learned, refitting = _learned_for(project, _me(request))
    found = suggest([answer.text], _rules(project), learned)[0]
    labels = {c.value: c.label for c in categories}
    previous = (
        project.answers.filter(position__lt=position).exclude(text="").order_by("-position").first()
    )
    following = (
        project.answers.filter(position__gt=position).exclude(text="").order_by("position").first()
    )
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
            "seen": review is not None,
            "suggestions": [{"s": s, "label": labels.get(s.code, s.code)} for s in found],
            "refitting": refitting,
            "previous": previous,
            "following": following,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def codebook(request: HttpRequest, token: str) -> HttpResponse:
    project, role = project_for(request, token, Action.VIEW)
    upload = UploadForm()
    rules_form = RulesForm(initial={"rules": project.rules})
    category_form = CategoryForm()
    if request.method == "POST":
        project, role = project_for(request, token, Action.ANALYSE)
        action = request.POST.get("category_action", "")
        if action in ("add", "edit", "delete"):
            category_form = CategoryForm(request.POST)
            try:
                if action == "delete":
                    label = services.delete_category(project, _category_id(request))
                    messages.success(request, _("カテゴリー「%(l)s」を削除しました") % {"l": label})
                    return redirect("coding:codebook", token=token)
                if category_form.is_valid():
                    fields = category_form.cleaned_data
                    if action == "add":
                        services.add_category(project, fields["value"], fields)
                        messages.success(request, _("カテゴリーを追加しました"))
                    else:
                        services.update_category(project, _category_id(request), fields)
                        messages.success(request, _("カテゴリーを更新しました"))
                    return redirect("coding:codebook", token=token)
            except services.CodingInputError as error:
                if action != "add":
                    messages.error(request, str(error))
                    return redirect("coding:codebook", token=token)
                category_form.add_error(None, str(error))
            if action != "add":  # an invalid edit: say which field, keep the page simple
                for field, errors in category_form.errors.items():
                    named = category_form.fields.get(field)
                    text = " ".join(str(e) for e in errors)
                    messages.error(request, f"{named.label if named else ''}: {text}")
                return redirect("coding:codebook", token=token)
        elif "rules" in request.POST:
            rules_form = RulesForm(request.POST)
            if rules_form.is_valid():
                from teichaku.coding.rules import RulesError, parse_rules

                text = rules_form.cleaned_data["rules"]
                try:
                    rules = parse_rules(text, "rules")
                    book = services.codebook_of(project)
                    bad = [r.code for r in rules if book.find(r.code) is None]
                    if bad:
                        raise RulesError(f"コードブックにないコード: {', '.join(bad)}")
                except RulesError as error:
                    rules_form.add_error("rules", str(error))
                else:
                    project.rules = text
                    project.save(update_fields=["rules"])
                    messages.success(request, _("ルールを保存しました"))
                    return redirect("coding:codebook", token=token)
        else:
            upload = UploadForm(request.POST, request.FILES)
            if upload.is_valid():
                file = upload.cleaned_data["file"]
                try:
                    book = _read_codebook(file.read(), file.name, project.question)
                    services.replace_codebook(project, book)
                except (CodebookError, ValueError) as error:
                    upload.add_error("file", str(error))
                else:
                    messages.success(request, _("コードブックを更新しました"))
                    return redirect("coding:codebook", token=token)
    return render(
        request,
        "coding/codebook.html",
        {
            "project": project,
            "role": role,
            "can_edit": role in ("owner", "analyst"),
            "categories": project.categories.all(),
            "upload": upload,
            "rules_form": rules_form,
            "category_form": category_form,
        },
    )


def _category_id(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("category", ""))
    except ValueError:
        raise Http404 from None


@login_required
@require_http_methods(["POST"])
def import_codings(request: HttpRequest, token: str) -> HttpResponse:
    project, _role = project_for(request, token, Action.ANALYSE)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        file = form.cleaned_data["file"]
        try:
            touched = services.import_codings(
                project, _me(request), codings_from_bytes(file.read(), file.name)
            )
        except (CodingsError, ValueError) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("%(n)d 件の回答のコーディングを取り込みました") % {"n": touched}
            )
    return redirect("coding:answers", token=token)


@login_required
def suggestions(request: HttpRequest, token: str) -> HttpResponse:
    """How far to trust the suggesters: cross-validated on this coder's own codes."""
    project, _role = project_for(request, token, Action.ANALYSE)
    from teichaku.coding.agreement import coded_sets
    from teichaku.coding.suggest import rules_quality, suggester_quality

    me = request.user.get_username()
    sets = coded_sets(c for c in services.codings_of(project) if c.coder == me).get(me, {})
    answers = [a for a in services.answers_of(project) if a.unit in sets and a.is_description]
    texts = [a.text for a in answers]
    labels = [sets[a.unit] for a in answers]
    book = services.codebook_of(project)
    learned = suggester_quality(texts, labels, book.values) if len(texts) >= 4 else None
    rules = _rules(project)
    by_rules = rules_quality(rules, texts, labels, book.values) if rules and texts else None
    names = {c.value: c.label for c in book.codes}
    return render(
        request,
        "coding/suggestions.html",
        {
            "project": project,
            "learned": learned,
            "rules": by_rules,
            "names": names,
            "n": len(texts),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def compare(request: HttpRequest, token: str) -> HttpResponse:
    project, role = project_for(request, token, Action.VIEW)
    if request.method == "POST":
        project, role = project_for(request, token, Action.ANALYSE)
        if "reveal" in request.POST:
            services.reveal(project)
        elif "answer" in request.POST:
            answer = AnswerItem.objects.filter(project=project, pk=request.POST["answer"]).first()
            if answer is None:
                raise Http404
            services.decide(project, answer, request.POST.getlist("code"), _me(request))
            messages.success(request, _("決定を保存しました"))
        return redirect("coding:compare", token=token)
    context: dict[str, Any] = {
        "project": project,
        "role": role,
        "can_edit": role in ("owner", "analyst"),
    }
    if project.revealed:
        codings = services.codings_of(project)
        book = services.codebook_of(project)
        coders = sorted({c.coder for c in codings})
        context["coders"] = coders
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
                "by_coder": [
                    (k, sorted(labels.get(v, v) for v in s)) for k, s in d.by_coder.items()
                ],
                "decided": d.unit[0] in decided,
                "union": [c for c in book.codes if any(c.value in s for s in d.by_coder.values())],
            }
            for d in disagreements(codings)
        ]
        context["unsettled"] = len(final.unsettled)
        context["categories"] = book.codes
    return render(request, "coding/compare.html", context)


def _results_inputs(project: CodingProject) -> tuple[Any, Any, Any]:
    final = services.final_of(project)
    return services.answers_of(project), final, services.codebook_of(project)


@login_required
def results(request: HttpRequest, token: str) -> HttpResponse:
    project, role = project_for(request, token, Action.VIEW)
    if not project.revealed:
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
    attribute_names = list(answers[0].attributes) if answers else []
    by = request.GET.get("by", attribute_names[0] if attribute_names else "")
    cross = (
        cross_by_attribute(answers, final.codings, book, by, question)
        if by in attribute_names
        else None
    )
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
            "attribute_names": attribute_names,
            "by": by,
        },
    )


@login_required
def download(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    project, _role = project_for(request, token, Action.VIEW)
    book = services.codebook_of(project)
    if kind == "codebook.csv":
        return _file(codebook_to_csv(book).encode("utf-8-sig"), "text/csv", kind)
    if kind == "codebook.qdc":
        from teichaku.coding.refi_qda import codebook_to_qdc

        return _file(codebook_to_qdc(book), "application/xml", kind)
    if not project.revealed:
        raise Http404
    from teichaku.tabulate.matrix import case_code_matrix

    answers, final, book = _results_inputs(project)
    if kind == "matrix.csv":
        return _file(
            case_code_matrix(answers, final.codings, book).to_csv().encode("utf-8-sig"),
            "text/csv",
            kind,
        )
    if kind == "matrix.xlsx":
        return _file(
            case_code_matrix(answers, final.codings, book).to_xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            kind,
        )
    if kind == "final-codings.csv":
        return _file(codings_to_csv(final.codings).encode("utf-8-sig"), "text/csv", kind)
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
        return _file(data, "application/zip", kind)
    raise Http404


def _file(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
