"""Odd values in every parameter of every page: a 4xx or the page with a message, never a 500.

The site is seeded with the demo (every area), then crawled as each kind of user: the demo
researcher (survey desk, coding), the office's 管理者 (every office page) and an anonymous
respondent (the public survey form). Every query parameter seen in a link or read by the view's
source, and every field of every form found on the way, is sent each odd value in turn, one
field at a time, the others keeping the form's own values.

The crawl is bounded (pages per user, instances per route), so the test stays in seconds.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from crawl import NOT_FOLLOWED, Form, crawl, route_of, signed_in
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve

from teichaku.web.demo import DEMO_RESEARCHER, seed_demo
from teichaku.web.library.demo import DEMO_REVIEWER
from teichaku.web.offices.demo import ADMIN
from teichaku.web.surveys.models import Survey

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ODD_VALUES = [
    "",
    "abc",
    "-1",
    "99999999999999999999999",
    "pk__in",
    "contains",
    "0024-04-01",
    "'\"><script>%00",
    "あ" * 300,
]
# Uploads: empty, binary, a CSV that is not what the form wants, a broken zip named .xlsx.
ODD_FILES = [
    ("empty.csv", b""),
    ("binary.csv", b"\x00\xff\xfe\x00garbage"),
    ("form.csv", b"type,name,label\n"),
    ("broken.xlsx", b"PK\x03\x04 not a workbook"),
]


def parameters_read_by_view(path: str) -> set[str]:
    """Names the view's own source reads from request.GET (request.GET.get("x"), ["x"])."""
    view = resolve(path).func
    view = inspect.unwrap(view)
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(view)))
    except (OSError, TypeError):
        return set()
    names = set()
    for node in ast.walk(tree):
        target = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("get", "getlist") and node.args:
                target, key = node.func.value, node.args[0]
        elif isinstance(node, ast.Subscript):
            target, key = node.value, node.slice
        if (
            target is not None
            and isinstance(target, ast.Attribute)
            and target.attr == "GET"
            and isinstance(key, ast.Constant)
            and isinstance(key.value, str)
        ):
            names.add(key.value)
    return names


def variations(fields: dict[str, str], names: list[str]) -> Iterator[dict[str, str]]:
    """Each odd value in one field at a time (the others as found), then in all fields at once."""
    for value in ODD_VALUES:
        for name in names:
            yield {**fields, name: value}
        if len(names) > 1:
            yield {**fields, **dict.fromkeys(names, value)}


def odd_requests(
    queries: dict[str, dict[str, str]], forms: list[Form]
) -> Iterator[tuple[str, Callable[[Client], Any]]]:
    for path, seen in queries.items():
        names = sorted(set(seen) | parameters_read_by_view(path))
        for query in variations(seen, names):
            url = f"{path}?{urlencode(query)}"
            yield f"GET {url[:160]}", lambda c, u=url: c.get(u)
    for form in forms:
        target = urlsplit(form.action).path
        if NOT_FOLLOWED.search(target) or route_of(target) is None:
            continue
        for data in variations(form.fields, [*form.fields]):
            yield send(form.method, target, {**data, **uploads(form.files)})
        for name in form.files:
            for odd in ODD_FILES:
                yield send(form.method, target, {**form.fields, **uploads(form.files, name, odd)})


def uploads(
    names: list[str], odd_name: str = "", odd: tuple[str, bytes] = ODD_FILES[-1]
) -> dict[str, SimpleUploadedFile]:
    """A fresh file for every upload field: `odd` in `odd_name`, a broken workbook elsewhere."""
    return {n: SimpleUploadedFile(*(odd if n == odd_name else ODD_FILES[-1])) for n in names}


def send(method: str, target: str, data: dict[str, Any]) -> tuple[str, Callable[[Client], Any]]:
    label = f"{method.upper()} {target} {str(data)[:160]}"
    if method == "post":
        return label, lambda c: c.post(target, data)
    return label, lambda c: c.get(target, data)


@pytest.mark.parametrize("who", [DEMO_RESEARCHER, ADMIN, DEMO_REVIEWER, "anonymous"])
def test_no_page_answers_500_to_odd_values(who: str) -> None:
    list(seed_demo())
    starts = ["/", "/practices/"] + [f"/s/{s.token}/" for s in Survey.objects.all()]
    client = signed_in(who)
    queries, forms, errors = crawl(client, starts)
    assert len(queries) > (1 if who == "anonymous" else 10), "the crawl reached too few pages"
    requests = list(odd_requests(queries, forms))
    print(who, len(queries), "paths", len(forms), "forms", len(requests), "odd requests")
    for label, send in requests:
        if client.session.is_empty() and who != "anonymous":
            client = signed_in(who)  # an odd value may have signed the user out
        status = send(client).status_code
        if status >= 500:
            errors.append(f"{label} → {status}")
    assert not errors, "\n".join(errors[:60]) + f"\n({len(errors)} in all)"
