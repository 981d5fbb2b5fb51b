"""Open redirects: every view that follows a `next` parameter goes only to this site.

The views are found by reading the source: any file that mentions a `next` parameter must be
listed here, either as a reader (and then swept with hostile values) or as using the word for
something that is not a destination (with the reason).
"""

from __future__ import annotations

import io
import re
import time
import tokenize
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

import teichaku.web
from teichaku.web.offices import actions

WEB = Path(teichaku.web.__file__).parent

# file (relative to teichaku/web) -> the URL names whose views follow `next` in it.
# Login, logout and the TOTP step are allauth's views: allauth follows `next` only when its
# adapter's `is_safe_url` allows it, and accounts/adapter.py answers with our `is_safe_next`.
READERS: dict[str, list[str]] = {
    "accounts/adapter.py": ["accounts:login", "accounts:logout", "mfa_reauthenticate"],
}
# files that say `next` for something that is never a redirect target
NOT_A_DESTINATION: dict[str, str] = {
    "redirects.py": "the helper itself",
    "coding/views/answers.py": "the 保存して次へ button: a flag, the target is the next answer",
    "coding/templates/coding/code.html": "the 保存して次へ button",
    "api/paging.py": "the API page's `next`: the next page's URL we build, never read back",
}

HOSTILE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "http://testserver@evil.example/",
]
PASSWORD = "Correct-horse-9"


def _python_mentions(text: str) -> bool:
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    strings = {t.string.strip("\"'") for t in tokens if t.type == tokenize.STRING}
    return "next" in strings or "safe_next" in text or "auth_views." in text


def next_readers_in_source() -> set[str]:
    found = set()
    for path in WEB.rglob("*"):
        if "migrations" in path.parts or not path.is_file():
            continue
        rel = path.relative_to(WEB).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        in_python = path.suffix == ".py" and _python_mentions(text)
        in_template = path.suffix == ".html" and re.search(r"""name=["']next["']""", text)
        if in_python or in_template:
            found.add(rel)
    return found


def test_every_file_that_mentions_next_is_listed() -> None:
    assert next_readers_in_source() == set(READERS) | set(NOT_A_DESTINATION)


def test_readers_go_through_safe_next_and_nothing_else_checks_hosts() -> None:
    for rel in READERS:
        text = (WEB / rel).read_text(encoding="utf-8")
        assert "safe_next(" in text, rel
        assert not re.search(r"""(GET|POST)(\.get\(|\[)["']next""", text), rel
    for path in WEB.rglob("*.py"):
        if path.name != "redirects.py":
            assert "url_has_allowed_host_and_scheme" not in path.read_text(encoding="utf-8")


def _user(name: str) -> Any:
    return get_user_model().objects.create_user(username=name, password=PASSWORD)


def via_login(client: Client, target: str) -> Any:
    _user("someone")
    url = reverse("accounts:login") + "?" + f"next={quote(target, safe='')}"
    return client.post(url, {"login": "someone", "password": PASSWORD, "next": target})


def via_logout(client: Client, target: str) -> Any:
    client.force_login(_user("someone"))
    return client.post(reverse("accounts:logout"), {"next": target})


def via_totp(client: Client, target: str) -> Any:
    from django.core.cache import cache

    cache.clear()  # allauth remembers used codes in the cache
    admin = _user("office-admin")
    actions.create_office("架空事業所", "9900000001", "その他", admin)
    secret = generate_totp_secret()
    TOTP.activate(admin, secret)
    client.force_login(admin)
    url = reverse("mfa_reauthenticate") + "?" + f"next={quote(target, safe='')}"
    counter = int(time.time()) // 30
    return client.post(url, {"code": format_hotp_value(hotp_value(secret, counter))})


DRIVERS: dict[str, Callable[[Client, str], Any]] = {
    "accounts:login": via_login,
    "accounts:logout": via_logout,
    "mfa_reauthenticate": via_totp,
}


def test_each_reader_has_a_driver() -> None:
    assert sorted(DRIVERS) == sorted(name for names in READERS.values() for name in names)


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("name", sorted(DRIVERS))
def test_a_hostile_next_is_not_followed(client: Client, name: str, hostile: str) -> None:
    response = DRIVERS[name](client, hostile)
    assert response.status_code == 302, response.status_code
    location = response.headers["Location"]
    parts = urlsplit(location)
    assert not parts.scheme and not parts.netloc, location
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(DRIVERS))
def test_a_next_on_this_site_is_followed(client: Client, name: str) -> None:
    response = DRIVERS[name](client, "/office/people/?q=1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/office/people/?q=1"
