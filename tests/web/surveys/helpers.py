"""Answering the public form with Django's test client, page by page, as a browser would."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.http import HttpResponse as Response
from django.test import Client

from teichaku.web.surveys.models import Survey

_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
_PAGE = re.compile(r'name="page" value="(\d+)"')


def form_token(response: Response) -> str:
    match = _TOKEN.search(response.content.decode())
    assert match, response.content.decode()[:500]
    return match.group(1)


def page_index(response: Response) -> int:
    match = _PAGE.search(response.content.decode())
    assert match
    return int(match.group(1))


def begin(client: Client, survey: Survey, **extra: str) -> Response:
    response = client.post(f"/s/{survey.token}/", {"consent": "yes", **extra})
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def answer_all(
    client: Client, survey: Survey, answers: Mapping[str, object], **extra: str
) -> tuple[Response, str]:
    """Consent, then post `answers` on every page until the form stops asking."""
    response = begin(client, survey, **extra)
    token = form_token(response)
    for _ in range(10):
        data = {**answers, "form_token": token, "page": page_index(response), "nav": "next"}
        response = client.post(f"/s/{survey.token}/answer/", {**data, **extra})
        if response.status_code != 200 or "error-summary" in response.content.decode():
            return response, token
    raise AssertionError("the form never ended")
