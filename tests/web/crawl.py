"""The site crawler the page-walking tests share: links and forms of our own templates.

`crawl` follows every link from the start pages (bounded: pages per user, instances per route)
and hands each HTML page to `on_page` when given; `signed_in` is a client for a demo user.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve
from offices.conftest import sign_in  # tests/web is on sys.path (rootdir-relative import)

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


def route_of(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


def crawl(
    client: Client, starts: list[str], on_page: Callable[[str, str], None] | None = None
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
        html = response.content.decode("utf-8", "replace")
        if on_page is not None:
            on_page(url, html)
        parser = PageParser(url)
        parser.feed(html)
        queue.extend(link for link in parser.links if link not in visited)
        for form in parser.forms:
            key = (route_of(urlsplit(form.action).path) or "", form.method, tuple(form.fields))
            forms.setdefault(key, form)
    return queries, list(forms.values()), errors


def signed_in(who: str) -> Client:
    client = Client(raise_request_exception=False)
    if who == "anonymous":
        return client
    return sign_in(client, get_user_model().objects.get(username=who))
