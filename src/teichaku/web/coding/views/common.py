"""What several coding pages share: the signed-in coder, a form's errors as messages, the
one-action POST views, uploaded codebooks, the project's rules, and file responses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from teichaku.coding import Codebook
from teichaku.coding.codebook import codebook_from_bytes, read_codebooks
from teichaku.coding.rules import Rule
from teichaku.instrument.builtin import builtin_folder
from teichaku.web.coding.models import AnswerItem, AppliedCode, CodingProject, LastAction
from teichaku.web.uploads import read_upload, said


def me(request: HttpRequest) -> int:
    return int(request.user.pk or 0)


def say_errors(request: HttpRequest, form: Form) -> None:
    """Each of the form's errors as a message naming the field."""
    for field, errors in form.errors.items():
        named = form.fields.get(field)
        text = " ".join(str(e) for e in errors)
        messages.error(request, f"{named.label}: {text}" if named and named.label else text)


def parameters(request: HttpRequest, form: Form) -> tuple[dict[str, Any], int]:
    """A GET page's filter form: its valid parameters (a wrong one is said and left out) and
    the page's status (400 when one was wrong)."""
    if form.is_valid():
        return form.cleaned_data, 200
    say_errors(request, form)
    return form.cleaned_data, 400


def post_form(
    request: HttpRequest,
    form: Form,
    back: str,
    act: Callable[[dict[str, Any]], str],
    refused: tuple[type[Exception], ...] = (ValueError,),
) -> HttpResponse:
    """A POST view's one action: the form's errors, the action's refusal (`refused`, said in
    its own words) or the action's success message (what `act` returns, given the cleaned
    data) as a message, then back to `back` (an address)."""
    if not form.is_valid():
        say_errors(request, form)
        return redirect(back)
    try:
        done = act(form.cleaned_data)
    except refused as error:
        messages.error(request, said(error))
    else:
        messages.success(request, done)
    return redirect(back)


def read_codebook(data: bytes, name: str, question: str) -> Codebook:
    """An uploaded codebook: REFI-QDA ``.qdc`` by its name, else CSV."""
    if name.lower().endswith(".qdc"):
        from teichaku.coding.refi_qda import codebook_from_qdc

        return codebook_from_qdc(data, question, name)
    return codebook_from_bytes(data, question, name)


def chosen_codebook(data: dict[str, Any], question: str) -> Codebook:
    """The built-in codebook picked in a form, else the uploaded file, else none (an empty
    codebook: codes are made while coding), for `question`."""
    if data["builtin_codebook"]:
        folder = builtin_folder("retention-challenges-2024") / "codebooks"
        book = read_codebooks(folder)[data["builtin_codebook"]]
        return Codebook(question, book.codes)
    file = data["codebook"]
    if not file:
        return Codebook(question, ())
    return read_codebook(read_upload(file), file.name, question)


def my_codes(answers: list[AnswerItem], user_id: int) -> dict[int, list[str]]:
    codes: dict[int, list[str]] = {a.pk: [] for a in answers}
    for answer_id, value in AppliedCode.objects.filter(
        answer__in=answers, coder_id=user_id
    ).values_list("answer_id", "category__value"):
        codes[answer_id].append(value)
    return codes


def last_action(project: CodingProject, user_id: int) -> LastAction | None:
    """The coder's last coding action in the project, the one the undo button puts back."""
    return (
        LastAction.objects.filter(project=project, coder_id=user_id)
        .select_related("answer")
        .first()
    )


def rules_of(request: HttpRequest, project: CodingProject) -> tuple[Rule, ...]:
    """The project's saved rules; rules that no longer parse are said on the page (no rule
    suggestions then), never silently dropped."""
    from teichaku.coding.rules import RulesError, parse_rules

    if not project.rules.strip():
        return ()
    try:
        return parse_rules(project.rules, "rules")
    except RulesError as error:
        messages.error(
            request,
            _("保存されたコーディングルールが読めないため、ルールによる候補は出ません: %(e)s")
            % {"e": error},
        )
        return ()


def file_response(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
