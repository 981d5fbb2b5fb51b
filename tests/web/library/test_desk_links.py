"""The survey's results link each challenge item and each coded category (Tables 14–15) to
the published cases that answer it: the desk's tables, the coding results and the
report.html download."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from crawl import signed_in

from teichaku.library.challenges import builtin_challenges
from teichaku.web.coding.models import CodingProject
from teichaku.web.demo import DEMO_RESEARCHER, seed_demo
from teichaku.web.library.models import PracticeCase, State
from teichaku.web.surveys import services
from teichaku.web.surveys.models import Survey

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
LINK = r'href="/practices/\?challenge=([\w%]+)">[^<（]*（(\d+) 件）'


def expected_counts() -> dict[str, int]:
    """Independent count: the published cases naming each challenge."""
    counts: Counter[str] = Counter()
    for challenges in PracticeCase.objects.filter(state=State.PUBLISHED).values_list(
        "challenges", flat=True
    ):
        counts.update(challenges)
    return dict(counts)


def test_items_and_categories_link_to_their_published_cases(tmp_path: Path, settings: Any) -> None:
    list(seed_demo())
    survey = Survey.objects.get(instrument_name="retention-challenges-2024")
    client = signed_in(DEMO_RESEARCHER)
    page = client.get(f"/desk/{survey.token}/tables/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    links = {unquote(key): int(n) for key, n in re.findall(LINK, page)}
    expected = expected_counts()
    assert links == expected
    assert len([k for k in links if ":" not in k]) == 12
    assert {k.split(":")[0] for k in links if ":" in k} == {
        "other_org_users_text",
        "self_plan_text",
    }
    listing = client.get("/practices/", {"challenge": "q01_securing_users"}).content.decode()
    assert listing.count('class="practice"') == links["q01_securing_users"]
    category = "self_plan_text:life_support_roles"
    listing = client.get("/practices/", {"challenge": category}).content.decode()
    assert listing.count('class="practice"') == links[category] > 0

    # The coding workbench's results: each category row with cases links to them.
    project = CodingProject.objects.get(survey=survey, question="other_org_users_text")
    results = client.get(f"/coding/{project.token}/results/").content.decode()
    on_results = {unquote(key): int(n) for key, n in re.findall(LINK, results)}
    assert on_results == {k: n for k, n in expected.items() if k.startswith(project.question)}
    assert on_results

    # The downloaded report.html (read offline): absolute links on the public address. The
    # desk's tables do not code the text questions (the coding workbench does), so the
    # report has the items' links; `teichaku analyze --codings` reports carry the categories'.
    settings.TEICHAKU_BASE_URL = "https://pref.example.jp"
    html = services.write_export(survey, "report.html", tmp_path).read_text(encoding="utf-8")
    in_report = {
        unquote(key)
        for key in re.findall(
            r'href="https://pref\.example\.jp/practices/\?challenge=([\w%]+)"', html
        )
    }
    assert in_report == {k for k in expected if ":" not in k}
    assert set(expected) <= {c.key for c in builtin_challenges()}
