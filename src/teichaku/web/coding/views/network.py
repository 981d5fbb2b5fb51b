"""The co-occurrence network page (`teichaku.coding.network`): words × words, codes × codes
and words × an attribute (with the χ²-based specificity), the figure and the data behind it
(`teichaku.report.network_files`: PNG, SVG, GraphML, edges.csv, nodes.csv, specificity.csv).

Codes × codes read the final coding once the project's codes are compared (revealed), before
that the signed-in coder's own codes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teichaku.coding.network import (
    Network,
    Specificity,
    code_network,
    specificity,
    word_attribute_network,
    word_network,
)
from teichaku.coding.words import DEFAULT_POS, WordTablesError
from teichaku.report.network_files import network_file
from teichaku.web.accounts.permissions import Action
from teichaku.web.coding import services
from teichaku.web.coding.access import project_for
from teichaku.web.coding.models import CodingProject
from teichaku.web.coding.views.answers import attribute_labels
from teichaku.web.coding.views.common import file_response, say_errors
from teichaku.web.coding.views.words import word_inputs
from teichaku.web.coding.word_forms import NetworkForm
from teichaku.web.uploads import said

TOP = 60
THRESHOLD = 0.2
SHOWN_EDGES = 30
SHOWN_SPECIFIC = 5  # per group
TYPES = {
    "figure.svg": "image/svg+xml",
    "network.svg": "image/svg+xml",
    "network.png": "image/png",
    "network.graphml": "application/xml",
    "edges.csv": "text/csv",
    "nodes.csv": "text/csv",
    "specificity.csv": "text/csv",
}


def _built(
    request: HttpRequest, project: CodingProject, given: dict[str, Any]
) -> tuple[Network | None, tuple[Specificity, ...], str]:
    """The network the parameters ask for, its specificity table (words × attribute) and
    what its codes were read from; `None` with a message when it cannot be built."""
    kind = given.get("kind") or "words"
    top = given.get("top") or TOP
    threshold = THRESHOLD if given.get("threshold") is None else given["threshold"]
    if kind == "codes":
        labels = {c.value: c.label for c in project.categories.all()}
        if project.revealed:
            codings = list(services.final_of(project).codings)
            source = _("最終コーディング")
        else:
            coder = request.user.get_username()
            codings = [c for c in services.codings_of(project) if c.coder == coder]
            source = _("あなた自身のコード")
        return code_network(codings, threshold, labels), (), source
    answers, tables = word_inputs(request, project)
    parts = tuple(given.get("pos") or ()) or DEFAULT_POS
    try:
        if kind == "attribute":
            attribute = given["attr"]
            built = word_attribute_network(answers, attribute, tables, parts, top, (), threshold)
            table = specificity(answers, attribute, tables, parts, top)
            return built, table, ""
        return word_network(answers, tables, parts, top, (), threshold), (), ""
    except WordTablesError as error:
        messages.error(request, said(error))
        return None, (), ""


def _form(request: HttpRequest, project: CodingProject) -> tuple[NetworkForm, dict[str, str]]:
    labels_of = attribute_labels(project)
    return NetworkForm(request.GET, labels_of), labels_of


@login_required
@require_GET
def network(request: HttpRequest, token: str) -> HttpResponse:
    project, _role = project_for(request, token, Action.VIEW)
    form, labels_of = _form(request, project)
    valid = form.is_valid()
    context: dict[str, Any] = {
        "project": project,
        "form": form,
        "attribute_labels": labels_of,
        "query_string": request.GET.urlencode(),
    }
    if not valid:
        say_errors(request, form)
        return render(request, "coding/network.html", context, status=400)
    built, table, source = _built(request, project, form.cleaned_data)
    if built is not None:
        labels = {n.id: n.label for n in built.nodes}
        specific = [r for r in table if r.chi2 is not None and r.chi2 > 0]
        groups = list(dict.fromkeys(r.group for r in specific))
        context.update(
            {
                "network": built,
                "kind": form.cleaned_data.get("kind") or "words",
                "source": source,
                "edges": [
                    {"e": e, "source": labels[e.source], "target": labels[e.target]}
                    for e in built.edges[:SHOWN_EDGES]
                ],
                "communities": len({n.community for n in built.nodes}),
                "specific": [
                    (g, [r for r in specific if r.group == g][:SHOWN_SPECIFIC]) for g in groups
                ],
                "has_specificity": bool(table),
            }
        )
    return render(request, "coding/network.html", context)


@login_required
@require_GET
def network_download(request: HttpRequest, token: str, name: str) -> HttpResponse:
    """A file of the network the query asks for; the figure shown on the page is
    ``figure.svg`` (not an attachment)."""
    project, _role = project_for(request, token, Action.VIEW)
    if name not in TYPES:
        raise Http404
    form, _labels = _form(request, project)
    if not form.is_valid():
        return HttpResponse(status=400)
    built, table, _source = _built(request, project, form.cleaned_data)
    if built is None:
        return HttpResponse(status=400)
    try:
        data = network_file(built, "network.svg" if name == "figure.svg" else name, table)
    except KeyError:
        raise Http404 from None
    if name == "figure.svg":
        return HttpResponse(data, content_type=TYPES[name])
    return file_response(data, TYPES[name], name)
