"""KWIC on the web (`teichaku.coding.kwic`): every occurrence of a word with its context,
and one click that gives the answer a chosen code through the same coding service as the
answer page (`changes.code_answer`: kept for undo), for a role that may code."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from teichaku.coding.kwic import kwic as find
from teichaku.coding.words import WordTablesError
from teichaku.web.accounts.permissions import Action, may
from teichaku.web.coding import changes, services
from teichaku.web.coding.access import project_for
from teichaku.web.coding.models import AnswerItem, Review
from teichaku.web.coding.views.answers import attribute_labels
from teichaku.web.coding.views.common import me, my_codes, say_errors
from teichaku.web.coding.views.words import word_inputs
from teichaku.web.coding.word_forms import KwicCodeForm, KwicForm
from teichaku.web.uploads import said

WINDOW = 20
BACK = ("word", "window", "attr", "value", "code")  # the KWIC page's own parameters


@login_required
@require_GET
def kwic(request: HttpRequest, token: str) -> HttpResponse:
    project, role = project_for(request, token, Action.VIEW)
    categories = list(project.categories.all())
    labels_of = attribute_labels(project)
    form = KwicForm(request.GET, labels_of, [(c.value, c.label) for c in categories])
    context = {
        "project": project,
        "form": form,
        "can_code": may(role, Action.ANALYSE),
        "categories": categories,
        "attribute_labels": labels_of,
        "lines": [],
        "window": WINDOW,
    }
    if not request.GET.get("word"):
        return render(request, "coding/kwic.html", context)
    if not form.is_valid():
        say_errors(request, form)
        return render(request, "coding/kwic.html", context, status=400)
    given = form.cleaned_data
    answers, tables = word_inputs(request, project, given["attr"], given["value"])
    window = WINDOW if given["window"] is None else given["window"]
    try:
        lines = find(answers, given["word"], tables, window)
    except WordTablesError as error:
        messages.error(request, said(error))
        return render(request, "coding/kwic.html", context)
    items = {
        a.response_id: a
        for a in project.answers.filter(response_id__in={k.response_id for k in lines})
    }
    mine = my_codes(list(items.values()), me(request))
    labels = {c.value: c.label for c in categories}
    code = given["code"]
    context.update(
        {
            "word": tables.word_form(given["word"]),
            "window": window,
            "code": code,
            "code_label": labels.get(code, ""),
            "answers": len(items),
            "back": {k: str(given[k] if given[k] is not None else "") for k in BACK},
            "lines": [
                {
                    "k": k,
                    "answer": items[k.response_id],
                    "codes": [labels.get(v, v) for v in mine[items[k.response_id].pk]],
                    "has_code": code in mine[items[k.response_id].pk],
                    "attributes": [k.attributes.get(name, "") for name in labels_of],
                }
                for k in lines
            ],
        }
    )
    return render(request, "coding/kwic.html", context)


@login_required
@require_POST
def kwic_code(request: HttpRequest, token: str) -> HttpResponse:
    """Add one code to one answer, keeping the coder's other codes and memo."""
    project, _role = project_for(request, token, Action.ANALYSE)
    back = {k: request.POST.get(k, "")[:200] for k in BACK}
    target = reverse("coding:kwic", args=[token]) + "?" + urlencode(back)
    form = KwicCodeForm(request.POST)
    if not form.is_valid():
        say_errors(request, form)
        return redirect(target)
    position, code = form.cleaned_data["answer"], form.cleaned_data["code"]
    answer = AnswerItem.objects.filter(project=project, position=position).first()
    if answer is None:
        raise Http404
    have = my_codes([answer], me(request))[answer.pk]
    review = Review.objects.filter(answer=answer, coder_id=me(request)).first()
    try:
        changes.code_answer(
            project, answer, me(request), [*have, code], review.memo if review else ""
        )
    except services.CodingInputError as error:
        messages.error(request, said(error))
        return redirect(target)
    label = project.categories.get(value=code).label
    messages.success(
        request,
        _("回答 %(n)d に「%(label)s」を付けました") % {"n": position, "label": label},
    )
    return redirect(f"{target}#a{position}")
