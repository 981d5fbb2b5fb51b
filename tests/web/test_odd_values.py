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
import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import Resolver404, resolve
from offices.conftest import sign_in  # tests/web is on sys.path (rootdir-relative import)

from teichaku.web.demo import DEMO_RESEARCHER, seed_demo
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
PAGES_PER_USER = 400
INSTANCES_PER_ROUTE = 2
# Links that end the crawl's session or leave it signed out.
NOT_FOLLOWED = re.compile(r"/accounts/logout/")


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


class PageParser(HTMLParser):
    """Links and forms of one page (enough HTML for our own templates)."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._select: str | None = None
        self._chosen: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.base, a["href"]))
        elif tag == "form":
            action = urljoin(self.base, a.get("action") or self.base)
            self.forms.append(Form(action, (a.get("method") or "get").lower()))
        elif tag == "option" and self._select and self.forms:
            # The first option, unless a later one is selected.
            if self._select not in self._chosen or "selected" in a:
                self.forms[-1].fields[self._select] = a.get("value", "")
                self._chosen.add(self._select)
        elif not self.forms or not a.get("name"):
            return
        elif tag == "input":
            kind = a.get("type", "text")
            if kind == "file":
                self.forms[-1].files.append(a["name"])
            elif kind in ("checkbox", "radio"):
                if "checked" in a or a["name"] not in self.forms[-1].fields:
                    self.forms[-1].fields[a["name"]] = a.get("value", "on")
            elif kind != "submit":
                self.forms[-1].fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self.forms[-1].fields[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
            self._chosen.discard(a["name"])
            self.forms[-1].fields.setdefault(a["name"], "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


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


def route_of(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


def crawl(
    client: Client, starts: list[str]
) -> tuple[dict[str, dict[str, str]], list[Form], list[str]]:
    """Paths (one or two per route) with the query values seen, the forms found, any 500s."""
    seen_routes: dict[str, int] = {}
    queries: dict[str, dict[str, str]] = {}
    forms: dict[tuple[str, str, tuple[str, ...]], Form] = {}
    errors: list[str] = []
    queue = list(starts)
    visited: set[str] = set()
    while queue and len(visited) < PAGES_PER_USER:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or NOT_FOLLOWED.search(parts.path):
            continue
        route = route_of(parts.path)
        if route is None or url in visited:
            continue
        if seen_routes.get(route, 0) >= INSTANCES_PER_ROUTE:
            continue
        seen_routes[route] = seen_routes.get(route, 0) + 1
        visited.add(url)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        queries.setdefault(parts.path, {}).update(query)
        response = client.get(url)
        if response.status_code >= 500:
            errors.append(f"GET {url} → {response.status_code}")
            continue
        if response.status_code in (301, 302, 303) and "Location" in response:
            queue.append(urljoin(url, response["Location"]))
            continue
        if (
            response.streaming
            or response.status_code != 200
            or "html" not in response.get("Content-Type", "")
        ):
            continue
        parser = PageParser(url)
        parser.feed(response.content.decode("utf-8", "replace"))
        queue.extend(link for link in parser.links if link not in visited)
        for form in parser.forms:
            key = (route_of(urlsplit(form.action).path) or "", form.method, tuple(form.fields))
            forms.setdefault(key, form)
    return queries, list(forms.values()), errors


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


def signed_in(who: str) -> Client:
    client = Client(raise_request_exception=False)
    if who == "anonymous":
        return client
    return sign_in(client, get_user_model().objects.get(username=who))


@pytest.mark.parametrize("who", [DEMO_RESEARCHER, ADMIN, "anonymous"])
def test_no_page_answers_500_to_odd_values(who: str) -> None:
    list(seed_demo())
    starts = ["/"] + [f"/s/{s.token}/" for s in Survey.objects.all()]
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
