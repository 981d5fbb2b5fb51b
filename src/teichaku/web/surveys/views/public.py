"""The respondent's form: consent, pages by group, thank-you. Works without JavaScript.

Answers of earlier pages travel as hidden fields, so nothing is stored before the final
submit, which is checked whole and saved in one transaction before the thank-you page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.messages import get_messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from teichaku.instrument import Instrument, pick_label
from teichaku.instrument.pages import Page, introduction
from teichaku.responses.validation import asked_questions, validate_submission
from teichaku.web.surveys import rate, services
from teichaku.web.surveys.forms import (
    PageView,
    language,
    live_questions,
    page_view,
    shown_questions,
    submitted_from,
)
from teichaku.web.surveys.models import Survey
from teichaku.web.surveys.services import Outcome


def _survey(token: str) -> Survey:
    survey = services.survey_by_token(token)
    if survey is None:
        raise Http404
    return survey


def _closed(request: HttpRequest, survey: Survey) -> HttpResponse:
    return render(request, "surveys/public/closed.html", {"survey": survey}, status=410)


def _too_many(request: HttpRequest, survey: Survey) -> HttpResponse:
    response = render(request, "surveys/public/too_many.html", {"survey": survey}, status=429)
    response["Retry-After"] = str(rate.rate()[1])
    return response


def _title(survey: Survey, instrument: Instrument) -> str:
    return survey.title or pick_label(instrument.titles, language())


# The consent page and the form's first page, untouched, are the same for every respondent
# of a survey in one language but for the CSRF token and the form token: each is rendered
# once per process and key (every field of the survey row, so any edit on the desk is a new
# key; the language; the URL prefix) with marks in their place, which each request replaces
# with its own tokens. Only for anonymous respondents without pending messages: the shell
# (base.html) shows a signed-in user's logout form and the messages.
_CSRF_MARK, _FORM_MARK = "\x00csrf\x00", "\x00form\x00"  # PostgreSQL text holds no NUL
_PAGE = "surveys/public/page.html"
_PRISTINE_PAGES: services.Derived[tuple[object, ...], str] = services.Derived(256)


def _pristine(
    request: HttpRequest,
    survey: Survey,
    template: str,
    context: Callable[[], dict[str, object]],
    form_token: str = "",
) -> HttpResponse:
    """`template` rendered with `context`, from the per-process copy when it may be."""
    if request.user.is_authenticated or len(get_messages(request)):
        return render(request, template, {**context(), "form_token": form_token})

    def make() -> str:
        return render_to_string(
            template, {**context(), "csrf_token": _CSRF_MARK, "form_token": _FORM_MARK}
        )

    key = (template, services.survey_version(survey), language(), get_script_prefix())
    html = _PRISTINE_PAGES.get(key, make)
    return HttpResponse(
        html.replace(_CSRF_MARK, get_token(request)).replace(_FORM_MARK, form_token)
    )


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, token: str) -> HttpResponse:
    """GET: the consent page with the ethics statement. POST: consent given, first page."""
    # POST: on PostgreSQL the look-up also starts the form when it can (one statement).
    started = services.start_by_token(request, token) if request.method == "POST" else None
    survey = _survey(token) if started is None else started.survey
    if survey is None:
        raise Http404
    if not survey.accepting():
        return _closed(request, survey)
    instrument = services.instrument_of(survey)

    def context() -> dict[str, object]:
        return {
            "survey": survey,
            "title": _title(survey, instrument),
            "notes": [pick_label(n.labels, language()) for n in introduction(instrument)],
            "pages": len(services.pages_of(survey)),
        }

    if request.method == "GET":
        return _pristine(request, survey, "surveys/public/consent.html", context)
    code = request.POST.get("code", "").strip()
    if survey.invitation_only:
        with transaction.atomic():  # the rate counter and the new form token: one commit
            allowed = rate.allow(request)  # starting a form is limited; answering never is
            invited = allowed and services.invitation_is_open(survey, code)
            form_token = services.start_form(survey) if invited else ""
    else:
        if started is not None and started.tried:
            form_token = started.form_token or ""
        else:
            form_token = services.start_form_limited(request, survey) or ""
        allowed = invited = bool(form_token)
    if not allowed:
        return _too_many(request, survey)
    if not invited:
        return render(request, "surveys/public/consent.html", {**context(), "code_error": True})
    if code:
        first = _page_context(survey, instrument, form_token, code, 0, {}, {})
        return render(request, _PAGE, first)
    return _pristine(
        request,
        survey,
        _PAGE,
        lambda: _page_context(survey, instrument, "", "", 0, {}, {}),
        form_token,
    )


def _visible(
    instrument: Instrument, pages: tuple[Page, ...], submitted: dict[str, list[str]]
) -> list[int]:
    return [i for i, page in enumerate(pages) if shown_questions(instrument, page, submitted)]


# A page nobody has answered yet, without errors, renders the same for everyone who sees the
# same questions of it: its fields are rendered once per process (the start of every form).
_PRISTINE_FIELDS: services.Derived[tuple[str, int, str, tuple[str, ...]], str] = services.Derived(
    256
)


def _fields_html(
    survey: Survey,
    page: Page,
    view: PageView,
    submitted: dict[str, list[str]],
    others: dict[str, str],
) -> str:
    def fields() -> str:
        return render_to_string("surveys/public/_fields.html", {"page": view})

    answered = any(any(submitted.get(q.name, ())) or q.name in others for q in page.questions)
    if view.error_links or answered:
        return fields()
    shown = tuple(field.name for field in view.fields)
    key = (services.instrument_key(survey), view.number, language(), shown)
    return _PRISTINE_FIELDS.get(key, fields)


def _page_context(
    survey: Survey,
    instrument: Instrument,
    form_token: str,
    code: str,
    index: int,
    submitted: dict[str, list[str]],
    others: dict[str, str],
    errors: dict[str, tuple] | None = None,  # type: ignore[type-arg]
) -> dict[str, object]:
    pages = services.pages_of(survey)
    view = page_view(instrument, pages[index], index + 1, len(pages), submitted, others, errors)
    visible = _visible(instrument, pages, submitted)
    return {
        "survey": survey,
        "title": _title(survey, instrument),
        "page": view,
        "fields": _fields_html(survey, pages[index], view, submitted, others),
        "index": index,
        "form_token": form_token,
        "code": code,
        "is_last": index == max(visible, default=index),
        "live": bool(live_questions(instrument, pages[index])),
        "has_previous": any(i < index for i in visible),
    }


def _stored_at_once(request: HttpRequest, token: str) -> HttpResponse | None:
    """The thank-you redirect for the final page of a whole answer without errors, stored
    before the survey is read (`services.submit_by_hint`: the instrument this process last
    saw the survey with, which the storing statement checks); None in any other case, which
    the full path below then answers."""
    known = services.hint_of(token)
    if known is None or request.POST.get("nav") == "back":
        return None
    hint, instrument, pages = known
    submitted, others = submitted_from(request.POST, instrument)
    try:
        index = int(request.POST.get("page", ""))
    except ValueError:
        return None
    visible = _visible(instrument, pages, submitted)
    if index not in visible or index != max(visible):  # not the final page
        return None
    whole = validate_submission(instrument, submitted, others)
    form_token = request.POST.get("form_token", "")
    if not whole.ok or not services.submit_by_hint(hint, token, form_token, whole):
        return None
    return HttpResponseRedirect(reverse("surveys:thanks", args=[token]), status=303)


@require_POST
def answer(request: HttpRequest, token: str) -> HttpResponse:
    if (stored := _stored_at_once(request, token)) is not None:
        return stored
    survey = _survey(token)
    if not survey.accepting():
        return _closed(request, survey)
    form_token = request.POST.get("form_token", "")
    instrument = services.instrument_of(survey)
    pages = services.pages_of(survey)
    try:
        index = min(max(int(request.POST.get("page", "0")), 0), len(pages) - 1)
    except ValueError:
        index = 0
    code = request.POST.get("code", "")
    submitted, others = submitted_from(request.POST, instrument)
    visible = _visible(instrument, pages, submitted)

    def render_at(i: int, errors: dict[str, tuple] | None = None) -> HttpResponse:  # type: ignore[type-arg]
        # Every page shown needs a live token; the final submit checks its own token in
        # its transaction (`services.submit`), so it needs no separate look-up.
        if not services.form_token_is_live(survey, form_token):
            return render(request, "surveys/public/expired.html", {"survey": survey}, status=409)
        context = _page_context(survey, instrument, form_token, code, i, submitted, others, errors)
        return render(request, _PAGE, context)

    if request.POST.get("nav") == "back":
        earlier = [i for i in visible if i < index]
        return render_at(earlier[-1] if earlier else index)
    on_page = {q.name for q in pages[index].questions}
    later = [i for i in visible if i > index]
    # On the last page the whole answer is checked first: whatever this page's own check
    # finds, the whole check finds too, so a whole answer without errors passes both and
    # is checked once. Errors: this page's first, as on any other page.
    whole = None if later else validate_submission(instrument, submitted, others)
    if whole is None or not whole.ok:
        checked = validate_submission(instrument, submitted, others, questions=on_page)
        if not checked.ok:
            return render_at(index, checked.errors)
    if later:
        return render_at(later[0])
    assert whole is not None
    if not whole.ok:
        first = next(
            i for i, page in enumerate(pages) if any(q.name in whole.errors for q in page.questions)
        )
        return render_at(first, whole.errors)
    result = services.submit(survey, form_token, whole, code)
    if result.outcome is Outcome.STORED:
        return HttpResponseRedirect(reverse("surveys:thanks", args=[survey.token]), status=303)
    if result.outcome is Outcome.CLOSED:
        return _closed(request, survey)
    if result.outcome is Outcome.INVITATION_USED:
        return render(
            request,
            "surveys/public/expired.html",
            {"survey": survey, "invitation": True},
            status=409,
        )
    return render(
        request,
        "surveys/public/expired.html",
        {"survey": survey, "used": result.outcome is Outcome.TOKEN_USED},
        status=409,
    )


@require_POST
def visible(request: HttpRequest, token: str) -> JsonResponse:
    """Which questions of the current page are asked, given the answers in the posted form.

    The form's script posts the whole form here on every change and hides the others; the
    decision is the core's (`asked_questions`, the rules `validate_submission` applies), so
    the browser never evaluates a `relevant` expression itself. Nothing is stored.
    """
    survey = _survey(token)
    if not survey.accepting():
        return JsonResponse({"error": "closed"}, status=410)
    # Read-only, so a token its page's submit has just used still gets an answer: the last
    # skip-logic request of a page (a field's change as the send button is pressed) can
    # reach the server after the submit it raced.
    form_token = request.POST.get("form_token", "")
    if not services.form_token_is_live(survey, form_token, used_too=True):
        return JsonResponse({"error": "expired"}, status=409)
    instrument = services.instrument_of(survey)
    pages = services.pages_of(survey)
    try:
        index = min(max(int(request.POST.get("page", "0")), 0), len(pages) - 1)
    except ValueError:
        index = 0
    submitted, others = submitted_from(request.POST, instrument)
    asked = asked_questions(instrument, submitted, others)
    names = [q.name for q in pages[index].questions]
    return JsonResponse(
        {
            "visible": [name for name in names if name in asked],
            "hidden": [name for name in names if name not in asked],
        }
    )


@require_GET
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    survey = _survey(token)
    return render(request, "surveys/public/thanks.html", {"survey": survey})
