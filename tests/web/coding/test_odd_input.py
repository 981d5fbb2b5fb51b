"""Odd values in every query parameter and form field of every coding URL never give a 500:
a wrong value is a 400, a 404 or the page with a Japanese message."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern

from teichaku.web.coding import urls
from teichaku.web.coding.models import Category, CodingProject

from .conftest import World, client_for, codings_csv
from .test_coding_views import Q14, create, upload_codings
from .test_from_survey import example_survey

ODD = [
    "abc",
    "pk__gt",
    "contains",
    "attributes__contains",
    "",
    "9" * 30,
    "-1",
    "0",
    "1.5",
    "１２",
    "日本語",
    "\x00",
    "x" * 6000,
    "<script>",
    "../..",
]
CATEGORY = ["value", "label", "definition", "inclusion", "exclusion", "examples", "parent"]

# url name → (GET parameters, POST fields); None: the URL takes no POST.
FIELDS: dict[str, tuple[list[str], list[str] | None]] = {
    "list": (["page"], None),
    "create": (["team"], ["team", "name", "question", "question_label", "answers",
                          "builtin_codebook", "codebook"]),
    "from_survey": (["question"], ["question", "name", "builtin_codebook", "codebook"]),
    "answers": (["q", "code", "attr", "value", "final", "uncoded", "blank", "page"], None),
    "code": (["code"], ["code", "memo", "next", "new_code", "new_parent", "add"]),
    "move_coding": ([], ["source", "target"]),
    "undo": ([], ["x"]),
    "template": ([], None),
    "import_codings": ([], ["file"]),
    "suggestions": (["code"], None),
    "codebook": (["category_action"], None),
    "add_category": ([], CATEGORY),
    "edit_category": ([], CATEGORY),
    "delete_category": ([], ["category"]),
    "rename_category": ([], ["value", "label"]),
    "merge_category": ([], ["into"]),
    "upload_codebook": ([], ["file"]),
    "save_rules": ([], ["rules"]),
    "compare": (["answer"], ["reveal", "answer", "code"]),
    "coders": ([], ["user", "do"]),
    "results": (["by"], None),
    "download": (["kind"], None),
    "words": (["pos", "min_count", "attr", "value", "page"], None),
    "word_tables": ([], None),
    "add_synonym": ([], ["variant", "word"]),
    "add_compound": ([], ["word"]),
    "remove_word_row": ([], ["row"]),
    "upload_words": ([], ["file"]),
    "word_tables_download": ([], None),
    "kwic": (["word", "window", "attr", "value", "code"], None),
    "kwic_code": ([], ["answer", "code", "word", "window", "attr", "value"]),
    "network": (["kind", "top", "threshold", "attr", "pos"], None),
    "network_download": (["kind", "top", "threshold", "attr", "pos"], None),
}  # fmt: skip


def paths(project: CodingProject, survey_token: str) -> dict[str, list[str]]:
    """Every coding URL with real and odd path parameters."""
    t = project.token
    category = project.categories.first()
    assert category is not None
    ids = [str(category.pk), "0", "9" * 30]
    return {
        "list": ["/coding/"],
        "create": ["/coding/new/"],
        "from_survey": [f"/coding/from-survey/{survey_token}/", "/coding/from-survey/%00/"],
        "answers": [f"/coding/{t}/", "/coding/%00/", f"/coding/{'x' * 70}/"],
        "code": [f"/coding/{t}/answer/{p}/" for p in ("1", "0", "9" * 30)],
        "move_coding": [f"/coding/{t}/answer/{p}/move/" for p in ("1", "0", "9" * 30)],
        "undo": [f"/coding/{t}/undo/", "/coding/%00/undo/"],
        "template": [f"/coding/template/{k}" for k in ("codebook.csv", "x", "%00", "9" * 30)],
        "import_codings": [f"/coding/{t}/import-codings/"],
        "suggestions": [f"/coding/{t}/suggestions/"],
        "codebook": [f"/coding/{t}/codebook/"],
        "add_category": [f"/coding/{t}/codebook/add/"],
        "edit_category": [f"/coding/{t}/codebook/{i}/edit/" for i in ids],
        "delete_category": [f"/coding/{t}/codebook/{i}/delete/" for i in ids],
        "rename_category": [f"/coding/{t}/codebook/{i}/rename/" for i in ids],
        "merge_category": [f"/coding/{t}/codebook/{i}/merge/" for i in ids],
        "upload_codebook": [f"/coding/{t}/codebook/upload/"],
        "save_rules": [f"/coding/{t}/codebook/rules/"],
        "compare": [f"/coding/{t}/compare/"],
        "coders": [f"/coding/{t}/coders/"],
        "results": [f"/coding/{t}/results/"],
        "download": [f"/coding/{t}/download/{k}" for k in ("matrix.csv", "x", "%00", "9" * 30)],
        "words": [f"/coding/{t}/words/"],
        "word_tables": [f"/coding/{t}/words/tables/"],
        "add_synonym": [f"/coding/{t}/words/synonyms/add/"],
        "add_compound": [f"/coding/{t}/words/compounds/add/"],
        "remove_word_row": [
            f"/coding/{t}/words/{k}/remove/" for k in ("synonyms", "compounds", "x")
        ],
        "upload_words": [
            f"/coding/{t}/words/{k}/upload/" for k in ("synonyms", "compounds", "%00")
        ],
        "word_tables_download": [
            f"/coding/{t}/words/download/{k}" for k in ("synonyms.csv", "compounds.txt", "x")
        ],
        "kwic": [f"/coding/{t}/kwic/"],
        "kwic_code": [f"/coding/{t}/kwic/code/"],
        "network": [f"/coding/{t}/network/"],
        "network_download": [
            f"/coding/{t}/network/{k}" for k in ("figure.svg", "edges.csv", "specificity.csv", "x")
        ],
    }


def test_every_coding_url_is_in_the_table() -> None:
    names = {p.name for p in urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == set(FIELDS)


def send(client: Client, method: str, url: str, data: dict[str, object]) -> str:
    """The response's status, or the exception the view raised (the test client re-raises
    what would be a 500)."""
    try:
        response = client.get(url, data) if method == "GET" else client.post(url, data)
    except Exception as error:  # any exception is the 500 this test hunts
        return repr(error)[:200]
    return str(response.status_code)


@pytest.mark.django_db
def test_odd_values_never_give_a_500(world: World) -> None:
    project = create(world)
    upload_codings(world.analyst, project, codings_csv(Q14))
    Category.objects.create(project=project, position=99, value="spare", label="予備")
    survey = example_survey(world)
    client = client_for(world.owner)
    client.post(f"/coding/{project.token}/compare/", {"reveal": "1"})
    failures = []
    for name, urls_of_name in paths(project, survey.token).items():
        get_params, post_fields = FIELDS[name]
        for url in urls_of_name:
            requests: list[tuple[str, dict[str, object]]] = [("GET", {"junk": "1"})]
            requests += [("GET", {p: v}) for p in get_params for v in ODD]
            if post_fields is not None:
                requests += [("POST", {f: v}) for f in post_fields for v in ODD]
                requests += [("POST", dict.fromkeys(post_fields, v)) for v in ODD]
            for method, data in requests:
                status = send(client, method, url, data)
                if not status.isdigit() or int(status) >= 500:
                    shown = {k: str(v)[:20] for k, v in data.items()}
                    failures.append(f"{method} {url} {shown}: {status}")
    assert not failures, "\n".join(failures[:40])
