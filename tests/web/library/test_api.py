"""``/api/v1/practices/`` on the API router: public, cursor-paged like the other lists, in the
OpenAPI schema, published cases only, the same fields as before the move."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from teichaku.library.exchange import dump_cases
from teichaku.library.seeds import seed_cases
from teichaku.web.api import paging
from teichaku.web.library.exchange import import_text
from teichaku.web.library.models import PracticeCase, State

pytestmark = pytest.mark.django_db


def test_paged_to_the_end_it_is_every_published_case_and_nothing_else(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    import_text(dump_cases(seed_cases(), "https://pref.example.jp"), "seeds")
    hidden = PracticeCase.objects.order_by("pk").first()
    assert hidden is not None
    hidden.state = State.DECLINED
    hidden.save()
    PracticeCase.objects.filter(pk=hidden.pk + 1).update(state=State.DRAFT)
    settings.TEICHAKU_BASE_URL = ""
    monkeypatch.setattr(paging, "PAGE_SIZE", 5)
    client = Client()  # no token, no session
    url: str | None = "/api/v1/practices/"
    items: list[dict[str, Any]] = []
    while url:
        page = client.get(url).json()
        assert set(page) == {"items", "next"}
        items += page["items"]
        url = page["next"]
    published = PracticeCase.objects.filter(state=State.PUBLISHED).order_by("pk")
    assert [i["id"] for i in items] == [str(c.public_id) for c in published]
    assert len(items) == len(seed_cases()) - 2
    first, case = items[0], published[0]
    assert first == {
        "id": str(case.public_id),
        "title": case.title,
        "challenges": case.challenges,
        "prefecture": case.prefecture,
        "published_at": case.published_at.isoformat() if case.published_at else None,
        "url": f"http://testserver/practices/{case.public_id}/",
    }


def test_filters_and_schema() -> None:
    import_text(dump_cases(seed_cases(), "https://pref.example.jp"), "seeds")
    client = Client()
    by_item = client.get("/api/v1/practices/", {"challenge": "q01_securing_users"}).json()
    expected = [
        str(c.public_id)
        for c in PracticeCase.objects.order_by("pk")
        if "q01_securing_users" in c.challenges
    ]
    assert [i["id"] for i in by_item["items"]] == expected and expected
    one = PracticeCase.objects.order_by("pk").first()
    assert one is not None
    by_place = client.get("/api/v1/practices/", {"prefecture": one.prefecture}).json()
    assert by_place["items"] and {i["prefecture"] for i in by_place["items"]} == {one.prefecture}
    assert client.get("/api/v1/practices/", {"after": "x"}).status_code == 400
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/practices/" in schema["paths"]
