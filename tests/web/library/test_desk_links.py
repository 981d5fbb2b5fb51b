"""The desk's result of each challenge item links to the published cases that answer it."""

from __future__ import annotations

import re

import pytest
from crawl import signed_in

from teichaku.web.demo import DEMO_RESEARCHER, seed_demo
from teichaku.web.library.models import PracticeCase, State
from teichaku.web.surveys.models import Survey

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_each_item_links_to_its_published_cases() -> None:
    list(seed_demo())
    survey = Survey.objects.get(instrument_name="retention-challenges-2024")
    client = signed_in(DEMO_RESEARCHER)
    page = client.get(f"/desk/{survey.token}/tables/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    links = dict(re.findall(r'href="/practices/\?challenge=(q\d\d_\w+)">[^<]*（(\d+) 件）', page))
    # Independent count: the published cases naming each item.
    expected = {}
    for challenges in PracticeCase.objects.filter(state=State.PUBLISHED).values_list(
        "challenges", flat=True
    ):
        for key in challenges:
            if ":" not in key:
                expected[key] = str(int(expected.get(key, "0")) + 1)
    assert links == expected
    assert len(links) == 12
    listing = client.get("/practices/", {"challenge": "q01_securing_users"}).content.decode()
    assert listing.count('class="practice"') == int(links["q01_securing_users"])
