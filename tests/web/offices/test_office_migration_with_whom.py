"""Migration 0007: each contact's single 相手 becomes a list of one, and face to face follows
the method (Table 13 by the core's mapping; an office's own method when it was marked so)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("offices", "0006_labels_of_consent_and_partner")]
AFTER = [("offices", "0007_corrections_history_and_support_plans")]


@pytest.mark.django_db(transaction=True)
def test_single_with_whom_becomes_a_list_and_face_to_face_follows_the_method() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("auth", "User").objects.create(username="m-user")
    office = old.get_model("offices", "Office").objects.create(
        name="架空移行事業所", number="9900000077", area_grade="その他"
    )
    Channel = old.get_model("offices", "Channel")
    phone = Channel.objects.create(office=office, key="phone", label="電話")
    visit = Channel.objects.create(office=office, key="home_visit", label="家庭訪問")
    own_face = Channel.objects.create(office=office, key="douko", label="同行支援")
    own_not = Channel.objects.create(office=office, key="fax", label="FAX")
    person = old.get_model("offices", "Person").objects.create(
        office=office,
        display_name="架空 移子",
        disability_category="mental",
        came_from_service="transition",
        plan_type="self_plan",
    )
    Contact = old.get_model("offices", "Contact")
    rows = [  # (channel, with_whom, face_to_face as once ticked)
        (phone, "employer", True),  # a call ticked face to face: a call is not
        (visit, "family", False),  # a home visit left unticked: it is
        (own_face, "person", True),
        (own_not, "medical", False),
    ]
    for channel, whom, face in rows:
        Contact.objects.create(
            office=office,
            person=person,
            day=date(2025, 5, 1),
            channel=channel,
            with_whom=whom,
            face_to_face=face,
            staff=user,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    found = {
        c.channel.key: (c.with_whom, c.face_to_face)
        for c in new.get_model("offices", "Contact").objects.select_related("channel")
    }
    assert found == {
        "phone": (["employer"], False),
        "home_visit": (["family"], True),
        "douko": (["person"], True),
        "fax": (["medical"], False),
    }
    faces = {c.key: c.face_to_face for c in new.get_model("offices", "Channel").objects.all()}
    assert faces == {"phone": False, "home_visit": True, "douko": True, "fax": False}
