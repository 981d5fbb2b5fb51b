"""Migration 0009: a report written before the sections keeps its whole text as 支援内容."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("offices", "0008_per_person_reward_inputs")]
AFTER = [("offices", "0009_report_sections_and_office_contact")]


@pytest.mark.django_db(transaction=True)
def test_the_old_body_becomes_the_support_section() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("auth", "User").objects.create(username="migration-writer")
    office = old.get_model("offices", "Office").objects.create(
        name="架空移行事業所", number="9900000055", area_grade="その他"
    )
    person = old.get_model("offices", "Person").objects.create(
        office=office,
        display_name="架空 移子",
        disability_category="mental",
        came_from_service="transition",
        plan_type="self_plan",
    )
    body = "架空 移子 様 2024年5月 支援レポート\n■ 今月の支援\n・5月9日 職場訪問\n"
    old.get_model("offices", "MonthlyReport").objects.create(
        office=office, person=person, month=date(2024, 5, 1), body=body, created_by=user
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    report = new.get_model("offices", "MonthlyReport")._base_manager.get()
    assert report.support == body
    assert (report.work, report.life, report.issues, report.next_month) == ("", "", "", "")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the latest for other tests
