"""The demo seeding makes the two coding projects from the demo survey, once."""

from __future__ import annotations

import pytest
from django.test import Client

from teichaku.web.coding.models import AppliedCode, CodingProject, Review
from teichaku.web.demo import DEMO_RESEARCHER, seed_demo

from .test_coding_views import TABLE_14, table_counts


@pytest.mark.django_db
def test_demo_seeds_coding_projects_from_the_survey_and_is_idempotent() -> None:
    lines = list(seed_demo())
    projects = CodingProject.objects.filter(team__name="デモ研究チーム").order_by("question")
    assert [p.question for p in projects] == ["other_org_users_text", "self_plan_text"]
    assert all(p.survey is not None and p.survey.team_id == p.team_id for p in projects)
    assert any("/coding/" in line for line in lines)
    coded = AppliedCode.objects.count()
    reviews = Review.objects.count()
    assert coded > 0 and reviews == 61 + 95  # every description read by the demo researcher
    assert {r.coder.username for r in Review.objects.select_related("coder")} == {DEMO_RESEARCHER}
    list(seed_demo())
    assert CodingProject.objects.count() == 2
    assert (AppliedCode.objects.count(), Review.objects.count()) == (coded, reviews)
    client = Client()
    client.force_login(Review.objects.first().coder)  # type: ignore[union-attr]
    table14 = projects.get(question="other_org_users_text")
    html = client.get(f"/coding/{table14.token}/results/").content.decode()
    assert table_counts(html) == TABLE_14
